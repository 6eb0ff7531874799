package io.codeanatomy.runtime.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cached directory listings of CSV tables, bounded as {@code list_files_cache_limit} (bytes of
 * cached paths) and {@code list_files_cache_ttl} say; the least recently used listing goes first.
 */
final class ListingCache {

  private record Entry(List<Path> files, long bytes, Instant listedAt) {}

  private final Clock clock;
  private final Map<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  ListingCache(Clock clock) {
    this.clock = clock;
  }

  synchronized List<Path> files(Path location, ScanSettings settings) {
    Entry cached = entries.get(location);
    Optional<Duration> ttl = settings.listFilesCacheTtl();
    if (cached != null && (ttl.isEmpty()
        || cached.listedAt().plus(ttl.get()).isAfter(clock.instant()))) {
      return cached.files();
    }
    if (cached != null) {
      entries.remove(location);
      bytes -= cached.bytes();
    }
    List<Path> files = CsvRows.list(location, settings.ignoreSubdirectory());
    long size = files.stream().mapToLong(p -> p.toString().length()).sum();
    if (size <= settings.listFilesCacheLimit()) {
      entries.put(location, new Entry(files, size, clock.instant()));
      bytes += size;
      while (bytes > settings.listFilesCacheLimit()) {
        Map.Entry<Path, Entry> eldest = entries.entrySet().iterator().next();
        bytes -= eldest.getValue().bytes();
        entries.remove(eldest.getKey());
      }
    }
    return files;
  }
}

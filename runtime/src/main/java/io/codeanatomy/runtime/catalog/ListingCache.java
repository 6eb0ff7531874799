package io.codeanatomy.runtime.catalog;

import io.codeanatomy.contracts.relspec.CacheKind;
import io.codeanatomy.contracts.relspec.CacheStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Cached directory listings of CSV tables, bounded as {@code list_files_cache_limit} (bytes of
 * cached paths) and {@code list_files_cache_ttl} say; the least recently used listing goes first.
 * Within its TTL a listing is served from the cache, as DataFusion's list-files cache serves it;
 * what the cache cannot promise is that the directory still holds those files. So each listing
 * remembers the modification time of every directory it read, and a hit whose directories
 * changed since (a file added or removed within the TTL) is still served but counted, and named,
 * as possibly stale. Checking costs one {@code stat} per directory, not a listing.
 *
 * <p>Thread-safe: every method is synchronized.
 */
final class ListingCache {

  /**
   * One listing: the files, their size in the cache, when they were listed, and the modification
   * time of each directory read (the file itself for a one-file table) at that moment.
   */
  private record Entry(List<Path> files, long bytes, Instant listedAt,
      SortedMap<Path, FileTime> directories) {}

  private final Clock clock;
  private final Map<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Set<Path> possiblyStale = new LinkedHashSet<>();
  private long bytes;
  private long hits;
  private long misses;
  private long evictions;
  private long possiblyStaleHits;
  private long limitBytes;
  private Optional<Duration> ttl;

  /** @param settings the catalog's scan settings: the limit and TTL the diagnostics report */
  ListingCache(Clock clock, ScanSettings settings) {
    this.clock = clock;
    this.limitBytes = settings.listFilesCacheLimit();
    this.ttl = settings.listFilesCacheTtl();
  }

  synchronized List<Path> files(Path location, ScanSettings settings) {
    limitBytes = settings.listFilesCacheLimit();
    ttl = settings.listFilesCacheTtl();
    Entry cached = entries.get(location);
    if (cached != null && (ttl.isEmpty()
        || cached.listedAt().plus(ttl.get()).isAfter(clock.instant()))) {
      hits++;
      if (!cached.directories().equals(modificationTimes(cached.directories().keySet()))) {
        possiblyStaleHits++;
        possiblyStale.add(location);
      }
      return cached.files();
    }
    misses++;
    if (cached != null) {
      entries.remove(location);
      bytes -= cached.bytes();
      evictions++; // its time to live is over
    }
    List<Path> files = CsvRows.list(location, settings.ignoreSubdirectory());
    long size = files.stream().mapToLong(p -> p.toString().length()).sum();
    if (size <= settings.listFilesCacheLimit()) {
      entries.put(location, new Entry(files, size, clock.instant(),
          modificationTimes(directories(location, settings.ignoreSubdirectory()))));
      bytes += size;
      while (bytes > settings.listFilesCacheLimit()) {
        Map.Entry<Path, Entry> eldest = entries.entrySet().iterator().next();
        bytes -= eldest.getValue().bytes();
        entries.remove(eldest.getKey());
        evictions++;
      }
    }
    return files;
  }

  /** The directories a listing of {@code location} reads: itself, and below it when it walks. */
  private static List<Path> directories(Path location, boolean ignoreSubdirectory) {
    if (!Files.isDirectory(location) || ignoreSubdirectory) {
      return List.of(location);
    }
    try (Stream<Path> walk = Files.walk(location)) {
      return walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException e) {
      throw new CatalogException("cannot list " + location + ": " + e.getMessage(), e);
    }
  }

  /** Each path's modification time now; a path that is gone has none (so it differs). */
  private static SortedMap<Path, FileTime> modificationTimes(Iterable<Path> paths) {
    SortedMap<Path, FileTime> times = new TreeMap<>();
    for (Path path : paths) {
      try {
        times.put(path, Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
      } catch (IOException e) {
        // gone or unreadable: left out, so that the listing no longer matches
      }
    }
    return times;
  }

  /** The listings served while their directory had changed, each once, in the order found. */
  synchronized List<Path> possiblyStale() {
    return List.copyOf(new ArrayList<>(possiblyStale));
  }

  /** The counters of the cache. */
  synchronized CacheStats stats() {
    CacheStats.Builder stats = CacheStats.newBuilder()
        .setCache(CacheKind.LIST_FILES)
        .setEntries(entries.size())
        .setHits(hits)
        .setMisses(misses)
        .setEvictions(evictions)
        .setLimitBytes(limitBytes)
        .setPossiblyStaleHits(possiblyStaleHits);
    ttl.ifPresent(t -> stats.setTtlSeconds(t.toSeconds()));
    return stats.build();
  }
}

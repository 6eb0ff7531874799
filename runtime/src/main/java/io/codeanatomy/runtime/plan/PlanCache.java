package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.CacheKind;
import io.codeanatomy.contracts.relspec.CacheStats;
import io.codeanatomy.contracts.relspec.DeltaInput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Plans by identity, for one session and its overlays. A request (a query's text in a session)
 * remembers the identity it planned to; a hit returns the bundle as long as every table the plan
 * read is still at the version it read. Replacing a table's rows, or a {@code DELETE} that removes
 * some, drops every entry that read it, and the diagnostics count those as evictions. Bounded by
 * bytes, least recently used first: the plans (Substrait and plan texts) and the requests (their
 * names and texts; the newest request is always kept). Counters travel in plan bundles and
 * execution packages as cache diagnostics, outside every hash.
 */
public final class PlanCache {

  private final long limitBytes;
  private final Clock clock;
  private final Map<String, PlanBundle> byIdentity = new LinkedHashMap<>(16, 0.75f, true);
  /** Access order: the least recently used request first. */
  private final Map<Request, String> identityByRequest = new LinkedHashMap<>(16, 0.75f, true);
  /** By identity: the catalog's change count when the entry's table versions last matched. */
  private final Map<String, Long> checkedAt = new HashMap<>();
  private final List<String> invalidations = new ArrayList<>();
  private long bytes;
  private long requestBytes;
  private long hits;
  private long misses;
  private long evictions;

  /**
   * What a request is: its kind ({@code sql}, {@code dag}), name and text, and the session
   * environment it is planned in (overlays of a session share its cache). Compared by value, not
   * hashed with SHA-256: a hit then costs a map lookup (String caches its hash code), where a
   * digest of the text cost more than the whole hit for a TPC-DS query (docs/benchmarks.md).
   */
  record Request(String kind, String name, String text, String rulepackHash,
      boolean explainPerRule) {}

  public PlanCache(long limitBytes, Clock clock) {
    if (limitBytes < 0) {
      throw new IllegalArgumentException("a cache limit is not negative: " + limitBytes);
    }
    this.limitBytes = limitBytes;
    this.clock = clock;
  }

  /**
   * The bundle planned for {@code request} before, if it is still valid.
   *
   * @param catalogChanges the catalog's count of row changes now ({@code Catalog.changes()})
   * @param tableVersion the current version of a table, by name
   */
  synchronized PlanBundle lookup(Request request, long catalogChanges,
      ToLongFunction<String> tableVersion) {
    String identity = identityByRequest.get(request);
    PlanBundle bundle = identity == null ? null : byIdentity.get(identity);
    // Unchanged catalog, unchanged tables: one comparison instead of one lookup per table read.
    if (bundle != null && !Long.valueOf(catalogChanges).equals(checkedAt.get(identity))) {
      for (DeltaInput input : bundle.fingerprint().getDeltaInputsList()) {
        if (tableVersion.applyAsLong(input.getDataset()) != input.getVersion()) {
          remove(identity, "table " + input.getDataset() + " changed after " + bundle.name()
              + " was planned");
          bundle = null;
          break;
        }
      }
      if (bundle != null) {
        checkedAt.put(identity, catalogChanges);
      }
    }
    if (bundle == null) {
      misses++;
      return null;
    }
    hits++;
    return bundle.served(diagnostics(), true);
  }

  /** Caches a freshly planned bundle; returns it with the diagnostics after the insert. */
  synchronized PlanBundle put(Request request, PlanBundle bundle) {
    long size = size(bundle);
    if (size <= limitBytes && !byIdentity.containsKey(bundle.identityHash())) {
      byIdentity.put(bundle.identityHash(), bundle);
      bytes += size;
      while (bytes > limitBytes) {
        Iterator<String> eldest = byIdentity.keySet().iterator();
        String victim = eldest.next();
        remove(victim, "over the cache limit of " + limitBytes + " bytes");
      }
    }
    if (identityByRequest.put(request, bundle.identityHash()) == null) {
      requestBytes += size(request);
    }
    trimRequests(request);
    return bundle.served(diagnostics(), false);
  }

  /** Drops every plan that read {@code table}: its rows were replaced. */
  public synchronized void invalidate(String table) {
    invalidate(table, "");
  }

  /**
   * Drops every plan that read {@code table}, because of {@code cause} (a statement that changed
   * it: the invalidations name it).
   *
   * @param cause what changed the table, or empty
   * @return the entries dropped, as {@link #invalidations()} records them
   */
  public synchronized List<String> invalidate(String table, String cause) {
    List<String> stale = new ArrayList<>();
    byIdentity.forEach((identity, bundle) -> {
      if (bundle.fingerprint().getDeltaInputsList().stream()
          .anyMatch(d -> d.getDataset().equalsIgnoreCase(table))) {
        stale.add(identity);
      }
    });
    String reason = "table " + table.toUpperCase(Locale.ROOT) + " changed"
        + (cause.isEmpty() ? "" : " (" + cause + ")");
    List<String> dropped = new ArrayList<>();
    for (String identity : stale) {
      String entry = remove(identity, reason);
      if (entry != null) {
        dropped.add(entry);
      }
    }
    return List.copyOf(dropped);
  }

  /** Removes an entry; returns what the invalidations record of it, or null if it was gone. */
  private String remove(String identity, String reason) {
    PlanBundle removed = byIdentity.remove(identity);
    String entry = null;
    if (removed != null) {
      bytes -= size(removed);
      evictions++;
      entry = removed.name() + ": " + reason;
      invalidations.add(entry);
    }
    identityByRequest.entrySet().removeIf(request -> {
      boolean planned = request.getValue().equals(identity);
      if (planned) {
        requestBytes -= size(request.getKey());
      }
      return planned;
    });
    checkedAt.remove(identity);
    return entry;
  }

  /**
   * Forgets the least recently used requests while plans and requests together are over the
   * limit, never {@code newest}. A plan whose requests are all forgotten stays until it is the
   * least recently used plan; its bytes are counted all along.
   */
  private void trimRequests(Request newest) {
    Iterator<Map.Entry<Request, String>> eldest = identityByRequest.entrySet().iterator();
    while (bytes + requestBytes > limitBytes && eldest.hasNext()) {
      Request request = eldest.next().getKey();
      if (request.equals(newest)) {
        break;
      }
      eldest.remove();
      requestBytes -= size(request);
    }
  }

  private static long size(Request request) {
    return request.name().length() + request.text().length();
  }

  private static long size(PlanBundle bundle) {
    return bundle.substraitBytes().size() + bundle.unoptimizedPlan().length()
        + bundle.optimizedPlan().length() + bundle.physicalPlan().length();
  }

  /** Why entries left the cache, oldest first: what the diagnostics' evictions count. */
  public synchronized List<String> invalidations() {
    return List.copyOf(invalidations);
  }

  /** The counters now, stamped with the clock's time (provenance). */
  public synchronized CacheDiagnostics diagnostics() {
    return CacheDiagnostics.newBuilder()
        .addCaches(CacheStats.newBuilder()
            .setCache(CacheKind.PLAN)
            .setEntries(byIdentity.size())
            .setHits(hits)
            .setMisses(misses)
            .setEvictions(evictions)
            .setLimitBytes(limitBytes))
        .setEventTimeUnixMs(clock.millis())
        .build();
  }
}

package io.codeanatomy.runtime.relspec;

import io.codeanatomy.contracts.relspec.CacheKind;
import io.codeanatomy.contracts.relspec.CacheStats;
import io.codeanatomy.contracts.relspec.PlanMetrics;
import io.codeanatomy.contracts.relspec.RunMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A statistics cache of the rows plans produced: for a plan (by fingerprint), the rows it
 * returned over inputs of given sizes (the row count of each table it read). A plan that runs
 * again over inputs of the same sizes is estimated from what it produced, not from the planner's
 * guess; that is how repeated runs on the same data stop revising calibration thresholds. It
 * starts empty or from a previous run's metrics ({@link #of(RunMetrics)}), and learns from each
 * execution ({@code PlanningSession.execute}).
 *
 * <p>Bounded to {@link #MAX_ENTRIES} plans, least recently used first. Thread-safe: every method
 * is synchronized.
 */
public final class ObservedRows {

  /** The most plans it remembers. */
  public static final int MAX_ENTRIES = 100_000;

  /** What a plan produced, over inputs of these sizes. */
  private record Observation(SortedMap<String, Long> inputRows, long rows) {}

  private final Map<String, Observation> byFingerprint = new LinkedHashMap<>(16, 0.75f, true);
  private long hits;
  private long misses;
  private long evictions;

  private ObservedRows() {}

  /** An empty cache. */
  public static ObservedRows empty() {
    return new ObservedRows();
  }

  /** A cache that knows what each plan of a previous run produced, over its inputs' sizes. */
  public static ObservedRows of(RunMetrics previous) {
    ObservedRows observed = new ObservedRows();
    for (PlanMetrics plan : new TreeMap<>(previous.getPlansMap()).values()) {
      observed.put(plan.getFingerprint(), new TreeMap<>(plan.getInputRowsMap()),
          plan.getActualRows());
    }
    return observed;
  }

  /**
   * The rows the plan produced before over inputs of the same sizes; empty (a miss) when it never
   * ran, or ran over inputs of other sizes.
   */
  public synchronized OptionalLong lookup(String fingerprint, Map<String, Long> inputRows) {
    Observation observation = byFingerprint.get(fingerprint);
    if (observation != null && observation.inputRows().equals(new TreeMap<>(inputRows))) {
      hits++;
      return OptionalLong.of(observation.rows());
    }
    misses++;
    return OptionalLong.empty();
  }

  /**
   * Records what a plan produced. An observation of the plan over inputs of other sizes, or with
   * another result, is replaced: an eviction.
   */
  public synchronized void record(String fingerprint, Map<String, Long> inputRows, long rows) {
    Observation previous = put(fingerprint, new TreeMap<>(inputRows), rows);
    if (previous != null && !previous.equals(byFingerprint.get(fingerprint))) {
      evictions++;
    }
  }

  private Observation put(String fingerprint, SortedMap<String, Long> inputRows, long rows) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (rows < 0) {
      throw new IllegalArgumentException("a plan produces no fewer than 0 rows, got " + rows);
    }
    Observation previous = byFingerprint.put(fingerprint,
        new Observation(Collections.unmodifiableSortedMap(inputRows), rows));
    while (byFingerprint.size() > MAX_ENTRIES) {
      byFingerprint.remove(byFingerprint.keySet().iterator().next());
      evictions++;
    }
    return previous;
  }

  /** The counters: a cache of kind {@code statistics}; its limit is in entries, not bytes. */
  public synchronized CacheStats stats() {
    return CacheStats.newBuilder()
        .setCache(CacheKind.STATISTICS)
        .setEntries(byFingerprint.size())
        .setHits(hits)
        .setMisses(misses)
        .setEvictions(evictions)
        .build();
  }
}

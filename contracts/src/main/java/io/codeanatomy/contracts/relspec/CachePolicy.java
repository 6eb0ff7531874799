package io.codeanatomy.contracts.relspec;

/** Whether and where a view's results are cached. */
public enum CachePolicy {
  /** Not cached. */
  NONE,
  /** Cached in a Delta staging table, rebuilt per run. */
  DELTA_STAGING,
  /** Written as a Delta output table that later runs read. */
  DELTA_OUTPUT
}

package io.codeanatomy.runtime.rules;

import java.util.Locale;

/** The planning phases a rule belongs to, in the order planning runs them. */
public enum Phase {
  /** Checks of the unoptimized plan: a rule here refuses a plan, it never rewrites it. */
  ANALYZER,
  /** Logical rewrites, applied in order by a heuristic planner, as often as max_passes says. */
  LOGICAL,
  /** Rules that turn the optimized logical plan into an executable (Enumerable) one. */
  PHYSICAL;

  /** {@code analyzer}, as snapshots and diagnostics name it. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}

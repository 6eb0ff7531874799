package io.codeanatomy.contracts.relspec;

/** How strictly a compiled plan is validated before it runs; the default is {@link #WARN}. */
public enum ValidationMode {
  /** No validation. */
  OFF,
  /** Problems are reported and the plan runs. */
  WARN,
  /** Problems stop the plan. */
  ERROR
}

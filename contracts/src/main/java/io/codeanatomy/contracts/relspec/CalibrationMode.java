package io.codeanatomy.contracts.relspec;

/**
 * Whether calibration changes thresholds. The legacy names {@code observe} and {@code apply} are
 * accepted where a mode enters the system ({@code Calibration.mode(String)} in the runtime) and
 * never stored.
 */
public enum CalibrationMode {
  /** No calibration. */
  OFF,
  /** Compute new thresholds and report them; keep the current ones. */
  WARN,
  /** Compute new thresholds and use them. */
  ENFORCE
}

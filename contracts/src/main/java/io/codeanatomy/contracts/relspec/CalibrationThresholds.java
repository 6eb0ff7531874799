package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Contract;

/**
 * The thresholds that calibration adjusts from execution metrics.
 *
 * @param highFanout joins with more matches per row than this are high fan-out (default 2)
 * @param smallTableRows tables with fewer rows are small (default 10000)
 * @param largeTableRows tables with more rows are large (default 1000000)
 */
@Contract(name = "calibration_thresholds", version = 1)
public record CalibrationThresholds(long highFanout, long smallTableRows, long largeTableRows)
    implements CalibrationThresholdsContract.Mixin {

  /** The defaults of docs/domain.md, section 6. */
  public static final CalibrationThresholds DEFAULTS = new CalibrationThresholds(2, 10_000, 1_000_000);
}

package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Contract;

/**
 * How far calibration may move each threshold.
 *
 * @param highFanout bounds of {@code high_fanout} (default 1..10)
 * @param smallTableRows bounds of {@code small_table_rows} (default 1000..100000)
 * @param largeTableRows bounds of {@code large_table_rows} (default 100000..10000000)
 */
@Contract(name = "calibration_bounds", version = 1)
public record CalibrationBounds(Bound highFanout, Bound smallTableRows, Bound largeTableRows)
    implements CalibrationBoundsContract.Mixin {

  /** The bounds of docs/domain.md, section 6. */
  public static final CalibrationBounds DEFAULTS = new CalibrationBounds(
      new Bound(1, 10), new Bound(1_000, 100_000), new Bound(100_000, 10_000_000));
}

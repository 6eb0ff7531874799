package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Bag;
import io.codeanatomy.contracts.annotations.Contract;
import java.util.List;

/**
 * What one calibration did.
 *
 * @param mode the mode it ran in
 * @param costRatio actual cost divided by predicted cost
 * @param before the thresholds it started from
 * @param proposed the thresholds it computed (clamped to the bounds)
 * @param applied the thresholds in force afterwards: {@code proposed} when enforced, else
 *     {@code before}
 * @param clamped the thresholds whose computed value lay outside its bounds
 */
@Contract(name = "calibration_result", version = 1, forwardCompatible = true)
public record CalibrationResult(
    CalibrationMode mode,
    double costRatio,
    CalibrationThresholds before,
    CalibrationThresholds proposed,
    CalibrationThresholds applied,
    @Bag List<String> clamped)
    implements CalibrationResultContract.Mixin {}

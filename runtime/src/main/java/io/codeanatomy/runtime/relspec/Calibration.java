package io.codeanatomy.runtime.relspec;

import io.codeanatomy.contracts.canonical.SettingTextException;
import io.codeanatomy.contracts.relspec.Bound;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.CalibrationBounds;
import io.codeanatomy.contracts.relspec.CalibrationMode;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import io.codeanatomy.contracts.relspec.CacheKind;
import io.codeanatomy.contracts.relspec.PlanMetrics;
import io.codeanatomy.contracts.relspec.RunMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Calibration of thresholds from execution metrics (docs/domain.md, section 6): each new threshold is
 * {@code round(0.3 * current * (actual_cost / predicted_cost) + 0.7 * current)}, clamped to its
 * bounds; {@code WARN} reports it, {@code ENFORCE} applies it.
 */
public final class Calibration {

  /** The weight of the observation; the rest stays with the current value. */
  static final double OBSERVATION_WEIGHT = 0.3;

  private Calibration() {}

  /**
   * The mode named by {@code text}, the place where modes enter the system: the legacy names
   * {@code observe} (= warn) and {@code apply} (= enforce) are normalized here and never stored.
   */
  public static CalibrationMode mode(String text) {
    String normalized = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return switch (normalized) {
      case "off" -> CalibrationMode.OFF;
      case "warn", "observe" -> CalibrationMode.WARN;
      case "enforce", "apply" -> CalibrationMode.ENFORCE;
      default -> throw new SettingTextException(
          "one of off, warn, enforce (or the legacy observe, apply)", text);
    };
  }

  /**
   * Calibrates {@code current} from one run's cost.
   *
   * @param actualCost what the run cost (rows, time: the same unit as the prediction)
   * @param predictedCost what the plan predicted; positive
   */
  public static CalibrationResult calibrate(CalibrationMode mode, CalibrationThresholds current,
      CalibrationBounds bounds, double actualCost, double predictedCost) {
    if (!(predictedCost > 0) || !(actualCost >= 0) || Double.isInfinite(actualCost)) {
      throw new IllegalArgumentException("calibration needs a positive predicted cost and a "
          + "finite, non-negative actual cost; got actual " + actualCost + ", predicted "
          + predictedCost);
    }
    double ratio = actualCost / predictedCost;
    List<String> clamped = new ArrayList<>();
    CalibrationThresholds proposed = mode == CalibrationMode.OFF ? current
        : new CalibrationThresholds(
            next("high_fanout", current.highFanout(), ratio, bounds.highFanout(), clamped),
            next("small_table_rows", current.smallTableRows(), ratio, bounds.smallTableRows(),
                clamped),
            next("large_table_rows", current.largeTableRows(), ratio, bounds.largeTableRows(),
                clamped));
    CalibrationThresholds applied = mode == CalibrationMode.ENFORCE ? proposed : current;
    return new CalibrationResult(mode, ratio, current, proposed, applied, List.copyOf(clamped));
  }

  /**
   * The cost ratio of a run: the rows its plans produced over the rows they were estimated to
   * produce, summed over the plans. Like is compared with like (rows with rows, plan by plan, from
   * the same estimates the plans were judged by), and both sums count as at least one row, so
   * that a run that predicted nothing and produced nothing has the ratio 1.
   */
  public static double costRatio(RunMetrics metrics) {
    double estimated = 0;
    long actual = 0;
    // Summed in the order of the plans' names: a map read back may iterate in another order,
    // and a floating-point sum depends on it.
    for (PlanMetrics plan : new TreeMap<>(metrics.getPlansMap()).values()) {
      if (!(plan.getEstimatedRows() >= 0) || Double.isInfinite(plan.getEstimatedRows())
          || plan.getActualRows() < 0) {
        throw new IllegalArgumentException("a plan's metrics are finite and not negative: "
            + "estimated " + plan.getEstimatedRows() + ", actual " + plan.getActualRows());
      }
      estimated += plan.getEstimatedRows();
      actual += plan.getActualRows();
    }
    return Math.max(1, actual) / Math.max(1.0, estimated);
  }

  /**
   * Whether a run's estimates may be stale by its cache diagnostics: the plan cache dropped plans
   * during the run (a table changed after its plans were estimated), or a cache answered from an
   * entry whose source had changed (a directory listing). Such a run does not enforce.
   */
  public static boolean possiblyStale(CacheDiagnostics diagnostics) {
    return diagnostics.getCachesList().stream().anyMatch(c ->
        c.getCache() == CacheKind.PLAN && c.getEvictions() > 0
            || c.getPossiblyStaleHits() > 0);
  }

  /**
   * Calibrates from a run's metrics and the cache diagnostics it ran with: the cost ratio is
   * {@link #costRatio}; when the diagnostics say the estimates may be stale
   * ({@link #possiblyStale}), {@code enforce} only proposes, as {@code warn} does.
   */
  public static CalibrationResult calibrate(CalibrationMode mode, CalibrationThresholds current,
      CalibrationBounds bounds, RunMetrics metrics, CacheDiagnostics diagnostics) {
    CalibrationMode effective = possiblyStale(diagnostics) && mode == CalibrationMode.ENFORCE
        ? CalibrationMode.WARN : mode;
    return calibrate(effective, current, bounds, costRatio(metrics), 1.0);
  }

  private static long next(String name, long current, double ratio, Bound bound,
      List<String> clamped) {
    long computed = Math.round(OBSERVATION_WEIGHT * current * ratio
        + (1 - OBSERVATION_WEIGHT) * current);
    long value = bound.clamp(computed);
    if (value != computed) {
      clamped.add(name);
    }
    return value;
  }
}

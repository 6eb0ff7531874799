package io.codeanatomy.runtime.relspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.canonical.SettingTextException;
import io.codeanatomy.contracts.relspec.CalibrationBounds;
import io.codeanatomy.contracts.relspec.CalibrationMode;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  private static final CalibrationThresholds DEFAULTS = CalibrationThresholds.DEFAULTS;
  private static final CalibrationBounds BOUNDS = CalibrationBounds.DEFAULTS;

  @Test
  void legacyModeNamesAreNormalizedWhereTheyEnter() {
    assertEquals(CalibrationMode.WARN, Calibration.mode("observe"));
    assertEquals(CalibrationMode.ENFORCE, Calibration.mode("apply"));
    assertEquals(CalibrationMode.ENFORCE, Calibration.mode(" Enforce "));
    assertEquals(CalibrationMode.OFF, Calibration.mode("off"));
    SettingTextException e = assertThrows(SettingTextException.class,
        () -> Calibration.mode("sometimes"));
    assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
    assertTrue(e.getMessage().contains("off, warn, enforce"), e.getMessage());
  }

  @Test
  void enforceAppliesTheFormula() {
    // actual / predicted = 2: round(0.3 * c * 2 + 0.7 * c) = round(1.3 * c)
    CalibrationResult result = Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS, BOUNDS,
        200, 100);
    assertEquals(2.0, result.costRatio());
    assertEquals(new CalibrationThresholds(3, 13_000, 1_300_000), result.proposed());
    assertEquals(result.proposed(), result.applied());
    assertEquals(DEFAULTS, result.before());
    assertEquals(List.of(), result.clamped());
  }

  @Test
  void warnProposesButKeepsTheCurrentThresholds() {
    CalibrationResult result = Calibration.calibrate(CalibrationMode.WARN, DEFAULTS, BOUNDS, 50,
        100);
    // ratio 0.5: round(0.85 * c); 0.85 * 2 = 1.7 rounds to 2
    assertEquals(new CalibrationThresholds(2, 8_500, 850_000), result.proposed());
    assertEquals(DEFAULTS, result.applied());
  }

  @Test
  void offChangesNothing() {
    CalibrationResult result = Calibration.calibrate(CalibrationMode.OFF, DEFAULTS, BOUNDS, 900,
        1);
    assertEquals(DEFAULTS, result.proposed());
    assertEquals(DEFAULTS, result.applied());
  }

  @Test
  void computedThresholdsAreClampedToTheirBoundsAndNamed() {
    CalibrationResult up = Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS, BOUNDS, 100,
        1);
    assertEquals(new CalibrationThresholds(10, 100_000, 10_000_000), up.applied());
    assertEquals(List.of("high_fanout", "small_table_rows", "large_table_rows"), up.clamped());
    CalibrationResult down = Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS, BOUNDS, 0,
        1);
    // ratio 0: round(0.7 * c); 0.7 * 2 = 1.4 -> 1, which lies in 1..10
    assertEquals(new CalibrationThresholds(1, 7_000, 700_000), down.applied());
    assertEquals(List.of(), down.clamped());
  }

  private static io.codeanatomy.contracts.relspec.RunMetrics metrics(double estimated,
      long actual) {
    return io.codeanatomy.contracts.relspec.RunMetrics.newBuilder()
        .putPlans("a", io.codeanatomy.contracts.relspec.PlanMetrics.newBuilder()
            .setEstimatedRows(estimated / 4).setActualRows(actual / 4).build())
        .putPlans("b", io.codeanatomy.contracts.relspec.PlanMetrics.newBuilder()
            .setEstimatedRows(estimated - estimated / 4).setActualRows(actual - actual / 4)
            .build())
        .build();
  }

  @Test
  void metricsAndCacheDiagnosticsDriveIt() {
    io.codeanatomy.contracts.relspec.CacheDiagnostics clean =
        io.codeanatomy.contracts.relspec.CacheDiagnostics.newBuilder()
            .addCaches(io.codeanatomy.contracts.relspec.CacheStats.newBuilder()
                .setCache(io.codeanatomy.contracts.relspec.CacheKind.PLAN).setHits(3))
            .addCaches(io.codeanatomy.contracts.relspec.CacheStats.newBuilder()
                .setCache(io.codeanatomy.contracts.relspec.CacheKind.STATISTICS)
                .setEvictions(2))
            .build();
    // Rows against rows, summed over the plans: 200 produced for 100 estimated.
    CalibrationResult enforced = Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS, BOUNDS,
        metrics(100, 200), clean);
    assertEquals(CalibrationMode.ENFORCE, enforced.mode());
    assertEquals(2.0, enforced.costRatio());
    assertEquals(new CalibrationThresholds(3, 13_000, 1_300_000), enforced.applied());
    // Plans were dropped during the run: their estimates may be stale, so it only proposes.
    io.codeanatomy.contracts.relspec.CacheDiagnostics evicted = clean.toBuilder()
        .setCaches(0, clean.getCaches(0).toBuilder().setEvictions(1)).build();
    CalibrationResult proposed = Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS, BOUNDS,
        metrics(100, 200), evicted);
    assertEquals(CalibrationMode.WARN, proposed.mode());
    assertEquals(DEFAULTS, proposed.applied());
    assertEquals(enforced.proposed(), proposed.proposed());
    // So does a listing served after its directory changed.
    io.codeanatomy.contracts.relspec.CacheDiagnostics stale = clean.toBuilder()
        .addCaches(io.codeanatomy.contracts.relspec.CacheStats.newBuilder()
            .setCache(io.codeanatomy.contracts.relspec.CacheKind.LIST_FILES)
            .setPossiblyStaleHits(1))
        .build();
    assertEquals(CalibrationMode.WARN, Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS,
        BOUNDS, metrics(100, 200), stale).mode());
    // An estimate of no rows counts as one; so does a result of none.
    assertEquals(5.0, Calibration.calibrate(CalibrationMode.WARN, DEFAULTS, BOUNDS,
        metrics(0, 5), clean).costRatio());
    assertEquals(1.0, Calibration.costRatio(metrics(0, 0)));
    assertEquals(0.25, Calibration.costRatio(metrics(4, 0)));
  }

  @Test
  void estimatesThatMatchWhatRanLeaveTheThresholdsAsTheyAre() {
    CalibrationThresholds odd = new CalibrationThresholds(3, 12_345, 987_654);
    CalibrationResult result = Calibration.calibrate(CalibrationMode.ENFORCE, odd, BOUNDS,
        metrics(1234, 1234), io.codeanatomy.contracts.relspec.CacheDiagnostics
            .getDefaultInstance());
    assertEquals(1.0, result.costRatio());
    assertEquals(odd, result.applied());
    assertEquals(List.of(), result.clamped());
  }

  @Test
  void costsThatCannotFormARatioAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS, BOUNDS, 10, 0));
    assertTrue(e.getMessage().contains("predicted 0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS, BOUNDS, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Calibration.calibrate(CalibrationMode.ENFORCE, DEFAULTS, BOUNDS, -1, 1));
  }
}

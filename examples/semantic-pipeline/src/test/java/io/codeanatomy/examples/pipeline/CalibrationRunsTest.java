package io.codeanatomy.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.relspec.CalibrationMode;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import io.codeanatomy.contracts.relspec.EstimateSource;
import io.codeanatomy.contracts.relspec.RunMetrics;
import io.codeanatomy.runtime.artifacts.RunLayout;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.codeanatomy.runtime.payload.RecordPayloads;
import io.codeanatomy.runtime.relspec.Calibration;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration in {@code enforce} is a feedback loop over the runs in one output folder: each run
 * starts from the thresholds the previous one applied, estimates its plans from what the previous
 * one's plans produced, and calibrates from its own metrics (metrics.json) and cache diagnostics.
 * On the same data it settles: five runs, the last two apply the same thresholds.
 */
class CalibrationRunsTest {

  private static final int ROWS = 200;

  @Test
  void fiveEnforceRunsOnTheSameDataConverge(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    List<CalibrationResult> results = new ArrayList<>();
    List<RunMetrics> metrics = new ArrayList<>();
    List<String> from = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      PipelineRun.Summary summary = PipelineRun.run(new PipelineRun.Options("default", ROWS,
          out, OptionalLong.empty(), "enforce"), OpenTelemetry.noop(), (step, ms) -> { });
      assertEquals(List.of(), summary.verification().problems(), "run " + run);
      results.add(summary.calibration());
      from.add(summary.calibratedFrom());
      RunMetrics written = ProtoPayloads.of(RunMetrics.class).fromJson(
          Files.readAllBytes(out.resolve(RunLayout.METRICS))).value();
      metrics.add(written);
      // What the run wrote is what it calibrated from: the cost ratio of its own metrics.
      CalibrationResult recorded = RecordPayloads.of(CalibrationResult.class).fromJson(
          Files.readAllBytes(out.resolve(RunLayout.CALIBRATION))).value();
      assertEquals(summary.calibration(), recorded, "run " + run);
      assertEquals(Calibration.costRatio(written), recorded.costRatio(), "run " + run);
      assertEquals(CalibrationMode.ENFORCE, recorded.mode(), "run " + run
          + ": no cache reported stale estimates");
    }
    // The first run starts from the defaults, with the planner's estimates, and moves them.
    assertEquals("the default thresholds", from.get(0));
    assertEquals(CalibrationThresholds.DEFAULTS, results.get(0).before());
    assertNotEquals(1.0, results.get(0).costRatio());
    assertNotEquals(CalibrationThresholds.DEFAULTS, results.get(0).applied());
    metrics.get(0).getPlansMap().values().forEach(plan ->
        assertEquals(EstimateSource.PLANNER, plan.getEstimateSource()));
    // Each later run continues from the one before it ...
    for (int run = 1; run < 5; run++) {
      assertTrue(from.get(run).startsWith("the previous run in "), from.get(run));
      assertEquals(results.get(run - 1).applied(), results.get(run).before(), "run " + run);
    }
    // ... and, its plans now estimated from what they produced, stops changing the thresholds.
    metrics.get(4).getPlansMap().forEach((plan, m) -> {
      assertEquals(EstimateSource.OBSERVED, m.getEstimateSource(), plan);
      assertEquals((double) m.getActualRows(), m.getEstimatedRows(), plan);
    });
    assertEquals(results.get(3).applied(), results.get(4).applied());
    assertEquals(results.get(4).before(), results.get(4).applied());
  }
}

package io.codeanatomy.examples.pipeline;

import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.CalibrationBounds;
import io.codeanatomy.contracts.relspec.CalibrationMode;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.runtime.artifacts.ColumnLineage;
import io.codeanatomy.runtime.artifacts.RunArtifacts;
import io.codeanatomy.runtime.artifacts.RunLayout;
import io.codeanatomy.runtime.artifacts.RunLocationException;
import io.codeanatomy.runtime.artifacts.StagedRun;
import io.codeanatomy.runtime.artifacts.Verification;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.PlanMetrics;
import io.codeanatomy.contracts.relspec.RunMetrics;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.codeanatomy.runtime.payload.RecordPayloads;
import io.codeanatomy.runtime.relspec.ObservedRows;
import io.codeanatomy.runtime.rules.OverlayProfile;
import java.nio.file.Files;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.relspec.Calibration;
import io.codeanatomy.runtime.results.EngineProvenance;
import io.codeanatomy.runtime.results.RunResults;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.spark.SparkEngine;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One run of the pipeline: the anatomy sample, a session under a profile, every view planned as
 * one DAG, the views executed on the chosen engine (embedded, or Spark on the sealed Substrait
 * bytes) with the output views written as Parquet into the run being written, the policy
 * compiled, the lineage inferred, the thresholds calibrated, the package sealed, and every
 * artifact written and verified.
 */
public final class PipelineRun {

  /**
   * What a run is asked for.
   *
   * @param profile the core policy profile to plan under
   * @param rows the size of the anatomy sample
   * @param out where artifacts go
   * @param createdAtUnixMs an explicit creation time, to replay a package byte for byte
   * @param calibration the calibration mode, as {@code Calibration.mode} reads it
   * @param engine where the views execute
   * @param master the Spark master URL (with {@link ViewEngine.Kind#spark})
   * @param sparkConf Spark settings over the engine's own (with {@link ViewEngine.Kind#spark})
   * @param overlay the rule experiment to plan under, with its per-rule deltas; null plans
   *     with the surface's rulepack and records no deltas
   */
  public record Options(String profile, int rows, Path out, OptionalLong createdAtUnixMs,
      String calibration, ViewEngine.Kind engine, String master, Map<String, String> sparkConf,
      OverlayProfile overlay) {

    /** On the embedded engine, with the surface's rulepack. */
    public Options(String profile, int rows, Path out, OptionalLong createdAtUnixMs,
        String calibration) {
      this(profile, rows, out, createdAtUnixMs, calibration, ViewEngine.Kind.embedded,
          "local[*]", Map.of(), null);
    }

    /** On {@code engine}, with the surface's rulepack. */
    public Options(String profile, int rows, Path out, OptionalLong createdAtUnixMs,
        String calibration, ViewEngine.Kind engine, String master,
        Map<String, String> sparkConf) {
      this(profile, rows, out, createdAtUnixMs, calibration, engine, master, sparkConf, null);
    }

    public Options {
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(master, "master");
      sparkConf = Map.copyOf(sparkConf);
    }
  }

  /**
   * What a view produced.
   *
   * @param contentHash the content hash of its written rows (output views); null otherwise
   */
  public record ViewResult(String name, long rows, String fingerprint, String identity,
      boolean output, String contentHash) {}

  /**
   * What a run produced; timings are in milliseconds, by step.
   *
   * @param verification what verifying the written artifacts found: its problems are empty when
   *     they are intact
   * @param engine the engine that executed the views (provenance, outside every fingerprint)
   * @param calibratedFrom where the thresholds calibration started from: the defaults, or the
   *     previous run in the output folder (enforce continues from it)
   * @param caches the cache diagnostics the package carries
   */
  public record Summary(String profile, int anatomyRows, List<ViewResult> views,
      String packageFingerprint, String policyFingerprint, CalibrationResult calibration,
      Map<String, Long> timings, Path out, Verification verification, EngineProvenance engine,
      String calibratedFrom, CacheDiagnostics caches) {}

  /** Reports steps; {@link PipelineMain} prints those that take more than a second. */
  public interface Progress {
    void step(String name, long millis);
  }

  private PipelineRun() {}

  /**
   * Runs the pipeline. Its inputs, the output folder and (with Spark) the master are checked
   * before any work; the results and the artifacts are written into a hidden folder beside the
   * output folder that takes its place whole only when everything is written, so that a failed
   * run leaves the folder's previous run (its results with it), or nothing.
   *
   * @throws io.codeanatomy.contracts.support.UnknownProfileException for an unknown profile
   * @throws io.codeanatomy.contracts.canonical.SettingTextException for an unknown calibration
   *     mode
   * @throws RunLocationException when no run can be written to {@code options.out()}
   * @throws io.codeanatomy.spark.EngineUnavailableException when Spark cannot be started against
   *     the master
   * @throws io.codeanatomy.spark.UnsupportedPlanException when Spark refuses a plan (before it
   *     runs any)
   * @throws IOException when writing or verifying the artifacts fails
   */
  public static Summary run(Options options, OpenTelemetry telemetry, Progress progress)
      throws IOException {
    CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.profile(options.profile());
    CalibrationMode calibrationMode = Calibration.mode(options.calibration());
    RunArtifacts.checkLocation(options.out());
    Map<String, Long> timings = new LinkedHashMap<>();
    // Enforce is a feedback loop over the runs in one folder: it continues from the previous
    // run's thresholds and what its plans produced. Other modes start afresh every time.
    PreviousRun previous = calibrationMode == CalibrationMode.ENFORCE
        ? timedIo("read previous run", timings, progress, () -> PreviousRun.read(options.out()))
        : PreviousRun.NONE;
    // Spark before any work: an unreachable master fails the run before anything is done.
    SparkEngine spark = options.engine() == ViewEngine.Kind.spark
        ? timed("start spark", timings, progress,
            () -> SparkEngine.start(options.master(), options.sparkConf()))
        : null;
    try {
      return run(options, telemetry, progress, policy, calibrationMode, timings, spark,
          previous);
    } finally {
      if (spark != null) {
        spark.close();
      }
    }
  }

  private static Summary run(Options options, OpenTelemetry telemetry, Progress progress,
      CodeAnatomyPolicy policy, CalibrationMode calibrationMode, Map<String, Long> timings,
      SparkEngine spark, PreviousRun previous) throws IOException {
    var anatomy = timed("generate", timings, progress,
        () -> SemanticPipeline.anatomy(options.rows()));
    try (PlanningSession base = timed("build session", timings, progress,
        () -> SemanticPipeline.session(policy, options.profile(), anatomy, previous.observed()))) {
      // An overlay shares the base session's tables and caches; closing the base closes both.
      PlanningSession session = options.overlay() == null ? base
          : base.overlay(options.overlay());
      return run(options, telemetry, progress, calibrationMode, timings, spark, previous,
          anatomy, session);
    }
  }

  private static Summary run(Options options, OpenTelemetry telemetry, Progress progress,
      CalibrationMode calibrationMode, Map<String, Long> timings, SparkEngine spark,
      PreviousRun previous, Map<String, SemanticPipeline.TableData> anatomy,
      PlanningSession session) throws IOException {
    try (ViewEngine engine = spark == null ? ViewEngine.embedded(session)
            : ViewEngine.spark(spark, session);
        StagedRun run = RunArtifacts.stage(options.out())) {
      List<PlanBundle> bundles = timed("plan", timings, progress,
          () -> SemanticPipeline.planOneDag(session));
      // Estimated before anything runs: afterwards the statistics would know the answers.
      Map<String, PlanningSession.RowEstimate> estimates = new LinkedHashMap<>();
      bundles.forEach(b -> estimates.put(b.name(), session.estimateRows(b)));
      timed("load tables", timings, progress, () -> {
        engine.load();
        return null;
      });
      Map<String, Long> counts = timed("execute", timings, progress,
          () -> engine.run(bundles, run));
      SortedMap<String, RunResults.View> written = timedIo("hash results", timings, progress,
          () -> {
            SortedMap<String, RunResults.View> views = new TreeMap<>();
            for (PlanBundle bundle : bundles) {
              if (ViewEngine.isOutput(bundle)) {
                RunResults.View view = run.result(bundle.name());
                views.put(bundle.name(), view);
                counts.put(bundle.name(), view.rows());
              }
            }
            return views;
          });
      PolicyCompiler compiler = new PolicyCompiler(telemetry);
      CompiledExecutionPolicy compiled = timed("compile policy", timings, progress,
          () -> compiler.compile(bundles, session.environment(), ValidationMode.WARN));
      SortedMap<String, SortedMap<String, List<String>>> lineage = timed("infer lineage",
          timings, progress, () -> compiler.lineage(bundles));
      RunMetrics.Builder metrics = RunMetrics.newBuilder();
      for (PlanBundle bundle : bundles) {
        PlanningSession.RowEstimate estimate = estimates.get(bundle.name());
        metrics.putPlans(bundle.name(), PlanMetrics.newBuilder()
            .setFingerprint(bundle.fingerprintHash())
            .setEstimatedRows(estimate.rows())
            .setEstimateSource(estimate.source())
            .setActualRows(counts.get(bundle.name()))
            .putAllInputRows(estimate.inputRows())
            .build());
      }
      CalibrationResult calibration = Calibration.calibrate(calibrationMode,
          previous.thresholds(), CalibrationBounds.DEFAULTS, metrics.build(),
          session.cacheDiagnostics());
      ExecutionPackage pkg = options.createdAtUnixMs().isPresent()
          ? session.executionPackage(bundles, manifestHash(),
              options.createdAtUnixMs().getAsLong())
          : session.executionPackage(bundles, manifestHash());
      Map<String, byte[]> extras = new TreeMap<>();
      extras.put(RunLayout.LINEAGE, ColumnLineage.toJson(lineage));
      extras.put(RunLayout.CALIBRATION, RecordPayloads.of(CalibrationResult.class)
          .toJson(calibration).getBytes(StandardCharsets.UTF_8));
      extras.put(RunLayout.METRICS, ProtoPayloads.of(RunMetrics.class).toJson(metrics.build())
          .getBytes(StandardCharsets.UTF_8));
      timedIo("write artifacts", timings, progress, () -> {
        run.commit(bundles, compiled, pkg, session.environment(), extras, engine.provenance());
        return null;
      });
      Verification verification = timedIo("verify", timings, progress,
          () -> RunArtifacts.check(options.out()));
      List<ViewResult> views = new ArrayList<>();
      for (PlanBundle bundle : bundles) {
        RunResults.View view = written.get(bundle.name());
        views.add(new ViewResult(bundle.name(), counts.get(bundle.name()),
            bundle.fingerprintHash(), bundle.identityHash(),
            Relationship.named(bundle.name()).orElseThrow().output(),
            view == null ? null : view.contentHash()));
      }
      int anatomyRows = anatomy.values().stream().mapToInt(t -> t.rows().size()).sum();
      return new Summary(options.profile(), anatomyRows, views, pkg.getPackageFingerprint(),
          compiled.policyFingerprint(), calibration, timings, options.out(), verification,
          engine.provenance(), previous.describe(), pkg.getCacheDiagnostics());
    }
  }

  /**
   * What enforce continues from: the thresholds the previous run in the output folder applied,
   * and what its plans produced (seeding the statistics of observed rows). Read only from a run
   * that verifies; otherwise calibration starts from the defaults.
   *
   * @param source the folder it came from, or null for none
   */
  record PreviousRun(Path source, CalibrationThresholds thresholds, RunMetrics metrics) {

    static final PreviousRun NONE = new PreviousRun(null, CalibrationThresholds.DEFAULTS,
        null);

    /** A fresh statistics cache, or one that knows the previous run's plans. */
    ObservedRows observed() {
      return metrics == null ? ObservedRows.empty() : ObservedRows.of(metrics);
    }

    String describe() {
      return source == null ? "the default thresholds" : "the previous run in " + source;
    }

    static PreviousRun read(Path out) throws IOException {
      if (!Files.isRegularFile(out.resolve(RunLayout.RUN))
          || !Files.isRegularFile(out.resolve(RunLayout.CALIBRATION))
          || !Files.isRegularFile(out.resolve(RunLayout.METRICS))
          || !RunArtifacts.check(out).intact()) {
        return NONE;
      }
      CalibrationResult calibration = RecordPayloads.of(CalibrationResult.class)
          .fromJson(Files.readAllBytes(out.resolve(RunLayout.CALIBRATION))).value();
      RunMetrics metrics = ProtoPayloads.of(RunMetrics.class)
          .fromJson(Files.readAllBytes(out.resolve(RunLayout.METRICS))).value();
      return new PreviousRun(out, calibration.applied(), metrics);
    }
  }

  /** The SHA-256 of the core contract manifest: what a Rust engine checks it was built with. */
  static String manifestHash() {
    try (InputStream in = PipelineRun.class.getResourceAsStream(
        "/META-INF/codeanatomy/contracts.manifest.json")) {
      if (in == null) {
        throw new IllegalStateException("the core contract manifest is not on the class path");
      }
      return Sha256.hex(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T timed(String step, Map<String, Long> timings, Progress progress,
      Supplier<T> work) {
    long start = System.nanoTime();
    T result = work.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    timings.put(step, millis);
    progress.step(step, millis);
    return result;
  }

  /** A step that reads or writes files. */
  private interface IoStep<T> {
    T run() throws IOException;
  }

  private static <T> T timedIo(String step, Map<String, Long> timings, Progress progress,
      IoStep<T> work) throws IOException {
    long start = System.nanoTime();
    T result = work.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    timings.put(step, millis);
    progress.step(step, millis);
    return result;
  }
}

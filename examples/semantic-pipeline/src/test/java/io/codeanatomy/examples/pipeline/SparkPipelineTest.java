package io.codeanatomy.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.artifacts.RunArtifacts;
import io.codeanatomy.runtime.artifacts.RunLayout;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.spark.EngineUnavailableException;
import io.codeanatomy.spark.SparkEngine;
import io.codeanatomy.spark.UnsupportedPlanException;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The semantic pipeline on both engines: every view's sealed plan returns the same rows on Spark
 * as on the embedded engine; the span join runs as a join on its equality key, never as a
 * Cartesian product; the main job on either engine writes the same per-view row counts and
 * content hashes under the same package fingerprint; a Spark run that fails leaves the previous
 * run whole; engine failures get the main job's exit codes. One local Spark context at a time
 * (two cores), bounded by the sample's size.
 */
class SparkPipelineTest {

  private static final int ROWS = 1_500;
  private static final String MASTER = "local[2]";

  @TempDir
  static Path dir;

  private static PipelineRun.Summary embedded;
  private static PipelineRun.Summary spark;

  @BeforeAll
  static void runBothEngines() throws Exception {
    embedded = PipelineRun.run(options(dir.resolve("embedded"), ViewEngine.Kind.embedded),
        OpenTelemetry.noop(), (step, millis) -> { });
    spark = PipelineRun.run(options(dir.resolve("spark"), ViewEngine.Kind.spark),
        OpenTelemetry.noop(), (step, millis) -> { });
  }

  private static PipelineRun.Options options(Path out, ViewEngine.Kind engine) {
    return options(out, engine, Map.of());
  }

  private static PipelineRun.Options options(Path out, ViewEngine.Kind engine,
      Map<String, String> conf) {
    Map<String, String> sparkConf = new TreeMap<>(conf);
    sparkConf.put("spark.sql.shuffle.partitions", "2");
    return new PipelineRun.Options("default", ROWS, out, OptionalLong.of(1L), "warn", engine,
        MASTER, sparkConf);
  }

  @AfterAll
  static void nothingLeftRunning() {
    assertTrue(org.apache.spark.sql.SparkSession.getActiveSession().isEmpty()
        || org.apache.spark.sql.SparkSession.getActiveSession().get().sparkContext().isStopped(),
        "the main job stops the Spark context it started");
  }

  @Test
  void bothEnginesWriteTheSameRowsUnderTheSamePackage() {
    assertEquals(List.of(), embedded.verification().problems());
    assertEquals(List.of(), spark.verification().problems());
    assertTrue(spark.verification().unchecked().contains("engine.json: provenance (the engine "
        + "that ran the plans and wrote the results), outside every hash; covered by run.json "
        + "only"), spark.verification().unchecked().toString());
    assertEquals("embedded", embedded.engine().name());
    assertEquals("spark", spark.engine().name());
    assertEquals(MASTER, spark.engine().master());
    assertEquals(embedded.packageFingerprint(), spark.packageFingerprint(),
        "the engine is provenance: it never enters the package fingerprint");
    assertEquals(embedded.views(), spark.views(), "rows, fingerprints and content hashes");
    assertEquals(3, spark.views().stream().filter(v -> v.contentHash() != null).count());
    for (PipelineRun.ViewResult view : spark.views()) {
      assertTrue(view.rows() > 0, view.name());
    }
  }

  @Test
  void everyViewReturnsTheSameRowsAndTheSpanJoinIsAnEquiJoin() {
    var policy = CodeAnatomyPolicyContract.profile("default");
    try (PlanningSession session = SemanticPipeline.session(policy, "default",
        SemanticPipeline.anatomy(ROWS));
        SparkEngine engine = SparkEngine.start(MASTER,
            Map.of("spark.sql.shuffle.partitions", "2"))) {
      for (var schema : AnatomyData.schemas()) {
        engine.register(session.table(schema.name()).orElseThrow());
      }
      engine.register(session.functions());
      for (PlanBundle bundle : SemanticPipeline.planOneDag(session)) {
        QueryResult onEmbedded = session.execute(bundle);
        QueryResult onSpark = engine.execute(bundle);
        assertEquals(onEmbedded.columns(), onSpark.columns(), bundle.name());
        assertFalse(onEmbedded.rows().isEmpty(), bundle.name());
        assertEquals(sorted(onEmbedded), sorted(onSpark), bundle.name());
      }
      PlanBundle span = SemanticPipeline.planOneDag(session).get(0);
      assertEquals("calls_to_definitions", span.name());
      Dataset<Row> rows = engine.dataset(span);
      rows.collectAsList();
      String executed = rows.queryExecution().executedPlan().toString();
      assertFalse(executed.contains("CartesianProduct"), executed);
      assertFalse(executed.contains("NestedLoopJoin"), executed);
      assertTrue(executed.matches("(?s).*(SortMergeJoin|BroadcastHashJoin|ShuffledHashJoin)"
          + ".*FILE_ID.*"), "joined on FILE_ID: " + executed);
    }
  }

  @Test
  void verifyNamesTheViewWhoseResultWasEditedOrRemoved() throws Exception {
    Path out = dir.resolve("spark");
    Path view = out.resolve(RunLayout.resultFolder("call_graph"));
    List<Path> parts;
    try (Stream<Path> files = Files.list(view)) {
      parts = files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    assertFalse(parts.isEmpty());
    Path part = parts.get(0);
    byte[] original = Files.readAllBytes(part);

    byte[] edited = original.clone();
    edited[edited.length / 2] ^= 1;
    Files.write(part, edited);
    List<String> problems = RunArtifacts.verify(out);
    assertFalse(problems.isEmpty());
    assertTrue(problems.stream().allMatch(p -> p.startsWith("results/call_graph (view "
        + "call_graph)")), problems.toString());

    Files.delete(part);
    problems = RunArtifacts.verify(out);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("results/call_graph (view "
        + "call_graph)") && p.contains("is missing")), problems.toString());

    Files.write(part, original);
    assertEquals(List.of(), RunArtifacts.verify(out));

    // The command line says the same and exits 1.
    Files.delete(part);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int code = io.codeanatomy.runtime.cli.CodeAnatomyCli.run(new PrintStream(stdout, true,
        StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
        "verify", out.toString());
    Files.write(part, original);
    assertEquals(1, code);
    assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("(view call_graph)"),
        stdout.toString(StandardCharsets.UTF_8));
  }

  /** What the main job printed and returned. */
  private record Outcome(int code, String out, String err) {}

  private static Outcome main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PipelineMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** Exit code 2, one line naming the problem. */
  private static void assertUsage(Outcome outcome, String... expected) {
    assertEquals(PipelineMain.EXIT_USAGE, outcome.code(), outcome.out() + outcome.err());
    assertEquals(1, outcome.err().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("semantic-pipeline: "), outcome.err());
    for (String text : expected) {
      assertTrue(outcome.err().contains(text), outcome.err());
    }
  }

  @Test
  void badEngineFlagsGetTheUsageBeforeAnyWork() {
    Outcome flink = main("--engine", "flink");
    assertUsage(flink, "--engine", "flink", "see 'semantic-pipeline --help'");
    assertEquals("", flink.out());
    assertUsage(main("--master", "local[2]"), "--master applies to --engine spark");
    assertUsage(main("--spark-conf", "spark.executor.memory=1g"),
        "--spark-conf applies to --engine spark");
  }

  @Test
  void anUnreachableMasterIsAUsageErrorAndWritesNothing() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: nothing listens there
    }
    Path out = dir.resolve("unreachable");
    Outcome outcome = main("--engine", "spark", "--master", "spark://127.0.0.1:" + port,
        "--out", out.toString());
    assertUsage(outcome, "cannot reach the Spark master spark://127.0.0.1:" + port);
    assertFalse(Files.exists(out), "nothing was written");
    assertUsage(main("--engine", "spark", "--master", "mesos://somewhere", "--out",
        out.toString()), "unknown Spark master URL 'mesos://somewhere'");
    assertFalse(Files.exists(out), "nothing was written");
  }

  @Test
  void engineFailuresMapOntoTheExitCodes() {
    Path out = Path.of("some-run");
    StringWriter err = new StringWriter();
    assertEquals(PipelineMain.EXIT_USAGE, PipelineMain.failure(new UnsupportedPlanException(
        "call_graph: relation ExchangeRel is not run by the Spark engine"), out,
        new PrintWriter(err, true)));
    assertEquals("semantic-pipeline: the Spark engine refuses a plan, before any plan ran: "
        + "call_graph: relation ExchangeRel is not run by the Spark engine; some-run is as it "
        + "was (the embedded engine, --engine embedded, runs every plan the session plans)\n",
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(PipelineMain.EXIT_USAGE, PipelineMain.failure(new EngineUnavailableException(
        "the Spark master spark://h:7077 gave the application no executor within 60 s", null),
        out, new PrintWriter(err, true)));
    assertTrue(err.toString().contains("no executor within 60 s"), err.toString());
    // A Spark job that fails on a full disk: the I/O failure behind it, exit 4.
    err.getBuffer().setLength(0);
    RuntimeException job = new RuntimeException("Job aborted due to stage failure:\n\tat ...",
        new RuntimeException("Task failed", new IOException("No space left on device")));
    assertEquals(PipelineMain.EXIT_IO, PipelineMain.failure(job, out,
        new PrintWriter(err, true)));
    assertEquals("semantic-pipeline: cannot finish the run: No space left on device; some-run "
        + "holds the previous run, or nothing\n", err.toString());
    err.getBuffer().setLength(0);
    assertEquals(PipelineMain.EXIT_INTERNAL, PipelineMain.failure(
        new IllegalStateException("a bug"), out, new PrintWriter(err, true)));
    assertEquals(PipelineMain.EXIT_IO, PipelineMain.failure(new UncheckedIOException(
        new IOException("disk")), out, new PrintWriter(err, true)));
  }

  /**
   * A Spark run that fails after it started writing (here Spark cannot load the commit protocol
   * it writes results with) leaves the previous run as it was, results and all, and nothing
   * beside it: the results are written inside the run's staging folder.
   */
  @Test
  void aSparkRunThatFailsMidwayLeavesThePreviousRunWhole() throws Exception {
    Path out = dir.resolve("replaced");
    PipelineRun.run(options(out, ViewEngine.Kind.embedded), OpenTelemetry.noop(),
        (step, millis) -> { });
    SortedMap<String, byte[]> before = snapshot(out);
    assertTrue(before.keySet().stream().anyMatch(f -> f.startsWith("results/call_graph/")),
        before.keySet().toString());
    List<String> staged = new ArrayList<>();
    Exception failed = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> PipelineRun.run(options(out, ViewEngine.Kind.spark,
            Map.of("spark.sql.sources.commitProtocolClass", "io.codeanatomy.NoSuchProtocol")),
            OpenTelemetry.noop(), (step, millis) -> {
              if (step.equals("plan")) {
                staged.addAll(beside(out));
              }
            }));
    assertEquals(1, staged.size(), "the run was being written beside the old one: " + staged);
    assertTrue(staged.get(0).startsWith(".replaced.writing-"), staged.toString());
    boolean named = false;
    for (Throwable cause = failed; cause != null && !named; cause = cause.getCause()) {
      named = String.valueOf(cause.getMessage()).contains("io.codeanatomy.NoSuchProtocol");
    }
    assertTrue(named, failed.toString());
    SortedMap<String, byte[]> after = snapshot(out);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> org.junit.jupiter.api.Assertions.assertArrayEquals(bytes,
        after.get(name), name));
    assertEquals(List.of(), RunArtifacts.verify(out));
    assertEquals(List.of(), beside(out), "nothing left beside the run");
  }

  /** The hidden folders beside a run folder: a run being written, a run being replaced. */
  private static List<String> beside(Path run) {
    try (Stream<Path> siblings = Files.list(run.getParent())) {
      return siblings.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith("." + run.getFileName() + ".")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SortedMap<String, byte[]> snapshot(Path dir) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static List<String> sorted(QueryResult result) {
    List<String> rows = new ArrayList<>();
    result.rows().forEach(row -> rows.add(row.toString()));
    rows.sort(Comparator.naturalOrder());
    assertNotNull(rows);
    return rows;
  }
}

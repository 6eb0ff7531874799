package io.codeanatomy.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyProfiles;
import io.codeanatomy.runtime.artifacts.RunArtifacts;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.results.RunResults;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.spark.SparkEngine;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 * Cartesian product; and the main job on either engine writes the same per-view row counts and
 * content hashes under the same package fingerprint. One local Spark context at a time (two
 * cores), bounded by the sample's size.
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
    return new PipelineRun.Options("default", ROWS, out, OptionalLong.of(1L), "warn", engine,
        MASTER, Map.of("spark.sql.shuffle.partitions", "2"));
  }

  @AfterAll
  static void nothingLeftRunning() {
    assertTrue(org.apache.spark.sql.SparkSession.getActiveSession().isEmpty()
        || org.apache.spark.sql.SparkSession.getActiveSession().get().sparkContext().isStopped(),
        "the main job stops the Spark context it started");
  }

  @Test
  void bothEnginesWriteTheSameRowsUnderTheSamePackage() {
    assertEquals(List.of(), embedded.verification());
    assertEquals(List.of(), spark.verification());
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
    var policy = CodeAnatomyPolicyProfiles.profile("default");
    try (PlanningSession session = SemanticPipeline.session(policy, "default",
        SemanticPipeline.anatomy(ROWS));
        SparkEngine engine = SparkEngine.start(MASTER,
            Map.of("spark.sql.shuffle.partitions", "2"))) {
      for (var schema : AnatomyData.schemas()) {
        engine.register(session.table(schema.name()).orElseThrow());
      }
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
    Path view = RunResults.folder(out, "call_graph");
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

  @Test
  void aBadEngineGetsTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PipelineMain.run(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), "--engine", "flink");
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code);
    assertTrue(text.contains("--engine") && text.contains("flink"), text);
    assertTrue(text.contains("Usage: semantic-pipeline"), text);
  }

  private static List<String> sorted(QueryResult result) {
    List<String> rows = new ArrayList<>();
    result.rows().forEach(row -> rows.add(row.toString()));
    rows.sort(Comparator.naturalOrder());
    assertNotNull(rows);
    return rows;
  }
}

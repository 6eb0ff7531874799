package io.codeanatomy.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.artifacts.RunArtifacts;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.plan.PlanningException;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.SessionException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {

  private static final int ROWS = 1_500;

  private static PipelineRun.Summary run(Path out, String profile, OptionalLong createdAt)
      throws Exception {
    return PipelineRun.run(new PipelineRun.Options(profile, ROWS, out, createdAt, "warn"),
        OpenTelemetry.noop(), (step, millis) -> { });
  }

  /** Rows as strings, sorted: the two plans may return them in different orders. */
  private static List<String> sorted(QueryResult result) {
    List<String> rows = new ArrayList<>();
    result.rows().forEach(row -> rows.add(row.toString()));
    rows.sort(Comparator.naturalOrder());
    return rows;
  }

  @Test
  void theOneDagAndTheStepByStepBaselineReturnTheSameRows() {
    var policy = CodeAnatomyPolicyContract.profile("default");
    var anatomy = SemanticPipeline.anatomy(ROWS);
    Map<String, QueryResult> baseline = SemanticPipeline.runStepByStep(policy, "default",
        anatomy);
    try (PlanningSession session = SemanticPipeline.session(policy, "default", anatomy)) {
      for (PlanBundle bundle : SemanticPipeline.planOneDag(session)) {
        QueryResult oneDag = session.execute(bundle);
        QueryResult stepByStep = baseline.get(bundle.name());
        assertEquals(stepByStep.columns(), oneDag.columns(), bundle.name());
        assertFalse(oneDag.rows().isEmpty(), bundle.name());
        assertEquals(sorted(stepByStep), sorted(oneDag), bundle.name());
      }
    }
  }

  @Test
  void twoRunsSealTheSamePackageAndAnotherProfileAnother(@TempDir Path dir) throws Exception {
    PipelineRun.Summary first = run(dir.resolve("a"), "default", OptionalLong.empty());
    PipelineRun.Summary second = run(dir.resolve("b"), "default", OptionalLong.empty());
    PipelineRun.Summary dev = run(dir.resolve("c"), "dev", OptionalLong.empty());
    assertEquals(List.of(), first.verification());
    assertEquals(first.packageFingerprint(), second.packageFingerprint());
    assertNotEquals(first.packageFingerprint(), dev.packageFingerprint());
    assertEquals(5, first.views().size());
  }

  @Test
  void aReplayWithTheCreationTimeReproducesThePackageByteForByte(@TempDir Path dir)
      throws Exception {
    run(dir.resolve("a"), "default", OptionalLong.of(1_767_225_600_000L));
    run(dir.resolve("b"), "default", OptionalLong.of(1_767_225_600_000L));
    for (String file : List.of("package.json", "package.binpb", "policy.json", "run.json")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
          Files.readAllBytes(dir.resolve("b").resolve(file)), file);
    }
  }

  @Test
  void verifyFindsEveryEditNamingTheField(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    run(out, "default", OptionalLong.of(1L));
    assertEquals(List.of(), RunArtifacts.verify(out));
    assertEdit(out, "package.json", "\"rulepack_hash\": \"", "\"rulepack_hash\": \"0",
        "rulepack_hash");
    assertEdit(out, "bundles/call_graph/fingerprint.json", "\"settings_hash\": \"",
        "\"settings_hash\": \"1", "settings_hash");
    assertEdit(out, "policy.json", "\"workload_class\": \"batch\"",
        "\"workload_class\": \"interactive\"", "policy_fingerprint");
    assertEdit(out, "bundles/call_graph/plans.txt", "EnumerableHashJoin", "EnumerableMergeJoin",
        "bundles/call_graph/plans.txt");
    byte[] substrait = Files.readAllBytes(out.resolve("bundles/call_graph/substrait.binpb"));
    byte[] edited = substrait.clone();
    edited[edited.length - 1] ^= 1;
    Files.write(out.resolve("bundles/call_graph/substrait.binpb"), edited);
    List<String> problems = RunArtifacts.verify(out);
    assertTrue(problems.stream().anyMatch(p -> p.contains("field substrait_hash")), problems
        .toString());
    Files.write(out.resolve("bundles/call_graph/substrait.binpb"), substrait);
    assertEquals(List.of(), RunArtifacts.verify(out));
  }

  /** Edits a file, expects verify to name {@code field}, and restores the file. */
  private static void assertEdit(Path out, String file, String from, String to, String field)
      throws Exception {
    Path path = out.resolve(file);
    String original = Files.readString(path, StandardCharsets.UTF_8);
    assertTrue(original.contains(from), file + " contains " + from);
    Files.writeString(path, original.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
    List<String> problems = RunArtifacts.verify(out);
    assertTrue(problems.stream().anyMatch(p -> p.contains(field)),
        "editing " + file + " is found, naming " + field + ": " + problems);
    Files.writeString(path, original, StandardCharsets.UTF_8);
    assertEquals(List.of(), RunArtifacts.verify(out), "restored " + file);
  }

  @Test
  void theRelationPlannerPlansAsTheRewriteItReplaces() {
    var policy = CodeAnatomyPolicyContract.profile("default");
    try (PlanningSession session = SemanticPipeline.session(policy, "default",
        SemanticPipeline.anatomy(200))) {
      PlanBundle planner = session.plan("pilot",
          "SELECT * FROM TABLE(relationship('calls_to_definitions'))");
      PlanBundle rewrite = session.plan("rewrite",
          "SELECT * FROM (" + Relationship.CALLS_TO_DEFINITIONS.sql() + ")");
      assertEquals(rewrite.optimizedPlan(), planner.optimizedPlan());
      assertEquals(rewrite.physicalPlan(), planner.physicalPlan());
      assertEquals(session.execute(rewrite).rows(), session.execute(planner).rows());
      PlanningException unknown = assertThrows(PlanningException.class,
          () -> session.plan("SELECT * FROM TABLE(relationship('call_graph'))"));
      assertTrue(unknown.getMessage().contains("no base relationship has that name")
          || unknown.getCause() != null, unknown.getMessage());
    }
  }

  @Test
  void theRelationPlannerComesFromTheSpecNotFromABuiltSession() {
    var policy = CodeAnatomyPolicyContract.profile("default");
    // Without the implementation, a spec that names the planner does not build.
    SessionException missing = assertThrows(SessionException.class,
        () -> PlanningSession.builder(SemanticPipeline.spec(), policy, "default").build());
    assertTrue(missing.getMessage().contains("relation planner 'relationship'"),
        missing.getMessage());
    // With a spec that does not name it, the implementation alone registers nothing.
    var withoutPlanner = io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract
        .from(SemanticPipeline.spec()).relationPlanners(List.of()).build();
    try (PlanningSession session = PlanningSession.builder(withoutPlanner, policy, "default")
        .relationPlanner(RelationshipPlanner.NAME, new RelationshipPlanner()).build()) {
      assertThrows(PlanningException.class,
          () -> session.plan("SELECT * FROM TABLE(relationship('imports_to_files'))"));
    }
  }

  @Test
  void badFlagsGetAUsageMessage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PipelineMain.run(new PrintStream(out), new PrintStream(err), "--rowz", "10");
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown options: '--rowz'"),
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    assertEquals(2, PipelineMain.run(new PrintStream(out), new PrintStream(err),
        "--profile", "turbo"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("turbo"),
        err.toString(StandardCharsets.UTF_8));
  }
}

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
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.concurrent.TimeUnit;
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
    assertEquals(List.of(), first.verification().problems());
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
    SessionException missing = assertThrows(SessionException.class, () -> {
      PlanningSession.Builder builder =
          PlanningSession.builder(SemanticPipeline.spec(), policy, "default");
      DomainFunctions.all().forEach(builder::function);
      builder.build();
    });
    assertTrue(missing.getMessage().contains("relation planner 'relationship'"),
        missing.getMessage());
    // With a spec that does not name it, the implementation alone registers nothing.
    var withoutPlanner = io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract
        .from(SemanticPipeline.spec()).relationPlanners(List.of()).build();
    PlanningSession.Builder builder = PlanningSession.builder(withoutPlanner, policy, "default")
        .relationPlanner(RelationshipPlanner.NAME, new RelationshipPlanner());
    DomainFunctions.all().forEach(builder::function);
    try (PlanningSession session = builder.build()) {
      assertThrows(PlanningException.class,
          () -> session.plan("SELECT * FROM TABLE(relationship('imports_to_files'))"));
    }
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

  /** Exit code 2, one line naming the problem, and nothing done (no header, no stack trace). */
  private static void assertUsage(Outcome outcome, String expected) {
    assertEquals(PipelineMain.EXIT_USAGE, outcome.code(), outcome.out() + outcome.err());
    assertEquals("", outcome.out(), "nothing was started");
    assertEquals(1, outcome.err().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("semantic-pipeline: "), outcome.err());
    assertTrue(outcome.err().contains(expected), outcome.err());
  }

  @Test
  void anOutputFolderNoRunCanBeWrittenToIsRefusedBeforeAnyWork(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path busy = Files.createDirectories(dir.resolve("home"));
    Files.writeString(busy.resolve("notes.txt"), "mine");
    assertUsage(main("--out", file.toString()), "is a file");
    assertUsage(main("--out", "/proc/x"), "cannot write in /proc");
    assertUsage(main("--out", "/dev/null"), "is not a folder (a device");
    assertUsage(main("--out", ""), "the output folder is empty text");
    assertUsage(main("--out", busy.toString()), "holds files but no run");
    assertEquals("mine", Files.readString(busy.resolve("notes.txt")));
  }

  @Test
  void flagsOutOfRangeAreRefusedWithUsage() {
    assertUsage(main("--created-at", "-1"), "--created-at must be a time in milliseconds");
    assertUsage(main("--created-at", "253402300800000"), "from 0 to 253402300799999");
    assertUsage(main("--created-at", "soon"), "--created-at");
    assertUsage(main("--rows", "99"), "--rows must be from 100 to 10000000, not 99");
    assertUsage(main("--rows", "2000000000"), "--rows must be from 100 to 10000000");
    assertUsage(main("--calibration", "sometimes"), "sometimes");
    assertUsage(main("--profile", "turbo"), "turbo");
  }

  /**
   * A disk that fills up while the artifacts are written: here a limit on the size of a file
   * (ulimit -f) in a JVM of its own, so that a real write fails with a real error, midway. The
   * folder keeps the previous run, byte for byte; the job says so in one line and exits 4.
   */
  @Test
  void aDiskThatFillsUpMidwayLeavesThePreviousRunAndSaysSoInOneLine(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("run");
    run(out, "default", OptionalLong.of(1L));
    SortedMap<String, byte[]> before = snapshot(out);
    // 4 KiB: more than most artifacts, less than an identity.json (its settings), so the write
    // fails after some files are written.
    assertTrue(before.values().stream().anyMatch(b -> b.length > 4096));
    assertTrue(before.values().stream().anyMatch(b -> b.length < 4096));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = "ulimit -f 4 && exec '" + java + "' -XX:-UsePerfData -cp \"$CP\" "
        + PipelineMain.class.getName() + " --rows " + ROWS + " --profile dev --out '" + out
        + "'";
    ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", command);
    builder.environment().put("CP", System.getProperty("java.class.path"));
    Process process = builder.start();
    byte[] stdout = process.getInputStream().readAllBytes();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "finished");
    assertEquals(PipelineMain.EXIT_IO, process.exitValue(),
        new String(stdout, StandardCharsets.UTF_8) + stderr);
    assertEquals(1, stderr.lines().count(), stderr);
    assertTrue(stderr.startsWith("semantic-pipeline: cannot finish the run: cannot write "),
        stderr);
    assertTrue(stderr.contains("File too large"), stderr);
    assertTrue(stderr.trim().endsWith(out + " holds the previous run, or nothing"), stderr);
    SortedMap<String, byte[]> after = snapshot(out);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    assertEquals(List.of(), RunArtifacts.verify(out));
    try (var siblings = Files.list(dir)) {
      assertEquals(List.of(out), siblings.toList(), "nothing left beside the run");
    }
  }

  private static SortedMap<String, byte[]> snapshot(Path dir) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
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

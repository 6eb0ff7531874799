package io.codeanatomy.runtime.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpec;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.cli.CodeAnatomyCli;
import io.codeanatomy.runtime.plan.Environment;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.plan.TestFunctions;
import io.codeanatomy.runtime.plan.UserFunction;
import io.codeanatomy.runtime.rules.OverlayProfile;
import io.codeanatomy.runtime.session.Corpus;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs that differ in one input: the package hash of that input differs, its snapshot is in
 * both runs' artifacts (each verifies), and {@code codeanatomy diff} names the entry that differs,
 * and nothing else.
 */
class RunDiffTest {

  @TempDir
  Path temp;

  private static final String ORDERS = "select o_orderkey, o_totalprice from orders";
  private static final String Q3 = Corpus.read(Corpus.tpchQueries().get(2));

  /** Writes a run of {@code queries} (by name) planned in {@code session}; it verifies. */
  private Path run(String name, PlanningSession session, Map<String, String> queries)
      throws IOException {
    List<PlanBundle> bundles = new ArrayList<>();
    queries.forEach((view, sql) -> bundles.add(session.plan(view, sql)));
    Environment env = session.environment();
    CompiledExecutionPolicy unsealed = new CompiledExecutionPolicy(ValidationMode.WARN,
        "batch", Map.of(), env.planningEnvironmentHash(), env.rulepackHash(),
        env.informationSchemaHash(), env.functionRegistryHash(), "");
    CompiledExecutionPolicy policy = new CompiledExecutionPolicy(ValidationMode.WARN, "batch",
        Map.of(), unsealed.planningEnvHash(), unsealed.rulepackHash(),
        unsealed.informationSchemaHash(), unsealed.functionRegistryHash(),
        CompiledExecutionPolicyContract.hash(unsealed));
    ExecutionPackage pkg = session.executionPackage(bundles, "", 7L);
    Path dir = temp.resolve(name);
    RunArtifacts.write(dir, bundles, policy, pkg, env, Map.of());
    assertEquals(List.of(), RunArtifacts.verify(dir), name + " verifies");
    return dir;
  }

  private static ExecutionPackage pkg(Path run) throws IOException {
    return RunVerifier.PACKAGES.fromJson(java.nio.file.Files.readAllBytes(
        run.resolve(RunLayout.PACKAGE_JSON))).value();
  }

  private static List<String> rendered(Path a, Path b) throws Exception {
    return RunDiff.compare(a, b).stream().map(RunDiff.Difference::render).toList();
  }

  private static String[] cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CodeAnatomyCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  /** A session over the TPC-H tables, ORDERS with {@code extra} columns at its end. */
  private static PlanningSession tpch(List<Column> extra, PlanningSurfaceSpec spec,
      UserFunction... functions) {
    PlanningSession.Builder builder = PlanningSession.builder(spec,
        CodeAnatomyPolicyContract.profile("default"), "default");
    for (UserFunction function : functions) {
      builder.function(function);
    }
    for (TableSchema schema : TableSchema.fromDdl(Corpus.tpchSchema())) {
      List<Column> columns = new ArrayList<>(schema.columns());
      if (schema.name().equals("ORDERS")) {
        columns.addAll(extra);
      }
      builder.ensureRegistered(new TableSource.Memory(new TableSchema(schema.name(), columns),
          List.of()));
    }
    return builder.build();
  }

  @Test
  void theSameInputsAreIdentical() throws Exception {
    Path a;
    Path b;
    try (PlanningSession one = Sessions.tpch("default");
        PlanningSession two = Sessions.tpch("default")) {
      a = run("a", one, Map.of("orders", ORDERS));
      b = run("b", two, Map.of("orders", ORDERS));
    }
    assertEquals(List.of(), RunDiff.compare(a, b));
    String[] result = cli("diff", a.toString(), b.toString());
    assertEquals("0", result[0], result[1] + result[2]);
    assertTrue(result[1].startsWith("identical"), result[1]);
  }

  @Test
  void anAddedTableColumnChangesTheInformationSchemaHashAndDiffNamesTheColumn()
      throws Exception {
    Path a;
    Path b;
    try (PlanningSession one = tpch(List.of(), Sessions.spec("default"));
        PlanningSession two = tpch(List.of(Column.of("O_REVIEWED", SqlTypeName.BOOLEAN, true)),
            Sessions.spec("default"))) {
      a = run("a", one, Map.of("orders", ORDERS));
      b = run("b", two, Map.of("orders", ORDERS));
    }
    assertNotEquals(pkg(a).getInformationSchemaHash(), pkg(b).getInformationSchemaHash());
    assertEquals(pkg(a).getPlanningEnvHash(), pkg(b).getPlanningEnvHash());
    assertEquals(pkg(a).getFunctionRegistryHash(), pkg(b).getFunctionRegistryHash());
    List<String> differences = rendered(a, b);
    assertTrue(differences.contains(
        "information_schema: table ORDERS column O_REVIEWED: added: BOOLEAN"), differences
        .toString());
    // Nothing else of the environment differs: only the package's hash of it (and the plan,
    // whose scan reads a table of another shape).
    for (String difference : differences) {
      assertTrue(difference.startsWith("information_schema: table ORDERS column O_REVIEWED")
          || difference.startsWith("package: information_schema_hash")
          || difference.startsWith("package: package_fingerprint")
          || difference.startsWith("plans: plan orders fingerprint"), difference);
    }
    String[] result = cli("diff", a.toString(), b.toString());
    assertEquals("1", result[0], result[1] + result[2]);
    assertTrue(result[1].contains("information_schema: table ORDERS column O_REVIEWED: added: "
        + "BOOLEAN"), result[1]);
    String[] json = cli("diff", "--json", a.toString(), b.toString());
    assertTrue(json[1].contains("\"entry\" : \"table ORDERS column O_REVIEWED\"")
        || json[1].contains("\"entry\": \"table ORDERS column O_REVIEWED\""), json[1]);
  }

  @Test
  void anAddedFunctionChangesTheRegistryAndOnlyThePlansThatCallIt() throws Exception {
    String contained = "select o_orderkey from orders "
        + "where span_contains(0, 100, o_custkey, o_custkey + 1)";
    String tagged = "select tag(o_orderstatus, o_orderkey) as t from orders";
    Path a;
    Path b;
    PlanningSurfaceSpec one = PlanningSurfaceSpecContract.from(Sessions.spec("default"))
        .functions(List.of("span_contains")).build();
    PlanningSurfaceSpec two = PlanningSurfaceSpecContract.from(Sessions.spec("default"))
        .functions(List.of("span_contains", "tag")).build();
    try (PlanningSession first = tpch(List.of(), one, TestFunctions.spanContainsFunction());
        PlanningSession second = tpch(List.of(), two, TestFunctions.spanContainsFunction(),
            TestFunctions.tagFunction())) {
      assertNotEquals(first.environment().udfSnapshotHash(),
          second.environment().udfSnapshotHash());
      a = run("a", first, Map.of("contained", contained, "orders", ORDERS));
      Map<String, String> more = new LinkedHashMap<>();
      more.put("contained", contained);
      more.put("orders", ORDERS);
      more.put("tagged", tagged);
      b = run("b", second, more);
    }
    assertNotEquals(pkg(a).getFunctionRegistryHash(), pkg(b).getFunctionRegistryHash());
    assertNotEquals(pkg(a).getCapabilitySnapshotHash(), pkg(b).getCapabilitySnapshotHash());
    // Plans that do not call the added function keep their fingerprints.
    assertEquals(pkg(a).getPlanBundleFingerprintsMap().get("orders"),
        pkg(b).getPlanBundleFingerprintsMap().get("orders"));
    assertEquals(pkg(a).getPlanBundleFingerprintsMap().get("contained"),
        pkg(b).getPlanBundleFingerprintsMap().get("contained"));
    List<String> differences = rendered(a, b);
    assertTrue(differences.stream().anyMatch(d -> d.startsWith(
        "function_registry: function tag: added: scalar (VARCHAR")), differences.toString());
    assertTrue(differences.contains("plans: plan tagged: added: planned"),
        differences.toString());
    assertFalse(differences.stream().anyMatch(d -> d.startsWith("plans: plan orders")
        || d.startsWith("plans: plan contained")), differences.toString());
    assertFalse(differences.stream().anyMatch(d -> d.startsWith("function_registry: function ")
        && !d.startsWith("function_registry: function tag:")), differences.toString());
  }

  @Test
  void aChangedSettingIsNamedWithBothValues() throws Exception {
    CodeAnatomyPolicy defaults = CodeAnatomyPolicyContract.profile("default");
    CodeAnatomyPolicy symtable = CodeAnatomyPolicyContract.profile("symtable");
    SortedMap<String, String> before = defaults.planningEnvironmentSettings();
    SortedMap<String, String> after = symtable.planningEnvironmentSettings();
    TreeSet<String> changed = new TreeSet<>(before.keySet());
    changed.addAll(after.keySet());
    changed.removeIf(key -> java.util.Objects.equals(before.get(key), after.get(key)));
    assertFalse(changed.isEmpty(), "the profiles differ in a planning-affecting setting");
    Path a;
    Path b;
    try (PlanningSession one = Sessions.tpch("default");
        PlanningSession two = Sessions.tpch("symtable")) {
      a = run("a", one, Map.of("orders", ORDERS));
      b = run("b", two, Map.of("orders", ORDERS));
    }
    List<RunDiff.Difference> differences = RunDiff.compare(a, b);
    TreeSet<String> named = new TreeSet<>();
    for (RunDiff.Difference difference : differences) {
      if (difference.section().equals("planning_environment")
          && difference.entry().startsWith("settings[")) {
        String key = difference.entry().substring("settings[".length(),
            difference.entry().length() - 1);
        named.add(key);
        assertEquals(before.get(key), difference.before(), key);
        assertEquals(after.get(key), difference.after(), key);
      }
    }
    assertEquals(changed, named);
    assertTrue(differences.stream().anyMatch(d -> d.section().equals("package")
        && d.entry().equals("planning_env_hash")), differences.toString());
  }

  /**
   * A base run and an overlay run that removes a rule, both recording per-rule deltas: the
   * rulepack difference names the removed rule, and the rules whose effect on a plan differs
   * are listed, the removed one among them.
   */
  @Test
  void anOverlayThatRemovesARuleNamesItAndTheRulesWhoseEffectDiffers() throws Exception {
    Path base;
    Path overlay;
    try (PlanningSession session = Sessions.tpch("default")) {
      base = run("base", session.overlay(OverlayProfile.explainOnly()), Map.of("q3", Q3));
      overlay = run("overlay", session.overlay(new OverlayProfile(List.of(),
          List.of("filter_into_join"), Map.of(), true)), Map.of("q3", Q3));
    }
    assertNotEquals(pkg(base).getRulepackHash(), pkg(overlay).getRulepackHash());
    assertTrue(java.nio.file.Files.isRegularFile(base.resolve(RunLayout.RULE_DELTAS)));
    List<RunDiff.Difference> differences = RunDiff.compare(base, overlay);
    assertTrue(differences.stream().anyMatch(d -> d.section().equals("rulepack")
        && d.entry().equals("logical rule filter_into_join") && d.after() == null),
        differences.toString());
    List<RunDiff.Difference> deltas = differences.stream()
        .filter(d -> d.section().equals("rule_deltas")).toList();
    assertTrue(deltas.stream().anyMatch(d -> d.entry().startsWith(
        "plan q3 rule filter_into_join (logical") && d.before().equals("changed the plan")
        && d.after() == null), deltas.toString());
    // Only rules whose effect differs are listed: far fewer than the deltas recorded.
    int recorded = RunVerifier.RULE_DELTAS.fromJson(java.nio.file.Files.readAllBytes(
        base.resolve(RunLayout.RULE_DELTAS))).value().getPlansOrThrow("q3").getDeltasCount();
    assertTrue(deltas.size() < recorded, deltas.size() + " of " + recorded);
  }

  /**
   * Verify recomputes every hash of the package from its snapshot: an edit of any snapshot, with
   * run.json recomputed as a forger would, is found naming the hash it no longer gives.
   */
  @Test
  void verifyRecomputesEveryHashFromItsSnapshot() throws Exception {
    PlanningSurfaceSpec spec = PlanningSurfaceSpecContract.from(Sessions.spec("default"))
        .functions(List.of("span_contains")).build();
    Path run;
    try (PlanningSession session = tpch(List.of(), spec, TestFunctions.spanContainsFunction())) {
      run = run("run", session, Map.of("contained", "select o_orderkey from orders "
          + "where span_contains(0, 100, o_custkey, o_custkey + 1)"));
    }
    String[][] edits = {
        {RunLayout.PLANNING_ENVIRONMENT, "\"engine_version\": \"calcite",
            "\"engine_version\": \"kalcite", "planning_env_hash"},
        {RunLayout.RULEPACK, "\"filter_merge\"", "\"filter_merged\"", "rulepack_hash"},
        {RunLayout.INFORMATION_SCHEMA, "\"O_TOTALPRICE\"", "\"O_TOTAL\"",
            "information_schema_hash"},
        {RunLayout.FUNCTION_REGISTRY, "\"kind\": \"AGGREGATE\"", "\"kind\": \"WINDOW\"",
            "function_registry_hash"},
        {RunLayout.CAPABILITY, "\"engine\": \"calcite-enumerable\"",
            "\"engine\": \"calcite-other\"", "capability_snapshot_hash"},
        {RunLayout.UDFS, "(BIGINT, BIGINT, BIGINT, BIGINT)", "(INTEGER, BIGINT, BIGINT, BIGINT)",
            "udf_snapshot_hash"},
    };
    for (String[] edit : edits) {
      byte[] original = java.nio.file.Files.readAllBytes(run.resolve(edit[0]));
      RunArtifactsTest.editRecomputingRunJson(run, edit[0], edit[1], edit[2]);
      List<String> problems = RunArtifacts.verify(run);
      assertTrue(problems.stream().anyMatch(p -> p.contains(edit[3])),
          edit[0] + " edited is found naming " + edit[3] + ": " + problems);
      java.nio.file.Files.write(run.resolve(edit[0]), original);
      RunArtifactsTest.recomputeRunJson(run);
      assertEquals(List.of(), RunArtifacts.verify(run), "restored " + edit[0]);
    }
  }

  @Test
  void aFolderThatHoldsNoRunIsAUsageError() throws Exception {
    Path a;
    try (PlanningSession one = Sessions.tpch("default")) {
      a = run("a", one, Map.of("orders", ORDERS));
    }
    Path empty = java.nio.file.Files.createDirectories(temp.resolve("empty"));
    String[] result = cli("diff", a.toString(), empty.toString());
    assertEquals("2", result[0], result[1] + result[2]);
    assertTrue(result[2].contains("holds no run: it has no package.json"), result[2]);
  }
}

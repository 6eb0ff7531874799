package io.codeanatomy.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.ExtensionGovernance;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpec;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract;
import io.codeanatomy.contracts.relspec.RulepackSpecContract;
import io.codeanatomy.runtime.catalog.CatalogException;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.plan.PlanningException;
import io.codeanatomy.runtime.rules.Phase;
import io.codeanatomy.runtime.rules.RuleRegistry;
import io.codeanatomy.runtime.rules.Rulepack;
import io.codeanatomy.contracts.relspec.RulepackProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanningSessionTest {

  private static final String Q = "select o_orderkey from orders where o_totalprice > 100";

  @Test
  void installingARuleTwiceLeavesItOnce() {
    Rulepack.Builder builder = new Rulepack.Builder(RuleRegistry.standard(),
        RulepackProfile.DEFAULT);
    builder.install(Phase.LOGICAL, "filter_merge").install(Phase.LOGICAL, "project_merge")
        .install(Phase.LOGICAL, "filter_merge");
    Rulepack rulepack = builder.build();
    assertEquals(List.of("filter_merge", "project_merge"),
        rulepack.installedNames().get(Phase.LOGICAL));
    Rulepack again = rulepack.reinstall("project_merge").reinstall("filter_merge");
    assertEquals(rulepack.installedNames(), again.installedNames());
    assertEquals(rulepack.snapshot(), again.snapshot());
  }

  @Test
  void aSessionReportsItsInstalledRulesAndTheyEnterTheRulepackHash() {
    try (PlanningSession session = Sessions.tpch("default")) {
      assertEquals(List.of("codeanatomy_policy_rule", "semantic_integrity", "safety_rule"),
          session.installedRules().get(Phase.ANALYZER));
      assertTrue(session.installedRules().get(Phase.LOGICAL).contains("filter_into_join"));
      assertEquals(session.rulepack().snapshot().getLogicalRulesList(),
          session.installedRules().get(Phase.LOGICAL));
      assertEquals(64, session.environment().rulepackHash().length());
    }
  }

  @Test
  void theRulepackProfileSelectsTheRules() {
    PlanningSurfaceSpec strict = PlanningSurfaceSpecContract.from(Sessions.spec("strict"))
        .build();
    try (PlanningSession session = PlanningSession.builder(strict,
        CodeAnatomyPolicyContract.profile("default"), "default").build();
        PlanningSession lowLatency = PlanningSession.builder(Sessions.spec("low_latency"),
            CodeAnatomyPolicyContract.profile("default"), "default").build()) {
      assertTrue(session.installedRules().get(Phase.ANALYZER).contains("strict_safety_rule"));
      assertEquals(List.of("subquery_remove", "filter_merge", "filter_into_join",
          "project_merge", "project_remove"), lowLatency.installedRules().get(Phase.LOGICAL));
      assertNotEquals(session.environment().rulepackHash(),
          lowLatency.environment().rulepackHash());
    }
  }

  @Test
  void aBuiltSessionChangesNoMore() {
    PlanningSession.Builder builder = PlanningSession.builder(Sessions.spec("default"),
        CodeAnatomyPolicyContract.profile("default"), "default");
    try (PlanningSession session = builder.build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> builder.ensureRegistered(new TableSource.Memory(
              TableSchema.fromDdl("CREATE TABLE T (A INTEGER)").get(0), List.of())));
      assertTrue(e.getMessage().contains("the session is built"), e.getMessage());
      assertTrue(session.table("T").isEmpty());
    }
  }

  @Test
  void tablesHaveOneWayInAndItIsIdempotent() {
    TableSchema schema = TableSchema.fromDdl("CREATE TABLE T (A INTEGER NOT NULL)").get(0);
    TableSource source = new TableSource.Memory(schema, List.of(List.of(1), List.of(2)));
    PlanningSession.Builder builder = PlanningSession.builder(Sessions.spec("default"),
        CodeAnatomyPolicyContract.profile("default"), "default");
    builder.ensureRegistered(source).ensureRegistered(source);
    assertEquals(2, builder.ensureAndGet(source).rows().size());
    CatalogException clash = assertThrows(CatalogException.class,
        () -> builder.ensureRegistered(new TableSource.Memory(schema, List.of())));
    assertTrue(clash.getMessage().contains("registered already"), clash.getMessage());
    CatalogException nulls = assertThrows(CatalogException.class,
        () -> builder.ensureRegistered(new TableSource.Memory(
            TableSchema.fromDdl("CREATE TABLE U (A INTEGER NOT NULL)").get(0),
            List.of(java.util.Arrays.asList((Object) null)))));
    assertEquals("table U, row 1: A is NOT NULL, got null", nulls.getMessage());
    builder.build().close();
  }

  @Test
  void theSqlPolicyIsEnforced() {
    try (PlanningSession session = Sessions.tpch("default")) {
      PlanningException ddl = assertThrows(PlanningException.class,
          () -> session.plan("create table x (a int)"));
      assertTrue(ddl.getMessage().contains("does not allow DDL"), ddl.getMessage());
      PlanningException dml = assertThrows(PlanningException.class,
          () -> session.plan("delete from orders"));
      assertTrue(dml.getMessage().contains("does not allow DML"), dml.getMessage());
    }
  }

  @Test
  void analyzerRulesRefusePlans() {
    PlanningSurfaceSpec replay = Sessions.spec("replay");
    PlanningSession.Builder builder = PlanningSession.builder(replay,
        CodeAnatomyPolicyContract.profile("default"), "default");
    for (TableSchema schema : TableSchema.fromDdl(Corpus.tpchSchema())) {
      builder.ensureRegistered(new TableSource.Memory(schema, List.of()));
    }
    try (PlanningSession session = builder.build()) {
      PlanningException e = assertThrows(PlanningException.class,
          () -> session.plan("select rand() from orders"));
      assertTrue(e.getMessage().startsWith("rule strict_safety_rule refused the plan: RAND is "
          + "not deterministic"), e.getMessage());
      session.plan(Q); // a deterministic query passes
    }
  }

  @Test
  void sqlThatDoesNotParseOrValidateIsAClearError() {
    try (PlanningSession session = Sessions.tpch("default")) {
      PlanningException parse = assertThrows(PlanningException.class,
          () -> session.plan("bad", "select from where"));
      assertTrue(parse.getMessage().startsWith("bad: the SQL does not parse"), parse.getMessage());
      PlanningException validate = assertThrows(PlanningException.class,
          () -> session.plan("typo", "select o_orderkey from orderz"));
      assertTrue(validate.getMessage().contains("Object 'ORDERZ' not found"),
          validate.getMessage());
    }
  }

  @Test
  void governanceDecidesWhatIsNotOnTheAllowlist() {
    PlanningSurfaceSpec strict = PlanningSurfaceSpecContract.from(Sessions.spec("default"))
        .exprPlanners(List.of("span_predicates")).build();
    SessionException refused = assertThrows(SessionException.class,
        () -> PlanningSession.builder(strict, CodeAnatomyPolicyContract.profile("default"),
            "default").build());
    assertEquals("expression planner 'span_predicates' is not on the planning surface's "
        + "allowlist, and its governance is strict_allowlist", refused.getMessage());
    PlanningSurfaceSpec warn = PlanningSurfaceSpecContract.from(strict)
        .extensionGovernance(ExtensionGovernance.WARN_ON_UNREGISTERED).build();
    try (PlanningSession session = PlanningSession.builder(warn,
        CodeAnatomyPolicyContract.profile("default"), "default").build()) {
      assertEquals(List.of("expression planner 'span_predicates' is not on the planning "
          + "surface's allowlist"), session.warnings());
    }
  }

  @Test
  void anUnknownRuleOrProfileIsRefusedAtBuild() {
    PlanningSurfaceSpec unknownRule = PlanningSurfaceSpecContract.from(Sessions.spec("default"))
        .rulepack(RulepackSpecContract.builder().profile("default")
            .logicalRules(List.of("filter_merge", "filter_mergee")).build())
        .build();
    SessionException e = assertThrows(SessionException.class,
        () -> PlanningSession.builder(unknownRule, CodeAnatomyPolicyContract.profile("default"),
            "default").build());
    assertTrue(e.getMessage().startsWith("the planning surface's rulepack: unknown rule "
        + "'filter_mergee'"), e.getMessage());
    SessionException profile = assertThrows(SessionException.class,
        () -> PlanningSession.builder(Sessions.spec("fastest"),
            CodeAnatomyPolicyContract.profile("default"), "default").build());
    assertTrue(profile.getMessage().contains("unknown rulepack profile 'fastest'"),
        profile.getMessage());
  }

  @Test
  void scanSettingsReachTablesOnOnePath() {
    TableSchema schema = TableSchema.fromDdl("CREATE TABLE T (A INTEGER)").get(0);
    TableSource source = new TableSource.Memory(schema, List.of(List.of(1), List.of(2),
        List.of(3)));
    PlanningSession.Builder on = PlanningSession.builder(Sessions.spec("default"),
        CodeAnatomyPolicyContract.profile("default"), "default");
    assertEquals(3.0, on.ensureAndGet(source).getStatistic().getRowCount());
    PlanningSession.Builder off = PlanningSession.builder(Sessions.spec("default"),
        CodeAnatomyPolicyContract.profile("default").toBuilder()
            .set("datafusion.execution.collect_statistics", "false").build(), "default");
    assertEquals(null, off.ensureAndGet(source).getStatistic().getRowCount());
    on.build().close();
    off.build().close();
  }

  @Test
  void identifierNormalizationFollowsTheProfile() {
    TableSchema schema = TableSchema.fromDdl("CREATE TABLE T (A INTEGER)").get(0);
    PlanningSession.Builder off = PlanningSession.builder(Sessions.spec("default"),
        CodeAnatomyPolicyContract.profile("default").toBuilder()
            .set("datafusion.sql_parser.enable_ident_normalization", "false").build(), "default");
    off.ensureRegistered(new TableSource.Memory(schema, List.of()));
    try (PlanningSession session = off.build()) {
      assertThrows(PlanningException.class, () -> session.plan("select a from t"));
      PlanBundle exact = session.plan("select A from T");
      assertFalse(exact.optimizedPlan().isEmpty());
    }
  }

  @Test
  void anExecutionPackageBindsTheSessionHashes() {
    try (PlanningSession session = Sessions.tpch("default")) {
      PlanBundle q = session.plan("q", Q);
      var pkg = session.executionPackage(List.of(q), "");
      assertEquals(Map.of("q", q.fingerprintHash()), pkg.getPlanBundleFingerprintsMap());
      assertEquals(session.environment().rulepackHash(), pkg.getRulepackHash());
      assertEquals(session.environment().planningEnvironmentHash(), pkg.getPlanningEnvHash());
      assertEquals(List.of(), io.codeanatomy.runtime.relspec.ExecutionPackageAssembler
          .verify(pkg));
      // Every cache of the session reports (the statistics of observed rows only when given).
      assertEquals(List.of(io.codeanatomy.contracts.relspec.CacheKind.PLAN,
          io.codeanatomy.contracts.relspec.CacheKind.LIST_FILES,
          io.codeanatomy.contracts.relspec.CacheKind.COMPILED_PLAN),
          pkg.getCacheDiagnostics().getCachesList().stream()
              .map(io.codeanatomy.contracts.relspec.CacheStats::getCache).toList());
      assertEquals(session.environment().capabilityHash(), pkg.getCapabilitySnapshotHash());
      assertFalse(pkg.getCapabilitySnapshotHash().isEmpty());
    }
  }
}

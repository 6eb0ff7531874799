package io.codeanatomy.runtime.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.relspec.CacheStats;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.rules.OverlayProfile;
import io.codeanatomy.runtime.rules.Phase;
import io.codeanatomy.runtime.rules.RuleDelta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlayAndCacheTest {

  private static final String Q3 = Corpus.read(Corpus.tpchQueries().get(2));

  private static List<String> names(List<RuleDelta> deltas) {
    return deltas.stream().map(RuleDelta::rule).distinct().toList();
  }

  @Test
  void perRuleDeltasComeFromThePlannersEvents() {
    try (PlanningSession base = Sessions.tpch("default")) {
      PlanningSession explained = base.overlay(OverlayProfile.explainOnly());
      PlanBundle q3 = explained.plan("03.sql", Q3);
      List<RuleDelta> logical = q3.ruleDeltas().stream()
          .filter(d -> d.phase() == Phase.LOGICAL).toList();
      RuleDelta filterIntoJoin = logical.stream()
          .filter(d -> d.rule().equals("filter_into_join")).findFirst().orElseThrow();
      // Q3 joins three tables with a WHERE clause: pushing it into the joins changes the plan.
      assertTrue(filterIntoJoin.changed(), filterIntoJoin.toString());
      assertTrue(filterIntoJoin.planAfter().contains("LogicalJoin"), filterIntoJoin.planAfter());
      RuleDelta unionMerge = logical.stream().filter(d -> d.rule().equals("union_merge"))
          .findFirst().orElseThrow();
      assertFalse(unionMerge.changed(), "Q3 has no union");
      // Without explainPerRule, nothing is recorded, and the plan is the same.
      PlanBundle plain = base.plan("03.sql", Q3);
      assertEquals(List.of(), plain.ruleDeltas());
      assertEquals(plain.optimizedPlan(), q3.optimizedPlan());
      assertEquals(plain.fingerprintHash(), q3.fingerprintHash());
    }
  }

  @Test
  void anOverlayThatExcludesARuleChangesItsDeltasAndNotTheBaseSession() {
    try (PlanningSession base = Sessions.tpch("default")) {
      List<PlanBundle> before = planAll(base);
      PlanningSession explained = base.overlay(OverlayProfile.explainOnly());
      PlanningSession excluding = base.overlay(OverlayProfile.excluding("filter_into_join"));
      PlanBundle withRule = explained.plan("03.sql", Q3);
      PlanBundle withoutRule = excluding.plan("03.sql", Q3);
      assertTrue(names(withRule.ruleDeltas()).contains("filter_into_join"));
      assertFalse(names(withoutRule.ruleDeltas()).contains("filter_into_join"));
      assertNotEquals(withRule.ruleDeltas(), withoutRule.ruleDeltas());
      assertNotEquals(withRule.optimizedPlan(), withoutRule.optimizedPlan());
      // The overlay's rulepack is another, so its plans have another identity and fingerprint.
      assertNotEquals(withRule.fingerprintHash(), withoutRule.fingerprintHash());
      assertFalse(excluding.installedRules().get(Phase.LOGICAL).contains("filter_into_join"));
      // The base session is untouched: same rules, same plans, byte for byte.
      assertTrue(base.installedRules().get(Phase.LOGICAL).contains("filter_into_join"));
      List<PlanBundle> after = planAll(base);
      for (int i = 0; i < before.size(); i++) {
        assertEquals(before.get(i).fingerprintHash(), after.get(i).fingerprintHash());
        assertEquals(before.get(i).optimizedPlan(), after.get(i).optimizedPlan());
        assertEquals(before.get(i).physicalPlan(), after.get(i).physicalPlan());
        assertArrayEquals(before.get(i).substrait(), after.get(i).substrait());
      }
    }
  }

  @Test
  void priorityOverridesReorderAPhase() {
    try (PlanningSession base = Sessions.tpch("default")) {
      PlanningSession reordered = base.overlay(new OverlayProfile(List.of(), List.of(),
          Map.of("sort_remove", -1), false));
      assertEquals("sort_remove", reordered.installedRules().get(Phase.LOGICAL).get(0));
      assertNotEquals(base.environment().rulepackHash(), reordered.environment().rulepackHash());
    }
  }

  private static List<PlanBundle> planAll(PlanningSession session) {
    List<PlanBundle> bundles = new ArrayList<>();
    for (Path query : Corpus.tpchQueries()) {
      bundles.add(session.plan(query.getFileName().toString(), Corpus.read(query)));
    }
    return bundles;
  }

  private static CacheStats stats(PlanBundle bundle) {
    return bundle.cacheDiagnostics().getCaches(0);
  }

  @Test
  void thePlanCacheServesRepeatsAndForgetsPlansOfChangedTables() {
    try (PlanningSession session = Sessions.tpch("default")) {
      PlanBundle first = session.plan("03.sql", Q3);
      PlanBundle second = session.plan("03.sql", Q3);
      assertFalse(first.fromCache());
      assertTrue(second.fromCache());
      assertEquals(first.identityHash(), second.identityHash());
      assertEquals(1, stats(second).getHits());
      assertEquals(1, stats(second).getEntries());
      PlanBundle other = session.plan("q", "select count(*) from nation");
      assertEquals(2, stats(other).getEntries());

      session.replaceRows("LINEITEM", List.of());
      assertEquals(List.of("03.sql: table LINEITEM changed"), session.planCache().invalidations());
      assertEquals(1, session.planCache().diagnostics().getCaches(0).getEvictions());
      PlanBundle replanned = session.plan("03.sql", Q3);
      assertFalse(replanned.fromCache());
      assertEquals(2, replanned.fingerprint().getDeltaInputsList().stream()
          .filter(d -> d.getDataset().equals("LINEITEM")).findFirst().orElseThrow().getVersion());
      assertNotEquals(first.fingerprintHash(), replanned.fingerprintHash());
      // The plan that did not read LINEITEM stays cached.
      assertTrue(session.plan("q", "select count(*) from nation").fromCache());
    }
  }

  @Test
  void aHitChecksTheVersionsOfItsTablesWhenAnyTableChangedBehindTheSession() {
    try (PlanningSession session = Sessions.tpch("default")) {
      session.plan("regions", "select count(*) from region");
      session.plan("nations", "select count(*) from nation");
      assertTrue(session.plan("regions", "select count(*) from region").fromCache());
      // Changed on the table itself, not through the session: nothing invalidated it.
      session.table("NATION").orElseThrow().refresh(List.of());
      assertFalse(session.plan("nations", "select count(*) from nation").fromCache());
      assertTrue(session.plan("regions", "select count(*) from region").fromCache());
      assertTrue(session.plan("nations", "select count(*) from nation").fromCache());
    }
  }

  @Test
  void cacheDiagnosticsStayOutOfEveryHash() {
    try (PlanningSession session = Sessions.tpch("default")) {
      PlanBundle first = session.plan("03.sql", Q3);
      var before = session.executionPackage(List.of(first), "");
      session.plan("03.sql", Q3);
      session.plan("q", "select count(*) from nation");
      var after = session.executionPackage(List.of(session.plan("03.sql", Q3)), "");
      assertNotEquals(before.getCacheDiagnostics(), after.getCacheDiagnostics());
      assertEquals(before.getPackageFingerprint(), after.getPackageFingerprint());
    }
  }
}

package io.codeanatomy.runtime.dml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.CacheStats;
import io.codeanatomy.contracts.relspec.DeltaInput;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract;
import io.codeanatomy.contracts.relspec.SqlPolicy;
import io.codeanatomy.runtime.catalog.CatalogException;
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.RegisteredTable;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.exec.UpdateResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.plan.PlanningException;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import io.substrait.proto.Plan;
import io.substrait.proto.WriteRel;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DX12 pilot: {@code DELETE FROM t WHERE <predicate>} on a memory table, planned through the
 * session's planner and run on the Enumerable engine (docs/dml-evaluation.md).
 */
class DeletePilotTest {

  private static final TableSchema FACTS = new TableSchema("FACTS", List.of(
      Column.of("ID", SqlTypeName.INTEGER, false),
      new Column("PATH", SqlTypeName.VARCHAR, 64, -1, false),
      Column.of("VERSION", SqlTypeName.INTEGER, false),
      new Column("SCORE", SqlTypeName.DECIMAL, 10, 2, true),
      Column.of("SEEN", SqlTypeName.DATE, true)));

  private static final TableSchema OTHER = new TableSchema("OTHER", List.of(
      Column.of("K", SqlTypeName.INTEGER, false)));

  // Rows of versions 1 and 2 are stale; the version-2 row is there twice (a true duplicate).
  private static final List<List<Object>> ROWS = List.of(
      row(1, "a.py", 1, new BigDecimal("1.50"), LocalDate.of(2024, 1, 1)),
      row(2, "b.py", 2, null, LocalDate.of(2024, 1, 2)),
      row(2, "b.py", 2, null, LocalDate.of(2024, 1, 2)),
      row(3, "c.py", 3, new BigDecimal("2.25"), null),
      row(4, "d.py", 4, new BigDecimal("0.10"), LocalDate.of(2024, 1, 4)));

  private static final String READ_FACTS = "select id, path from facts order by id";
  private static final String READ_OTHER = "select count(*) from other";
  private static final String PRUNE = "DELETE FROM facts WHERE version < 3";

  @TempDir
  Path dir;

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static PlanningSession session(boolean allowDml) {
    return PlanningSession.builder(Sessions.spec("default"),
            CodeAnatomyPolicyContract.profile("default"), "default")
        .sqlPolicy(SqlPolicy.newBuilder().setAllowStatements(true).setAllowDml(allowDml).build())
        .ensureRegistered(new TableSource.Memory(FACTS, ROWS))
        .ensureRegistered(new TableSource.Memory(OTHER, List.of(row(1), row(2))))
        .build();
  }

  private static RegisteredTable facts(PlanningSession session) {
    return session.table("FACTS").orElseThrow();
  }

  private static long version(PlanBundle bundle, String table) {
    return bundle.fingerprint().getDeltaInputsList().stream()
        .filter(d -> d.getDataset().equals(table)).findFirst().orElseThrow().getVersion();
  }

  private static List<String> datasets(PlanBundle bundle) {
    return bundle.fingerprint().getDeltaInputsList().stream().map(DeltaInput::getDataset)
        .toList();
  }

  private static CacheStats stats(PlanningSession session) {
    return session.planCache().diagnostics().getCaches(0);
  }

  @Test
  void deletingStaleRowsRemovesExactlyThemAndInvalidatesThePlansThatReadTheTable() {
    try (PlanningSession session = session(true)) {
      PlanBundle before = session.plan("facts.sql", READ_FACTS);
      session.plan("other.sql", READ_OTHER);
      assertEquals(2, stats(session).getEntries());

      UpdateResult result = session.executeUpdate("prune.sql", PRUNE);

      // Both copies of the duplicate go: rows are compared by value, one per row deleted.
      assertEquals(3, result.rowCount());
      assertEquals("FACTS", result.table());
      assertEquals(1, result.versionBefore());
      assertEquals(2, result.versionAfter());
      assertEquals(2, facts(session).version());
      assertEquals(2, facts(session).rows().size());
      String expected = "facts.sql: table FACTS changed (prune.sql: DELETE of 3 rows, version "
          + "1 -> 2)";
      assertEquals(List.of(expected), result.invalidatedPlans());
      assertEquals(List.of(expected), session.planCache().invalidations());
      assertEquals(1, stats(session).getEvictions());
      assertEquals(1, stats(session).getEntries());

      PlanBundle replanned = session.plan("facts.sql", READ_FACTS);
      assertFalse(replanned.fromCache());
      assertEquals(1, version(before, "FACTS"));
      assertEquals(2, version(replanned, "FACTS"));
      assertNotEquals(before.fingerprintHash(), replanned.fingerprintHash());
      assertEquals(List.of(List.of(3, "c.py"), List.of(4, "d.py")),
          session.execute(replanned).rows());
      // A plan that did not read FACTS is still served.
      assertTrue(session.plan("other.sql", READ_OTHER).fromCache());
    }
  }

  @Test
  void theMutationIsPlannedLikeAQueryAndIdentifiedByTheVersionItChanged() throws Exception {
    try (PlanningSession session = session(true)) {
      UpdateResult first = session.executeUpdate("prune.sql", PRUNE);
      PlanBundle plan = first.plan();
      assertTrue(plan.unoptimizedPlan().startsWith(
          "LogicalTableModify(table=[[FACTS]], operation=[DELETE]"), plan.unoptimizedPlan());
      assertTrue(plan.physicalPlan().contains("EnumerableTableModify(table=[[FACTS]], "
          + "operation=[DELETE]"), plan.physicalPlan());
      // Substrait carries it as a write relation: DELETE of the rows its input yields.
      WriteRel write = Plan.parseFrom(plan.substrait()).getRelations(0).getRoot().getInput()
          .getWrite();
      assertEquals(WriteRel.WriteOp.WRITE_OP_DELETE, write.getOp());
      assertEquals(List.of("FACTS"), write.getNamedTable().getNamesList());
      assertEquals(List.of("ID", "PATH", "VERSION", "SCORE", "SEEN"),
          write.getTableSchema().getNamesList());
      assertTrue(write.getInput().getProject().getInput().hasFilter(), write.toString());
      assertEquals(64, plan.fingerprintHash().length());
      assertEquals(List.of(DeltaInput.newBuilder().setDataset("FACTS").setVersion(1).build()),
          plan.fingerprint().getDeltaInputsList());
      // Mutations are not cached, and run only through executeUpdate (version check, cache).
      assertFalse(plan.fromCache());
      assertEquals(0, stats(session).getEntries());
      IllegalArgumentException rerun = assertThrows(IllegalArgumentException.class,
          () -> session.execute(plan));
      assertEquals("prune.sql: the plan changes data; it runs through the session's "
          + "executeUpdate", rerun.getMessage());
      assertEquals(2, facts(session).version());

      // Running it again deletes nothing: the version stays, and so do cached plans.
      PlanBundle cached = session.plan("facts.sql", READ_FACTS);
      UpdateResult second = session.executeUpdate("prune.sql", PRUNE);
      assertEquals(0, second.rowCount());
      assertEquals(2, second.versionBefore());
      assertEquals(2, second.versionAfter());
      assertEquals(List.of(), second.invalidatedPlans());
      assertEquals(2, facts(session).version());
      assertTrue(session.plan("facts.sql", READ_FACTS).fromCache());
      assertEquals(cached.identityHash(), session.plan("facts.sql", READ_FACTS).identityHash());
      // The same text against another version is another mutation.
      assertEquals(2, version(second.plan(), "FACTS"));
      assertEquals(first.plan().substrait().length, second.plan().substrait().length);
      assertTrue(Arrays.equals(first.plan().substrait(), second.plan().substrait()));
      assertNotEquals(first.plan().fingerprintHash(), second.plan().fingerprintHash());
    }
  }

  @Test
  void aDeleteMayReadAnotherTableAndOnlyItsTargetMoves() {
    String semiJoin = "select id from facts where id in (select k from other)";
    try (PlanningSession session = session(true)) {
      // A table read only in a sub-query is a delta input too.
      assertEquals(List.of("FACTS", "OTHER"), datasets(session.plan("semi.sql", semiJoin)));

      UpdateResult result = session.executeUpdate("joined.sql",
          "DELETE FROM facts WHERE id IN (SELECT k FROM other)");
      assertEquals(3, result.rowCount());
      assertEquals(List.of("FACTS", "OTHER"), datasets(result.plan()));
      assertEquals(List.of("semi.sql: table FACTS changed (joined.sql: DELETE of 3 rows, "
          + "version 1 -> 2)"), result.invalidatedPlans());
      assertEquals(2, facts(session).version());
      assertEquals(1, session.table("OTHER").orElseThrow().version());
      assertEquals(List.of(List.of(3), List.of(4)),
          session.execute(session.plan("select id from facts order by id")).rows());

      // A table of one column: Calcite reads its rows as values, and deletes them as rows.
      session.plan("semi.sql", semiJoin);
      UpdateResult one = session.executeUpdate("one.sql", "DELETE FROM other WHERE k = 1");
      assertEquals(1, one.rowCount());
      assertEquals(List.of("semi.sql: table OTHER changed (one.sql: DELETE of 1 rows, "
          + "version 1 -> 2)"), one.invalidatedPlans());
      assertEquals(List.of(List.of(2)),
          session.execute(session.plan("select k from other")).rows());
    }
  }

  @Test
  void dmlIsRefusedWhenTheSqlPolicyDoesNotAllowIt() {
    try (PlanningSession session = session(false)) {
      PlanningException update = assertThrows(PlanningException.class,
          () -> session.executeUpdate("prune.sql", PRUNE));
      assertEquals("a delete statement changes data: the session's SQL policy does not allow "
          + "DML", update.getMessage());
      PlanningException plan = assertThrows(PlanningException.class,
          () -> session.plan("prune.sql", PRUNE));
      assertEquals(update.getMessage(), plan.getMessage());
      assertEquals(1, facts(session).version());
      assertEquals(5, facts(session).rows().size());
    }
  }

  @Test
  void onlyDeleteIsPiloted() {
    try (PlanningSession session = session(true)) {
      for (String sql : List.of(
          "INSERT INTO facts VALUES (9, 'z.py', 9, 1.00, DATE '2024-02-01')",
          "UPDATE facts SET version = 9 WHERE version < 3",
          "MERGE INTO facts USING other ON facts.id = other.k "
              + "WHEN MATCHED THEN UPDATE SET version = 9")) {
        PlanningException e = assertThrows(PlanningException.class,
            () -> session.executeUpdate("refused.sql", sql));
        assertTrue(e.getMessage().contains("only DELETE is piloted"), e.getMessage());
      }
      PlanningException ddl = assertThrows(PlanningException.class,
          () -> session.executeUpdate("ddl.sql", "create table x (a int)"));
      assertEquals("a create_table statement is DDL: the session's SQL policy does not allow "
          + "DDL", ddl.getMessage());
      PlanningException query = assertThrows(PlanningException.class,
          () -> session.executeUpdate("query.sql", READ_FACTS));
      assertTrue(query.getMessage().contains("does not change data: plan it with plan()"),
          query.getMessage());
      PlanningException viaPlan = assertThrows(PlanningException.class,
          () -> session.plan("prune.sql", PRUNE));
      assertTrue(viaPlan.getMessage().contains("a DELETE runs with executeUpdate()"),
          viaPlan.getMessage());
      assertEquals(1, facts(session).version());
      assertEquals(5, facts(session).rows().size());
      assertEquals(0, stats(session).getEntries());
    }
  }

  @Test
  void onlyMemoryTablesAreModified() throws Exception {
    Path file = dir.resolve("other.csv");
    Files.writeString(file, "k\n1\n2\n");
    try (PlanningSession session = PlanningSession.builder(
            PlanningSurfaceSpecContract.from(Sessions.spec("default"))
                .tableFactories(List.of("memory", "csv")).build(),
            CodeAnatomyPolicyContract.profile("default"), "default")
        .sqlPolicy(SqlPolicy.newBuilder().setAllowStatements(true).setAllowDml(true).build())
        .ensureRegistered(new TableSource.Csv(OTHER, file))
        .build()) {
      PlanningException e = assertThrows(PlanningException.class,
          () -> session.executeUpdate("csv.sql", "DELETE FROM other WHERE k = 1"));
      assertEquals("csv.sql: table OTHER is a csv table: only memory tables can be modified",
          e.getMessage());
      assertEquals(2, session.table("OTHER").orElseThrow().rows().size());
    }
  }

  @Test
  void theModifiableCollectionRemovesByValueAndRefusesAStaleCommit() {
    try (PlanningSession session = session(true)) {
      ModifiableTable table = assertInstanceOf(ModifiableTable.class, facts(session));
      Collection<?> rows = table.getModifiableCollection();
      assertEquals(5, rows.size());
      // A copy of a stored row, as Calcite builds it: equal by value, another array.
      Object[] copy = facts(session).rows().get(3).clone();
      assertTrue(rows.removeAll(Collections.singletonList(copy)));
      assertEquals(4, rows.size());
      assertEquals(2, facts(session).version());
      assertEquals(4, facts(session).rows().size());

      // Nothing matches: nothing is committed.
      Object[] absent = {99, "none", 1, null, null};
      Collection<?> current = table.getModifiableCollection();
      CatalogException missing = assertThrows(CatalogException.class,
          () -> current.removeAll(Collections.singletonList(absent)));
      assertEquals("table FACTS: 1 rows to delete are not in version 2: nothing was deleted",
          missing.getMessage());
      assertFalse(current.removeAll(List.of()));
      assertEquals(2, facts(session).version());

      // The table changed after the statement took its view: the commit is refused.
      Collection<?> stale = table.getModifiableCollection();
      List<Object> first = new ArrayList<>(Arrays.asList(facts(session).rows().get(0)));
      session.replaceRows("FACTS", ROWS);
      CatalogException conflict = assertThrows(CatalogException.class,
          () -> stale.removeAll(Collections.singletonList(first.toArray())));
      assertTrue(conflict.getMessage().startsWith("table FACTS changed while it was being "
          + "modified (version 2, now 3)"), conflict.getMessage());
      assertEquals(3, facts(session).version());
      assertEquals(5, facts(session).rows().size());
    }
  }
}

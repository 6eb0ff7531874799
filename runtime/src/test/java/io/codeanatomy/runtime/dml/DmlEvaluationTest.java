package io.codeanatomy.runtime.dml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.RegisteredTable;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import io.substrait.extension.DefaultExtensionCatalog;
import io.substrait.isthmus.ConverterProvider;
import io.substrait.isthmus.SubstraitRelVisitor;
import io.substrait.relation.AbstractWriteRel;
import io.substrait.relation.NamedUpdate;
import io.substrait.relation.NamedWrite;
import io.substrait.relation.Rel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.junit.jupiter.api.Test;

/**
 * The DX12 matrix (docs/dml-evaluation.md): which of INSERT, UPDATE, DELETE and MERGE Calcite
 * 1.41 validates, plans to an Enumerable plan, and executes with the right effect on a modifiable
 * in-memory table, through a plain Calcite JDBC connection. Each test asserts what Calcite does
 * today; a Calcite upgrade that changes a cell fails here first.
 */
class DmlEvaluationTest {

  /** More rows than any statement here should leave: a runaway statement stops at it. */
  private static final int GUARD = 1000;

  /** A list that refuses to grow past {@link #GUARD}: a non-terminating INSERT stops. */
  static class GuardedRows extends ArrayList<Object[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean add(Object[] row) {
      if (size() >= GUARD) {
        throw new IllegalStateException("runaway: " + GUARD + " rows");
      }
      return super.add(row);
    }
  }

  /** The same list with removeAll by value, as a table must do for Calcite's DELETE. */
  static final class ValueRows extends GuardedRows {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean removeAll(Collection<?> doomed) {
      return removeIf(row -> doomed.stream()
          .anyMatch(d -> d instanceof Object[] values && Arrays.equals(values, row)));
    }
  }

  /**
   * Calcite's textbook modifiable table: a list of rows, scanned live and handed to Calcite as
   * the modifiable collection; {@code toModificationRel} is {@code LogicalTableModify.create}.
   */
  static final class ListTable extends AbstractQueryableTable implements ModifiableTable {
    final List<Object[]> rows;

    ListTable(List<Object[]> rows) {
      super(Object[].class);
      this.rows = rows;
      rows.add(new Object[] {1, "a.py", 1});
      rows.add(new Object[] {2, "b.py", 2});
      rows.add(new Object[] {3, "c.py", 3});
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory factory) {
      return factory.builder()
          .add("ID", SqlTypeName.INTEGER)
          .add("PATH", SqlTypeName.VARCHAR)
          .add("VERSION", SqlTypeName.INTEGER)
          .build();
    }

    @Override
    public <T> Queryable<T> asQueryable(QueryProvider provider, SchemaPlus schema,
        String tableName) {
      return new AbstractTableQueryable<T>(provider, schema, this, tableName) {
        @Override
        public Enumerator<T> enumerator() {
          // The element type is Object[] (three columns): Calcite asks for T = Object[].
          @SuppressWarnings("unchecked")
          Enumerator<T> live = (Enumerator<T>) Linq4j.enumerator(rows);
          return live;
        }
      };
    }

    @Override
    public Collection<Object[]> getModifiableCollection() {
      return rows;
    }

    @Override
    public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
        Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
        List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
      return LogicalTableModify.create(table, catalogReader, child, operation, updateColumnList,
          sourceExpressionList, flattened);
    }

    List<List<Object>> contents() {
      return rows.stream().map(row -> List.of(row)).toList();
    }
  }

  /** A Calcite JDBC connection with {@code table} as T in its root schema. */
  private static Connection connect(Table table) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("timeZone", "UTC");
    Connection connection = DriverManager.getConnection("jdbc:calcite:", properties);
    connection.unwrap(CalciteConnection.class).getRootSchema().add("T", table);
    return connection;
  }

  /** The plan Calcite's EXPLAIN gives: the logical one (validated) or the Enumerable one. */
  private static String explain(Connection connection, boolean physical, String sql)
      throws SQLException {
    String prefix = physical ? "EXPLAIN PLAN FOR " : "EXPLAIN PLAN WITHOUT IMPLEMENTATION FOR ";
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(prefix + sql)) {
      assertTrue(result.next());
      return result.getString(1);
    }
  }

  private static int update(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  /** Asserts the first two columns of the matrix: validated, and planned on Enumerable. */
  private static void assertValidatesAndPlans(Connection connection, String sql,
      String operation) throws SQLException {
    String logical = explain(connection, false, sql);
    assertTrue(logical.startsWith("LogicalTableModify(table=[[T]], operation=[" + operation
        + "]"), logical);
    String physical = explain(connection, true, sql);
    assertTrue(physical.startsWith("EnumerableTableModify(table=[[T]], operation=["
        + operation + "]"), physical);
  }

  @Test
  void insertValuesValidatesPlansAndAddsTheRow() throws SQLException {
    ListTable table = new ListTable(new GuardedRows());
    String sql = "INSERT INTO t VALUES (4, 'd.py', 4)";
    try (Connection connection = connect(table)) {
      assertValidatesAndPlans(connection, sql, "INSERT");
      assertEquals(1, update(connection, sql));
    }
    assertEquals(List.of(List.of(1, "a.py", 1), List.of(2, "b.py", 2), List.of(3, "c.py", 3),
        List.of(4, "d.py", 4)), table.contents());
  }

  @Test
  void insertSelectFromTheSameTableFeedsOnItsOwnOutput() throws SQLException {
    ListTable table = new ListTable(new GuardedRows());
    String sql = "INSERT INTO t SELECT id + 10, path, version FROM t WHERE version < 3";
    try (Connection connection = connect(table)) {
      assertValidatesAndPlans(connection, sql, "INSERT");
      // Calcite streams the scan into the collection it scans (no spool): the inserted rows
      // match again, and only the guard ends the statement.
      SQLException e = assertThrows(SQLException.class, () -> update(connection, sql));
      assertInstanceOf(IllegalStateException.class, e.getCause(), e.toString());
    }
    // Not atomic: what was added before the failure stays.
    assertEquals(GUARD, table.rows.size());
    assertEquals(List.of(11, "a.py", 1), table.contents().get(3));
    assertEquals(List.of(21, "a.py", 1), table.contents().get(5));
  }

  @Test
  void updateValidatesAndPlansButTheEnumerableEngineCannotRunIt() throws SQLException {
    ListTable table = new ListTable(new ValueRows());
    List<List<Object>> before = table.contents();
    String sql = "UPDATE t SET path = 'z.py' WHERE version < 3";
    try (Connection connection = connect(table)) {
      assertValidatesAndPlans(connection, sql, "UPDATE");
      // EnumerableTableModify.implement knows INSERT and DELETE only.
      AssertionError e = assertThrows(AssertionError.class, () -> update(connection, sql));
      assertSame(AssertionError.class, e.getClass());
      assertEquals("UPDATE", e.getMessage());
    }
    assertEquals(before, table.contents());
  }

  @Test
  void deleteOnAnIdentityCollectionReportsZeroAndRemovesNothing() throws SQLException {
    ListTable table = new ListTable(new GuardedRows());
    List<List<Object>> before = table.contents();
    try (Connection connection = connect(table)) {
      for (String sql : List.of("DELETE FROM t WHERE version < 3", "DELETE FROM t")) {
        assertValidatesAndPlans(connection, sql, "DELETE");
        // Calcite builds new row arrays for removeAll; Object[] equality is identity.
        assertEquals(0, update(connection, sql), sql);
      }
    }
    assertEquals(before, table.contents());
  }

  @Test
  void deleteOnAValueCollectionRemovesTheRows() throws SQLException {
    ListTable table = new ListTable(new ValueRows());
    String sql = "DELETE FROM t WHERE version < 3";
    try (Connection connection = connect(table)) {
      assertValidatesAndPlans(connection, sql, "DELETE");
      assertEquals(2, update(connection, sql));
    }
    assertEquals(List.of(List.of(3, "c.py", 3)), table.contents());
  }

  @Test
  void mergeValidatesAndPlansButTheEnumerableEngineCannotRunIt() throws SQLException {
    ListTable table = new ListTable(new ValueRows());
    List<List<Object>> before = table.contents();
    String sql = "MERGE INTO t USING (VALUES (1, 'x.py', 9), (5, 'y.py', 9)) "
        + "AS s (id, path, version) ON t.id = s.id "
        + "WHEN MATCHED THEN UPDATE SET path = s.path "
        + "WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.path, s.version)";
    try (Connection connection = connect(table)) {
      assertValidatesAndPlans(connection, sql, "MERGE");
      AssertionError e = assertThrows(AssertionError.class, () -> update(connection, sql));
      assertSame(AssertionError.class, e.getClass());
      assertEquals("MERGE", e.getMessage());
    }
    assertEquals(before, table.contents());
  }

  @Test
  void isthmusCarriesInsertDeleteAndUpdateButNotMerge() throws Exception {
    SchemaPlus root = Frameworks.createRootSchema(false);
    root.add("T", new ListTable(new GuardedRows()));
    FrameworkConfig config = Frameworks.newConfigBuilder().defaultSchema(root).build();
    // INSERT ... SELECT: a VALUES row with a CHAR literal for a VARCHAR column fails
    // isthmus's VirtualTableScan check (a Java assert, so only with -ea, as tests run).
    NamedWrite insert = assertInstanceOf(NamedWrite.class,
        substrait(config, "INSERT INTO t SELECT id + 10, path, version FROM t"));
    assertEquals(AbstractWriteRel.WriteOp.INSERT, insert.getOperation());
    NamedWrite delete = assertInstanceOf(NamedWrite.class,
        substrait(config, "DELETE FROM t WHERE version < 3"));
    assertEquals(AbstractWriteRel.WriteOp.DELETE, delete.getOperation());
    assertEquals(List.of("T"), delete.getNames());
    NamedUpdate update = assertInstanceOf(NamedUpdate.class,
        substrait(config, "UPDATE t SET path = 'z.py' WHERE version < 3"));
    assertEquals(List.of("T"), update.getNames());
    RuntimeException merge = assertThrows(RuntimeException.class, () -> substrait(config,
        "MERGE INTO t USING (VALUES (5, 'y.py', 9)) AS s (id, path, version) ON t.id = s.id "
            + "WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.path, s.version)"));
    assertEquals(UnsupportedOperationException.class, merge.getClass(), merge.toString());
  }

  /** The Substrait relation isthmus makes of a statement's unoptimized plan. */
  private static Rel substrait(FrameworkConfig config, String sql) throws Exception {
    Planner planner = Frameworks.getPlanner(config);
    try {
      RelRoot root = planner.rel(planner.validate(planner.parse(sql)));
      // Test-only conversion with isthmus's default extensions (the runtime's own conversion
      // of DELETE is checked in DeletePilotTest).
      return SubstraitRelVisitor.convert(root,
          new ConverterProvider(DefaultExtensionCatalog.DEFAULT_COLLECTION)).getInput();
    } finally {
      planner.close();
    }
  }

  @Test
  void theRuntimesMemoryTableDeletesByValueAndRefusesInsertsUnderPlainCalcite()
      throws SQLException {
    TableSchema schema = new TableSchema("FACTS", List.of(
        Column.of("ID", SqlTypeName.INTEGER, false),
        Column.of("PATH", SqlTypeName.VARCHAR, false),
        Column.of("VERSION", SqlTypeName.INTEGER, false)));
    PlanningSession.Builder builder = PlanningSession.builder(Sessions.spec("default"),
        CodeAnatomyPolicyContract.profile("default"), "default");
    RegisteredTable table = builder.ensureAndGet(new TableSource.Memory(schema, List.of(
        List.of(1, "a.py", 1), List.of(2, "b.py", 2), List.of(3, "c.py", 3))));
    try (Connection connection = connect(table)) {
      assertValidatesAndPlans(connection, "DELETE FROM t WHERE version < 3", "DELETE");
      assertEquals(2, update(connection, "DELETE FROM t WHERE version < 3"));
      assertEquals(2, table.version());
      assertEquals(List.of(3, "c.py", 3), List.of(table.rows().get(0)));
      SQLException insert = assertThrows(SQLException.class,
          () -> update(connection, "INSERT INTO t VALUES (4, 'd.py', 4)"));
      assertInstanceOf(UnsupportedOperationException.class, insert.getCause(),
          insert.toString());
    }
    assertEquals(1, table.rows().size());
    assertEquals(2, table.version());
  }
}

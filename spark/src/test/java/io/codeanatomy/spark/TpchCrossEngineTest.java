package io.codeanatomy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.exec.TpchData;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.Corpus;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TPC-H Q1 to Q22 over the runtime's small generated TPC-H data set ({@code TpchData}): the sealed
 * Substrait plan of each query, executed on Spark, returns the same multiset of rows as the
 * embedded engine (numbers compared as {@link RowMultisets} says).
 *
 * <p>The corpus DDL declares money as bare {@code DECIMAL}, which is {@code DECIMAL(19, 0)}, while
 * the data set keeps discounts and taxes at two decimal places; Spark would round those to whole
 * numbers (its engine refuses to load them), so here every bare decimal column is
 * {@code DECIMAL(15, 2)}, TPC-H's own type for money.
 *
 * <p>Four queries with correlated sub-queries ran on the embedded engine only once planning
 * removed sub-queries and decorrelated first; they are also checked against Calcite's JDBC driver
 * over the same rows and types ({@link #theCorrelatedQueriesRunOnTheEmbeddedEngineAsOnJdbc}).
 */
class TpchCrossEngineTest {

  /** Queries with correlated sub-queries; the embedded engine is checked against Calcite JDBC. */
  private static final Set<String> CORRELATED = Set.of("02.sql", "17.sql", "21.sql", "22.sql");

  private static List<TableSchema> schemas;
  private static Map<String, List<List<Object>>> data;
  private static PlanningSession session;
  private static SparkEngine spark;
  private static final Map<String, Integer> ROWS = new TreeMap<>();

  @BeforeAll
  static void start() {
    schemas = TableSchema.fromDdl(Corpus.tpchSchema()).stream()
        .map(TpchCrossEngineTest::withMoney).toList();
    data = TpchData.rows();
    PlanningSession.Builder builder = PlanningSession.builder(Sessions.spec("default"),
        CodeAnatomyPolicyContract.profile("default"), "default");
    schemas.forEach(schema -> builder.ensureRegistered(new TableSource.Memory(schema,
        data.get(schema.name()))));
    session = builder.build();
    spark = SparkTests.engine();
    schemas.forEach(schema -> spark.register(session.table(schema.name()).orElseThrow()));
  }

  @AfterAll
  static void stop() {
    spark.close();
    session.close();
    // Not vacuous: most queries find rows in the small data set.
    long nonEmpty = ROWS.values().stream().filter(n -> n > 0).count();
    assertTrue(ROWS.size() < 22 || nonEmpty >= 14, "only " + nonEmpty + " of 22 TPC-H queries "
        + "returned rows: " + ROWS);
  }

  static Stream<Path> queries() {
    return Corpus.tpchQueries().stream();
  }

  @ParameterizedTest
  @MethodSource("queries")
  void sparkReturnsTheEmbeddedEnginesRows(Path query) throws SQLException {
    String name = query.getFileName().toString();
    String sql = Corpus.read(query);
    PlanBundle bundle = session.plan(name, sql);
    QueryResult expected = session.execute(bundle);
    QueryResult onSpark = spark.execute(bundle);
    ROWS.put(name, expected.rows().size());
    RowMultisets.assertSame(name, expected, onSpark);
  }

  @Test
  void theCorrelatedQueriesRunOnTheEmbeddedEngineAsOnJdbc() throws SQLException {
    for (String name : CORRELATED) {
      Path query = Corpus.tpchQueries().stream()
          .filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
      String sql = Corpus.read(query);
      PlanBundle bundle = session.plan(name, sql);
      RowMultisets.assertSame(name, jdbc(sql), session.execute(bundle));
    }
  }

  @Test
  void aDecimalThatSparkWouldRoundIsRefused() {
    TableSchema lineitem = TableSchema.fromDdl(Corpus.tpchSchema()).stream()
        .filter(s -> s.name().equals("LINEITEM")).findFirst().orElseThrow();
    try (PlanningSession declared = Sessions.tpch(CodeAnatomyPolicyContract.profile("default"),
        "default", data);
        SparkEngine engine = SparkTests.engine()) {
      UnsupportedPlanException refused = assertThrows(UnsupportedPlanException.class,
          () -> engine.register(declared.table(lineitem.name()).orElseThrow()));
      assertTrue(refused.getMessage().contains("column L_DISCOUNT")
          && refused.getMessage().contains("does not fit DECIMAL("), refused.getMessage());
    }
  }

  /** A bare DECIMAL (Calcite: DECIMAL(19, 0)) as TPC-H's DECIMAL(15, 2). */
  private static TableSchema withMoney(TableSchema schema) {
    List<Column> columns = new ArrayList<>();
    for (Column column : schema.columns()) {
      columns.add(column.type() == SqlTypeName.DECIMAL && column.scale() <= 0
          ? new Column(column.name(), SqlTypeName.DECIMAL, 15, 2, column.nullable()) : column);
    }
    return new TableSchema(schema.name(), columns);
  }

  /** The query through Calcite's JDBC driver over the same rows and types. */
  private static QueryResult jdbc(String sql) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("caseSensitive", "false");
    properties.setProperty("unquotedCasing", "TO_UPPER");
    properties.setProperty("timeZone", "UTC");
    try (Connection connection = DriverManager.getConnection("jdbc:calcite:", properties)) {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      for (TableSchema schema : schemas) {
        root.add(schema.name(), new RowsTable(schema, session.table(schema.name())
            .orElseThrow().rows()));
      }
      String text = sql.strip();
      text = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
      try (Statement statement = connection.createStatement();
          ResultSet results = statement.executeQuery(text)) {
        ResultSetMetaData meta = results.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          columns.add(meta.getColumnLabel(c));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (results.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            Object value = switch (meta.getColumnType(c)) {
              case Types.DATE -> results.getString(c) == null ? null
                  : LocalDate.parse(results.getString(c));
              case Types.DECIMAL, Types.NUMERIC -> results.getBigDecimal(c);
              case Types.BIGINT -> results.getLong(c);
              case Types.INTEGER -> results.getInt(c);
              case Types.DOUBLE, Types.FLOAT -> results.getDouble(c);
              default -> results.getString(c);
            };
            row.add(results.wasNull() ? null : value);
          }
          rows.add(row);
        }
        return new QueryResult(columns, rows);
      }
    }
  }

  /** The session's rows (Calcite's internal values) as a scannable table. */
  private static final class RowsTable extends AbstractTable implements ScannableTable {
    private final TableSchema schema;
    private final List<Object[]> rows;

    RowsTable(TableSchema schema, List<Object[]> rows) {
      this.schema = schema;
      this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return schema.rowType(typeFactory);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }

  static {
    assertEquals(4, CORRELATED.size());
  }
}

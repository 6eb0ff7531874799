package io.codeanatomy.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.Corpus;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import java.math.BigDecimal;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs TPC-H queries through a planning session (its own physical plan on the Enumerable engine)
 * and through Calcite's JDBC driver over the same data, and requires the same rows.
 */
class TpchExecutionTest {

  /** The decimals TpchData gives fractions despite the DDL's scale 0 (Q6 needs them). */
  private static final Set<String> FRACTIONAL = Set.of("LINEITEM.L_DISCOUNT", "LINEITEM.L_TAX");

  @ParameterizedTest
  @ValueSource(strings = {"01.sql", "03.sql", "06.sql"})
  void sessionAgreesWithCalciteJdbc(String file) throws SQLException {
    String sql = Corpus.read(query(file));
    Map<String, List<List<Object>>> data = TpchData.rows();

    QueryResult session;
    try (PlanningSession planning = Sessions.tpch(CodeAnatomyPolicyContract.profile("default"),
        "default", data)) {
      PlanBundle bundle = planning.plan(file, sql);
      assertTrue(bundle.physicalPlan().contains("Enumerable"), bundle.physicalPlan());
      session = planning.execute(bundle);
    }
    QueryResult jdbc = jdbc(sql, data);

    assertEquals(jdbc.columns().size(), session.columns().size(), "column count");
    assertEquals(jdbc.columns(), session.columns(), "column names");
    assertTrue(jdbc.rows().size() > 0, file + ": Calcite JDBC returned no rows");
    assertEquals(jdbc.rows().size(), session.rows().size(), file + ": row count");
    for (int r = 0; r < jdbc.rows().size(); r++) {
      List<Object> expected = normalized(jdbc.rows().get(r));
      List<Object> actual = normalized(session.rows().get(r));
      if (!expected.equals(actual)) {
        fail(file + ": first differing row " + r + ": JDBC " + jdbc.rows().get(r)
            + ", session " + session.rows().get(r));
      }
    }
    // Every value must have a Java type the JDBC path also produced (not just equal text).
    for (int r = 0; r < jdbc.rows().size(); r++) {
      for (int c = 0; c < jdbc.columns().size(); c++) {
        Object expected = jdbc.rows().get(r).get(c);
        Object actual = session.rows().get(r).get(c);
        if (expected != null) {
          assertEquals(expected.getClass(), actual.getClass(),
              file + ": row " + r + ", column " + jdbc.columns().get(c));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"01.sql", "03.sql", "06.sql"})
  void queriesFindRowsInTheData(String file) throws SQLException {
    QueryResult result = jdbc(Corpus.read(query(file)), TpchData.rows());
    // Q6 aggregates to one row; its sum is null when no lineitem qualified.
    int minimum = file.equals("06.sql") ? 1 : 3;
    assertTrue(result.rows().size() >= minimum, file + " returned " + result.rows().size());
    for (List<Object> row : result.rows()) {
      for (int c = 0; c < row.size(); c++) {
        assertNotNull(row.get(c), file + ": " + result.columns().get(c) + " in " + row);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"LINEITEM", "ORDERS", "CUSTOMER", "PART", "PARTSUPP", "SUPPLIER",
      "NATION", "REGION"})
  void dataIsDeterministicAndFitsTheDdl(String table) {
    assertEquals(TpchData.rows().get(table), TpchData.rows().get(table));
    TableSchema schema = schemas().stream().filter(s -> s.name().equals(table)).findFirst()
        .orElseThrow();
    List<List<Object>> rows = TpchData.rows().get(table);
    assertTrue(rows.size() > 0, table + " is empty");
    for (List<Object> row : rows) {
      assertEquals(schema.columns().size(), row.size(), table + ": " + row);
      for (int c = 0; c < row.size(); c++) {
        Column column = schema.columns().get(c);
        Object value = row.get(c);
        String where = table + "." + column.name() + " in " + row;
        if (value == null) {
          assertTrue(column.nullable(), where + ": NOT NULL");
          continue;
        }
        assertEquals(javaType(column.type()), value.getClass(), where);
        if (value instanceof String text && column.type() == SqlTypeName.CHAR) {
          assertEquals(column.precision(), text.length(), where + ": CHAR is blank-padded");
        } else if (value instanceof String text) {
          assertTrue(text.length() <= column.precision(), where + ": too long");
        } else if (value instanceof BigDecimal decimal
            && !FRACTIONAL.contains(table + "." + column.name())) {
          assertTrue(decimal.scale() <= column.scale(), where + ": scale above the DDL's");
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static Path query(String file) {
    return Corpus.tpchQueries().stream().filter(p -> p.getFileName().toString().equals(file))
        .findFirst().orElseThrow(() -> new AssertionError("no TPC-H query " + file));
  }

  private static List<TableSchema> schemas() {
    return TableSchema.fromDdl(Corpus.tpchSchema());
  }

  /**
   * The query through Calcite's JDBC driver, over tables built here (not the session's) so that
   * the session's row conversion is checked too. Identifiers follow the session's rules.
   */
  private static QueryResult jdbc(String sql, Map<String, List<List<Object>>> data)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("caseSensitive", "false");
    properties.setProperty("unquotedCasing", "TO_UPPER");
    properties.setProperty("quotedCasing", "UNCHANGED");
    properties.setProperty("timeZone", "UTC");
    try (Connection connection = DriverManager.getConnection("jdbc:calcite:", properties)) {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      for (TableSchema schema : schemas()) {
        root.add(schema.name(), new RowsTable(schema, data.getOrDefault(schema.name(),
            List.of())));
      }
      String text = sql.strip();
      if (text.endsWith(";")) {
        text = text.substring(0, text.length() - 1);
      }
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
            row.add(value(results, c, meta.getColumnType(c)));
          }
          rows.add(row);
        }
        return new QueryResult(columns, rows);
      }
    }
  }

  /** A JDBC value as the Java type {@link QueryResult} holds for it. */
  private static Object value(ResultSet results, int c, int type) throws SQLException {
    Object value = switch (type) {
      case Types.DATE -> {
        // As text: java.sql.Date's toLocalDate would depend on the JVM's time zone.
        String text = results.getString(c);
        yield text == null ? null : LocalDate.parse(text);
      }
      case Types.DECIMAL, Types.NUMERIC -> results.getBigDecimal(c);
      case Types.BIGINT -> results.getLong(c);
      case Types.INTEGER -> results.getInt(c);
      case Types.DOUBLE, Types.FLOAT -> results.getDouble(c);
      case Types.CHAR, Types.VARCHAR -> results.getString(c);
      default -> throw new AssertionError("column " + c + " has JDBC type " + type
          + ", which this test does not convert");
    };
    return results.wasNull() ? null : value;
  }

  /** Decimals compared by value: the two paths may carry different scales. */
  private static List<Object> normalized(List<Object> row) {
    List<Object> values = new ArrayList<>(row.size());
    for (Object value : row) {
      values.add(value instanceof BigDecimal d ? d.stripTrailingZeros() : value);
    }
    return values;
  }

  private static Class<?> javaType(SqlTypeName type) {
    return switch (type) {
      case BIGINT -> Long.class;
      case INTEGER -> Integer.class;
      case DECIMAL -> BigDecimal.class;
      case CHAR, VARCHAR -> String.class;
      case DATE -> LocalDate.class;
      default -> throw new AssertionError("the TPC-H DDL has no " + type + " column");
    };
  }

  /** A table of Java rows, converted here to Calcite's internal values (dates: epoch days). */
  private static final class RowsTable extends AbstractTable implements ScannableTable {
    private final TableSchema schema;
    private final List<Object[]> rows = new ArrayList<>();

    RowsTable(TableSchema schema, List<List<Object>> rows) {
      this.schema = schema;
      for (List<Object> row : rows) {
        Object[] values = row.toArray();
        for (int c = 0; c < values.length; c++) {
          if (values[c] instanceof LocalDate date) {
            values[c] = (int) date.toEpochDay();
          }
        }
        this.rows.add(values);
      }
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
}

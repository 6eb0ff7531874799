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
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * The queries with correlated sub-queries: decorrelated before the logical rules move the
   * filters that hold them (else a correlation variable is left undefined and the Enumerable
   * engine refuses the plan under -ea), they return Calcite JDBC's rows.
   */
  @ParameterizedTest
  @ValueSource(strings = {"02.sql", "17.sql", "21.sql", "22.sql"})
  void correlatedSubQueriesRunAsCalciteJdbcRunsThem(String file) throws SQLException {
    String sql = Corpus.read(query(file));
    Map<String, List<List<Object>>> data = TpchData.rows();
    QueryResult session;
    try (PlanningSession planning = Sessions.tpch(CodeAnatomyPolicyContract.profile("default"),
        "default", data)) {
      PlanBundle bundle = planning.plan(file, sql);
      assertTrue(!bundle.physicalPlan().contains("$cor"), bundle.physicalPlan());
      session = planning.execute(bundle);
    }
    QueryResult jdbc = jdbc(sql, data);
    assertEquals(jdbc.columns(), session.columns(), file + ": columns");
    assertEquals(jdbc.rows().stream().map(r -> normalized(r).toString()).sorted().toList(),
        session.rows().stream().map(r -> normalized(r).toString()).sorted().toList(), file);
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

  private static QueryResult jdbc(String sql, Map<String, List<List<Object>>> data)
      throws SQLException {
    return CalciteJdbc.run(sql, schemas(), data);
  }

  private static List<Object> normalized(List<Object> row) {
    return CalciteJdbc.normalized(row);
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
}

package io.codeanatomy.runtime.exec;

import io.codeanatomy.runtime.catalog.TableSchema;
import java.math.BigDecimal;
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
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The oracle of the execution tests: a query run through Calcite's own JDBC driver over tables
 * built here (not the session's), so that the session's row conversion is checked too.
 * Identifiers follow the session's rules.
 */
final class CalciteJdbc {

  private CalciteJdbc() {}

  static QueryResult run(String sql, List<TableSchema> schemas,
      Map<String, List<List<Object>>> data) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("caseSensitive", "false");
    properties.setProperty("unquotedCasing", "TO_UPPER");
    properties.setProperty("quotedCasing", "UNCHANGED");
    properties.setProperty("timeZone", "UTC");
    try (Connection connection = DriverManager.getConnection("jdbc:calcite:", properties)) {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      for (TableSchema schema : schemas) {
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
  static List<Object> normalized(List<Object> row) {
    List<Object> values = new ArrayList<>(row.size());
    for (Object value : row) {
      values.add(value instanceof BigDecimal d ? d.stripTrailingZeros() : value);
    }
    return values;
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

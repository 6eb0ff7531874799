package io.codeanatomy.runtime.exec;

import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.TableSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.adapter.tpcds.TpcdsSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A small, deterministic data set over the TPC-DS tables the grouping-set queries (27, 36, 70,
 * 86) read, in the schema of Calcite's {@code TpcdsSchema}: every column gets a value of its type,
 * and the columns those queries join, filter and group on take values from small domains that
 * include the queries' literals (years 1998, month sequences 1220-1231, the state TN), so that
 * the queries find rows and their rollups have several groups on every level.
 */
public final class TpcdsData {

  private static final long SEED = 0x7C0D5_0027L;

  private static final int DATES = 48;
  private static final int STORES = 8;
  private static final int ITEMS = 24;
  private static final int DEMOGRAPHICS = 12;
  private static final int STORE_SALES = 500;
  private static final int WEB_SALES = 300;

  /** The tables the four queries read, upper case. */
  public static final List<String> TABLES = List.of("CUSTOMER_DEMOGRAPHICS", "DATE_DIM", "ITEM",
      "STORE", "STORE_SALES", "WEB_SALES");

  private TpcdsData() {}

  /** Every TPC-DS table's schema as the session registers it (upper-case names). */
  public static List<TableSchema> schemas() {
    TpcdsSchema tpcds = new TpcdsSchema(1.0);
    RelDataTypeFactory types = new JavaTypeFactoryImpl();
    List<TableSchema> schemas = new ArrayList<>();
    for (String name : new TreeSet<>(tpcds.tables().getNames(LikePattern.any()))) {
      Table table = tpcds.tables().get(name);
      RelDataTypeFactory.Builder row = types.builder();
      for (RelDataTypeField field : table.getRowType(types).getFieldList()) {
        RelDataType type = field.getType();
        if (type.getSqlTypeName() == SqlTypeName.TIME) {
          // No TIME in the catalog (DBGEN_VERSION.DV_CREATE_TIME); no query reads it.
          type = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR),
              type.isNullable());
        }
        row.add(field.getName().toUpperCase(Locale.ROOT), type);
      }
      schemas.add(TableSchema.of(name.toUpperCase(Locale.ROOT), row.build()));
    }
    return schemas;
  }

  /** The rows of {@link #TABLES}, by table name, in the columns' order. */
  public static Map<String, List<List<Object>>> rows() {
    SplittableRandom random = new SplittableRandom(SEED);
    Map<String, Integer> counts = Map.of("DATE_DIM", DATES, "STORE", STORES, "ITEM", ITEMS,
        "CUSTOMER_DEMOGRAPHICS", DEMOGRAPHICS, "STORE_SALES", STORE_SALES,
        "WEB_SALES", WEB_SALES);
    Map<String, List<List<Object>>> tables = new TreeMap<>();
    for (TableSchema schema : schemas()) {
      if (!TABLES.contains(schema.name())) {
        continue;
      }
      List<List<Object>> rows = new ArrayList<>();
      for (int r = 0; r < counts.get(schema.name()); r++) {
        List<Object> row = new ArrayList<>();
        for (Column column : schema.columns()) {
          row.add(value(column, r, random));
        }
        rows.add(row);
      }
      tables.put(schema.name(), rows);
    }
    return tables;
  }

  private static Object value(Column column, int row, SplittableRandom random) {
    String name = column.name();
    Object special = switch (name) {
      // Surrogate keys: 1..n in their own table, and references spread over them.
      case "D_DATE_SK" -> (long) row + 1;
      case "S_STORE_SK" -> (long) row + 1;
      case "I_ITEM_SK" -> (long) row + 1;
      case "CD_DEMO_SK" -> (long) row + 1;
      case "SS_SOLD_DATE_SK", "WS_SOLD_DATE_SK" -> 1L + random.nextInt(DATES);
      case "SS_STORE_SK" -> 1L + random.nextInt(STORES);
      case "SS_ITEM_SK", "WS_ITEM_SK" -> 1L + random.nextInt(ITEMS);
      case "SS_CDEMO_SK" -> 1L + random.nextInt(DEMOGRAPHICS);
      // Two years of months: 1998 and 1999, month sequences 1212 to 1235.
      case "D_YEAR" -> 1998L + row / 24;
      case "D_MOY" -> (long) row % 12 + 1;
      case "D_MONTH_SEQ" -> 1212L + row / 2;
      case "D_DATE" -> LocalDate.of(1998, 1, 1).plusDays(row * 15L);
      case "S_STATE" -> new String[] {"TN", "TN", "TN", "GA", "TN", "AL", "TN", "GA"}[row];
      case "S_COUNTY" -> new String[] {"Williamson County", "Ziebach County",
          "Walker County", "Bronx County"}[row % 4];
      case "I_CATEGORY" -> new String[] {"Books", "Music", "Home", "Sports"}[row % 4];
      case "I_CLASS" -> new String[] {"fiction", "pop", "decor", "golf", "history",
          "rock"}[row % 6];
      case "I_ITEM_ID" -> String.format(Locale.ROOT, "AAAAAAAA%08d", row % 10);
      case "CD_GENDER" -> row % 2 == 0 ? "M" : "F";
      default -> null;
    };
    Object value = special != null ? special : generic(column, random);
    return convert(column, value);
  }

  /** A value of the column's type, from a small range. */
  private static Object generic(Column column, SplittableRandom random) {
    return switch (column.type()) {
      case INTEGER, BIGINT, SMALLINT, TINYINT -> (long) random.nextInt(100);
      case DECIMAL -> BigDecimal.valueOf(random.nextInt(20_000) - 2_000, 2);
      case DOUBLE, FLOAT, REAL -> random.nextInt(1000) / 10.0;
      case CHAR, VARCHAR -> "v" + random.nextInt(5);
      case DATE -> LocalDate.of(1998, 1, 1).plusDays(random.nextInt(700));
      default -> null;
    };
  }

  /** The value as the column's type holds it: widths and scales as declared. */
  private static Object convert(Column column, Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.type()) {
      case INTEGER, SMALLINT, TINYINT -> ((Number) value).intValue();
      case BIGINT -> ((Number) value).longValue();
      case DECIMAL -> ((BigDecimal) value).setScale(Math.max(0, column.scale()),
          java.math.RoundingMode.HALF_UP);
      case CHAR -> {
        String text = value.toString();
        text = column.precision() > 0 && text.length() > column.precision()
            ? text.substring(0, column.precision()) : text;
        yield column.precision() > 0 ? text + " ".repeat(column.precision() - text.length())
            : text;
      }
      case VARCHAR -> {
        String text = value.toString();
        yield column.precision() > 0 && text.length() > column.precision()
            ? text.substring(0, column.precision()) : text;
      }
      default -> value;
    };
  }
}

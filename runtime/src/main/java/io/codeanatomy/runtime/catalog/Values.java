package io.codeanatomy.runtime.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Converts row values to the representation Calcite's Enumerable engine reads from a
 * {@code ScannableTable}: dates as days since the epoch, timestamps as epoch milliseconds,
 * decimals as {@code BigDecimal}. Done once, when rows enter a table.
 */
final class Values {

  private Values() {}

  static Object internal(Column column, Object value, String where) {
    if (value == null) {
      if (!column.nullable()) {
        throw new CatalogException(where + ": " + column.name() + " is NOT NULL, got null");
      }
      return null;
    }
    try {
      return switch (column.type()) {
        // A value already of the internal class is kept as it is: a table of a million rows
        // then holds its numbers once, not twice (the caller's and a converted copy).
        case BOOLEAN -> value instanceof Boolean b ? b : Boolean.valueOf(text(value));
        case TINYINT, SMALLINT, INTEGER -> value instanceof Integer i ? i
            : value instanceof Number n ? (Object) n.intValue() : Integer.valueOf(text(value));
        case BIGINT -> value instanceof Long l ? l
            : value instanceof Number n ? (Object) n.longValue() : Long.valueOf(text(value));
        case FLOAT, REAL, DOUBLE -> value instanceof Double d ? d
            : value instanceof Number n ? (Object) n.doubleValue() : Double.valueOf(text(value));
        case DECIMAL -> value instanceof BigDecimal d ? d : new BigDecimal(text(value));
        // SQL stores CHAR(n) padded to n: Calcite compares with literals padded the same way.
        case CHAR -> padded(column, value.toString(), where);
        case VARCHAR -> varchar(column, value.toString(), where);
        case DATE -> value instanceof LocalDate d ? (Object) (int) d.toEpochDay()
            : (Object) (int) LocalDate.parse(text(value)).toEpochDay();
        case TIMESTAMP -> value instanceof LocalDateTime t
            ? (Object) t.toInstant(ZoneOffset.UTC).toEpochMilli()
            : (Object) LocalDateTime.parse(text(value).replace(' ', 'T'))
                .toInstant(ZoneOffset.UTC).toEpochMilli();
        default -> throw new CatalogException(where + ": " + column.name() + " has type "
            + column.type() + ", which tables here do not hold");
      };
    } catch (RuntimeException e) {
      if (e instanceof CatalogException catalog) {
        throw catalog;
      }
      throw new CatalogException(where + ": " + column.name() + " expects "
          + column.describe() + ", got '" + value + "' (" + e.getMessage() + ")", e);
    }
  }

  private static String padded(Column column, String text, String where) {
    if (column.precision() < 0) {
      return text;
    }
    if (text.length() > column.precision()) {
      throw new CatalogException(where + ": " + column.name() + " is " + column.describe()
          + ", got " + text.length() + " characters");
    }
    return text + " ".repeat(column.precision() - text.length());
  }

  private static String varchar(Column column, String text, String where) {
    if (column.precision() >= 0 && text.length() > column.precision()) {
      throw new CatalogException(where + ": " + column.name() + " is " + column.describe()
          + ", got " + text.length() + " characters");
    }
    return text;
  }

  private static String text(Object value) {
    return value.toString().strip();
  }

  static boolean isSupported(SqlTypeName type) {
    return switch (type) {
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, REAL, DOUBLE, DECIMAL, CHAR,
          VARCHAR, DATE, TIMESTAMP -> true;
      default -> false;
    };
  }
}

package io.codeanatomy.spark;

import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.TableSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * SQL types as Spark's: each of the catalog's column types has one Spark type with the same
 * values. CHAR(n) is Spark text holding the blank-padded value (as the catalog stores it).
 */
final class SparkTypes {

  private SparkTypes() {}

  static StructType schema(TableSchema schema) {
    List<StructField> fields = new ArrayList<>();
    for (Column column : schema.columns()) {
      fields.add(DataTypes.createStructField(column.name(),
          type(column.type(), column.precision(), column.scale(), schema.name() + "."
              + column.name()), column.nullable()));
    }
    return DataTypes.createStructType(fields);
  }

  /** The Spark type of a plan's output column. */
  static DataType type(RelDataType type, String where) {
    return type(type.getSqlTypeName(), type.getPrecision(), type.getScale(), where);
  }

  static DataType type(SqlTypeName type, int precision, int scale, String where) {
    return switch (type) {
      case BOOLEAN -> DataTypes.BooleanType;
      case TINYINT -> DataTypes.ByteType;
      case SMALLINT -> DataTypes.ShortType;
      case INTEGER -> DataTypes.IntegerType;
      case BIGINT -> DataTypes.LongType;
      case REAL -> DataTypes.FloatType;
      case FLOAT, DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> {
        int p = precision < 0 ? 19 : precision;
        if (p > DecimalType.MAX_PRECISION()) {
          throw new UnsupportedPlanException(where + ": type DECIMAL(" + p + ", " + scale
              + ") is wider than Spark's decimals (precision " + DecimalType.MAX_PRECISION()
              + ")");
        }
        yield DataTypes.createDecimalType(p, Math.max(0, scale));
      }
      case CHAR, VARCHAR -> DataTypes.StringType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampNTZType;
      default -> throw new UnsupportedPlanException(where + ": type " + type
          + " is not supported on the Spark engine");
    };
  }

  /**
   * A Java value (as {@code QueryResult} and memory tables hold them) as the Spark type of its
   * column expects it.
   */
  static Object toSpark(Object value, DataType type) {
    if (value == null) {
      return null;
    }
    if (type == DataTypes.ByteType) {
      return ((Number) value).byteValue();
    } else if (type == DataTypes.ShortType) {
      return ((Number) value).shortValue();
    } else if (type == DataTypes.IntegerType) {
      return ((Number) value).intValue();
    } else if (type == DataTypes.LongType) {
      return ((Number) value).longValue();
    } else if (type == DataTypes.FloatType) {
      return ((Number) value).floatValue();
    } else if (type == DataTypes.DoubleType) {
      return ((Number) value).doubleValue();
    } else if (type instanceof DecimalType && !(value instanceof BigDecimal)) {
      return new BigDecimal(value.toString());
    }
    return value;
  }

  /**
   * A value of the catalog's internal representation (dates as epoch days, timestamps as epoch
   * milliseconds: {@code RegisteredTable.rows()}) as Spark expects it for its column.
   */
  static Object internalToSpark(Object value, SqlTypeName type, DataType sparkType) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case DATE -> java.time.LocalDate.ofEpochDay(((Number) value).longValue());
      case TIMESTAMP -> {
        long millis = ((Number) value).longValue();
        yield java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
            Math.floorMod(millis, 1000) * 1_000_000, java.time.ZoneOffset.UTC);
      }
      default -> toSpark(value, sparkType);
    };
  }

  /** Whether Spark holds {@code value} in {@code type} exactly (no rounding, no overflow). */
  static boolean fits(BigDecimal value, DecimalType type) {
    BigDecimal stripped = value.stripTrailingZeros();
    int scale = Math.max(stripped.scale(), 0);
    int integerDigits = stripped.precision() - stripped.scale();
    return scale <= type.scale() && integerDigits <= type.precision() - type.scale();
  }

  /** A Spark value as the Java value the embedded engine returns for the same SQL type. */
  static Object fromSpark(Object value, SqlTypeName type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case TINYINT, SMALLINT, INTEGER -> ((Number) value).intValue();
      case BIGINT -> ((Number) value).longValue();
      case REAL, FLOAT, DOUBLE -> ((Number) value).doubleValue();
      default -> value;
    };
  }
}

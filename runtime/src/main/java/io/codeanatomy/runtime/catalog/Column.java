package io.codeanatomy.runtime.catalog;

import java.util.Locale;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One column: its name, SQL type (with precision and scale where the type has them) and whether
 * it may be null. Independent of any type factory, so that a schema can be declared once and
 * used by every session.
 *
 * @param precision the precision, or {@code -1} for the type's default
 * @param scale the scale, or {@code -1} for none
 */
public record Column(String name, SqlTypeName type, int precision, int scale, boolean nullable) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a column needs a name");
    }
  }

  public static Column of(String name, SqlTypeName type, boolean nullable) {
    return new Column(name, type, -1, -1, nullable);
  }

  /** The Calcite type of the column in {@code factory}. */
  public RelDataType relType(RelDataTypeFactory factory) {
    RelDataType base;
    if (precision >= 0 && scale >= 0 && type.allowsPrecScale(true, true)) {
      base = factory.createSqlType(type, precision, scale);
    } else if (precision >= 0 && type.allowsPrecNoScale()) {
      base = factory.createSqlType(type, precision);
    } else {
      base = factory.createSqlType(type);
    }
    return factory.createTypeWithNullability(base, nullable);
  }

  /** {@code DECIMAL(15, 2)}, {@code VARCHAR(25) NOT NULL}: how the information schema shows it. */
  public String describe() {
    String text = type.getName();
    if (precision >= 0 && scale >= 0 && type.allowsPrecScale(true, true)) {
      text += "(" + precision + ", " + scale + ")";
    } else if (precision >= 0 && type.allowsPrecNoScale()) {
      text += "(" + precision + ")";
    }
    return text.toUpperCase(Locale.ROOT) + (nullable ? "" : " NOT NULL");
  }
}

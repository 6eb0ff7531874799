package io.codeanatomy.runtime.catalog;

import io.substrait.isthmus.calcite.SubstraitTable;
import io.substrait.isthmus.sql.SubstraitCreateStatementParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.parser.SqlParseException;

/** A table's name and columns, in order. */
public record TableSchema(String name, List<Column> columns) {

  public TableSchema {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " has no columns");
    }
  }

  /** The row type in {@code factory}. */
  public RelDataType rowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder builder = factory.builder();
    for (Column column : columns) {
      builder.add(column.name(), column.relType(factory));
    }
    return builder.build();
  }

  /** The index of a column by name (as the schema spells it), or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The schemas that {@code CREATE TABLE} statements declare, parsed by isthmus's DDL parser (the
   * same one substrait-java's own tests read the TPC-H schema with).
   *
   * @throws IllegalArgumentException naming the problem when the DDL does not parse
   */
  public static List<TableSchema> fromDdl(String ddl) {
    List<SubstraitTable> tables;
    try {
      tables = SubstraitCreateStatementParser.processCreateStatements(ddl);
    } catch (SqlParseException e) {
      throw new IllegalArgumentException("the DDL does not parse: " + e.getMessage(), e);
    }
    RelDataTypeFactory factory = new JavaTypeFactoryImpl();
    List<TableSchema> schemas = new ArrayList<>();
    for (SubstraitTable table : tables) {
      schemas.add(of(table.getName(), table.getRowType(factory)));
    }
    return schemas;
  }

  /** The schema of a Calcite row type. */
  public static TableSchema of(String name, RelDataType rowType) {
    List<Column> columns = new ArrayList<>();
    for (RelDataTypeField field : rowType.getFieldList()) {
      RelDataType type = field.getType();
      int precision = type.getSqlTypeName().allowsPrecNoScale() ? type.getPrecision() : -1;
      int scale = type.getSqlTypeName().allowsPrecScale(true, true) ? type.getScale() : -1;
      columns.add(new Column(field.getName(), type.getSqlTypeName(), precision, scale,
          type.isNullable()));
    }
    return new TableSchema(name, columns);
  }
}

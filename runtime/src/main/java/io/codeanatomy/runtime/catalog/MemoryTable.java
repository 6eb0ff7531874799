package io.codeanatomy.runtime.catalog;

import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.impl.AbstractTableQueryable;

/**
 * A table whose rows are held in memory. It is a {@link ModifiableTable}, so that Calcite plans
 * and runs {@code DELETE} on it; it is a queryable table because Calcite's Enumerable
 * {@code TableModify} reaches the table's collection through a queryable table's expression.
 * Scans read the snapshot current when they start; a {@code DELETE} replaces the snapshot once,
 * with the next version ({@link DeletableRows}).
 */
final class MemoryTable extends RegisteredTable implements ModifiableTable {

  MemoryTable(TableSource.Memory source, ScanSettings scanSettings,
      Supplier<List<Object[]>> reader, AtomicLong catalogChanges) {
    super(source, scanSettings, reader, catalogChanges);
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  // Calcite declares the class parameter raw; the override must match it.
  @SuppressWarnings("rawtypes")
  @Override
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }

  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema,
      String tableName) {
    return new AbstractTableQueryable<T>(queryProvider, schema, this, tableName) {
      @Override
      public Enumerator<T> enumerator() {
        // Calcite reads a queryable table of one column as its values, of more as Object[]
        // rows (EnumerableTableScan's row formats): T is one of those.
        Enumerator<Object[]> rows = Linq4j.enumerator(rows());
        @SuppressWarnings("unchecked")
        Enumerator<T> typed = (Enumerator<T>) (schema().columns().size() == 1
            ? Linq4j.transform(rows, row -> row[0]) : rows);
        return typed;
      }
    };
  }

  /** A view of the current snapshot that commits a {@code DELETE} as one new version. */
  @Override
  public DeletableRows getModifiableCollection() {
    return new DeletableRows(this, snapshot());
  }

  @Override
  public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    return LogicalTableModify.create(table, catalogReader, child, operation, updateColumnList,
        sourceExpressionList, flattened);
  }
}

package io.codeanatomy.runtime.catalog;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What Calcite's Enumerable {@code TableModify} gets as a memory table's modifiable collection:
 * the snapshot current when the statement started. Calcite 1.41 runs a {@code DELETE} as
 * {@code collection.removeAll(rowsToDelete)}, with row arrays it built itself (never the stored
 * arrays; values alone for a table of one column), and reports the change in {@link #size()} as
 * the affected row count. Here rows are compared by value, each row given removes one stored row
 * (duplicates included), and the result is committed as the table's next version in one step,
 * only if the table is still at the version the statement started from. Adding rows is refused:
 * only {@code DELETE} is piloted.
 */
final class DeletableRows extends AbstractCollection<Object[]> {

  private final RegisteredTable table;
  private RegisteredTable.Snapshot base;

  DeletableRows(RegisteredTable table, RegisteredTable.Snapshot base) {
    this.table = table;
    this.base = base;
  }

  @Override
  public Iterator<Object[]> iterator() {
    return base.rows().iterator();
  }

  @Override
  public int size() {
    return base.rows().size();
  }

  @Override
  public boolean add(Object[] row) {
    throw new UnsupportedOperationException("table " + table.schema().name() + ": rows are "
        + "only deleted through SQL (only DELETE is piloted)");
  }

  /**
   * Removes one stored row per row in {@code doomed}, compared by value, and commits the rest as
   * the next version (nothing is committed when nothing matches).
   *
   * @throws CatalogException when a row to delete is not in the snapshot, or the table changed
   *     since the statement started; nothing is removed then
   */
  @Override
  public boolean removeAll(Collection<?> doomed) {
    Map<RowKey, Integer> pending = new HashMap<>();
    boolean oneColumn = table.schema().columns().size() == 1;
    for (Object row : doomed) {
      // Calcite hands rows of a one-column table over as their values.
      Object[] values = oneColumn ? new Object[] {row} : (Object[]) row;
      pending.merge(new RowKey(values), 1, Integer::sum);
    }
    List<Object[]> kept = new ArrayList<>(base.rows().size());
    for (Object[] row : base.rows()) {
      RowKey key = new RowKey(row);
      Integer left = pending.get(key);
      if (left == null) {
        kept.add(row);
      } else if (left == 1) {
        pending.remove(key);
      } else {
        pending.put(key, left - 1);
      }
    }
    if (!pending.isEmpty()) {
      int missing = pending.values().stream().mapToInt(Integer::intValue).sum();
      throw new CatalogException("table " + table.schema().name() + ": " + missing
          + " rows to delete are not in version " + base.version() + ": nothing was deleted");
    }
    if (kept.size() == base.rows().size()) {
      return false;
    }
    base = table.commit(base.version(), kept);
    return true;
  }

  /** A row compared by its values: arrays themselves compare by identity. */
  private record RowKey(Object[] values) {
    @Override
    public boolean equals(Object other) {
      return other instanceof RowKey key && Arrays.deepEquals(values, key.values);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
      return Arrays.deepToString(values);
    }
  }
}

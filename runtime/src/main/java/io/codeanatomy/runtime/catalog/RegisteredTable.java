package io.codeanatomy.runtime.catalog;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table as Calcite sees it: a schema, rows in Calcite's internal representation, statistics
 * when the scan settings collect them, and a version that goes up whenever its rows are replaced
 * (plans that read it are then stale; the plan cache drops them).
 */
public final class RegisteredTable extends AbstractTable implements ScannableTable {

  private final TableSource source;
  private final ScanSettings scanSettings;
  private final Supplier<List<Object[]>> reader;
  private final AtomicLong version = new AtomicLong(1);
  private volatile List<Object[]> rows;

  RegisteredTable(TableSource source, ScanSettings scanSettings,
      Supplier<List<Object[]>> reader) {
    this.source = source;
    this.scanSettings = scanSettings;
    this.reader = reader;
    this.rows = List.copyOf(reader.get());
  }

  public TableSchema schema() {
    return source.schema();
  }

  public TableSource source() {
    return source;
  }

  /** Goes up by one each time the rows are replaced. */
  public long version() {
    return version.get();
  }

  /** The rows in Calcite's internal representation. */
  public List<Object[]> rows() {
    return rows;
  }

  /**
   * Replaces an in-memory table's rows, or re-reads a CSV table's files, and bumps the version.
   *
   * @return the new version
   */
  public long refresh(List<List<Object>> newRows) {
    if (!(source instanceof TableSource.Memory)) {
      throw new CatalogException(schema().name() + " is a " + source.factory() + " table: its "
          + "rows come from its files; use reload()");
    }
    rows = MemoryRows.convert(schema(), newRows);
    return version.incrementAndGet();
  }

  /** Re-reads the source's rows (a CSV table after its files changed) and bumps the version. */
  public long reload() {
    rows = List.copyOf(reader.get());
    return version.incrementAndGet();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return schema().rowType(typeFactory);
  }

  @Override
  public Statistic getStatistic() {
    // Only with collect_statistics does the planner learn sizes; costs, so plans, follow.
    return scanSettings.collectStatistics()
        ? Statistics.of(rows.size(), List.of()) : Statistics.UNKNOWN;
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows);
  }
}

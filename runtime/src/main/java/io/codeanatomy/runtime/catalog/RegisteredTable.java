package io.codeanatomy.runtime.catalog;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table as Calcite sees it: a schema, rows in Calcite's internal representation, statistics
 * when the scan settings collect them, and a version that goes up whenever its rows change (plans
 * that read it are then stale; the plan cache drops them). Rows and version are one immutable
 * snapshot, replaced as a whole: a reader sees either the old rows at the old version or the new
 * rows at the new one. Memory tables ({@link MemoryTable}) can also lose rows to a planned
 * {@code DELETE}; CSV tables ({@link CsvTable}) change only when their files are read again.
 */
public abstract sealed class RegisteredTable extends AbstractTable
    permits MemoryTable, CsvTable {

  /** Rows and the version they are at, replaced together. */
  record Snapshot(long version, List<Object[]> rows) {
    Snapshot {
      rows = List.copyOf(rows);
    }
  }

  private final TableSource source;
  private final ScanSettings scanSettings;
  private final Supplier<List<Object[]>> reader;
  /** The catalog's count of row changes, over all its tables (see Catalog.changes()). */
  private final AtomicLong catalogChanges;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Snapshot snapshot;

  RegisteredTable(TableSource source, ScanSettings scanSettings,
      Supplier<List<Object[]>> reader, AtomicLong catalogChanges) {
    this.source = source;
    this.scanSettings = scanSettings;
    this.reader = reader;
    this.catalogChanges = catalogChanges;
    this.snapshot = new Snapshot(1, reader.get());
  }

  public TableSchema schema() {
    return source.schema();
  }

  public TableSource source() {
    return source;
  }

  /** Goes up by one each time the rows change. */
  public long version() {
    return snapshot.version();
  }

  /** The rows in Calcite's internal representation (an immutable snapshot). */
  public List<Object[]> rows() {
    return snapshot.rows();
  }

  /**
   * Replaces an in-memory table's rows and bumps the version.
   *
   * @return the new version
   */
  public long refresh(List<List<Object>> newRows) {
    if (!(source instanceof TableSource.Memory)) {
      throw new CatalogException(schema().name() + " is a " + source.factory() + " table: its "
          + "rows come from its files; use reload()");
    }
    return replace(MemoryRows.convert(schema(), newRows));
  }

  /** Re-reads the source's rows (a CSV table after its files changed) and bumps the version. */
  public long reload() {
    return replace(reader.get());
  }

  /**
   * Runs {@code work} while no other thread changes the table: a mutation plans against one
   * version and must run against the same one.
   */
  public <T> T exclusively(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /**
   * Installs {@code rows} as the next version, if the table is still at {@code expected}.
   *
   * @throws CatalogException when the table changed since {@code expected}: nothing changes
   */
  Snapshot commit(long expected, List<Object[]> rows) {
    return exclusively(() -> {
      Snapshot current = snapshot;
      if (current.version() != expected) {
        throw new CatalogException("table " + schema().name() + " changed while it was being "
            + "modified (version " + expected + ", now " + current.version() + "): nothing "
            + "was changed");
      }
      Snapshot next = new Snapshot(expected + 1, rows);
      snapshot = next;
      catalogChanges.incrementAndGet();
      return next;
    });
  }

  private long replace(List<Object[]> rows) {
    return exclusively(() -> {
      Snapshot next = new Snapshot(snapshot.version() + 1, rows);
      snapshot = next;
      catalogChanges.incrementAndGet();
      return next.version();
    });
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return schema().rowType(typeFactory);
  }

  @Override
  public Statistic getStatistic() {
    // Only with collect_statistics does the planner learn sizes; costs, so plans, follow.
    return scanSettings.collectStatistics()
        ? Statistics.of(snapshot.rows().size(), List.of()) : Statistics.UNKNOWN;
  }
}

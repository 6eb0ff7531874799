package io.codeanatomy.runtime.catalog;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.ScannableTable;

/** A table read from CSV files: scanned, never modified by SQL (its files are the truth). */
final class CsvTable extends RegisteredTable implements ScannableTable {

  CsvTable(TableSource.Csv source, ScanSettings scanSettings, Supplier<List<Object[]>> reader,
      AtomicLong catalogChanges) {
    super(source, scanSettings, reader, catalogChanges);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows());
  }
}

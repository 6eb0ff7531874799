package io.codeanatomy.runtime.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a table's rows come from, by the logical name of its table factory ({@code memory},
 * {@code csv}): the planning surface's {@code table_factory_allowlist} names these, never a Java
 * class. A source becomes a table only through {@link Catalog#ensureRegistered}.
 */
public sealed interface TableSource {

  /** The table's schema. */
  TableSchema schema();

  /** The table factory's logical name. */
  String factory();

  /** Rows held in memory; the table can be replaced later, which bumps its version. */
  record Memory(TableSchema schema, List<List<Object>> rows) implements TableSource {
    public Memory {
      Objects.requireNonNull(schema, "schema");
      rows = List.copyOf(rows);
    }

    @Override
    public String factory() {
      return "memory";
    }
  }

  /**
   * CSV files with a header line: one file, or a directory of {@code *.csv} files (a listing
   * table, read as the scan settings say).
   */
  record Csv(TableSchema schema, Path location) implements TableSource {
    public Csv {
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(location, "location");
    }

    @Override
    public String factory() {
      return "csv";
    }
  }
}

package io.codeanatomy.runtime.catalog;

import java.util.ArrayList;
import java.util.List;

/** Rows given as Java values, checked against the schema and converted once. */
final class MemoryRows {

  private MemoryRows() {}

  static List<Object[]> convert(TableSchema schema, List<List<Object>> rows) {
    List<Object[]> converted = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      List<Object> row = rows.get(r);
      String where = "table " + schema.name() + ", row " + (r + 1);
      if (row.size() != schema.columns().size()) {
        throw new CatalogException(where + ": " + row.size() + " values for "
            + schema.columns().size() + " columns");
      }
      Object[] values = new Object[row.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = Values.internal(schema.columns().get(c), row.get(c), where);
      }
      converted.add(values);
    }
    return List.copyOf(converted);
  }
}

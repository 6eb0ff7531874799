package io.codeanatomy.runtime.exec;

import java.util.List;

/**
 * The rows a plan returned, with its column names. Values are Java values: {@code LocalDate}
 * for dates, {@code BigDecimal} for decimals, {@code Long}, {@code Integer}, {@code Double},
 * {@code String}, {@code Boolean}; null for SQL NULL.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {

  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}

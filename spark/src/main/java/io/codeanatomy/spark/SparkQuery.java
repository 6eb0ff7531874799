package io.codeanatomy.spark;

import java.util.List;
import java.util.SortedSet;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A sealed plan prepared for Spark: checked, read back into Calcite and rendered as Spark SQL.
 *
 * @param name the bundle's name
 * @param sql the Spark SQL rendered from the Substrait plan (never the bundle's own SQL)
 * @param names the output column names the plan seals, re-applied to Spark's result
 * @param types the output column types the plan declares; Spark's result is cast to them
 * @param tables the tables the plan scans, upper case
 */
public record SparkQuery(String name, String sql, List<String> names, List<RelDataType> types,
    SortedSet<String> tables) {

  public SparkQuery {
    names = List.copyOf(names);
    types = List.copyOf(types);
  }
}

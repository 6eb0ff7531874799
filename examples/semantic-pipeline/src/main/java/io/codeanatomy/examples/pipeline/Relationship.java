package io.codeanatomy.examples.pipeline;

import io.codeanatomy.contracts.relspec.CachePolicy;
import io.codeanatomy.contracts.relspec.JoinStrategy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pipeline's views: three relationships inferred from the anatomy, and two results built on
 * them. Span containment and the callers' stable ids are the domain functions
 * ({@link DomainFunctions}), not inline expressions. Each view names the join strategy its rows were inferred by (its confidence comes from
 * the one canonical map, {@code JoinStrategyAttributes}) and the views it reads.
 *
 * @param name the view's name (lower case; tables are upper case)
 * @param strategy how its rows are inferred
 * @param sql its SQL over the anatomy tables and the views in {@code reads}
 * @param reads the views it reads, in order
 * @param output whether it is a result of the pipeline (written out), not an intermediate step
 */
public record Relationship(String name, JoinStrategy strategy, String sql, List<String> reads,
    boolean output) {

  public static final Relationship CALLS_TO_DEFINITIONS = new Relationship(
      "calls_to_definitions", JoinStrategy.SPAN_CONTAINS, """
      SELECT c.CALL_ID, c.FILE_ID, c.CALLEE, d.DEF_ID AS CALLER_DEF_ID, d.NAME AS CALLER,
        stable_id(f.PATH, d.SPAN_START, d.SPAN_END) AS CALLER_KEY
      FROM CALL_SITES c
      JOIN DEFINITIONS d
        ON c.FILE_ID = d.FILE_ID
        AND span_contains(d.SPAN_START, d.SPAN_END, c.SPAN_START, c.SPAN_END)
      JOIN FILES f ON d.FILE_ID = f.FILE_ID""",
      List.of(), false);

  public static final Relationship REFERENCES_TO_SYMBOLS = new Relationship(
      "references_to_symbols", JoinStrategy.SYMBOL_MATCH, """
      SELECT r.REF_ID, r.FILE_ID, r.NAME, s.SYMBOL_ID, s.DEF_ID
      FROM NAME_REFS r
      JOIN SYMBOLS s ON r.NAME = s.NAME""",
      List.of(), true);

  public static final Relationship IMPORTS_TO_FILES = new Relationship(
      "imports_to_files", JoinStrategy.FOREIGN_KEY, """
      SELECT i.IMPORT_ID, i.FILE_ID AS FROM_FILE, f.FILE_ID AS TO_FILE
      FROM IMPORTS i
      JOIN FILES f ON i.TARGET_PATH = f.PATH""",
      List.of(), false);

  public static final Relationship CALL_GRAPH = new Relationship(
      "call_graph", JoinStrategy.SYMBOL_MATCH, """
      SELECT ctd.CALLER_KEY, ctd.CALLER_DEF_ID, s.DEF_ID AS CALLEE_DEF_ID, COUNT(*) AS CALLS
      FROM calls_to_definitions ctd
      JOIN SYMBOLS s ON ctd.CALLEE = s.NAME
      GROUP BY ctd.CALLER_KEY, ctd.CALLER_DEF_ID, s.DEF_ID""",
      List.of("calls_to_definitions"), true);

  public static final Relationship FILE_DEPENDENCIES = new Relationship(
      "file_dependencies", JoinStrategy.FOREIGN_KEY, """
      SELECT edges.FROM_FILE, edges.TO_FILE, COUNT(*) AS EDGES
      FROM (
        SELECT itf.FROM_FILE, itf.TO_FILE FROM imports_to_files itf
        UNION ALL
        SELECT caller.FILE_ID AS FROM_FILE, callee.FILE_ID AS TO_FILE
        FROM call_graph cg
        JOIN DEFINITIONS caller ON cg.CALLER_DEF_ID = caller.DEF_ID
        JOIN DEFINITIONS callee ON cg.CALLEE_DEF_ID = callee.DEF_ID
        WHERE caller.FILE_ID <> callee.FILE_ID
      ) edges
      GROUP BY edges.FROM_FILE, edges.TO_FILE""",
      List.of("imports_to_files", "call_graph"), true);

  /** Every view, each after the views it reads. */
  public static final List<Relationship> ALL = List.of(CALLS_TO_DEFINITIONS,
      REFERENCES_TO_SYMBOLS, IMPORTS_TO_FILES, CALL_GRAPH, FILE_DEPENDENCIES);

  public static Optional<Relationship> named(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(r -> r.name().equals(wanted)).findFirst();
  }

  /**
   * How the execution policy caches the view: results are written as outputs, views others read
   * are staged, the rest is not kept.
   */
  public CachePolicy cachePolicy() {
    if (output) {
      return CachePolicy.DELTA_OUTPUT;
    }
    return ALL.stream().anyMatch(r -> r.reads().contains(name)) ? CachePolicy.DELTA_STAGING
        : CachePolicy.NONE;
  }

  /**
   * The view as one query: its SQL with every view it reads, transitively, as a common table
   * expression before it. This is the one-DAG form: nothing is materialized in between.
   */
  public String asOneQuery() {
    List<Relationship> needed = new java.util.ArrayList<>();
    collect(this, needed);
    needed.remove(this);
    if (needed.isEmpty()) {
      return sql;
    }
    StringBuilder query = new StringBuilder("WITH ");
    for (int i = 0; i < needed.size(); i++) {
      query.append(i == 0 ? "" : ",\n").append(needed.get(i).name()).append(" AS (\n")
          .append(needed.get(i).sql()).append("\n)");
    }
    return query.append("\n").append(sql).toString();
  }

  private static void collect(Relationship view, List<Relationship> into) {
    for (String read : view.reads()) {
      Relationship dependency = named(read).orElseThrow();
      if (!into.contains(dependency)) {
        collect(dependency, into);
      }
    }
    if (!into.contains(view)) {
      into.add(view);
    }
  }
}

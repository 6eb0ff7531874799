package io.codeanatomy.runtime.session;

import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * A relation planner: a domain {@code FROM} construct, planned through Calcite's table-macro
 * extension point ({@code FROM TABLE(name(args))}) rather than by rewriting SQL text. A session
 * registers one when its planning-surface spec names it in {@code relation_planners} (and the
 * surface policy enables relation planners); the builder supplies the implementation.
 */
@FunctionalInterface
public interface RelationPlanner {

  /**
   * What a relation planner expands with: the session's tables, the functions a query may call
   * (its user-defined functions among them) and the SQL dialect the profile gives. A macro that
   * expands into SQL reads it as the session does, so that the relation it expands to is the one
   * the same SQL plans to.
   */
  record Context(SchemaPlus schema, SqlOperatorTable operators, SqlParser.Config parser) {}

  /** The macro, over the session's tables and functions. */
  TableMacro create(Context context);
}

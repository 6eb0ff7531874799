package io.codeanatomy.runtime.session;

import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableMacro;

/**
 * A relation planner: a domain {@code FROM} construct, planned through Calcite's table-macro
 * extension point ({@code FROM TABLE(name(args))}) rather than by rewriting SQL text. A session
 * registers one when its planning-surface spec names it in {@code relation_planners} (and the
 * surface policy enables relation planners); the builder supplies the implementation.
 */
@FunctionalInterface
public interface RelationPlanner {

  /** The macro, over the session's schema (the tables it may read). */
  TableMacro create(SchemaPlus schema);
}

package io.codeanatomy.contracts.core.settings;

/** How EXPLAIN renders plans; the setting text is the constant name in lower case. */
public enum ExplainFormat {
  /** One operator per line, indented by depth. */
  INDENT,
  /** A drawn tree. */
  TREE,
  /** PostgreSQL-style JSON. */
  PGJSON,
  /** Graphviz dot. */
  GRAPHVIZ
}

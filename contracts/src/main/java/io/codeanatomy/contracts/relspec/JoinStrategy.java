package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Attribute;

/**
 * How a relationship view joins code entities, with the one canonical confidence of each
 * strategy (docs/domain.md, section 6). The confidences are declared here once; the processor generates
 * {@code JoinStrategyAttributes.confidence(...)} for Java and {@code JoinStrategy::confidence()}
 * for Rust.
 */
public enum JoinStrategy {
  /** Byte spans overlap. */
  @Attribute(name = "confidence", value = 0.95)
  SPAN_OVERLAP,
  /** One byte span contains the other. */
  @Attribute(name = "confidence", value = 0.95)
  SPAN_CONTAINS,
  /** A declared key refers to another table. */
  @Attribute(name = "confidence", value = 0.85)
  FOREIGN_KEY,
  /** Symbol names match. */
  @Attribute(name = "confidence", value = 0.75)
  SYMBOL_MATCH,
  /** Plain equality of columns. */
  @Attribute(name = "confidence", value = 0.60)
  EQUI_JOIN
}

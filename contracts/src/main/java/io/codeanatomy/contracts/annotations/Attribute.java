package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A named number attached to an enum constant, declared once and generated for Java and Rust:
 * a lookup {@code <Enum>Attributes.confidence(SPAN_OVERLAP)} and its map, and in Rust
 * {@code JoinStrategy::SpanOverlap.confidence()}. Every constant of the enum must give every
 * attribute that any constant gives ({@code CA049}). Repeatable.
 *
 * <pre>{@code
 * public enum JoinStrategy {
 *   @Attribute(name = "confidence", value = 0.95) SPAN_OVERLAP, ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@Repeatable(Attributes.class)
public @interface Attribute {

  /** The attribute name, lower-case snake case; it names the generated lookup. */
  String name();

  /** The value; finite. */
  double value();
}

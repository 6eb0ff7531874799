package io.codeanatomy.processor.model;

/** How a record component spells its setting value in Java. */
public enum JavaForm {
  /** {@code boolean}, {@code int}, {@code long}, {@code double}. */
  PRIMITIVE,
  /** {@code String}, an enum, {@code Duration}, {@code List<String>}. */
  REFERENCE,
  /** {@code Optional<T>}. */
  OPTIONAL,
  /** {@code OptionalInt}. */
  OPTIONAL_INT,
  /** {@code OptionalLong}. */
  OPTIONAL_LONG,
  /** {@code OptionalDouble}. */
  OPTIONAL_DOUBLE;

  public boolean isOptional() {
    return this != PRIMITIVE && this != REFERENCE;
  }
}

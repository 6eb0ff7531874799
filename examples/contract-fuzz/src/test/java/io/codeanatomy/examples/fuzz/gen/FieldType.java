package io.codeanatomy.examples.fuzz.gen;

import io.codeanatomy.examples.fuzz.gen.SetSpec.EnumSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.TypeName;
import java.util.function.Function;

/** The type of a contract field, as the generator builds it and Java source spells it. */
public sealed interface FieldType {

  /** {@code boolean int long double String byte[]}. */
  enum ScalarKind { BOOLEAN, INT, LONG, DOUBLE, STRING, BYTES }

  record Scalar(ScalarKind kind) implements FieldType {}

  record EnumRef(EnumSpec spec) implements FieldType {}

  /** A nested contract: a record of the set, or a protobuf message ({@code proto}). */
  record ContractRef(TypeName type, boolean proto) implements FieldType {}

  record ListOf(FieldType element) implements FieldType {}

  record MapOf(FieldType value) implements FieldType {}

  record OptionalOf(FieldType element) implements FieldType {}

  /** {@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble}. */
  record PrimitiveOptional(ScalarKind kind) implements FieldType {}

  /** Whether it holds strings only (what {@code @Hash} accepts). */
  default boolean holdsText() {
    FieldType inner = this;
    if (this instanceof OptionalOf o) {
      inner = o.element();
    } else if (this instanceof ListOf l) {
      inner = l.element();
    } else if (this instanceof MapOf m) {
      inner = m.value();
    }
    return inner instanceof Scalar s && s.kind() == ScalarKind.STRING;
  }

  /**
   * The Java type in source; {@code boxed} inside a list, map or optional; {@code name} spells a
   * declared type as seen from the source's package.
   */
  default String java(boolean boxed, Function<TypeName, String> name) {
    if (this instanceof Scalar s) {
      return switch (s.kind()) {
        case BOOLEAN -> boxed ? "Boolean" : "boolean";
        case INT -> boxed ? "Integer" : "int";
        case LONG -> boxed ? "Long" : "long";
        case DOUBLE -> boxed ? "Double" : "double";
        case STRING -> "String";
        case BYTES -> "byte[]";
      };
    } else if (this instanceof EnumRef e) {
      return name.apply(e.spec().type());
    } else if (this instanceof ContractRef c) {
      return name.apply(c.type());
    } else if (this instanceof ListOf l) {
      return "List<" + l.element().java(true, name) + ">";
    } else if (this instanceof MapOf m) {
      return "Map<String, " + m.value().java(true, name) + ">";
    } else if (this instanceof OptionalOf o) {
      return "Optional<" + o.element().java(true, name) + ">";
    }
    PrimitiveOptional p = (PrimitiveOptional) this;
    return switch (p.kind()) {
      case INT -> "OptionalInt";
      case LONG -> "OptionalLong";
      case DOUBLE -> "OptionalDouble";
      default -> throw new IllegalStateException(p.kind().toString());
    };
  }
}

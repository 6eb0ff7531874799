package io.codeanatomy.processor.model;

import java.util.List;
import java.util.Locale;

/**
 * The type of a contract field, recursively: scalars, enums, lists, string-keyed maps, optionals
 * and nested contracts. Each has exactly one canonical encoding (docs/canonical-encoding.md,
 * section 3).
 */
public sealed interface FieldType {

  /** How the type is written in the manifest and in schema fingerprints. */
  String describe();

  /** A scalar: boolean, int, long, double (float64), string, bytes (binary). */
  record Scalar(ScalarKind kind, JavaForm form) implements FieldType {
    @Override
    public String describe() {
      return kind.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Scalar kinds. */
  enum ScalarKind { BOOLEAN, INT, LONG, DOUBLE, STRING, BYTES }

  /** An enum, encoded as its constant name in lower case. */
  record EnumType(TypeRef type, List<String> constants) implements FieldType {
    public EnumType {
      constants = List.copyOf(constants);
    }

    public List<String> texts() {
      return constants.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public String describe() {
      return "enum (" + String.join("|", texts()) + ")";
    }
  }

  /** {@code List<T>}: an array in order (or, for a {@code @Bag} field, sorted). */
  record ListType(FieldType element) implements FieldType {
    @Override
    public String describe() {
      return "list<" + element.describe() + ">";
    }
  }

  /** {@code Map<String, V>}: sorted by key. */
  record MapType(FieldType value) implements FieldType {
    @Override
    public String describe() {
      return "map<string, " + value.describe() + ">";
    }
  }

  /**
   * {@code Optional<T>}, {@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble}:
   * absent is nil or the empty string ({@code @AbsentAs}).
   */
  record OptionalType(FieldType element, JavaForm form) implements FieldType {
    @Override
    public String describe() {
      return "optional<" + element.describe() + ">";
    }
  }

  /** A nested {@code @Contract} record, encoded by its own layout without an envelope. */
  record ContractRef(TypeRef type) implements FieldType {
    @Override
    public String describe() {
      return "contract " + type.qualifiedName();
    }
  }
}

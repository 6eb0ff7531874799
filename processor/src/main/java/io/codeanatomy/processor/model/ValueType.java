package io.codeanatomy.processor.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The type of a setting: what the value is ({@link ValueKind}) and how Java spells it
 * ({@link JavaForm}); for enums, the enum type and its constants.
 */
public record ValueType(
    ValueKind kind, JavaForm form, Optional<TypeRef> enumType, List<String> enumConstants) {

  public ValueType {
    enumConstants = List.copyOf(enumConstants);
    if ((kind == ValueKind.ENUM) != enumType.isPresent()) {
      throw new IllegalArgumentException("an enum type exactly for enum values");
    }
  }

  public static ValueType of(ValueKind kind, JavaForm form) {
    return new ValueType(kind, form, Optional.empty(), List.of());
  }

  public static ValueType enumType(TypeRef type, List<String> constants, JavaForm form) {
    return new ValueType(ValueKind.ENUM, form, Optional.of(type), constants);
  }

  public boolean optional() {
    return form.isOptional();
  }

  /** The texts an enum accepts: constant names in lower case, in declaration order. */
  public List<String> enumTexts() {
    return enumConstants.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
  }

  /** The type in words: {@code int}, {@code optional bytes}, {@code enum (off|warn|error)}. */
  public String description() {
    String base = kind == ValueKind.ENUM
        ? "enum (" + String.join("|", enumTexts()) + ")"
        : kind.typeName();
    return optional() ? "optional " + base : base;
  }
}

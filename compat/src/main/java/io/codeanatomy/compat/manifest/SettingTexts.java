package io.codeanatomy.compat.manifest;

import io.codeanatomy.contracts.canonical.SettingText;
import java.util.List;

/**
 * Whether a setting's default or bound is the canonical text the processor writes for its type
 * ({@code docs/canonical-encoding.md}): {@code 67108864}, not {@code 64MiB}; {@code 2m}, not
 * {@code 120s}. The parsing is the canonical module's; only the comparison is here.
 */
final class SettingTexts {

  /** The setting types of a manifest, as {@code ValueKind.typeName()} spells them. */
  static final List<String> TYPES = List.of("boolean", "int", "long", "double", "string", "enum",
      "duration", "bytes", "string_list");

  private SettingTexts() {}

  /** Whether values of {@code type} are ordered, so that a min and a max apply. */
  static boolean ordered(String type) {
    return switch (type) {
      case "int", "long", "double", "duration", "bytes" -> true;
      default -> false;
    };
  }

  /**
   * What a value of {@code type} must look like, when {@code text} is not canonical for it; null
   * when it is.
   */
  static String problem(String type, List<String> allowedValues, String text) {
    try {
      String canonical = switch (type) {
        case "boolean" -> SettingText.formatBoolean(SettingText.parseBoolean(text));
        case "int" -> SettingText.formatInt(SettingText.parseInt(text));
        case "long" -> SettingText.formatLong(SettingText.parseLong(text));
        case "double" -> SettingText.formatDouble(SettingText.parseDouble(text));
        case "duration" -> SettingText.formatDuration(SettingText.parseDuration(text));
        case "bytes" -> SettingText.formatByteSize(SettingText.parseByteSize(text));
        case "enum" -> allowedValues.contains(text) ? text : null;
        case "string_list" -> SettingText.parseStringList(text).stream()
            .allMatch(e -> SettingText.listElementProblem(e) == null) ? text : null;
        default -> text;
      };
      return text.equals(canonical) ? null : expected(type, allowedValues);
    } catch (RuntimeException e) {
      // SettingTextException and NonCanonicalValueException: the text is no value of the type.
      return expected(type, allowedValues);
    }
  }

  private static String expected(String type, List<String> allowedValues) {
    return switch (type) {
      case "boolean" -> "true or false";
      case "int", "long" -> "the canonical text of " + ("int".equals(type) ? "an int" : "a long")
          + " (decimal digits, an optional -)";
      case "double" -> "the canonical text of a double (shortest decimal, no exponent)";
      case "duration" -> "the canonical text of a duration (30s, 2m; whole minutes as m)";
      case "bytes" -> "the canonical text of a byte size (the byte count in decimal digits)";
      case "enum" -> "one of the allowedValues " + String.join(", ", allowedValues);
      case "string_list" -> "a comma-separated list without empty elements";
      default -> "a string";
    };
  }
}

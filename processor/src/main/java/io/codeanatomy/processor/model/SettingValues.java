package io.codeanatomy.processor.model;

import io.codeanatomy.contracts.canonical.SettingText;
import io.codeanatomy.contracts.canonical.SettingTextException;

/**
 * Setting text at compile time: parses what an annotation wrote into the one canonical text that
 * generated code will render at run time, using the same {@link SettingText} methods.
 */
public final class SettingValues {

  private SettingValues() {}

  /**
   * The canonical text of {@code text} read as {@code type} ({@code 64MiB -> 67108864}).
   *
   * @throws SettingTextException naming what was expected when the text does not parse
   */
  public static String canonical(ValueType type, String text) {
    return switch (type.kind()) {
      case BOOLEAN -> SettingText.formatBoolean(SettingText.parseBoolean(text));
      case INT -> SettingText.formatInt(SettingText.parseInt(text));
      case LONG -> SettingText.formatLong(SettingText.parseLong(text));
      case DOUBLE -> SettingText.formatDouble(SettingText.parseDouble(text));
      case STRING -> text;
      case ENUM -> {
        // The text, or the Java constant as a second spelling (TAIL for tail), as SettingText
        // accepts it at run time.
        int constant = type.enumConstants().indexOf(text);
        if (constant >= 0) {
          yield type.enumTexts().get(constant);
        }
        if (!type.enumTexts().contains(text)) {
          throw new SettingTextException("one of " + String.join(", ", type.enumTexts()), text);
        }
        yield text;
      }
      case DURATION -> SettingText.formatDuration(SettingText.parseDuration(text));
      case BYTES -> SettingText.formatByteSize(SettingText.parseByteSize(text));
      case STRING_LIST -> {
        for (String element : SettingText.parseStringList(text)) {
          String problem = SettingText.listElementProblem(element);
          if (problem != null) {
            throw new SettingTextException("a comma-separated list whose elements are not empty", text);
          }
        }
        yield text;
      }
    };
  }

  /**
   * Compares two canonical texts of an {@linkplain ValueKind#isOrdered() ordered} type by value,
   * with Java's primitive comparison semantics ({@code -0.0} equals {@code 0.0}).
   */
  public static int compare(ValueType type, String a, String b) {
    return switch (type.kind()) {
      case INT, LONG, BYTES -> Long.compare(Long.parseLong(a), Long.parseLong(b));
      case DOUBLE -> {
        double x = SettingText.parseDouble(a);
        double y = SettingText.parseDouble(b);
        yield x < y ? -1 : x > y ? 1 : 0;
      }
      case DURATION -> SettingText.parseDuration(a).compareTo(SettingText.parseDuration(b));
      default -> throw new IllegalArgumentException(type.kind() + " values are not ordered");
    };
  }

  /**
   * The range problem of a canonical value, in words ({@code "must be at least 1"}), or null when
   * it lies within the setting's bounds. The bounds must already be valid.
   */
  public static String rangeProblem(SettingModel setting, String canonicalValue) {
    ValueType type = setting.type();
    if (!type.kind().isOrdered()) {
      return null;
    }
    if (setting.min().isPresent()) {
      String min = canonical(type, setting.min().get());
      if (compare(type, canonicalValue, min) < 0) {
        return "must be at least " + min;
      }
    }
    if (setting.max().isPresent()) {
      String max = canonical(type, setting.max().get());
      if (compare(type, canonicalValue, max) > 0) {
        return "must be at most " + max;
      }
    }
    return null;
  }
}

package io.codeanatomy.processor.model;

import java.util.Locale;
import java.util.Set;

/**
 * The naming rules shared by the checks (which report clashes) and the emitters (which use the
 * names): key syntax, derived keys, and the Java identifiers generated from keys and profiles.
 */
public final class Names {

  /** Constants every generated {@code Keys} class declares besides the key constants. */
  public static final Set<String> RESERVED_KEY_CONSTANTS =
      Set.of("SCHEMA_NAMESPACE", "SCHEMA_VERSION", "SCHEMA_FINGERPRINT", "TABLE", "DESCRIPTORS",
          "KEYS",
          // the Rust schema's own constants, beside its key constants
          "NAMESPACE", "VERSION", "SUBJECT");

  /** Constants every generated policy class declares besides the profile constants. */
  public static final Set<String> RESERVED_PROFILE_CONSTANTS = Set.of("POLICY_NAME",
      "POLICY_VERSION", "SCHEMA_FINGERPRINT", "TABLE", "DESCRIPTORS", "KEYS",
      "PLANNING_AFFECTING_KEYS", "FEATURE_GATE_KEYS", "PROFILES", "PROFILE_NAMES");

  private Names() {}

  /** {@code targetPartitions -> target_partitions}, {@code enableANSIMode -> enable_ansi_mode}. */
  public static String snakeCase(String camel) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLowerOrDigit = i > 0
            && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1)));
        boolean endsAcronym = i > 0 && i + 1 < camel.length()
            && Character.isUpperCase(camel.charAt(i - 1)) && Character.isLowerCase(camel.charAt(i + 1));
        if (afterLowerOrDigit || endsAcronym) {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * {@code snake_case -> snakeCase} ({@code upperFirst}: {@code SnakeCase}): each letter after an
   * underscore in upper case, the underscores dropped. Used for protoc's field accessors, enum
   * attribute lookups and the names of generated catalog classes.
   */
  public static String camelCase(String snake, boolean upperFirst) {
    StringBuilder sb = new StringBuilder();
    boolean upper = upperFirst;
    for (int i = 0; i < snake.length(); i++) {
      char c = snake.charAt(i);
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /**
   * The Rust variant of an enum constant before keyword escaping: {@code INDENT -> Indent},
   * {@code PG_JSON -> PgJson}, {@code HTTP_2} and {@code HTTP2 -> Http2} (so two constants can
   * share one, which the checks refuse). Never empty ({@code _ -> Value}).
   */
  public static String rustVariantStem(String javaConstant) {
    StringBuilder sb = new StringBuilder();
    for (String part : javaConstant.split("_")) {
      if (!part.isEmpty()) {
        sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT))
            .append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return sb.length() == 0 ? "Value" : sb.toString();
  }

  /** Whether {@code text} is dot-separated segments of {@code [a-z][a-z0-9_]*}. */
  public static boolean isDottedLowerSnake(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (String segment : text.split("\\.", -1)) {
      if (!isLowerSnake(segment)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} is {@code [a-z][a-z0-9_]*}. */
  public static boolean isLowerSnake(String text) {
    if (text.isEmpty() || text.charAt(0) < 'a' || text.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} is a valid profile name: {@code [a-z][a-z0-9_-]*}. */
  public static boolean isProfileName(String text) {
    return isLowerSnake(text.replace('-', '_'));
  }

  public static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** The key relative to its schema's namespace: {@code parquet.pushdown_filters}. */
  public static String relativeKey(SettingsSchemaModel schema, SettingModel setting) {
    return setting.key().substring(schema.namespace().length() + 1);
  }

  /** The constant naming a key in the generated {@code Keys} class: {@code PARQUET_PUSHDOWN_FILTERS}. */
  public static String keyConstant(SettingsSchemaModel schema, SettingModel setting) {
    return relativeKey(schema, setting).replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The constant naming a profile in the generated {@code Profiles} class: {@code SIZE_SMALL}. */
  public static String profileConstant(String profileName) {
    return profileName.replace('-', '_').toUpperCase(Locale.ROOT);
  }
}

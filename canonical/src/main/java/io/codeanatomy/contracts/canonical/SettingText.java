package io.codeanatomy.contracts.canonical;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of setting values: how a value is written in an annotation, in a profile override
 * and in a settings snapshot ({@code key -> text}), and the one canonical rendering that enters the
 * settings hash. The processor parses declared defaults with these methods at compile time, and
 * generated code uses the same methods at run time, so both read and write the same text.
 *
 * <p>Parsing is strict and locale-free: ASCII digits only, no leading {@code +}, no whitespace.
 * Rendering is canonical: one text per value (see {@code docs/canonical-encoding.md}, "Setting
 * text").
 */
public final class SettingText {

  private SettingText() {}

  // ---------------------------------------------------------------------------------------------
  // booleans

  /** {@code true} or {@code false}, exactly. */
  public static boolean parseBoolean(String text) {
    if ("true".equals(text)) {
      return true;
    }
    if ("false".equals(text)) {
      return false;
    }
    throw new SettingTextException("true or false", text);
  }

  public static String formatBoolean(boolean value) {
    return value ? "true" : "false";
  }

  // ---------------------------------------------------------------------------------------------
  // strings

  /** Any text, as is; only a missing text is refused. */
  public static String parseString(String text) {
    if (text == null) {
      throw new SettingTextException("a string", null);
    }
    return text;
  }

  // ---------------------------------------------------------------------------------------------
  // integers

  /** A decimal {@code int}: optional {@code -}, then ASCII digits. */
  public static int parseInt(String text) {
    long value = parseDecimal(text, "an int", Integer.MIN_VALUE, Integer.MAX_VALUE);
    return (int) value;
  }

  /** A decimal {@code long}: optional {@code -}, then ASCII digits. */
  public static long parseLong(String text) {
    return parseDecimal(text, "a long", Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public static String formatInt(int value) {
    return Integer.toString(value);
  }

  public static String formatLong(long value) {
    return Long.toString(value);
  }

  private static long parseDecimal(String text, String expected, long min, long max) {
    if (text == null || text.isEmpty()) {
      throw new SettingTextException(expected, text);
    }
    boolean negative = text.charAt(0) == '-';
    int start = negative ? 1 : 0;
    if (start == text.length()) {
      throw new SettingTextException(expected, text);
    }
    // Accumulate negatively so that Long.MIN_VALUE parses without overflow.
    long value = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new SettingTextException(expected, text);
      }
      int digit = c - '0';
      if (value < (Long.MIN_VALUE + digit) / 10) {
        throw new SettingTextException(expected + " (out of range)", text);
      }
      value = value * 10 - digit;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        throw new SettingTextException(expected + " (out of range)", text);
      }
      value = -value;
    }
    if (value < min || value > max) {
      throw new SettingTextException(expected + " (out of range)", text);
    }
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // floats

  /**
   * A finite decimal float: {@code -?digits[.digits][(e|E)[+-]digits]}, ASCII only. NaN and infinities are
   * not settings values.
   */
  public static double parseDouble(String text) {
    if (text == null || !isDecimalFloat(text)) {
      throw new SettingTextException("a finite decimal number", text);
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw new SettingTextException("a finite decimal number (out of range)", text);
    }
    return value;
  }

  /**
   * The shortest decimal text that reads back as the same double, written without an exponent,
   * with no trailing zeros and no trailing dot ({@code 1.0 -> "1"}, {@code 0.1 -> "0.1"}, {@code
   * -0.0 -> "-0"}). This is exactly Rust's {@code format!("{}", x)} for f64, so both sides render
   * the same text.
   *
   * <p>Computed here rather than with {@link Double#toString(double)}, which on Java 17 is not
   * always the shortest (JDK-4511638, fixed in Java 19) and switches to exponent notation.
   */
  public static String formatDouble(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new NonCanonicalValueException("float " + value + " has no setting text");
    }
    if (value == 0.0) {
      return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
    }
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal best = closestRoundTrip(exact, value, digits);
      if (best != null) {
        return best.stripTrailingZeros().toPlainString();
      }
    }
    // Unreachable: 17 significant digits always round-trip a double.
    return exact.stripTrailingZeros().toPlainString();
  }

  /**
   * Of the two decimals with {@code digits} significant digits that bracket {@code exact}, the
   * closer one that reads back as {@code value}, or null when neither does. Both are tried because
   * at powers of two the rounding interval is lopsided: the nearer decimal may fall outside it
   * while the farther one does not.
   */
  private static BigDecimal closestRoundTrip(BigDecimal exact, double value, int digits) {
    BigDecimal below = exact.round(new MathContext(digits, RoundingMode.FLOOR));
    BigDecimal above = exact.round(new MathContext(digits, RoundingMode.CEILING));
    boolean belowOk = below.doubleValue() == value;
    boolean aboveOk = above.doubleValue() == value;
    if (belowOk && aboveOk) {
      int cmp = exact.subtract(below).compareTo(above.subtract(exact));
      if (cmp != 0) {
        return cmp < 0 ? below : above;
      }
      // An exact tie: the one farther from zero, as Rust's shortest formatting (the definition,
      // docs/canonical-encoding.md) rounds a tie up in magnitude.
      return exact.signum() > 0 ? above : below;
    }
    return belowOk ? below : aboveOk ? above : null;
  }

  /** {@code -?D+(.D+)?((e|E)(+|-)?D+)?} over ASCII digits D. */
  private static boolean isDecimalFloat(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    int integerDigits = skipDigits(s, i);
    if (integerDigits == 0) {
      return false;
    }
    i += integerDigits;
    if (i < n && s.charAt(i) == '.') {
      int fractionDigits = skipDigits(s, i + 1);
      if (fractionDigits == 0) {
        return false;
      }
      i += 1 + fractionDigits;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = skipDigits(s, i);
      if (exponentDigits == 0) {
        return false;
      }
      i += exponentDigits;
    }
    return i == n;
  }

  private static int skipDigits(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i - from;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  // ---------------------------------------------------------------------------------------------
  // byte sizes

  private static final String[] BYTE_UNITS = {"KiB", "MiB", "GiB", "TiB", "K", "M", "G", "T", "B"};
  private static final int[] BYTE_SHIFTS = {10, 20, 30, 40, 10, 20, 30, 40, 0};

  /**
   * A byte count: ASCII digits with an optional binary unit, {@code B}, {@code KiB}/{@code K},
   * {@code MiB}/{@code M}, {@code GiB}/{@code G}, {@code TiB}/{@code T} (powers of 1024, as
   * DataFusion reads {@code 8G}). {@code KB}/{@code MB} are refused as ambiguous.
   */
  public static long parseByteSize(String text) {
    String expected = "a byte size such as 1048576, 64MiB or 8GiB";
    if (text == null || text.isEmpty()) {
      throw new SettingTextException(expected, text);
    }
    int end = 0;
    while (end < text.length() && isDigit(text.charAt(end))) {
      end++;
    }
    if (end == 0) {
      throw new SettingTextException(expected, text);
    }
    String unit = text.substring(end);
    int shift = -1;
    if (unit.isEmpty()) {
      shift = 0;
    } else {
      for (int i = 0; i < BYTE_UNITS.length; i++) {
        if (BYTE_UNITS[i].equals(unit)) {
          shift = BYTE_SHIFTS[i];
          break;
        }
      }
    }
    if (shift < 0) {
      throw new SettingTextException(expected + " (units: B, KiB, MiB, GiB, TiB)", text);
    }
    long count;
    try {
      count = parseDecimal(text.substring(0, end), expected, 0, Long.MAX_VALUE);
    } catch (SettingTextException e) {
      throw new SettingTextException(expected + " (out of range)", text);
    }
    if (count > (Long.MAX_VALUE >>> shift)) {
      throw new SettingTextException(expected + " (out of range)", text);
    }
    return count << shift;
  }

  /** A byte size as its decimal byte count ({@code 64MiB -> "67108864"}). */
  public static String formatByteSize(long bytes) {
    return Long.toString(bytes);
  }

  // ---------------------------------------------------------------------------------------------
  // durations

  /**
   * A duration in whole seconds written as hours, minutes and seconds, each optional but in this
   * order: {@code 90s}, {@code 2m}, {@code 1h30m}, {@code 1m30s}.
   */
  public static Duration parseDuration(String text) {
    String expected = "a duration such as 30s, 2m or 1h30m";
    if (text == null || text.isEmpty()) {
      throw new SettingTextException(expected, text);
    }
    String units = "hms";
    long[] multipliers = {3600, 60, 1};
    int nextUnit = 0;
    long seconds = 0;
    int i = 0;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == start || i == text.length()) {
        throw new SettingTextException(expected, text);
      }
      int unit = units.indexOf(text.charAt(i), nextUnit);
      if (unit < 0) {
        throw new SettingTextException(expected, text);
      }
      try {
        long amount = parseDecimal(text.substring(start, i), expected, 0, Long.MAX_VALUE);
        seconds = Math.addExact(seconds, Math.multiplyExact(amount, multipliers[unit]));
      } catch (ArithmeticException | SettingTextException e) {
        throw new SettingTextException(expected + " (out of range)", text);
      }
      nextUnit = unit + 1;
      i++;
    }
    return Duration.ofSeconds(seconds);
  }

  /**
   * A duration as {@code Nm} when it is whole minutes, else {@code Ns}. Negative durations and
   * fractions of a second have no setting text.
   */
  public static String formatDuration(Duration duration) {
    if (duration.isNegative() || duration.getNano() != 0) {
      throw new NonCanonicalValueException(
          "duration " + duration + " has no setting text: use whole, non-negative seconds");
    }
    long seconds = duration.getSeconds();
    if (seconds != 0 && seconds % 60 == 0) {
      return (seconds / 60) + "m";
    }
    return seconds + "s";
  }

  /** Checks that a duration can be written as setting text, returning a problem or null. */
  public static String durationProblem(Duration duration) {
    if (duration.isNegative()) {
      return "must not be negative";
    }
    if (duration.getNano() != 0) {
      return "must be whole seconds";
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // enums and lists

  /** An enum constant's text: its name in lower case ({@code WARN -> "warn"}). */
  public static String formatEnum(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code type} whose {@linkplain #formatEnum text} is {@code text}; the Java
   * constant name ({@code TAIL} for {@code tail}) is accepted too, as the spelling a Java
   * programmer reaches for first.
   */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
    return type.cast(parseEnumConstant(type.getEnumConstants(), text));
  }

  /**
   * {@link #parseEnum} over the constants of an enum whose type is not known statically.
   *
   * @throws SettingTextException naming the accepted texts
   */
  public static Enum<?> parseEnumConstant(Enum<?>[] constants, String text) {
    for (Enum<?> constant : constants) {
      if (formatEnum(constant).equals(text) || constant.name().equals(text)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (Enum<?> constant : constants) {
      allowed.add(formatEnum(constant));
    }
    throw new SettingTextException("one of " + String.join(", ", allowed), text);
  }

  /** A comma-separated list; the empty text is the empty list. Elements are not trimmed. */
  public static List<String> parseStringList(String text) {
    if (text == null) {
      throw new SettingTextException("a comma-separated list", null);
    }
    if (text.isEmpty()) {
      return List.of();
    }
    return List.of(text.split(",", -1));
  }

  /** The elements joined with commas; an element holding a comma has no setting text. */
  public static String formatStringList(List<String> values) {
    for (String value : values) {
      if (value.indexOf(',') >= 0) {
        throw new NonCanonicalValueException(
            "list element '" + value + "' contains a comma, the list separator");
      }
    }
    return String.join(",", values);
  }

  /** Whether a list element can be written as setting text, returning a problem or null. */
  public static String listElementProblem(String element) {
    if (element == null) {
      return "must not be null";
    }
    if (element.isEmpty()) {
      return "must not be empty";
    }
    if (element.indexOf(',') >= 0) {
      return "must not contain a comma (the list separator)";
    }
    return null;
  }
}

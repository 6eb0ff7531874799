package io.codeanatomy.examples.fuzz.gen;

import io.codeanatomy.contracts.canonical.SettingText;
import io.codeanatomy.examples.fuzz.gen.SetSpec.EnumSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The type of a generated setting, with what the generator needs of it: random values inside
 * bounds, their canonical text (the oracle for profile resolution, by {@link SettingText}, the
 * library both generated Java and the processor use) and random <em>accepted</em> spellings of
 * them ({@code 1h30m}, {@code 2MiB}, {@code 1.50E+3}, {@code 007}, {@code TAIL}) that Java and
 * Rust must read alike.
 *
 * @param kind the value kind
 * @param form plain, {@code Optional<T>}, or {@code OptionalInt}/{@code OptionalLong}/{@code
 *     OptionalDouble}
 * @param enumType the enum of an enum setting, else null
 */
public record SettingType(Kind kind, Form form, EnumSpec enumType) {

  /** What a setting holds. */
  public enum Kind { BOOLEAN, INT, LONG, DOUBLE, STRING, ENUM, DURATION, BYTES, STRING_LIST }

  /** How a Java record component holds it. */
  public enum Form { PLAIN, OPTIONAL, PRIMITIVE_OPTIONAL }

  public boolean optional() {
    return form != Form.PLAIN;
  }

  public boolean ordered() {
    return switch (kind) {
      case INT, LONG, DOUBLE, DURATION, BYTES -> true;
      default -> false;
    };
  }

  /** The Java type of the component, as written in source ({@code enumName} for enums). */
  String javaType(String enumName) {
    String boxed = switch (kind) {
      case BOOLEAN -> "Boolean";
      case INT -> "Integer";
      case LONG, BYTES -> "Long";
      case DOUBLE -> "Double";
      case STRING -> "String";
      case ENUM -> enumName;
      case DURATION -> "Duration";
      case STRING_LIST -> "List<String>";
    };
    return switch (form) {
      case PLAIN -> switch (kind) {
        case BOOLEAN -> "boolean";
        case INT -> "int";
        case LONG, BYTES -> "long";
        case DOUBLE -> "double";
        default -> boxed;
      };
      case OPTIONAL -> "Optional<" + boxed + ">";
      case PRIMITIVE_OPTIONAL -> switch (kind) {
        case INT -> "OptionalInt";
        case LONG, BYTES -> "OptionalLong";
        case DOUBLE -> "OptionalDouble";
        default -> throw new IllegalStateException(kind + " has no primitive optional");
      };
    };
  }

  // ---------------------------------------------------------------------------------------------
  // values: Boolean, Long (int, long, bytes, duration seconds), Double, String, Integer (enum
  // constant index), List<String>

  /** A random value within {@code [min, max]} (either may be null). */
  Object randomValue(Random random, Object min, Object max) {
    return switch (kind) {
      case BOOLEAN -> random.nextBoolean();
      case INT -> randomLong(random, min, max, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> randomLong(random, min, max, Long.MIN_VALUE, Long.MAX_VALUE);
      case BYTES -> randomBytes(random, min, max);
      case DURATION -> randomLong(random, min, max, 0, Long.MAX_VALUE);
      case DOUBLE -> randomDouble(random, min, max);
      case STRING -> Texts.any(random);
      case ENUM -> random.nextInt(enumType.constants().size());
      case STRING_LIST -> {
        List<String> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(Texts.listElement(random));
        }
        yield list;
      }
    };
  }

  private static long randomLong(Random random, Object min, Object max, long lo, long hi) {
    long from = min == null ? lo : (Long) min;
    long to = max == null ? hi : (Long) max;
    return switch (random.nextInt(6)) {
      case 0 -> from;
      case 1 -> to;
      case 2 -> clamp(0, from, to);
      case 3 -> clamp(random.nextInt(2000) - 1000, from, to);
      case 4 -> clamp(random.nextInt(100_000), from, to);
      default -> {
        long span = to - from;
        if (span >= 0 && span < Long.MAX_VALUE) {
          yield from + Math.floorMod(random.nextLong(), span + 1);
        }
        long v = random.nextLong();
        while (v < from || v > to) {
          v = random.nextLong();
        }
        yield v;
      }
    };
  }

  private static long clamp(long v, long from, long to) {
    return Math.max(from, Math.min(to, v));
  }

  private static long randomBytes(Random random, Object min, Object max) {
    long from = min == null ? 0 : (Long) min;
    long to = max == null ? Long.MAX_VALUE : (Long) max;
    // Often a whole number of a binary unit, so that unit spellings come up.
    long value = switch (random.nextInt(4)) {
      case 0 -> (random.nextInt(1000) + 1L) << (10 * (1 + random.nextInt(4)));
      case 1 -> random.nextInt(5000);
      default -> randomLong(random, min, max, 0, Long.MAX_VALUE);
    };
    return clamp(value, from, to);
  }

  private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.5, 0.75, 0.1, 0.3, 1e-7, 1e21,
      1e22, 123456789.125, 5e-324, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL,
      1.0 / 3, 2.0 / 3, 100.0, 0.01, 9007199254740993.0, 1e-300, 4.35, 0.1 + 0.2};

  private static double randomDouble(Random random, Object min, Object max) {
    double from = min == null ? -Double.MAX_VALUE : (Double) min;
    double to = max == null ? Double.MAX_VALUE : (Double) max;
    double value = switch (random.nextInt(4)) {
      case 0 -> DOUBLES[random.nextInt(DOUBLES.length)];
      case 1 -> from;
      case 2 -> to;
      default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 10);
    };
    if (value < from || value > to || Double.isNaN(value)) {
      value = min == null ? to : max == null ? from : from + (to - from) / 2;
      if (Double.isInfinite(value)) {
        value = from / 2 + to / 2;
      }
    }
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // text

  /** A random value within {@code [min, max]} in a random accepted spelling. */
  public String spellRandom(Random random, Object min, Object max) {
    return spell(randomValue(random, min, max), random);
  }

  /** The canonical text of a value, as generated code renders it. */
  public String canonical(Object value) {
    return switch (kind) {
      case BOOLEAN -> SettingText.formatBoolean((Boolean) value);
      case INT, LONG -> Long.toString((Long) value);
      case BYTES -> SettingText.formatByteSize((Long) value);
      case DOUBLE -> SettingText.formatDouble((Double) value);
      case STRING -> (String) value;
      case ENUM -> enumType.constants().get((Integer) value).toLowerCase(Locale.ROOT);
      case DURATION -> SettingText.formatDuration(java.time.Duration.ofSeconds((Long) value));
      case STRING_LIST -> {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) value;
        yield String.join(",", list);
      }
    };
  }

  /** A random spelling of a value that the setting's parser accepts. */
  String spell(Object value, Random random) {
    String canonical = canonical(value);
    if (random.nextInt(3) == 0) {
      return canonical;
    }
    return switch (kind) {
      case INT, LONG -> {
        long v = (Long) value;
        yield v == 0 && random.nextBoolean() ? "-0" : v >= 0 ? "00" + v : canonical;
      }
      case DOUBLE -> {
        double v = (Double) value;
        yield switch (random.nextInt(4)) {
          case 0 -> Double.toString(v);                            // 1.0E-7
          case 1 -> BigDecimal.valueOf(v).toPlainString();         // 0.00000010
          case 2 -> String.format(Locale.ROOT, "%.17e", v);       // 1.00000000000000000e+21
          default -> canonical.contains(".") ? canonical + "000" : canonical + ".0";
        };
      }
      case BYTES -> {
        long v = (Long) value;
        String[][] units = {{"KiB", "K"}, {"MiB", "M"}, {"GiB", "G"}, {"TiB", "T"}};
        List<String> options = new ArrayList<>(List.of(v + "B", "0" + v));
        for (int i = 0; i < units.length; i++) {
          int shift = 10 * (i + 1);
          if (v != 0 && v % (1L << shift) == 0) {
            options.add((v >> shift) + units[i][0]);
            options.add((v >> shift) + units[i][1]);
          }
        }
        yield options.get(random.nextInt(options.size()));
      }
      case DURATION -> {
        long s = (Long) value;
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        yield switch (random.nextInt(4)) {
          case 0 -> s + "s";
          case 1 -> h + "h" + m + "m" + sec + "s";
          case 2 -> (s / 60) + "m" + sec + "s";
          default -> (h > 0 ? h + "h" : "") + (m > 0 ? m + "m" : "") + (sec > 0 || s == 0 ? sec + "s" : "");
        };
      }
      case ENUM -> enumType.constants().get((Integer) value);
      default -> canonical;
    };
  }
}

package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.SettingText;
import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.canonical.SettingTextException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One setting of a settings schema as generated code holds it: its registry row and how the
 * record component spells the value ({@link Shape}). Parsing, rendering and validating a value
 * read this row, so that a generated schema is a table of columns instead of a switch per
 * setting (docs/contract-language.md, "Generated code").
 *
 * <p>A column works on <em>component values</em>: exactly what the record component holds (an
 * {@code Integer} for {@code int}, an {@code OptionalLong} for {@code OptionalLong}, an
 * {@code Optional<Duration>} for {@code Optional<Duration>}). Instances are immutable.
 */
public final class SettingColumn {

  /** How a record component holds a setting's value. */
  public enum Shape {
    /** The value itself: a primitive, {@code String}, an enum, {@code Duration}, a list. */
    VALUE,
    /** {@code Optional<T>}. */
    OPTIONAL,
    /** {@code OptionalInt}. */
    OPTIONAL_INT,
    /** {@code OptionalLong}. */
    OPTIONAL_LONG,
    /** {@code OptionalDouble}. */
    OPTIONAL_DOUBLE
  }

  private final SettingDescriptor descriptor;
  private final Shape shape;
  private final Class<? extends Enum<?>> enumType;
  private final Object min;
  private final Object max;

  private SettingColumn(SettingDescriptor descriptor, Shape shape,
      Class<? extends Enum<?>> enumType) {
    this.descriptor = descriptor;
    this.shape = shape;
    if (descriptor.type().equals("enum") != (enumType != null)) {
      throw new IllegalArgumentException(descriptor.key() + ": an enum type exactly for enum "
          + "settings");
    }
    if (descriptor.optional() != (shape != Shape.VALUE)) {
      throw new IllegalArgumentException(descriptor.key() + ": optional settings and only they "
          + "are held in an optional");
    }
    this.enumType = enumType;
    this.min = descriptor.min().map(this::parseBound).orElse(null);
    this.max = descriptor.max().map(this::parseBound).orElse(null);
  }

  // The factories take a row's plain values rather than a SettingDescriptor: generated tables
  // call one of them per setting, and a single non-generic, non-overloaded, non-varargs method
  // with plain arguments is the cheapest call javac can resolve (docs/benchmarks.md). An enum's
  // allowed texts come from its constants.

  /**
   * A required setting held as its value.
   *
   * @param key the full key
   * @param type {@code boolean int long double string duration bytes string_list}
   * @param defaultValue the default as canonical setting text, or null when unset by default
   * @param doc what the setting does
   * @param min the lower bound as canonical text, or null
   * @param max the upper bound as canonical text, or null
   */
  public static SettingColumn of(String key, String type, String defaultValue, String doc,
      Setting.Unit unit, Setting.Scope scope, boolean planningAffecting, boolean featureGate,
      String min, String max) {
    return new SettingColumn(SettingDescriptor.of(key, type, false, defaultValue, doc, unit,
        scope, planningAffecting, featureGate, min, max), Shape.VALUE, null);
  }

  /** An optional setting held in an {@code Optional}; see {@link #of}. */
  public static SettingColumn optional(String key, String type, String defaultValue, String doc,
      Setting.Unit unit, Setting.Scope scope, boolean planningAffecting, boolean featureGate,
      String min, String max) {
    return new SettingColumn(SettingDescriptor.of(key, type, true, defaultValue, doc, unit,
        scope, planningAffecting, featureGate, min, max), Shape.OPTIONAL, null);
  }

  /** An optional {@code int} setting held in an {@code OptionalInt}; see {@link #of}. */
  public static SettingColumn optionalInt(String key, String defaultValue, String doc,
      Setting.Unit unit, Setting.Scope scope, boolean planningAffecting, boolean featureGate,
      String min, String max) {
    return new SettingColumn(SettingDescriptor.of(key, "int", true, defaultValue, doc, unit,
        scope, planningAffecting, featureGate, min, max), Shape.OPTIONAL_INT, null);
  }

  /**
   * An optional {@code long} setting (or byte size: {@code type} {@code bytes}) held in an
   * {@code OptionalLong}; see {@link #of}.
   */
  public static SettingColumn optionalLong(String key, String type, String defaultValue,
      String doc, Setting.Unit unit, Setting.Scope scope, boolean planningAffecting,
      boolean featureGate, String min, String max) {
    return new SettingColumn(SettingDescriptor.of(key, type, true, defaultValue, doc, unit,
        scope, planningAffecting, featureGate, min, max), Shape.OPTIONAL_LONG, null);
  }

  /** An optional {@code double} setting held in an {@code OptionalDouble}; see {@link #of}. */
  public static SettingColumn optionalDouble(String key, String defaultValue, String doc,
      Setting.Unit unit, Setting.Scope scope, boolean planningAffecting, boolean featureGate,
      String min, String max) {
    return new SettingColumn(SettingDescriptor.of(key, "double", true, defaultValue, doc, unit,
        scope, planningAffecting, featureGate, min, max), Shape.OPTIONAL_DOUBLE, null);
  }

  /** A required enum setting; its allowed texts are its constants' texts. */
  public static SettingColumn ofEnum(Class<? extends Enum<?>> enumType, String key,
      String defaultValue, String doc, Setting.Scope scope, boolean planningAffecting) {
    return new SettingColumn(SettingDescriptor.of(key, "enum", false, defaultValue, doc,
        Setting.Unit.NONE, scope, planningAffecting, false, null, null, texts(enumType)),
        Shape.VALUE, enumType);
  }

  /** An optional enum setting held in an {@code Optional}; see {@link #ofEnum}. */
  public static SettingColumn optionalEnum(Class<? extends Enum<?>> enumType, String key,
      String defaultValue, String doc, Setting.Scope scope, boolean planningAffecting) {
    return new SettingColumn(SettingDescriptor.of(key, "enum", true, defaultValue, doc,
        Setting.Unit.NONE, scope, planningAffecting, false, null, null, texts(enumType)),
        Shape.OPTIONAL, enumType);
  }

  private static String[] texts(Class<? extends Enum<?>> enumType) {
    Enum<?>[] constants = (Enum<?>[]) enumType.getEnumConstants();
    String[] texts = new String[constants.length];
    for (int i = 0; i < constants.length; i++) {
      texts[i] = SettingText.formatEnum(constants[i]);
    }
    return texts;
  }

  public SettingDescriptor descriptor() {
    return descriptor;
  }

  public String key() {
    return descriptor.key();
  }

  public Shape shape() {
    return shape;
  }

  /**
   * The component value of setting text ({@code 64MiB}, {@code 2m}, {@code warn}).
   *
   * @throws SettingTextException naming what was expected, when the text does not parse
   */
  public Object parse(String text) {
    Object inner = parseInner(text);
    return switch (shape) {
      case VALUE -> inner;
      case OPTIONAL -> Optional.of(inner);
      case OPTIONAL_INT -> OptionalInt.of((Integer) inner);
      case OPTIONAL_LONG -> OptionalLong.of((Long) inner);
      case OPTIONAL_DOUBLE -> OptionalDouble.of((Double) inner);
    };
  }

  /** The component value of "unset"; null for a required setting, which cannot be unset. */
  public Object unset() {
    return switch (shape) {
      case VALUE -> null;
      case OPTIONAL -> Optional.empty();
      case OPTIONAL_INT -> OptionalInt.empty();
      case OPTIONAL_LONG -> OptionalLong.empty();
      case OPTIONAL_DOUBLE -> OptionalDouble.empty();
    };
  }

  /** The canonical text of a component value; empty when it is unset. */
  public Optional<String> render(Object componentValue) {
    Object inner = inner(componentValue);
    return inner == null ? Optional.empty() : Optional.of(renderInner(inner));
  }

  /** Adds every declared constraint a component value violates, under the setting's key. */
  public void validate(Violations violations, Object componentValue) {
    String key = descriptor.key();
    if (componentValue == null) {
      violations.add(key, "must not be null");
      return;
    }
    Object inner = inner(componentValue);
    if (inner == null) {
      return;
    }
    switch (descriptor.type()) {
      case "int", "long", "bytes" -> {
        if (min != null || max != null) {
          violations.rangeLong(key, ((Number) inner).longValue(), (Long) min, (Long) max);
        }
      }
      case "double" -> violations.rangeDouble(key, (Double) inner, (Double) min, (Double) max);
      case "duration" -> violations.rangeDuration(key, (Duration) inner, (Duration) min,
          (Duration) max);
      case "string_list" -> violations.listElements(key, listOf(inner));
      default -> { }
    }
  }

  /** The value inside an optional component value (null when empty), or the value itself. */
  private Object inner(Object componentValue) {
    if (componentValue == null) {
      return null;
    }
    return switch (shape) {
      case VALUE -> componentValue;
      case OPTIONAL -> ((Optional<?>) componentValue).orElse(null);
      case OPTIONAL_INT -> {
        OptionalInt value = (OptionalInt) componentValue;
        yield value.isPresent() ? Integer.valueOf(value.getAsInt()) : null;
      }
      case OPTIONAL_LONG -> {
        OptionalLong value = (OptionalLong) componentValue;
        yield value.isPresent() ? Long.valueOf(value.getAsLong()) : null;
      }
      case OPTIONAL_DOUBLE -> {
        OptionalDouble value = (OptionalDouble) componentValue;
        yield value.isPresent() ? Double.valueOf(value.getAsDouble()) : null;
      }
    };
  }

  /** A bound as the range checks compare it: integers as {@code Long}. */
  private Object parseBound(String text) {
    Object bound = parseInner(text);
    return bound instanceof Integer number ? Long.valueOf(number) : bound;
  }

  private Object parseInner(String text) {
    return switch (descriptor.type()) {
      case "boolean" -> SettingText.parseBoolean(text);
      case "int" -> SettingText.parseInt(text);
      // A bound of a byte size is canonical text already (a byte count), which parses as one.
      case "long" -> SettingText.parseLong(text);
      case "bytes" -> SettingText.parseByteSize(text);
      case "double" -> SettingText.parseDouble(text);
      case "string" -> SettingText.parseString(text);
      case "duration" -> SettingText.parseDuration(text);
      case "string_list" -> SettingText.parseStringList(text);
      case "enum" -> parseEnum(text);
      default -> throw new IllegalStateException(descriptor.key() + " has the unknown type "
          + descriptor.type());
    };
  }

  private Object parseEnum(String text) {
    return SettingText.parseEnumConstant((Enum<?>[]) enumType.getEnumConstants(), text);
  }

  private String renderInner(Object inner) {
    return switch (descriptor.type()) {
      case "boolean" -> SettingText.formatBoolean((Boolean) inner);
      case "int" -> SettingText.formatInt((Integer) inner);
      case "long" -> SettingText.formatLong((Long) inner);
      case "bytes" -> SettingText.formatByteSize((Long) inner);
      case "double" -> SettingText.formatDouble((Double) inner);
      case "duration" -> SettingText.formatDuration((Duration) inner);
      case "string_list" -> SettingText.formatStringList(listOf(inner));
      case "enum" -> SettingText.formatEnum((Enum<?>) inner);
      default -> (String) inner;
    };
  }

  @SuppressWarnings("unchecked")
  private static List<String> listOf(Object inner) {
    return (List<String>) inner;
  }

  @Override
  public String toString() {
    return descriptor.key() + " (" + descriptor.typeDescription() + ", " + shape + ")";
  }
}

package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.CanonicalWriter;
import io.codeanatomy.contracts.canonical.NonCanonicalValueException;
import io.codeanatomy.contracts.canonical.SettingText;
import io.codeanatomy.contracts.canonical.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The encodings of contract field values that generated hash functions call: one method per
 * shape, each naming the field when a value cannot be encoded (a null, NaN, an unpaired
 * surrogate), so that an error says which field of which contract is wrong.
 */
public final class ContractEncoding {

  /** Writes one value; generated code passes the encoder of a list's or map's elements. */
  @FunctionalInterface
  public interface ValueWriter<T> {
    void write(CanonicalWriter writer, T value);
  }

  private ContractEncoding() {}

  public static void bool(CanonicalWriter writer, boolean value) {
    writer.writeBoolean(value);
  }

  public static void integer(CanonicalWriter writer, long value) {
    writer.writeInt(value);
  }

  public static void float64(CanonicalWriter writer, String path, double value) {
    try {
      writer.writeFloat(value);
    } catch (NonCanonicalValueException e) {
      throw e.at(path);
    }
  }

  public static void string(CanonicalWriter writer, String path, String value) {
    try {
      writer.writeString(required(path, value));
    } catch (NonCanonicalValueException e) {
      throw e.at(path);
    }
  }

  public static void bytes(CanonicalWriter writer, String path, byte[] value) {
    writer.writeBinary(required(path, value));
  }

  /**
   * An enum as its text: the constant name in lower case. The {@code UNRECOGNIZED} constant of a
   * protoc enum (a number this build does not know) has no text and is refused.
   */
  public static void enumText(CanonicalWriter writer, String path, Enum<?> value) {
    if (required(path, value).name().equals("UNRECOGNIZED")) {
      throw new NonCanonicalValueException("an enum number this build does not know has no "
          + "canonical text").at(path);
    }
    writer.writeString(SettingText.formatEnum(value));
  }

  /** A list in its own order. */
  public static <T> void list(CanonicalWriter writer, String path, List<T> values,
      ValueWriter<T> element) {
    required(path, values);
    writer.writeArrayHeader(values.size());
    for (int i = 0; i < values.size(); i++) {
      element.write(writer, required(path + "[" + i + "]", values.get(i)));
    }
  }

  /**
   * An order-insensitive list ({@code @Bag}): every element is encoded on its own and the
   * encodings are written sorted by {@code order} (strings by UTF-8 bytes, numbers by value, or a
   * bag key), ties and a null order broken by the encodings as unsigned bytes. Any order of the
   * same elements gives the same bytes.
   */
  public static <T> void bag(CanonicalWriter writer, String path, List<T> values,
      ValueWriter<T> element, java.util.Comparator<? super T> order) {
    required(path, values);
    List<Map.Entry<T, byte[]>> encoded = new ArrayList<>(values.size());
    CanonicalWriter scratch = new CanonicalWriter();
    for (int i = 0; i < values.size(); i++) {
      T value = required(path + "[" + i + "]", values.get(i));
      element.write(scratch.reset(), value);
      encoded.add(Map.entry(value, scratch.toByteArray()));
    }
    java.util.Comparator<Map.Entry<T, byte[]>> byBytes =
        (a, b) -> Arrays.compareUnsigned(a.getValue(), b.getValue());
    encoded.sort(order == null ? byBytes
        : java.util.Comparator.<Map.Entry<T, byte[]>, T>comparing(Map.Entry::getKey, order)
            .thenComparing(byBytes));
    writer.writeArrayHeader(encoded.size());
    for (Map.Entry<T, byte[]> entry : encoded) {
      writer.writeEncoded(entry.getValue());
    }
  }

  /** The order of a bag of strings: their UTF-8 bytes, as the legacy "sorted array". */
  public static java.util.Comparator<String> byText() {
    return Utf8.COMPARATOR;
  }

  /** The order of a bag of numbers or booleans: by value. */
  public static <T extends Comparable<? super T>> java.util.Comparator<T> byValue() {
    return java.util.Comparator.naturalOrder();
  }

  /** A string-keyed map as a MessagePack map, keys sorted by their UTF-8 bytes. */
  public static <V> void map(CanonicalWriter writer, String path, Map<String, V> values,
      ValueWriter<V> value) {
    String[] keys = sortedKeys(path, values);
    writer.writeMapHeader(keys.length);
    for (String key : keys) {
      string(writer, path, key);
      value.write(writer, required(path + "[" + key + "]", values.get(key)));
    }
  }

  /**
   * A string-keyed map as an array of {@code [key, value]} pairs sorted by key: how maps are laid
   * out in {@code ORDERED_PAIRS} contracts (the existing CodeAnatomy hashes).
   */
  public static <V> void pairs(CanonicalWriter writer, String path, Map<String, V> values,
      ValueWriter<V> value) {
    String[] keys = sortedKeys(path, values);
    writer.writeArrayHeader(keys.length);
    for (String key : keys) {
      writer.writeArrayHeader(2);
      string(writer, path, key);
      value.write(writer, required(path + "[" + key + "]", values.get(key)));
    }
  }

  /** An optional value; absent is nil, or the empty string with {@code absentAsEmptyString}. */
  public static <T> void optional(CanonicalWriter writer, String path, Optional<T> value,
      boolean absentAsEmptyString, ValueWriter<T> present) {
    if (required(path, value).isPresent()) {
      present.write(writer, value.get());
    } else {
      absent(writer, absentAsEmptyString);
    }
  }

  public static void optionalInt(CanonicalWriter writer, String path, OptionalInt value,
      boolean absentAsEmptyString) {
    if (required(path, value).isPresent()) {
      writer.writeInt(value.getAsInt());
    } else {
      absent(writer, absentAsEmptyString);
    }
  }

  public static void optionalLong(CanonicalWriter writer, String path, OptionalLong value,
      boolean absentAsEmptyString) {
    if (required(path, value).isPresent()) {
      writer.writeInt(value.getAsLong());
    } else {
      absent(writer, absentAsEmptyString);
    }
  }

  public static void optionalDouble(CanonicalWriter writer, String path, OptionalDouble value,
      boolean absentAsEmptyString) {
    if (required(path, value).isPresent()) {
      float64(writer, path, value.getAsDouble());
    } else {
      absent(writer, absentAsEmptyString);
    }
  }

  private static void absent(CanonicalWriter writer, boolean asEmptyString) {
    if (asEmptyString) {
      writer.writeString("");
    } else {
      writer.writeNil();
    }
  }

  private static String[] sortedKeys(String path, Map<String, ?> values) {
    String[] keys = required(path, values).keySet().toArray(new String[0]);
    for (String key : keys) {
      required(path + " key", key);
    }
    Arrays.sort(keys, Utf8.COMPARATOR);
    return keys;
  }

  /** The value, or a violation naming the field when it is null. */
  public static <T> T required(String path, T value) {
    if (value == null) {
      throw new ContractViolationException("canonical encoding",
          List.of(new Violation(path, "must not be null")));
    }
    return value;
  }
}

package io.codeanatomy.examples.fuzz.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Random values of any contract (a record, through reflection, or a protoc message, through its
 * descriptor), and their typed form for Rust: the value notation of the canonical vectors, with
 * floats as their exact bits. Values lean on what encoders get wrong: extreme numbers, {@code
 * -0.0}, strings whose UTF-8 and UTF-16 orders differ (map keys and bags sort by UTF-8 bytes),
 * long strings and collections (larger headers), empty ones, absent optionals, duplicates in bags.
 *
 * <p>Fields come from the compilation's manifest: their payload names, and which hold SHA-256
 * digests (those get valid digests, as a writer would accept).
 */
final class ValueSampler {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] STRINGS = {"", "a", "b", "A", "é", "\uFF61", "\uD83D\uDE00",
      "\uE000", "\u0000", "ends */", "quote \"", "back\\slash", "line\nbreak", "日本", "z",
      "\u2028", "\u202E", "aa", "a\u0000", "0", "-"};
  private static final long[] LONGS = {0, 1, -1, 127, 128, -32, -33, 255, 256, 65535, 65536,
      -129, -32768, -32769, Integer.MAX_VALUE, Integer.MIN_VALUE, 4294967295L, 4294967296L,
      Long.MAX_VALUE, Long.MIN_VALUE};
  private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1e-7, 1e21,
      Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1.0 / 3, 123.25};

  private final Random random;
  /** Contract fields by Java type (the manifest's javaType), then by component name. */
  private final Map<String, Map<String, JsonNode>> fieldsByType;

  ValueSampler(Random random, JsonNode manifest) {
    this.random = random;
    this.fieldsByType = new LinkedHashMap<>();
    for (JsonNode contract : manifest.path("contracts")) {
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      for (JsonNode field : contract.path("fields")) {
        fields.put(field.path("component").asText(), field);
      }
      fieldsByType.put(contract.path("javaType").asText(), fields);
    }
  }

  /** A random value of contract {@code type} (a record or a protoc message class). */
  Object sample(Class<?> type) {
    return Message.class.isAssignableFrom(type) ? proto(builder(type), 0) : record(type, 0);
  }

  /** Samples of {@code type}: random ones, and each with its bags reordered. */
  List<Object> samples(Class<?> type, int count) {
    List<Object> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Object value = sample(type);
      samples.add(value);
      if (!Message.class.isAssignableFrom(type)) {
        Object shuffled = shuffleLists(value);
        if (!shuffled.equals(value)) {
          samples.add(shuffled);
        }
      }
    }
    return samples;
  }

  // ---------------------------------------------------------------------------------------------
  // records

  private Object record(Class<?> type, int depth) {
    RecordComponent[] components = type.getRecordComponents();
    Map<String, JsonNode> fields = fieldsByType.getOrDefault(type.getCanonicalName(), Map.of());
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      JsonNode field = fields.get(components[i].getName());
      boolean digest = field != null && !field.path("hash").asText("none").equals("none");
      boolean allowEmpty = field != null && field.path("hash").asText().equals("hash_or_empty");
      values[i] = value(components[i].getGenericType(), depth, digest, allowEmpty);
    }
    return construct(type, values);
  }

  private Object value(Type type, int depth, boolean digest, boolean allowEmpty) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type element = p.getActualTypeArguments()[raw == Map.class ? 1 : 0];
      if (raw == List.class) {
        List<Object> list = new ArrayList<>();
        int n = size(depth);
        for (int i = 0; i < n; i++) {
          // Duplicates now and then: a bag must sort equal elements deterministically too.
          list.add(i > 0 && random.nextInt(5) == 0 ? list.get(random.nextInt(i))
              : value(element, depth + 1, digest, allowEmpty));
        }
        return List.copyOf(list);
      }
      if (raw == Map.class) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = size(depth);
        for (int i = 0; i < n; i++) {
          map.put(string(), value(element, depth + 1, digest, allowEmpty));
        }
        return map;
      }
      if (raw == Optional.class) {
        return random.nextInt(3) == 0 ? Optional.empty()
            : Optional.of(value(element, depth + 1, digest, allowEmpty));
      }
    }
    Class<?> c = (Class<?>) type;
    if (c == boolean.class || c == Boolean.class) {
      return random.nextBoolean();
    } else if (c == int.class || c == Integer.class) {
      return (int) integer();
    } else if (c == long.class || c == Long.class) {
      return random.nextBoolean() ? (long) (int) integer() : LONGS[random.nextInt(LONGS.length)];
    } else if (c == double.class || c == Double.class) {
      return real();
    } else if (c == String.class) {
      return digest ? digest(allowEmpty) : string();
    } else if (c == byte[].class) {
      return bytes();
    } else if (c == OptionalInt.class) {
      return random.nextInt(3) == 0 ? OptionalInt.empty() : OptionalInt.of((int) integer());
    } else if (c == OptionalLong.class) {
      return random.nextInt(3) == 0 ? OptionalLong.empty()
          : OptionalLong.of(LONGS[random.nextInt(LONGS.length)]);
    } else if (c == OptionalDouble.class) {
      return random.nextInt(3) == 0 ? OptionalDouble.empty() : OptionalDouble.of(real());
    } else if (c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return constants[random.nextInt(constants.length)];
    } else if (c.isRecord()) {
      return record(c, depth + 1);
    } else if (Message.class.isAssignableFrom(c)) {
      return proto(builder(c), depth + 1);
    }
    throw new IllegalArgumentException("no sample for " + type);
  }

  private int size(int depth) {
    return switch (random.nextInt(depth > 1 ? 4 : 8)) {
      case 0 -> 0;
      case 1 -> 1;
      case 7 -> 17;   // beyond a fixarray / fixmap header
      default -> 2 + random.nextInt(3);
    };
  }

  private long integer() {
    long v = LONGS[random.nextInt(LONGS.length)];
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? v : random.nextInt();
  }

  private double real() {
    return random.nextInt(3) == 0 ? random.nextGaussian() * 1e6
        : DOUBLES[random.nextInt(DOUBLES.length)];
  }

  /** A float: {@link #real()} where it fits, else the largest float of its sign. */
  private float floatReal() {
    double v = real();
    return Math.abs(v) > Float.MAX_VALUE ? Math.copySign(Float.MAX_VALUE, (float) v) : (float) v;
  }

  private String string() {
    return switch (random.nextInt(6)) {
      case 0 -> STRINGS[random.nextInt(STRINGS.length)] + STRINGS[random.nextInt(STRINGS.length)];
      case 1 -> "x".repeat(30 + random.nextInt(300));   // str 8 and str 16 headers
      default -> STRINGS[random.nextInt(STRINGS.length)];
    };
  }

  private String digest(boolean allowEmpty) {
    if (allowEmpty && random.nextInt(3) == 0) {
      return "";
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private byte[] bytes() {
    byte[] bytes = new byte[random.nextInt(10) == 0 ? 300 : random.nextInt(6)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static Object construct(Class<?> record, Object[] values) {
    Class<?>[] types = java.util.Arrays.stream(record.getRecordComponents())
        .map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      Constructor<?> constructor = record.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + record.getName(), e);
    }
  }

  /** The record with every list (at the top level) shuffled: bags must hash alike. */
  private Object shuffleLists(Object record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] = accessor(components[i], record);
      if (values[i] instanceof List<?> list) {
        List<Object> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        values[i] = List.copyOf(copy);
      }
    }
    return construct(record.getClass(), values);
  }

  private static Object accessor(RecordComponent component, Object record) {
    try {
      Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component.getName(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // protoc messages

  private static Message.Builder builder(Class<?> type) {
    try {
      return (Message.Builder) type.getMethod("newBuilder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  private Message proto(Message.Builder builder, int depth) {
    Map<String, JsonNode> fields = fieldsByType.getOrDefault(
        javaTypeOf(builder), Map.of());
    for (FieldDescriptor f : builder.getDescriptorForType().getFields()) {
      JsonNode field = fields.values().stream()
          .filter(x -> x.path("name").asText().equals(f.getName())).findFirst().orElse(null);
      boolean digest = field != null && !field.path("hash").asText("none").equals("none");
      boolean allowEmpty = field != null && field.path("hash").asText().equals("hash_or_empty");
      if (f.isMapField()) {
        int n = size(depth);
        for (int i = 0; i < n; i++) {
          Message.Builder entry = builder.newBuilderForField(f);
          FieldDescriptor k = entry.getDescriptorForType().findFieldByNumber(1);
          FieldDescriptor v = entry.getDescriptorForType().findFieldByNumber(2);
          entry.setField(k, string());
          entry.setField(v, protoValue(entry, v, depth, digest, allowEmpty));
          builder.addRepeatedField(f, entry.build());
        }
      } else if (f.isRepeated()) {
        int n = size(depth);
        for (int i = 0; i < n; i++) {
          builder.addRepeatedField(f, protoValue(builder, f, depth, digest, allowEmpty));
        }
      } else if (!f.hasPresence() || f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          || random.nextInt(3) > 0) {
        builder.setField(f, protoValue(builder, f, depth, digest, allowEmpty));
      }
    }
    return builder.build();
  }

  /** The Java type the manifest names a message by: its class name with dots for nesting. */
  private static String javaTypeOf(Message.Builder builder) {
    return builder.getDefaultInstanceForType().getClass().getCanonicalName();
  }

  private Object protoValue(Message.Builder owner, FieldDescriptor f, int depth, boolean digest,
      boolean allowEmpty) {
    return switch (f.getJavaType()) {
      case STRING -> digest ? digest(allowEmpty) : string();
      case INT -> (int) integer();
      case LONG -> LONGS[random.nextInt(LONGS.length)];
      case DOUBLE -> real();
      case FLOAT -> floatReal();
      case BOOLEAN -> random.nextBoolean();
      case BYTE_STRING -> ByteString.copyFrom(bytes());
      case ENUM -> {
        List<EnumValueDescriptor> values = f.getEnumType().getValues();
        yield values.get(random.nextInt(values.size()));
      }
      case MESSAGE -> proto(owner.newBuilderForField(f), depth + 1);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // the typed notation

  /** The value in the typed notation: records and messages as maps of their payload fields. */
  JsonNode typed(Object value) {
    ObjectNode node = JSON.objectNode();
    if (value == null) {
      node.putNull("nil");
    } else if (value instanceof Boolean b) {
      node.put("bool", b);
    } else if (value instanceof Integer || value instanceof Long) {
      node.put("int", value.toString());
    } else if (value instanceof Float f) {
      return typed((double) f);
    } else if (value instanceof Double d) {
      node.put("float_bits", Long.toHexString(Double.doubleToRawLongBits(d)));
    } else if (value instanceof String s) {
      node.put("str", s);
    } else if (value instanceof byte[] bytes) {
      node.put("bin", HexFormat.of().formatHex(bytes));
    } else if (value instanceof ByteString bytes) {
      node.put("bin", HexFormat.of().formatHex(bytes.toByteArray()));
    } else if (value instanceof Enum<?> e) {
      node.put("str", e.name().toLowerCase(Locale.ROOT));
    } else if (value instanceof EnumValueDescriptor e) {
      node.put("str", e.getName().toLowerCase(Locale.ROOT));
    } else if (value instanceof Optional<?> o) {
      return typed(o.orElse(null));
    } else if (value instanceof OptionalInt o) {
      return typed(o.isPresent() ? (Object) o.getAsInt() : null);
    } else if (value instanceof OptionalLong o) {
      return typed(o.isPresent() ? (Object) o.getAsLong() : null);
    } else if (value instanceof OptionalDouble o) {
      return typed(o.isPresent() ? (Object) o.getAsDouble() : null);
    } else if (value instanceof List<?> list) {
      ArrayNode items = node.putArray("array");
      list.forEach(item -> items.add(typed(item)));
    } else if (value instanceof Map<?, ?> map) {
      ArrayNode entries = node.putArray("map");
      map.forEach((k, v) -> entries.addArray().add((String) k).add(typed(v)));
    } else if (value instanceof Message message) {
      ArrayNode entries = node.putArray("map");
      for (FieldDescriptor f : message.getDescriptorForType().getFields()) {
        JsonNode typed;
        if (f.isMapField()) {
          ObjectNode map = JSON.objectNode();
          ArrayNode pairs = map.putArray("map");
          for (Object entry : (List<?>) message.getField(f)) {
            Message e = (Message) entry;
            pairs.addArray()
                .add((String) e.getField(e.getDescriptorForType().findFieldByNumber(1)))
                .add(typed(e.getField(e.getDescriptorForType().findFieldByNumber(2))));
          }
          typed = map;
        } else if (f.hasPresence() && !f.isRepeated() && !message.hasField(f)
            && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
          typed = typed(null);
        } else {
          typed = typed(message.getField(f));
        }
        entries.addArray().add(f.getName()).add(typed);
      }
    } else if (value instanceof Record record) {
      Map<String, JsonNode> fields = fieldsByType.get(record.getClass().getCanonicalName());
      if (fields == null) {
        throw new IllegalStateException("no manifest entry for " + record.getClass().getCanonicalName());
      }
      ArrayNode entries = node.putArray("map");
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        entries.addArray().add(fields.get(component.getName()).path("name").asText())
            .add(typed(accessor(component, record)));
      }
    } else {
      throw new IllegalArgumentException("no typed form for " + value.getClass());
    }
    return node;
  }
}

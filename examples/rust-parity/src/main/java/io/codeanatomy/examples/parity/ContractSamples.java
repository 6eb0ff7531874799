package io.codeanatomy.examples.parity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.FieldEntry;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds sample instances of any contract record by reflection, and its variants: each hashed
 * field changed (a different hash), each {@code @Bag} list reversed and each provenance field
 * changed (the same hash). Hash fields get SHA-256 digests, so that every sample is a valid
 * payload too. Writes instances in the typed value notation of the canonical vectors,
 * field names from the manifest, so that Rust reads the very same values.
 */
final class ContractSamples {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** One sample: a name, the instance, and how its hash relates to the base sample's. */
  record Case(String name, Object value, String expect) {}

  private final Map<String, ContractEntry> byJavaType;

  /** @param byJavaType every contract of every manifest, by Java type (nested ones included) */
  ContractSamples(Map<String, ContractEntry> byJavaType) {
    this.byJavaType = byJavaType;
  }

  /** The base sample and its variants, for a record or a protoc message class. */
  List<Case> cases(ContractEntry contract, Class<?> type) {
    return com.google.protobuf.Message.class.isAssignableFrom(type)
        ? protoCases(contract, type) : recordCases(contract, type);
  }

  private List<Case> recordCases(ContractEntry contract, Class<?> record) {
    List<Case> cases = new ArrayList<>();
    RecordComponent[] components = record.getRecordComponents();
    Object[] base = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      base[i] = sample(components[i].getGenericType(), 1 + i,
          isHash(contract, components[i].getName()));
    }
    cases.add(new Case("base", construct(record, base), "base"));
    for (int i = 0; i < components.length; i++) {
      FieldEntry field = field(contract, components[i].getName());
      Object[] changed = base.clone();
      // The next seed: flips booleans, moves enums to the next constant, changes the rest.
      changed[i] = sample(components[i].getGenericType(), 2 + i,
          isHash(contract, components[i].getName()));
      cases.add(new Case(field.name() + " changed", construct(record, changed),
          field.hashed() ? "differs" : "same"));
      if (field.bag() && base[i] instanceof List<?> list && list.size() > 1) {
        Object[] reversed = base.clone();
        List<Object> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        reversed[i] = List.copyOf(copy);
        cases.add(new Case(field.name() + " reordered", construct(record, reversed), "same"));
      }
      if (field.hash() != FieldEntry.HashRule.NONE && components[i].getType() == String.class) {
        // Not a digest: the payload writers refuse it (its hash is still defined).
        Object[] invalid = base.clone();
        invalid[i] = "not a digest";
        cases.add(new Case(field.name() + " not a digest", construct(record, invalid),
            "differs"));
      }
      Object absent = absent(components[i].getType());
      if (absent != null) {
        Object[] empty = base.clone();
        empty[i] = absent;
        cases.add(new Case(field.name() + " absent", construct(record, empty),
            field.hashed() ? "differs" : "same"));
      }
    }
    return cases;
  }

  // ---------------------------------------------------------------------------------------------
  // protoc messages, built through their descriptors

  private List<Case> protoCases(ContractEntry contract, Class<?> type) {
    com.google.protobuf.Message.Builder prototype;
    try {
      prototype = (com.google.protobuf.Message.Builder) type.getMethod("newBuilder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
    com.google.protobuf.Message base = protoSample(prototype.clone(), 1);
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("base", base, "base"));
    List<com.google.protobuf.Descriptors.FieldDescriptor> fields =
        base.getDescriptorForType().getFields();
    for (int i = 0; i < fields.size(); i++) {
      com.google.protobuf.Descriptors.FieldDescriptor f = fields.get(i);
      FieldEntry field = contract.fields().stream()
          .filter(x -> x.name().equals(f.getName())).findFirst().orElseThrow();
      com.google.protobuf.Message.Builder changed = base.toBuilder().clearField(f);
      setSample(changed, f, 2 + i);
      cases.add(new Case(field.name() + " changed", changed.build(),
          field.hashed() ? "differs" : "same"));
      if (field.bag() && f.isRepeated()) {
        com.google.protobuf.Message.Builder reversed = base.toBuilder().clearField(f);
        List<?> values = (List<?>) base.getField(f);
        for (int j = values.size() - 1; j >= 0; j--) {
          reversed.addRepeatedField(f, values.get(j));
        }
        cases.add(new Case(field.name() + " reordered", reversed.build(), "same"));
      }
      if (field.hash() != FieldEntry.HashRule.NONE && !f.isRepeated()
          && f.getJavaType() == com.google.protobuf.Descriptors.FieldDescriptor.JavaType.STRING) {
        // Not a digest: the payload writers refuse it (its hash is still defined).
        cases.add(new Case(field.name() + " not a digest",
            base.toBuilder().setField(f, "not a digest").build(), "differs"));
      }
      if (f.hasPresence() && !f.isRepeated()
          && f.getType() != com.google.protobuf.Descriptors.FieldDescriptor.Type.MESSAGE) {
        cases.add(new Case(field.name() + " absent", base.toBuilder().clearField(f).build(),
            field.hashed() ? "differs" : "same"));
      }
    }
    return cases;
  }

  private com.google.protobuf.Message protoSample(com.google.protobuf.Message.Builder builder,
      int seed) {
    List<com.google.protobuf.Descriptors.FieldDescriptor> fields =
        builder.getDescriptorForType().getFields();
    for (int i = 0; i < fields.size(); i++) {
      setSample(builder, fields.get(i), seed + i);
    }
    return builder.build();
  }

  private void setSample(com.google.protobuf.Message.Builder builder,
      com.google.protobuf.Descriptors.FieldDescriptor f, int seed) {
    if (f.isMapField()) {
      for (String key : List.of("k" + seed, "a" + seed)) {
        com.google.protobuf.Message.Builder entry = builder.newBuilderForField(f);
        com.google.protobuf.Descriptors.FieldDescriptor k =
            entry.getDescriptorForType().findFieldByNumber(1);
        com.google.protobuf.Descriptors.FieldDescriptor v =
            entry.getDescriptorForType().findFieldByNumber(2);
        entry.setField(k, key);
        entry.setField(v, protoValue(entry, v, seed + key.length() + key.charAt(0),
            isHash(builder, f)));
        builder.addRepeatedField(f, entry.build());
      }
    } else if (f.isRepeated()) {
      builder.addRepeatedField(f, protoValue(builder, f, seed, isHash(builder, f)));
      builder.addRepeatedField(f, protoValue(builder, f, seed + 17, isHash(builder, f)));
    } else {
      builder.setField(f, protoValue(builder, f, seed, isHash(builder, f)));
    }
  }

  private Object protoValue(com.google.protobuf.Message.Builder owner,
      com.google.protobuf.Descriptors.FieldDescriptor f, int seed, boolean hash) {
    return switch (f.getJavaType()) {
      case STRING -> text(seed, hash);
      case INT -> seed * 7 - 3;
      case LONG -> seed * 1_000_000_007L;
      case DOUBLE -> seed + 0.25;
      case FLOAT -> seed + 0.25f;
      case BOOLEAN -> seed % 2 == 1;
      case BYTE_STRING -> com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) seed, -1});
      case ENUM -> {
        List<com.google.protobuf.Descriptors.EnumValueDescriptor> values =
            f.getEnumType().getValues();
        yield values.get(seed % values.size());
      }
      case MESSAGE -> protoSample(owner.newBuilderForField(f), seed);
    };
  }

  /** A protoc message in the typed notation: a map of its fields by proto name. */
  private ObjectNode typedProto(com.google.protobuf.Message message) {
    ObjectNode node = JSON.objectNode();
    ArrayNode entries = node.putArray("map");
    for (com.google.protobuf.Descriptors.FieldDescriptor f :
        message.getDescriptorForType().getFields()) {
      ObjectNode value;
      if (f.isMapField()) {
        value = JSON.objectNode();
        ArrayNode map = value.putArray("map");
        for (Object entry : (List<?>) message.getField(f)) {
          com.google.protobuf.Message e = (com.google.protobuf.Message) entry;
          map.addArray()
              .add((String) e.getField(e.getDescriptorForType().findFieldByNumber(1)))
              .add(typedProtoValue(e.getField(e.getDescriptorForType().findFieldByNumber(2))));
        }
      } else if (f.isRepeated()) {
        value = JSON.objectNode();
        ArrayNode array = value.putArray("array");
        ((List<?>) message.getField(f)).forEach(item -> array.add(typedProtoValue(item)));
      } else if (f.hasPresence() && !message.hasField(f)
          && f.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        value = typed(null);
      } else {
        value = typedProtoValue(message.getField(f));
      }
      entries.addArray().add(f.getName()).add(value);
    }
    return node;
  }

  private ObjectNode typedProtoValue(Object value) {
    if (value instanceof com.google.protobuf.Message m) {
      return typedProto(m);
    } else if (value instanceof com.google.protobuf.Descriptors.EnumValueDescriptor e) {
      return typed(e.getName().toLowerCase(Locale.ROOT));
    } else if (value instanceof com.google.protobuf.ByteString b) {
      return typed(b.toByteArray());
    } else if (value instanceof Float f) {
      return typed((double) f);
    }
    return typed(value);
  }

  /** Whether a component holds SHA-256 digests: its samples are digests, so they can be sent. */
  private static boolean isHash(ContractEntry contract, String component) {
    return field(contract, component).hash() != FieldEntry.HashRule.NONE;
  }

  /** Whether a proto field of the message {@code owner} builds holds digests. */
  private boolean isHash(com.google.protobuf.Message.Builder owner,
      com.google.protobuf.Descriptors.FieldDescriptor f) {
    ContractEntry contract = byJavaType.get(owner.getDefaultInstanceForType().getClass()
        .getName());
    return contract != null && contract.fields().stream()
        .anyMatch(x -> x.name().equals(f.getName()) && x.hash() != FieldEntry.HashRule.NONE);
  }

  /** A sample string: a digest for a hash field. */
  private static String text(int seed, boolean hash) {
    return hash ? io.codeanatomy.contracts.canonical.Sha256.hex(("v" + seed)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) : "v" + seed + "-é";
  }

  private static FieldEntry field(ContractEntry contract, String component) {
    return contract.fields().stream().filter(f -> f.component().equals(component)).findFirst()
        .orElseThrow(() -> new IllegalStateException(contract.name() + " has no " + component));
  }

  private Object sample(Type type, int seed, boolean hash) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        return List.of(sample(args[0], seed, hash), sample(args[0], seed + 17, hash));
      }
      if (raw == Map.class) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k" + seed, sample(args[1], seed, hash));
        map.put("a" + seed, sample(args[1], seed + 5, hash));
        return map;
      }
      if (raw == Optional.class) {
        return Optional.of(sample(args[0], seed, hash));
      }
    }
    Class<?> c = (Class<?>) type;
    if (c == boolean.class || c == Boolean.class) {
      return seed % 2 == 1;
    } else if (c == int.class || c == Integer.class) {
      return seed * 7 - 3;
    } else if (c == long.class || c == Long.class) {
      return seed * 1_000_000_007L;
    } else if (c == double.class || c == Double.class) {
      return seed + 0.25;
    } else if (c == String.class) {
      return text(seed, hash);
    } else if (c == byte[].class) {
      return new byte[] {(byte) seed, (byte) 0xff};
    } else if (c == OptionalInt.class) {
      return OptionalInt.of(seed);
    } else if (c == OptionalLong.class) {
      return OptionalLong.of(seed * 31L);
    } else if (c == OptionalDouble.class) {
      return OptionalDouble.of(seed / 4.0);
    } else if (c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return constants[seed % constants.length];
    } else if (c.isRecord()) {
      RecordComponent[] components = c.getRecordComponents();
      ContractEntry nested = byJavaType.get(c.getName());
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        values[i] = sample(components[i].getGenericType(), seed + i,
            nested != null && isHash(nested, components[i].getName()));
      }
      return construct(c, values);
    }
    throw new IllegalArgumentException("no sample for " + type);
  }

  private static Object absent(Class<?> type) {
    if (type == Optional.class) {
      return Optional.empty();
    } else if (type == OptionalInt.class) {
      return OptionalInt.empty();
    } else if (type == OptionalLong.class) {
      return OptionalLong.empty();
    } else if (type == OptionalDouble.class) {
      return OptionalDouble.empty();
    }
    return null;
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

  /** The value in the typed notation of the canonical vectors; records as maps of fields. */
  ObjectNode typed(Object value) {
    if (value instanceof com.google.protobuf.Message message) {
      return typedProto(message);
    }
    ObjectNode node = JSON.objectNode();
    if (value == null) {
      node.putNull("nil");
    } else if (value instanceof Boolean b) {
      node.put("bool", b);
    } else if (value instanceof Integer || value instanceof Long) {
      node.put("int", value.toString());
    } else if (value instanceof Double d) {
      node.put("float", Double.toString(d));
    } else if (value instanceof String s) {
      node.put("str", s);
    } else if (value instanceof byte[] bytes) {
      node.put("bin", HexFormat.of().formatHex(bytes));
    } else if (value instanceof Enum<?> e) {
      node.put("str", e.name().toLowerCase(Locale.ROOT));
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
    } else if (value instanceof Record record) {
      ContractEntry contract = byJavaType.get(record.getClass().getName());
      if (contract == null) {
        throw new IllegalStateException("no manifest entry for " + record.getClass().getName());
      }
      ArrayNode entries = node.putArray("map");
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        entries.addArray().add(field(contract, component.getName()).name())
            .add(typed(accessor(component, record)));
      }
    } else {
      throw new IllegalArgumentException("no typed form for " + value.getClass());
    }
    return node;
  }

  private static Object accessor(RecordComponent component, Object record) {
    try {
      Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName(), e);
    }
  }
}

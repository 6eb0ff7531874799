package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes a {@code @Contract} record as JSON inside the envelope. Field names are the
 * contract's (snake_case, as in the manifest and the Rust structs), enums their lower-case names,
 * an absent optional {@code null}, bytes base64, map keys sorted. Reading is as strict as for
 * protobuf contracts: every field present, every value of its declared type, unknown fields
 * refused unless the contract is forward compatible (then kept), hash fields checked.
 *
 * <p>The mapping is written over Jackson's tree rather than Jackson's record binding because the
 * JSON names and the enum spelling come from the generated contract ({@code FIELDS}), not from
 * Java names, and because every type error must name the contract field it is in.
 */
public final class RecordPayloads<T extends Record> implements PayloadCodec<T> {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ContractType<T> type;
  private final AcceptedVersions accepted;
  /**
   * The shape of every record class a value of the contract can hold, found once when the codec
   * is made and never changed: a codec is shared by threads, and a map filled on first use was
   * not safe to share (two threads reading at once failed with ConcurrentModificationException).
   */
  private final Map<Class<?>, RecordShape> shapes;

  private RecordPayloads(ContractType<T> type, AcceptedVersions accepted,
      Map<Class<?>, RecordShape> shapes) {
    this.type = type;
    this.accepted = accepted;
    this.shapes = shapes;
  }

  /**
   * The payload I/O of a contract record.
   *
   * @throws IllegalArgumentException when {@code recordClass} is not a {@code @Contract} record
   */
  public static <T extends Record> RecordPayloads<T> of(Class<T> recordClass) {
    ContractType<T> type = ContractType.of(recordClass);
    Map<Class<?>, RecordShape> shapes = new LinkedHashMap<>();
    collectShapes(recordClass, shapes);
    return new RecordPayloads<>(type, AcceptedVersions.of(type), Map.copyOf(shapes));
  }

  @Override
  public RecordPayloads<T> accepting(int... olderVersions) {
    AcceptedVersions more = accepted.with(type, olderVersions);
    RecordShape shape = shape(type.javaType());
    for (int version : olderVersions) {
      Optional<AcceptedVersions.Accepted> older = more.get(version);
      for (int i = 0; i < shape.components.length; i++) {
        if (!isOptional(shape.components[i].getType())
            && AcceptedVersions.lacks(older, shape.names.get(i))) {
          throw new IllegalArgumentException(type.name() + " version " + version + " has no "
              + shape.names.get(i) + ", which version " + type.version() + " requires: its "
              + "payloads cannot be read into " + type.javaType().getSimpleName());
        }
      }
    }
    return new RecordPayloads<>(type, more, shapes);
  }

  @Override
  public ContractType<T> contractType() {
    return type;
  }

  @Override
  public String toJson(T value, Map<String, JsonNode> unknownFields) {
    ValueChecks.write(type, value);
    return Envelope.render(type, tree(value, unknownFields));
  }

  @Override
  public boolean isAsWritten(Decoded<T> read, byte[] utf8) {
    return Arrays.equals(utf8, Envelope.renderRead(tree(read.value(), read.unknownFields()))
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The envelope with the value's fields and the unknown fields after them. */
  private ObjectNode tree(T value, Map<String, JsonNode> unknownFields) {
    ObjectNode payload = (ObjectNode) write(value, type.name());
    for (Map.Entry<String, JsonNode> unknown : new TreeMap<>(unknownFields).entrySet()) {
      if (payload.has(unknown.getKey())) {
        throw new IllegalArgumentException(unknown.getKey() + " is a field of " + type.name()
            + ", not an unknown one: it cannot be written back over the value's own");
      }
      payload.set(unknown.getKey(), unknown.getValue());
    }
    return Envelope.wrap(type, payload);
  }

  @Override
  public Decoded<T> fromJson(String json) {
    Envelope.Unwrapped unwrapped = Envelope.unwrap(type, accepted, json);
    Map<String, JsonNode> unknown = new LinkedHashMap<>();
    T value = type.javaType().cast(readRecord(type.javaType(), unwrapped.payload(), "", unknown,
        unwrapped.accepted()));
    ValueChecks.read(type, value);
    return new Decoded<>(value, unknown);
  }

  // ---------------------------------------------------------------------------------------------
  // writing

  private JsonNode write(Object value, String path) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Record record) {
      RecordShape shape = shape(record.getClass());
      ObjectNode node = NODES.objectNode();
      for (int i = 0; i < shape.components.length; i++) {
        Object component;
        try {
          component = shape.components[i].getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("record accessors are public", e);
        }
        node.set(shape.names.get(i), write(component, path + "." + shape.names.get(i)));
      }
      return node;
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer n) {
      return NODES.numberNode(n);
    }
    if (value instanceof Long n) {
      return NODES.numberNode(n);
    }
    if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw new PayloadException(type.name(), path, "JSON has no " + d + "; contracts hold "
            + "finite doubles only");
      }
      return NODES.numberNode(d);
    }
    if (value instanceof byte[] bytes) {
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof Enum<?> e) {
      return NODES.textNode(e.name().toLowerCase(Locale.ROOT));
    }
    if (value instanceof Optional<?> o) {
      return o.isPresent() ? write(o.get(), path) : NODES.nullNode();
    }
    if (value instanceof OptionalInt o) {
      return o.isPresent() ? NODES.numberNode(o.getAsInt()) : NODES.nullNode();
    }
    if (value instanceof OptionalLong o) {
      return o.isPresent() ? NODES.numberNode(o.getAsLong()) : NODES.nullNode();
    }
    if (value instanceof OptionalDouble o) {
      return o.isPresent() ? write(o.getAsDouble(), path) : NODES.nullNode();
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      for (int i = 0; i < list.size(); i++) {
        array.add(write(list.get(i), path + "[" + i + "]"));
      }
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      // Keys by UTF-16 order here is fine: only the JSON text's key order is at stake, and the
      // hash never depends on it.
      new TreeMap<>(map).forEach((k, v) -> object.set((String) k, write(v, path + "[" + k + "]")));
      return object;
    }
    throw new IllegalStateException("not a contract value type: " + value.getClass().getName());
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  private Object readRecord(Class<?> recordClass, JsonNode node, String path,
      Map<String, JsonNode> unknown, Optional<AcceptedVersions.Accepted> older) {
    boolean top = path.isEmpty();
    if (!node.isObject()) {
      throw error(path, "expected an object, got " + describe(node));
    }
    RecordShape shape = shape(recordClass);
    Set<String> known = new HashSet<>(shape.names);
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (known.contains(entry.getKey())
          || top && AcceptedVersions.hadField(older, entry.getKey())) {
        continue; // ours, or one the accepted older version had and this one removed
      }
      if (top && type.forwardCompatible()) {
        unknown.put(entry.getKey(), entry.getValue());
      } else {
        throw error(join(path, entry.getKey()), "unknown field; " + shape.contract + " has "
            + String.join(", ", shape.names));
      }
    }
    Object[] args = new Object[shape.components.length];
    for (int i = 0; i < args.length; i++) {
      String name = shape.names.get(i);
      String fieldPath = join(path, name);
      if (!node.has(name) && isOptional(shape.components[i].getType())) {
        // An absent optional is absent whether written as null or left out: this is what lets
        // a contract gain an optional field without breaking the payloads written before.
        args[i] = read(shape.components[i].getGenericType(), NullNode.getInstance(), fieldPath);
        continue;
      }
      if (!node.has(name)) {
        throw error(fieldPath, "missing; it is required, so a missing one is not taken as a "
            + "default");
      }
      args[i] = read(shape.components[i].getGenericType(), node.get(name), fieldPath);
    }
    try {
      return shape.constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw error(path.isEmpty() ? null : path, "rejected by " + recordClass.getSimpleName()
          + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
              : cause.getMessage()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the canonical constructor of a record is accessible", e);
    }
  }

  private Object read(Type javaType, JsonNode node, String path) {
    Class<?> raw = raw(javaType);
    if (raw == Optional.class) {
      return node.isNull() ? Optional.empty() : Optional.of(read(argument(javaType, 0), node, path));
    }
    if (raw == OptionalInt.class) {
      return node.isNull() ? OptionalInt.empty() : OptionalInt.of((Integer) read(int.class, node,
          path));
    }
    if (raw == OptionalLong.class) {
      return node.isNull() ? OptionalLong.empty() : OptionalLong.of((Long) read(long.class, node,
          path));
    }
    if (raw == OptionalDouble.class) {
      return node.isNull() ? OptionalDouble.empty() : OptionalDouble.of((Double) read(double.class,
          node, path));
    }
    if (node.isNull()) {
      throw error(path, "expected " + expected(raw) + ", got null; only an optional field may be "
          + "null");
    }
    if (raw == String.class) {
      expect(node.isTextual(), "a string", node, path);
      return node.textValue();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      expect(node.isBoolean(), "a boolean", node, path);
      return node.booleanValue();
    }
    if (raw == int.class || raw == Integer.class) {
      expect(node.isIntegralNumber() && node.canConvertToInt(), "an int", node, path);
      return node.intValue();
    }
    if (raw == long.class || raw == Long.class) {
      expect(node.isIntegralNumber() && node.canConvertToLong(), "a long", node, path);
      return node.longValue();
    }
    if (raw == double.class || raw == Double.class) {
      expect(node.isNumber(), "a number", node, path);
      double value = node.doubleValue();
      if (!Double.isFinite(value)) {
        // 1e400 parses as Infinity, which the writer refuses: so does the reader.
        throw error(path, "expected a finite double, got a number beyond the range of a double; "
            + "contracts hold finite doubles only");
      }
      return value;
    }
    if (raw == byte[].class) {
      expect(node.isTextual(), "a base64 string", node, path);
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(node.textValue());
      } catch (IllegalArgumentException e) {
        throw error(path, "expected a base64 string: " + e.getMessage());
      }
      // Padding left out or stray low bits decode too, to bytes that are written back otherwise.
      if (!Base64.getEncoder().encodeToString(bytes).equals(node.textValue())) {
        throw error(path, "expected base64 as the writer writes it (padded, no stray bits), got '"
            + abbreviate(node.textValue()) + "'");
      }
      return bytes;
    }
    if (raw.isEnum()) {
      expect(node.isTextual(), "an enum name", node, path);
      for (Object constant : raw.getEnumConstants()) {
        if (((Enum<?>) constant).name().toLowerCase(Locale.ROOT).equals(node.textValue())) {
          return constant;
        }
      }
      throw error(path, "expected one of " + String.join(", ", enumTexts(raw)) + ", got '"
          + node.textValue() + "'");
    }
    if (raw == List.class) {
      expect(node.isArray(), "an array", node, path);
      List<Object> list = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        list.add(read(argument(javaType, 0), node.get(i), path + "[" + i + "]"));
      }
      return List.copyOf(list);
    }
    if (raw == Map.class) {
      expect(node.isObject(), "an object", node, path);
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        map.put(entry.getKey(), read(argument(javaType, 1), entry.getValue(),
            path + "[" + entry.getKey() + "]"));
      }
      return Map.copyOf(map);
    }
    if (raw.isRecord()) {
      return readRecord(raw, node, path, new LinkedHashMap<>(), Optional.empty());
    }
    throw new IllegalStateException("not a contract value type: " + javaType);
  }

  private static boolean isOptional(Class<?> type) {
    return type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
        || type == OptionalDouble.class;
  }

  private static List<String> enumTexts(Class<?> enumClass) {
    List<String> texts = new ArrayList<>();
    for (Object constant : enumClass.getEnumConstants()) {
      texts.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
    }
    return texts;
  }

  private static String expected(Class<?> raw) {
    if (raw == String.class) {
      return "a string";
    }
    if (raw == List.class) {
      return "an array";
    }
    if (raw == Map.class || raw.isRecord()) {
      return "an object";
    }
    if (raw.isEnum()) {
      return "one of " + String.join(", ", enumTexts(raw));
    }
    return "a " + raw.getSimpleName().toLowerCase(Locale.ROOT);
  }

  private void expect(boolean ok, String expected, JsonNode node, String path) {
    if (!ok) {
      throw error(path, "expected " + expected + ", got " + describe(node));
    }
  }

  private static String describe(JsonNode node) {
    return Envelope.kind(node) + (node.isValueNode() && !node.isNull()
        ? " " + abbreviate(node.toString()) : "");
  }

  /** A value as a message quotes it: a string of megabytes is not repeated in full. */
  static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 60) + "... (" + text.length()
        + " characters)";
  }

  private PayloadException error(String path, String problem) {
    return new PayloadException(type.name(), path, problem);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("not a contract value type: " + type);
  }

  private static Type argument(Type type, int index) {
    return ((ParameterizedType) type).getActualTypeArguments()[index];
  }

  // ---------------------------------------------------------------------------------------------
  // record shapes

  /** A record's components with their contract field names, and its canonical constructor. */
  private record RecordShape(String contract, RecordComponent[] components, List<String> names,
      Constructor<?> constructor) {}

  private RecordShape shape(Class<?> recordClass) {
    RecordShape shape = shapes.get(recordClass);
    if (shape == null) {
      throw new IllegalStateException(recordClass.getName() + " is not a type that "
          + type.name() + " declares");
    }
    return shape;
  }

  /** The shapes of {@code recordClass} and of every record class its components can hold. */
  private static void collectShapes(Type javaType, Map<Class<?>, RecordShape> shapes) {
    if (javaType instanceof ParameterizedType p) {
      for (Type argument : p.getActualTypeArguments()) {
        collectShapes(argument, shapes);
      }
      return;
    }
    if (!(javaType instanceof Class<?> c) || !c.isRecord() || shapes.containsKey(c)) {
      return;
    }
    ContractType<?> nested = ContractType.of(c);
    RecordComponent[] components = c.getRecordComponents();
    if (nested.fields().size() != components.length) {
      throw new IllegalStateException(nested.name() + " declares " + nested.fields()
          + " but " + c.getName() + " has " + components.length + " components; the "
          + "generated contract is stale, recompile");
    }
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
    }
    try {
      shapes.put(c, new RecordShape(nested.name(), components, nested.fields(),
          c.getDeclaredConstructor(parameterTypes)));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record has a canonical constructor", e);
    }
    for (RecordComponent component : components) {
      collectShapes(component.getGenericType(), shapes);
    }
  }
}

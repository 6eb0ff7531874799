package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.codeanatomy.contracts.canonical.CanonicalFormatException;
import io.codeanatomy.contracts.canonical.CanonicalReader;
import io.codeanatomy.contracts.canonical.CanonicalWriter;
import io.codeanatomy.contracts.canonical.NonCanonicalValueException;
import io.codeanatomy.contracts.canonical.Utf8;
import io.codeanatomy.contracts.proto.options.Payload;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
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
import java.util.SortedMap;
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
 *
 * <p>The binary form ({@link #toBinary}, {@link #fromBinary}) is the one records share with Rust:
 * the {@code codeanatomy.contract.v1.Payload} envelope, as for protobuf contracts, around the
 * canonical MessagePack of a map of every field, provenance included (docs/canonical-encoding.md,
 * "The binary form of a record"). It is read as strictly as JSON, with the same checks and
 * limits.
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
  // the binary form

  /**
   * A record read from its binary form, with the top-level fields a forward-compatible payload
   * carried that this build does not declare (as {@link CanonicalReader} reads values).
   *
   * @param value the record
   * @param unknownFields unknown fields by name, in canonical (UTF-8) order
   */
  public record Binary<T>(T value, Map<String, Object> unknownFields) {

    public Binary {
      SortedMap<String, Object> sorted = new TreeMap<>(Utf8.COMPARATOR);
      sorted.putAll(unknownFields);
      unknownFields = Collections.unmodifiableSortedMap(sorted);
    }
  }

  /** The binary payload of {@code value}: its binary form inside the envelope. */
  public byte[] toBinary(T value) {
    return toBinary(value, Map.of());
  }

  /**
   * The binary payload of {@code value} with the unknown fields a forward-compatible payload
   * carried written back: the envelope (this contract, version and schema fingerprint) around
   * the canonical MessagePack of a map of every field and the unknown ones.
   *
   * @throws PayloadException for a value its readers would refuse (as {@link #toJson})
   * @throws IllegalArgumentException for an unknown field that is a field of the contract
   */
  public byte[] toBinary(T value, Map<String, Object> unknownFields) {
    ValueChecks.write(type, value);
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) binaryValue(value);
    for (Map.Entry<String, Object> unknown : unknownFields.entrySet()) {
      if (tree.containsKey(unknown.getKey())) {
        throw new IllegalArgumentException(unknown.getKey() + " is a field of " + type.name()
            + ", not an unknown one: it cannot be written back over the value's own");
      }
      tree.put(unknown.getKey(), unknown.getValue());
    }
    byte[] body;
    try {
      body = new CanonicalWriter().writeValue(tree).toByteArray();
    } catch (NonCanonicalValueException e) {
      throw new PayloadException(type.name(), null, "cannot write a payload that its readers "
          + "refuse: " + e.getMessage(), e);
    }
    if (body.length > ReadLimits.MAX_DOCUMENT_BYTES) {
      throw new PayloadException(type.name(), null, "cannot write a payload that its readers "
          + "refuse: over a reading limit: " + body.length + " bytes, more than the "
          + ReadLimits.MAX_DOCUMENT_BYTES + " a reader accepts");
    }
    // The envelope exactly as ProtoPayloads writes it.
    return ProtoPayloads.deterministicBytes(Payload.newBuilder()
        .setContract(type.name())
        .setVersion(type.version())
        .setSchemaFingerprint(type.schemaFingerprint())
        .setBody(ByteString.copyFrom(body))
        .build());
  }

  /**
   * Reads a binary payload written for this contract, version and schema (or an accepted older
   * one), within {@link ReadLimits}: the envelope, then the binary form, read as strictly as
   * JSON (every field present unless optional, of its declared kind; unknown fields refused
   * unless the contract is forward compatible, then kept), then the value's constraints.
   *
   * @throws ContractVersionException for a payload of another contract, version or schema
   * @throws PayloadException naming the field, for anything else that is wrong
   */
  public Binary<T> fromBinary(byte[] bytes) {
    if (bytes.length > ReadLimits.MAX_DOCUMENT_BYTES) {
      throw new PayloadException(type.name(), null, "over a reading limit: the payload has "
          + bytes.length + " bytes, more than the " + ReadLimits.MAX_DOCUMENT_BYTES
          + " a reader accepts");
    }
    Payload envelope;
    try {
      CodedInputStream input = ReadLimits.codedInput(bytes);
      envelope = Payload.parseFrom(input);
      if (!input.isAtEnd()) {
        throw new InvalidProtocolBufferException("bytes follow the end of the message, at byte "
            + input.getTotalBytesRead());
      }
    } catch (IOException e) {
      throw new PayloadException(type.name(), null, "not a binary payload (truncated or "
          + "corrupt envelope): " + e.getMessage(), e);
    }
    if (!envelope.getUnknownFields().asMap().isEmpty() || envelope.getContract().isEmpty()) {
      throw new PayloadException(type.name(), null, "not a binary payload: the envelope has no "
          + "contract name, or fields an envelope does not have");
    }
    Optional<AcceptedVersions.Accepted> older = Envelope.check(type, accepted,
        envelope.getContract(), envelope.getVersion(), envelope.getSchemaFingerprint());
    byte[] body = envelope.getBody().toByteArray();
    Object tree;
    try {
      CanonicalReader reader = new CanonicalReader(body, 0, body.length, ReadLimits.MAX_DEPTH);
      tree = reader.readValue();
      reader.finish();
    } catch (CanonicalFormatException e) {
      throw new PayloadException(type.name(), null, "the body is truncated or corrupt: "
          + e.getMessage(), e);
    }
    Map<String, Object> unknown = new LinkedHashMap<>();
    T value = type.javaType().cast(readBinaryRecord(type.javaType(), tree, "", unknown, older));
    ValueChecks.read(type, value);
    return new Binary<>(value, unknown);
  }

  /** A record as its binary form's value tree: a map of every field. */
  private Object binaryValue(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Record record) {
      RecordShape shape = shape(record.getClass());
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < shape.components.length; i++) {
        try {
          map.put(shape.names.get(i),
              binaryValue(shape.components[i].getAccessor().invoke(record)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("record accessors are public", e);
        }
      }
      return map;
    }
    if (value instanceof Integer n) {
      return n.longValue();
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    if (value instanceof Optional<?> o) {
      return o.map(this::binaryValue).orElse(null);
    }
    if (value instanceof OptionalInt o) {
      return o.isPresent() ? (Object) (long) o.getAsInt() : null;
    }
    if (value instanceof OptionalLong o) {
      return o.isPresent() ? (Object) o.getAsLong() : null;
    }
    if (value instanceof OptionalDouble o) {
      return o.isPresent() ? (Object) o.getAsDouble() : null;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(binaryValue(item)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, binaryValue(v)));
      return out;
    }
    return value; // String, Boolean, Long, Double, byte[]: as the canonical writer takes them
  }

  private Object readBinaryRecord(Class<?> recordClass, Object node, String path,
      Map<String, Object> unknown, Optional<AcceptedVersions.Accepted> older) {
    boolean top = path.isEmpty();
    if (!(node instanceof Map<?, ?> map)) {
      throw error(path.isEmpty() ? null : path, "expected a map of fields, got "
          + describeValue(node));
    }
    RecordShape shape = shape(recordClass);
    Set<String> known = new HashSet<>(shape.names);
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = (String) entry.getKey();
      if (known.contains(key) || top && AcceptedVersions.hadField(older, key)) {
        continue;
      }
      if (top && type.forwardCompatible()) {
        unknown.put(key, entry.getValue());
      } else {
        throw error(join(path, key), "unknown field; " + shape.contract + " has "
            + String.join(", ", shape.names));
      }
    }
    Object[] args = new Object[shape.components.length];
    for (int i = 0; i < args.length; i++) {
      String name = shape.names.get(i);
      String fieldPath = join(path, name);
      Type componentType = shape.components[i].getGenericType();
      if (isOptional(shape.components[i].getType())) {
        args[i] = readBinary(componentType, map.get(name), fieldPath);
        continue;
      }
      if (!map.containsKey(name)) {
        throw error(fieldPath, "missing; it is required, so a missing one is not taken as a "
            + "default");
      }
      args[i] = readBinary(componentType, map.get(name), fieldPath);
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

  /** One value of the binary form as {@code javaType}. */
  private Object readBinary(Type javaType, Object node, String path) {
    Class<?> raw = raw(javaType);
    if (raw == Optional.class) {
      return node == null ? Optional.empty()
          : Optional.of(readBinary(argument(javaType, 0), node, path));
    }
    if (raw == OptionalInt.class) {
      return node == null ? OptionalInt.empty()
          : OptionalInt.of((Integer) readBinary(int.class, node, path));
    }
    if (raw == OptionalLong.class) {
      return node == null ? OptionalLong.empty()
          : OptionalLong.of((Long) readBinary(long.class, node, path));
    }
    if (raw == OptionalDouble.class) {
      return node == null ? OptionalDouble.empty()
          : OptionalDouble.of((Double) readBinary(double.class, node, path));
    }
    if (node == null) {
      throw error(path, "expected " + expected(raw) + ", got nil; only an optional field may be "
          + "nil");
    }
    if (raw == String.class) {
      expectValue(node instanceof String, "a string", node, path);
      return node;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      expectValue(node instanceof Boolean, "a boolean", node, path);
      return node;
    }
    if (raw == int.class || raw == Integer.class) {
      expectValue(node instanceof Long n && n == n.intValue(), "an int", node, path);
      return ((Long) node).intValue();
    }
    if (raw == long.class || raw == Long.class) {
      expectValue(node instanceof Long, "a long", node, path);
      return node;
    }
    if (raw == double.class || raw == Double.class) {
      // The canonical encoding writes every double as float64, and only finite ones.
      expectValue(node instanceof Double, "a float", node, path);
      return node;
    }
    if (raw == byte[].class) {
      expectValue(node instanceof byte[], "binary", node, path);
      return ((byte[]) node).clone();
    }
    if (raw.isEnum()) {
      expectValue(node instanceof String, "an enum name", node, path);
      for (Object constant : raw.getEnumConstants()) {
        if (((Enum<?>) constant).name().toLowerCase(Locale.ROOT).equals(node)) {
          return constant;
        }
      }
      throw error(path, "expected one of " + String.join(", ", enumTexts(raw)) + ", got '"
          + node + "'");
    }
    if (raw == List.class) {
      expectValue(node instanceof List<?>, "an array", node, path);
      List<?> items = (List<?>) node;
      List<Object> list = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        list.add(readElement(argument(javaType, 0), items.get(i), path + "[" + i + "]"));
      }
      return List.copyOf(list);
    }
    if (raw == Map.class) {
      expectValue(node instanceof Map<?, ?>, "a map", node, path);
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) node).entrySet()) {
        String key = (String) entry.getKey();
        map.put(key, readElement(argument(javaType, 1), entry.getValue(),
            path + "[" + key + "]"));
      }
      return Map.copyOf(map);
    }
    if (raw.isRecord()) {
      return readBinaryRecord(raw, node, path, new LinkedHashMap<>(), Optional.empty());
    }
    throw new IllegalStateException("not a contract value type: " + javaType);
  }

  /** A list element or map value: nil refused, named by the boxed type. */
  private Object readElement(Type javaType, Object node, String path) {
    if (node == null) {
      throw error(path, "expected " + expected(raw(javaType)) + ", got nil; only an optional "
          + "field may be nil");
    }
    return readBinary(javaType, node, path);
  }

  private void expectValue(boolean ok, String expected, Object node, String path) {
    if (!ok) {
      throw error(path, "expected " + expected + ", got " + describeValue(node));
    }
  }

  /** A value of the binary form as messages quote it: {@code an integer 5}, {@code nil}. */
  private static String describeValue(Object node) {
    if (node == null) {
      return "nil";
    }
    if (node instanceof Boolean b) {
      return "a boolean " + b;
    }
    if (node instanceof Long || node instanceof java.math.BigInteger) {
      return "an integer " + node;
    }
    if (node instanceof Double d) {
      return "a float " + d;
    }
    if (node instanceof String text) {
      return "a string \"" + abbreviate(text) + "\"";
    }
    if (node instanceof byte[] bytes) {
      return "binary (" + bytes.length + " bytes)";
    }
    return node instanceof List<?> ? "an array" : "a map";
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

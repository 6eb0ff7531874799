package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.codeanatomy.contracts.proto.options.Payload;
import io.codeanatomy.contracts.support.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes a protobuf contract: JSON through protobuf's {@code JsonFormat} (field names as
 * in the {@code .proto}, every field written, map keys sorted) and binary protobuf, both inside the
 * envelope. Reading is strict: JSON types are checked against the schema first (JsonFormat would
 * turn {@code 5} into {@code "5"}), every field must be present (nothing is silently defaulted),
 * unknown fields are refused unless the contract is forward compatible (then they are kept), and
 * hash fields must be digests.
 */
public final class ProtoPayloads<M extends Message> implements PayloadCodec<M> {

  private final ContractType<M> type;
  private final M prototype;
  private final AcceptedVersions accepted;

  private ProtoPayloads(ContractType<M> type, M prototype, AcceptedVersions accepted) {
    this.type = type;
    this.prototype = prototype;
    this.accepted = accepted;
  }

  public static <M extends Message> ProtoPayloads<M> of(Class<M> messageClass) {
    try {
      @SuppressWarnings("unchecked")
      M prototype = (M) messageClass.getMethod("getDefaultInstance").invoke(null);
      ContractType<M> type = ContractType.of(messageClass);
      return new ProtoPayloads<>(type, prototype, AcceptedVersions.of(type));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(messageClass.getName() + " is not a protoc message", e);
    }
  }

  @Override
  public ProtoPayloads<M> accepting(int... olderVersions) {
    return new ProtoPayloads<>(type, prototype, accepted.with(type, olderVersions));
  }

  @Override
  public ContractType<M> contractType() {
    return type;
  }

  // ---------------------------------------------------------------------------------------------
  // JSON

  @Override
  public String toJson(M value, Map<String, JsonNode> unknownFields) {
    String printed;
    try {
      printed = JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence()
          .sortingMapKeys().print(value);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a message always prints as JSON", e);
    }
    try {
      ObjectNode payload = (ObjectNode) Envelope.JSON.readTree(printed);
      for (Map.Entry<String, JsonNode> unknown : new TreeMap<>(unknownFields).entrySet()) {
        if (payload.has(unknown.getKey())) {
          throw new IllegalArgumentException(unknown.getKey() + " is a field of " + type.name()
              + ", not an unknown one: it cannot be written back over the value's own");
        }
        payload.set(unknown.getKey(), unknown.getValue());
      }
      return Envelope.render(Envelope.wrap(type, payload));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JsonFormat wrote JSON that does not parse", e);
    }
  }

  @Override
  public Decoded<M> fromJson(String json) {
    Envelope.Unwrapped unwrapped = Envelope.unwrap(type, accepted, json);
    JsonNode payload = unwrapped.payload();
    Map<String, JsonNode> unknown = new LinkedHashMap<>();
    Set<String> dropped = new HashSet<>();
    checkObject(prototype.getDescriptorForType(), payload, "", unknown, unwrapped.accepted(),
        dropped);
    ObjectNode known = ((ObjectNode) payload).deepCopy();
    unknown.keySet().forEach(known::remove);
    dropped.forEach(known::remove);
    Message.Builder builder = prototype.newBuilderForType();
    try {
      JsonFormat.parser().merge(known.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadException(type.name(), null, e.getMessage(), e);
    }
    @SuppressWarnings("unchecked")
    M value = (M) builder.build();
    checkHashes(value);
    return new Decoded<>(value, unknown);
  }

  /**
   * Checks a JSON object against a message's schema: every field present (a proto3 optional or a
   * message may be absent), every value of its field's JSON type, no unknown field (at the top of
   * a forward-compatible contract, unknown fields are collected instead).
   */
  private void checkObject(Descriptor descriptor, JsonNode node, String path,
      Map<String, JsonNode> unknown, Optional<AcceptedVersions.Accepted> older,
      Set<String> dropped) {
    boolean top = path.isEmpty();
    if (!node.isObject()) {
      throw new PayloadException(type.name(), path.isEmpty() ? null : path,
          "expected an object, got " + Envelope.kind(node));
    }
    Map<String, FieldDescriptor> byName = new LinkedHashMap<>();
    for (FieldDescriptor field : descriptor.getFields()) {
      byName.put(field.getName(), field);
      byName.put(field.getJsonName(), field);
    }
    node.properties().forEach(entry -> {
      String fieldPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      FieldDescriptor field = byName.get(entry.getKey());
      if (field == null) {
        if (top && AcceptedVersions.hadField(older, entry.getKey())) {
          dropped.add(entry.getKey()); // a field of the older version that this one removed
          return;
        }
        if (top && type.forwardCompatible()) {
          unknown.put(entry.getKey(), entry.getValue());
          return;
        }
        throw new PayloadException(type.name(), fieldPath, "unknown field; " + descriptor.getName()
            + " has " + String.join(", ", descriptor.getFields().stream()
                .map(FieldDescriptor::getName).toList()));
      }
      checkValue(field, entry.getValue(), fieldPath);
    });
    for (FieldDescriptor field : descriptor.getFields()) {
      boolean mayBeAbsent = field.hasPresence() || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      mayBeAbsent |= top && AcceptedVersions.lacks(older, field.getName());
      if (!mayBeAbsent && !node.has(field.getName()) && !node.has(field.getJsonName())) {
        throw new PayloadException(type.name(),
            path.isEmpty() ? field.getName() : path + "." + field.getName(),
            "missing; every field is written, so a missing one is not taken as its default");
      }
    }
  }

  private void checkValue(FieldDescriptor field, JsonNode value, String path) {
    if (field.isMapField()) {
      expect(value.isObject(), "an object", value, path);
      FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
      value.properties().forEach(e -> checkSingle(valueField, e.getValue(),
          path + "[" + e.getKey() + "]"));
    } else if (field.isRepeated()) {
      expect(value.isArray(), "an array", value, path);
      for (int i = 0; i < value.size(); i++) {
        checkSingle(field, value.get(i), path + "[" + i + "]");
      }
    } else {
      checkSingle(field, value, path);
    }
  }

  private void checkSingle(FieldDescriptor field, JsonNode value, String path) {
    switch (field.getJavaType()) {
      case STRING, BYTE_STRING -> expect(value.isTextual(), "a string", value, path);
      case BOOLEAN -> expect(value.isBoolean(), "a boolean", value, path);
      case INT -> expect(value.isIntegralNumber() && value.canConvertToInt(), "an int32", value,
          path);
      // proto3 JSON writes 64-bit integers as strings; numbers are read too.
      case LONG -> expect(value.isIntegralNumber() && value.canConvertToLong()
          || value.isTextual() && value.asText().matches("-?\\d{1,19}"), "an int64", value, path);
      case FLOAT, DOUBLE -> expect(value.isNumber() || value.isTextual()
          && List.of("NaN", "Infinity", "-Infinity").contains(value.asText()), "a number", value,
          path);
      case ENUM -> {
        expect(value.isTextual() || value.isIntegralNumber(), "an enum name", value, path);
        if (value.isTextual() && field.getEnumType().findValueByName(value.asText()) == null) {
          throw new PayloadException(type.name(), path, "expected one of " + String.join(", ",
              field.getEnumType().getValues().stream().map(v -> v.getName()).toList())
              + ", got '" + value.asText() + "'");
        }
      }
      case MESSAGE -> checkObject(field.getMessageType(), value, path, new LinkedHashMap<>(),
          Optional.empty(), new HashSet<>());
    }
  }

  private void expect(boolean ok, String expected, JsonNode value, String path) {
    if (!ok) {
      throw new PayloadException(type.name(), path, "expected " + expected + ", got "
          + Envelope.kind(value) + (value.isValueNode() && !value.isNull() ? " " + value : ""));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // binary

  /** The binary envelope: contract, version and schema fingerprint, and the message's bytes. */
  public byte[] toBinary(M value) {
    return deterministicBytes(Payload.newBuilder()
        .setContract(type.name())
        .setVersion(type.version())
        .setSchemaFingerprint(type.schemaFingerprint())
        .setBody(ByteString.copyFrom(deterministicBytes(value)))
        .build());
  }

  /**
   * The message's bytes with map entries sorted by key: protobuf-java otherwise writes maps in
   * insertion order, so two equal messages could serialize differently.
   */
  static byte[] deterministicBytes(Message message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    try {
      message.writeTo(stream);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("writing to an array cannot fail", e);
    }
    stream.checkNoSpaceLeft();
    return out;
  }

  public M fromBinary(byte[] bytes) {
    Payload envelope;
    try {
      envelope = Payload.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadException(type.name(), null, "not a binary payload (truncated or "
          + "corrupt envelope): " + e.getMessage(), e);
    }
    if (!envelope.getUnknownFields().asMap().isEmpty() || envelope.getContract().isEmpty()) {
      throw new PayloadException(type.name(), null, "not a binary payload: the envelope has no "
          + "contract name, or fields an envelope does not have");
    }
    Optional<AcceptedVersions.Accepted> older = Envelope.check(type, accepted,
        envelope.getContract(), envelope.getVersion(), envelope.getSchemaFingerprint());
    M value;
    try {
      @SuppressWarnings("unchecked")
      M parsed = (M) prototype.getParserForType().parseFrom(envelope.getBody());
      value = parsed;
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadException(type.name(), null, "the body is truncated or corrupt: "
          + e.getMessage(), e);
    }
    if (!type.forwardCompatible()) {
      List<String> unknown = new ArrayList<>();
      unknownFieldNumbers(value, "", unknown);
      // Fields of an accepted older version that this one removed are expected, not unknown.
      older.ifPresent(o -> unknown.removeIf(f -> f.startsWith("#")
          && o.protoNumbers().contains(Integer.parseInt(f.substring(1)))));
      if (!unknown.isEmpty()) {
        throw new PayloadException(type.name(), unknown.get(0), "unknown field (a newer "
            + "writer?); " + type.name() + " is strict and refuses fields it does not declare");
      }
    }
    checkHashes(value);
    return value;
  }

  private static void unknownFieldNumbers(Message message, String path, List<String> found) {
    for (Integer number : message.getUnknownFields().asMap().keySet()) {
      found.add((path.isEmpty() ? "" : path + ".") + "#" + number);
    }
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      if (e.getKey().getJavaType() == FieldDescriptor.JavaType.MESSAGE && !e.getKey().isMapField()) {
        String fieldPath = (path.isEmpty() ? "" : path + ".") + e.getKey().getName();
        if (e.getValue() instanceof List<?> list) {
          list.forEach(item -> unknownFieldNumbers((Message) item, fieldPath, found));
        } else {
          unknownFieldNumbers((Message) e.getValue(), fieldPath, found);
        }
      }
    }
  }

  private void checkHashes(M value) {
    List<Violation> violations = type.validate(value);
    if (!violations.isEmpty()) {
      Violation first = violations.get(0);
      throw new PayloadException(type.name(), first.path(), first.message()
          + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
    }
  }
}

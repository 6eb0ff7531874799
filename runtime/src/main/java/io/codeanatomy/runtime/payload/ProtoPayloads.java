package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.codeanatomy.contracts.proto.options.Payload;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
  /** The message types of this contract that hold an enum, themselves or further down. */
  private final Set<Descriptor> withEnums;

  private ProtoPayloads(ContractType<M> type, M prototype, AcceptedVersions accepted) {
    this.type = type;
    this.prototype = prototype;
    this.accepted = accepted;
    this.withEnums = Set.copyOf(withEnums(prototype.getDescriptorForType(), new HashMap<>()));
  }

  /** The types under {@code descriptor} (itself included) that hold an enum somewhere. */
  private static Set<Descriptor> withEnums(Descriptor descriptor, Map<Descriptor, Boolean> seen) {
    holdsEnum(descriptor, seen);
    Set<Descriptor> holding = new HashSet<>();
    seen.forEach((type, holds) -> {
      if (holds) {
        holding.add(type);
      }
    });
    return holding;
  }

  private static boolean holdsEnum(Descriptor descriptor, Map<Descriptor, Boolean> seen) {
    Boolean known = seen.get(descriptor);
    if (known != null) {
      return known;
    }
    seen.put(descriptor, false); // a recursive type holds what its other fields hold
    boolean holds = false;
    for (FieldDescriptor field : descriptor.getFields()) {
      holds |= field.getJavaType() == FieldDescriptor.JavaType.ENUM
          || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
              && holdsEnum(field.getMessageType(), seen);
    }
    seen.put(descriptor, holds);
    return holds;
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
    checkEnumNumbers(value, "");
    ValueChecks.write(type, value);
    return Envelope.render(type, tree(value, unknownFields));
  }

  @Override
  public boolean isAsWritten(Decoded<M> read, byte[] utf8) {
    return Arrays.equals(utf8, Envelope.renderRead(tree(read.value(), read.unknownFields()))
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The envelope with the value as JsonFormat prints it and the unknown fields after it. */
  private ObjectNode tree(M value, Map<String, JsonNode> unknownFields) {
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
      return Envelope.wrap(type, payload);
    } catch (StreamConstraintsException e) {
      // Read back with the readers' limits: a value beyond them is not written.
      throw new PayloadException(type.name(), null, "cannot write a payload that its readers "
          + "refuse: over a reading limit: " + e.getOriginalMessage(), e);
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
    ValueChecks.read(type, value);
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
      // A field with presence (a message, a proto3 optional) is left out when unset; a list or a
      // map never is, empty or not: a missing one is an error, not an empty one.
      boolean mayBeAbsent = !field.isRepeated() && (field.hasPresence()
          || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE);
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
      FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
      FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
      value.properties().forEach(e -> {
        String entryPath = path + "[" + e.getKey() + "]";
        checkMapKey(keyField, e.getKey(), entryPath);
        checkSingle(valueField, e.getValue(), entryPath);
      });
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
      case STRING -> expect(value.isTextual(), "a string", value, path);
      case BYTE_STRING -> {
        expect(value.isTextual(), "a base64 string", value, path);
        if (!isBase64(value.textValue())) {
          throw new PayloadException(type.name(), path, "expected a base64 string, got '"
              + RecordPayloads.abbreviate(value.textValue()) + "'");
        }
      }
      case BOOLEAN -> expect(value.isBoolean(), "a boolean", value, path);
      case INT, LONG -> checkInteger(field, value, path);
      case FLOAT, DOUBLE -> {
        expect(value.isNumber(), "a number", value, path);
        double number = value.doubleValue();
        boolean inRange = field.getJavaType() == FieldDescriptor.JavaType.DOUBLE
            ? Double.isFinite(number) : Math.abs(number) <= Float.MAX_VALUE;
        if (!inRange) {
          throw new PayloadException(type.name(), path, "expected a finite "
              + field.getType().name().toLowerCase(Locale.ROOT) + ", got a number beyond its "
              + "range; contracts hold finite numbers only");
        }
      }
      case ENUM -> {
        expect(value.isTextual() || value.isIntegralNumber(), "an enum name", value, path);
        boolean known = value.isTextual()
            ? field.getEnumType().findValueByName(value.asText()) != null
            : value.canConvertToInt()
                && field.getEnumType().findValueByNumber(value.intValue()) != null;
        if (!known) {
          // An open enum would keep an unknown number, which has no name to hash or write.
          throw new PayloadException(type.name(), path, "expected one of " + String.join(", ",
              field.getEnumType().getValues().stream().map(v -> v.getName()).toList())
              + ", got " + (value.isTextual() ? "'" + RecordPayloads.abbreviate(value.asText())
                  + "'" : value.toString()));
        }
      }
      case MESSAGE -> checkObject(field.getMessageType(), value, path, new LinkedHashMap<>(),
          Optional.empty(), new HashSet<>());
    }
  }

  /**
   * An integer of the field's protobuf type, as a JSON number or (as proto3 JSON writes 64-bit
   * integers) a string of digits, within the type's range: JsonFormat would refuse it too, but
   * without naming the field.
   */
  private void checkInteger(FieldDescriptor field, JsonNode value, String path) {
    String name = field.getType().name().toLowerCase(Locale.ROOT);
    boolean sixtyFour = field.getJavaType() == FieldDescriptor.JavaType.LONG;
    BigInteger number = null;
    if (value.isIntegralNumber()) {
      number = value.bigIntegerValue();
    } else if (sixtyFour && value.isTextual() && value.textValue().matches("-?[0-9]{1,20}")) {
      number = new BigInteger(value.textValue());
    }
    if (number == null) {
      throw new PayloadException(type.name(), path, "expected an " + name + " (a whole number"
          + (sixtyFour ? ", or a string of digits" : "") + "), got " + Envelope.kind(value)
          + (value.isValueNode() && !value.isNull()
              ? " " + RecordPayloads.abbreviate(value.toString()) : ""));
    }
    BigInteger[] range = range(field.getType());
    if (number.compareTo(range[0]) < 0 || number.compareTo(range[1]) > 0) {
      throw new PayloadException(type.name(), path, "expected an " + name + ", from "
          + range[0] + " to " + range[1] + ", got " + RecordPayloads.abbreviate(number.toString())
          + ", which is out of its range");
    }
  }

  private static BigInteger[] range(FieldDescriptor.Type type) {
    return switch (type) {
      case UINT32, FIXED32 -> new BigInteger[] {BigInteger.ZERO,
          BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)};
      case UINT64, FIXED64 -> new BigInteger[] {BigInteger.ZERO,
          BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
      case INT64, SINT64, SFIXED64 -> new BigInteger[] {BigInteger.valueOf(Long.MIN_VALUE),
          BigInteger.valueOf(Long.MAX_VALUE)};
      default -> new BigInteger[] {BigInteger.valueOf(Integer.MIN_VALUE),
          BigInteger.valueOf(Integer.MAX_VALUE)};
    };
  }

  /** A map key is a JSON object key, so always text; it must still be of the key's type. */
  private void checkMapKey(FieldDescriptor key, String text, String path) {
    switch (key.getJavaType()) {
      case INT, LONG -> {
        if (!text.matches("-?[0-9]{1,20}")) {
          throw new PayloadException(type.name(), path, "expected a map key of type "
              + key.getType().name().toLowerCase(Locale.ROOT) + ", got '"
              + RecordPayloads.abbreviate(text) + "'");
        }
        checkInteger(key, Envelope.JSON.getNodeFactory().numberNode(new BigInteger(text)), path);
      }
      case BOOLEAN -> {
        if (!text.equals("true") && !text.equals("false")) {
          throw new PayloadException(type.name(), path, "expected a map key true or false, got '"
              + RecordPayloads.abbreviate(text) + "'");
        }
      }
      default -> { }
    }
  }

  private static boolean isBase64(String text) {
    // JsonFormat reads both alphabets.
    for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
      try {
        decoder.decode(text);
        return true;
      } catch (IllegalArgumentException e) {
        // try the other alphabet
      }
    }
    return false;
  }

  private void expect(boolean ok, String expected, JsonNode value, String path) {
    if (!ok) {
      throw new PayloadException(type.name(), path, "expected " + expected + ", got "
          + Envelope.kind(value) + (value.isValueNode() && !value.isNull()
              ? " " + RecordPayloads.abbreviate(value.toString()) : ""));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // binary

  /** The binary envelope: contract, version and schema fingerprint, and the message's bytes. */
  public byte[] toBinary(M value) {
    checkEnumNumbers(value, "");
    ValueChecks.write(type, value);
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

  /**
   * Reads a binary payload written for this contract, version and schema, within
   * {@link ReadLimits}.
   *
   * @throws ContractVersionException for a payload of another contract, version or schema
   * @throws PayloadException for anything else that is wrong, naming the field when it can
   */
  public M fromBinary(byte[] bytes) {
    if (bytes.length > ReadLimits.MAX_DOCUMENT_BYTES) {
      throw new PayloadException(type.name(), null, "over a reading limit: the payload has "
          + bytes.length + " bytes, more than the " + ReadLimits.MAX_DOCUMENT_BYTES
          + " a reader accepts");
    }
    Payload envelope;
    try {
      CodedInputStream input = ReadLimits.codedInput(bytes);
      envelope = Payload.parseFrom(input);
      requireEnd(input);
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
    M value;
    try {
      CodedInputStream input = ReadLimits.codedInput(envelope.getBody());
      @SuppressWarnings("unchecked")
      M parsed = (M) prototype.getParserForType().parseFrom(input);
      requireEnd(input);
      value = parsed;
    } catch (IOException e) {
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
    checkEnumNumbers(value, "");
    ValueChecks.read(type, value);
    return value;
  }

  /**
   * Refuses enum numbers the schema does not declare, wherever they are: protobuf keeps them (an
   * open enum), but they have no name to write as JSON, to hash, or to compare.
   */
  private void checkEnumNumbers(Message message, String path) {
    if (!withEnums.contains(message.getDescriptorForType())) {
      return; // nothing to look at, and the reflective walk is costly
    }
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      String fieldPath = (path.isEmpty() ? "" : path + ".") + field.getName();
      List<?> values = e.getValue() instanceof List<?> list ? list : List.of(e.getValue());
      for (int i = 0; i < values.size(); i++) {
        String itemPath = field.isRepeated() ? fieldPath + "[" + i + "]" : fieldPath;
        Object item = values.get(i);
        if (item instanceof Descriptors.EnumValueDescriptor value && value.getIndex() < 0) {
          throw new PayloadException(type.name(), itemPath, "enum number " + value.getNumber()
              + " is not declared by " + field.getEnumType().getName() + "; expected one of "
              + String.join(", ", field.getEnumType().getValues().stream()
                  .map(v -> v.getName()).toList()));
        }
        if (item instanceof Message nested) {
          checkEnumNumbers(nested, field.isMapField() ? fieldPath : itemPath);
        }
      }
    }
  }

  /**
   * Parsing from a stream stops at an end-group tag and ignores what follows; parsing from an
   * array would refuse it, and so does this.
   */
  private static void requireEnd(CodedInputStream input) throws IOException {
    if (!input.isAtEnd()) {
      throw new InvalidProtocolBufferException("bytes follow the end of the message, at byte "
          + input.getTotalBytesRead());
    }
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

}

package io.codeanatomy.examples.parity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.util.JsonFormat;
import io.codeanatomy.examples.parity.wiretest.Colour;
import io.codeanatomy.examples.parity.wiretest.Everything;
import io.codeanatomy.examples.parity.wiretest.Scalars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Protobuf wire-format vectors of the test messages ({@code src/test/proto/.../wire_test.proto}),
 * as protobuf-java writes and reads them: random messages of every field kind with their bytes
 * ({@code toByteArray()} and deterministic serialization) and their JSON as the payload writers
 * print it; valid but non-canonical inputs with the bytes protobuf-java writes after reading them;
 * invalid inputs with protobuf-java's error. Seeded, so every run writes the same file.
 */
final class WireVectors {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  /** The random messages; each is tiny, the Rust side reads them all in well under a second. */
  static final int MESSAGES = 200;

  private WireVectors() {}

  static ObjectNode vectors(long seed) {
    ObjectNode root = NODES.objectNode();
    ArrayNode messages = root.putArray("messages");
    SplittableRandom random = new SplittableRandom(seed);
    message(messages, "empty", Everything.getDefaultInstance());
    message(messages, "defaults set explicitly", Everything.newBuilder()
        .setScalars(Scalars.getDefaultInstance()).setOptI32(0).setOptText("").setOptFlag(false)
        .setOptReal64(0).setOptColour(Colour.COLOUR_UNSPECIFIED).setChoiceI64(0)
        .putI32I64(0, 0).putStrChild("", Everything.getDefaultInstance()).build());
    message(messages, "negative zero and negative numbers", Everything.newBuilder()
        .setScalars(Scalars.newBuilder().setReal32(-0.0f).setReal64(-0.0).setI32(-1)
            .setColour(Colour.INFRARED).setS32(Integer.MIN_VALUE).setSfx64(Long.MIN_VALUE))
        .addRepI32(-1).addRepColour(Colour.INFRARED).addUnpackedColourValue(-7).build());
    message(messages, "map keys in protobuf-java's order", Everything.newBuilder()
        .putStrStr("\uFF61", "a").putStrStr("\uD83D\uDE00", "b").putStrStr("b", "")
        .putU32Colour(-1, Colour.RED).putU32Colour(1, Colour.GREEN)
        .putU32Colour(Integer.MIN_VALUE, Colour.INFRARED).putFx64Flag(-1L, true)
        .putFx64Flag(5L, false).putFlagStr(true, "t").putFlagStr(false, "f").build());
    message(messages, "largest field number", Everything.newBuilder().setFar(7).build());
    for (int i = 0; i < MESSAGES; i++) {
      message(messages, "random " + i, everything(random, 0));
    }
    root.set("inputs", inputs());
    root.set("invalid", invalid());
    return root;
  }

  // ---------------------------------------------------------------------------------------------
  // messages

  private static void message(ArrayNode out, String name, Everything message) {
    ObjectNode node = out.addObject();
    node.put("name", name);
    node.put("hex", HEX.formatHex(message.toByteArray()));
    node.put("deterministic_hex", HEX.formatHex(deterministic(message)));
    String json = json(message);
    node.put("json", json);
    try {
      Everything.Builder parsed = Everything.newBuilder();
      JsonFormat.parser().merge(json, parsed);
      node.put("json_roundtrip_hex", HEX.formatHex(deterministic(parsed.build())));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("JsonFormat cannot read what it wrote for " + name, e);
    }
  }

  /** The JSON the payload writers write for a message: JsonFormat, rendered as Java renders. */
  static String json(Message message) {
    try {
      String printed = JsonFormat.printer().preservingProtoFieldNames()
          .alwaysPrintFieldsWithNoPresence().sortingMapKeys().print(message);
      return RuntimeVectors.render(RuntimeVectors.JSON.readTree(printed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] deterministic(Message message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    try {
      message.writeTo(stream);
      stream.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Everything everything(SplittableRandom r, int depth) {
    Everything.Builder b = Everything.newBuilder();
    if (r.nextInt(3) == 0) {
      b.setScalars(scalars(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptI32(int32(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptI64(int64(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptU64(int64(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptS32(int32(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptFx64(int64(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptFlag(r.nextBoolean());
    }
    if (r.nextInt(3) == 0) {
      b.setOptReal32(float32(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptReal64(float64(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptText(text(r));
    }
    if (r.nextInt(3) == 0) {
      b.setOptData(ByteString.copyFrom(bytes(r)));
    }
    if (r.nextInt(3) == 0) {
      b.setOptColourValue(colour(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepI32(int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepI64(int64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepU32(int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepU64(int64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepS32(int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepS64(int64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepFx32(int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepFx64(int64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepSfx32(int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepSfx64(int64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepFlag(r.nextBoolean());
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepReal32(float32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepReal64(float64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepColourValue(colour(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepText(text(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepData(ByteString.copyFrom(bytes(r)));
    }
    for (int i = count(r); i > 0; i--) {
      b.addRepScalars(scalars(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addUnpackedI32(int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addUnpackedS64(int64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addUnpackedFx32(int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addUnpackedReal64(float64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.addUnpackedColourValue(colour(r));
    }
    // Maps: keys inserted in random order, so toByteArray() and deterministic bytes differ.
    for (int i = count(r); i > 0; i--) {
      b.putStrStr(text(r), text(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putI32I64(int32(r), int64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putI64Str(int64(r), text(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putU32ColourValue(int32(r), colour(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putU64Data(int64(r), ByteString.copyFrom(bytes(r)));
    }
    for (int i = count(r); i > 0; i--) {
      b.putS32Scalars(int32(r), scalars(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putS64Real64(int64(r), float64(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putFx32Real32(int32(r), float32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putFx64Flag(int64(r), r.nextBoolean());
    }
    for (int i = count(r); i > 0; i--) {
      b.putSfx32U32(int32(r), int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putSfx64S32(int64(r), int32(r));
    }
    for (int i = count(r); i > 0; i--) {
      b.putFlagStr(r.nextBoolean(), text(r));
    }
    if (depth == 0) {
      for (int i = r.nextInt(6) == 0 ? 1 + r.nextInt(2) : 0; i > 0; i--) {
        b.putStrChild(text(r), everything(r, depth + 1));
      }
    }
    switch (r.nextInt(4)) {
      case 1 -> b.setChoiceI64(int64(r));
      case 2 -> b.setChoiceText(text(r));
      case 3 -> b.setChoiceScalars(scalars(r));
      default -> { }
    }
    if (depth < 2 && r.nextInt(4) == 0) {
      b.setChild(everything(r, depth + 1));
    }
    if (r.nextInt(5) == 0) {
      b.setRenamed(text(r));
    }
    if (r.nextInt(8) == 0) {
      b.setFar(int32(r));
    }
    if (r.nextInt(6) == 0) {
      b.setUnknownFields(unknownFields(r, 0));
    }
    return b.build();
  }

  private static Scalars scalars(SplittableRandom r) {
    Scalars.Builder b = Scalars.newBuilder();
    if (r.nextBoolean()) {
      b.setI32(int32(r));
    }
    if (r.nextBoolean()) {
      b.setI64(int64(r));
    }
    if (r.nextBoolean()) {
      b.setU32(int32(r));
    }
    if (r.nextBoolean()) {
      b.setU64(int64(r));
    }
    if (r.nextBoolean()) {
      b.setS32(int32(r));
    }
    if (r.nextBoolean()) {
      b.setS64(int64(r));
    }
    if (r.nextBoolean()) {
      b.setFx32(int32(r));
    }
    if (r.nextBoolean()) {
      b.setFx64(int64(r));
    }
    if (r.nextBoolean()) {
      b.setSfx32(int32(r));
    }
    if (r.nextBoolean()) {
      b.setSfx64(int64(r));
    }
    if (r.nextBoolean()) {
      b.setFlag(r.nextBoolean());
    }
    if (r.nextBoolean()) {
      b.setReal32(float32(r));
    }
    if (r.nextBoolean()) {
      b.setReal64(float64(r));
    }
    if (r.nextBoolean()) {
      b.setText(text(r));
    }
    if (r.nextBoolean()) {
      b.setData(ByteString.copyFrom(bytes(r)));
    }
    if (r.nextBoolean()) {
      b.setColourValue(colour(r));
    }
    if (r.nextInt(8) == 0) {
      b.setUnknownFields(unknownFields(r, 0));
    }
    return b.build();
  }

  private static UnknownFieldSet unknownFields(SplittableRandom r, int depth) {
    UnknownFieldSet.Builder set = UnknownFieldSet.newBuilder();
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      int number = 1000 + r.nextInt(4);
      UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
      switch (r.nextInt(depth < 2 ? 5 : 4)) {
        case 0 -> field.addVarint(int64(r));
        case 1 -> field.addFixed32(int32(r));
        case 2 -> field.addFixed64(int64(r));
        case 3 -> field.addLengthDelimited(ByteString.copyFrom(bytes(r)));
        default -> field.addGroup(unknownFields(r, depth + 1));
      }
      set.mergeField(number, field.build());
    }
    return set.build();
  }

  private static int count(SplittableRandom r) {
    return r.nextInt(3) == 0 ? r.nextInt(5) : 0;
  }

  private static final int[] INT32_EDGES = {0, 1, -1, 127, 128, 300, 16383, 16384,
      Integer.MIN_VALUE, Integer.MAX_VALUE, -64, 63, -65};

  private static int int32(SplittableRandom r) {
    return r.nextBoolean() ? INT32_EDGES[r.nextInt(INT32_EDGES.length)] : r.nextInt();
  }

  private static final long[] INT64_EDGES = {0, 1, -1, 127, 128, Long.MIN_VALUE, Long.MAX_VALUE,
      1L << 32, (1L << 32) - 1, Integer.MIN_VALUE, 9_007_199_254_740_993L,
      -9_007_199_254_740_993L};

  private static long int64(SplittableRandom r) {
    return r.nextBoolean() ? INT64_EDGES[r.nextInt(INT64_EDGES.length)] : r.nextLong();
  }

  private static final float[] FLOAT_EDGES = {0f, -0f, 1.5f, 0.1f, Float.MIN_VALUE,
      Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Float.NaN, 1e-10f, 16777217f, 3.4e38f, 1.17549435E-38f};

  private static float float32(SplittableRandom r) {
    return switch (r.nextInt(3)) {
      case 0 -> FLOAT_EDGES[r.nextInt(FLOAT_EDGES.length)];
      case 1 -> (float) (r.nextDouble() * 1000 - 500);
      default -> Float.intBitsToFloat(r.nextInt());
    };
  }

  private static final double[] DOUBLE_EDGES = {0, -0.0, 1.5, 0.1, Double.MIN_VALUE,
      Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.NaN, 1e-300, 1e21, 1e7, 9.999999e6, 0.001, 0.00099, 123456789.125, 2.2250738585072014E-308};

  private static double float64(SplittableRandom r) {
    return switch (r.nextInt(3)) {
      case 0 -> DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)];
      case 1 -> r.nextDouble() * 2e6 - 1e6;
      default -> Double.longBitsToDouble(r.nextLong());
    };
  }

  /** Pieces of text: ASCII, escapes JSON needs, 2-, 3- and 4-byte UTF-8, the UTF-16 order trap. */
  private static final String[] TEXT = {"a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\u0001",
      "\u001f", "\u007f", "\u00e9", "\u20ac", "\uFF61", "\uD83D\uDE00", "\u2028", "/", "<", "_"};

  private static String text(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      s.append(TEXT[r.nextInt(TEXT.length)]);
    }
    return s.toString();
  }

  private static byte[] bytes(SplittableRandom r) {
    byte[] out = new byte[r.nextInt(9)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) r.nextInt(256);
    }
    return out;
  }

  /** A declared colour, or now and then a number no constant names (proto3 enums are open). */
  private static int colour(SplittableRandom r) {
    int[] numbers = {0, 1, 2, -1, 99};
    return numbers[r.nextInt(numbers.length)];
  }

  // ---------------------------------------------------------------------------------------------
  // inputs protobuf-java reads, though it would not write them so

  /** Writes bytes with protobuf-java's own encoder. */
  @FunctionalInterface
  interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  static byte[] bytes(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    try {
      body.write(stream);
      stream.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A length-delimited field holding {@code inner}. */
  private static Body len(int number, byte[] inner) {
    return out -> out.writeByteArray(number, inner);
  }

  private static Body raw(int... values) {
    return out -> {
      for (int v : values) {
        out.writeRawByte((byte) v);
      }
    };
  }

  private static byte[] concat(Body... bodies) {
    return bytes(out -> {
      for (Body body : bodies) {
        body.write(out);
      }
    });
  }

  /** {@code depth} nested {@code child} messages. */
  private static byte[] nested(int depth) {
    byte[] inner = new byte[0];
    for (int i = 0; i < depth; i++) {
      inner = bytes(len(80, inner));
    }
    return inner;
  }

  /** {@code depth} nested unknown groups of field 1000. */
  private static byte[] nestedGroups(int depth) {
    byte[] inner = new byte[0];
    for (int i = 0; i < depth; i++) {
      byte[] body = inner;
      inner = bytes(out -> {
        out.writeTag(1000, 3);
        out.writeRawBytes(body);
        out.writeTag(1000, 4);
      });
    }
    return inner;
  }

  private static List<Object[]> inputCases() {
    byte[] scalarsI32 = bytes(out -> out.writeInt32(1, 5));
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"packed field written unpacked",
        concat(out -> out.writeInt32(20, 1), out -> out.writeInt32(20, -2))});
    cases.add(new Object[] {"unpacked field written packed",
        concat(len(40, bytes(out -> {
          out.writeInt32NoTag(3);
          out.writeInt32NoTag(-4);
        })))});
    cases.add(new Object[] {"packed and unpacked chunks of one field",
        concat(len(21, bytes(out -> out.writeInt64NoTag(7))), out -> out.writeInt64(21, 8),
            len(21, bytes(out -> out.writeInt64NoTag(9))))});
    cases.add(new Object[] {"a singular scalar twice: the last wins",
        concat(len(1, concat(out -> out.writeInt32(1, 5), out -> out.writeInt32(1, 6))))});
    cases.add(new Object[] {"a singular message twice: merged",
        concat(len(1, scalarsI32), len(1, bytes(out -> out.writeString(14, "x"))))});
    cases.add(new Object[] {"fields out of order",
        concat(out -> out.writeInt32(536870911, 1), len(1, scalarsI32),
            out -> out.writeInt32(2, 3))});
    cases.add(new Object[] {"an overlong varint for 0 and for 1",
        concat(len(1, bytes(raw(0x08, 0x80, 0x80, 0x00, 0x10, 0x81, 0x80, 0x80, 0x00))))});
    cases.add(new Object[] {"an int32 from a 64-bit varint is truncated",
        concat(len(1, bytes(out -> {
          out.writeTag(1, 0);
          out.writeUInt64NoTag((1L << 32) + 5);
        })))});
    cases.add(new Object[] {"an int32 -1 written in 5 bytes",
        concat(len(1, bytes(raw(0x08, 0xff, 0xff, 0xff, 0xff, 0x0f))))});
    cases.add(new Object[] {"a ten-byte varint ending in 1",
        concat(len(1, bytes(raw(0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0x01))))});
    cases.add(new Object[] {"a bool written as 2",
        concat(len(1, bytes(raw(0x58, 0x02))))});
    cases.add(new Object[] {"a known field with another wire type is an unknown field",
        concat(len(1, bytes(out -> out.writeFixed32(1, 7))), out -> out.writeString(2, "x"))});
    cases.add(new Object[] {"a default written explicitly is dropped",
        concat(len(1, concat(out -> out.writeInt32(1, 0), out -> out.writeString(14, ""),
            out -> out.writeDouble(13, 0.0))))});
    cases.add(new Object[] {"an empty packed list",
        concat(len(20, new byte[0]))});
    cases.add(new Object[] {"a map entry without key, one without value, value before key",
        concat(len(51, bytes(out -> out.writeInt64(2, 9))), len(51, bytes(out -> out.writeInt32(1, 4))),
            len(50, concat(out -> out.writeString(2, "v"), out -> out.writeString(1, "k"))))});
    cases.add(new Object[] {"a map entry with an unknown field and a key of another wire type",
        concat(len(50, concat(out -> out.writeString(1, "k"), out -> out.writeInt32(3, 1),
            out -> out.writeString(2, "v"), out -> out.writeFixed32(1, 1))))});
    cases.add(new Object[] {"a map key twice: the last value wins",
        concat(len(50, concat(out -> out.writeString(1, "k"), out -> out.writeString(2, "a"))),
            len(50, concat(out -> out.writeString(1, "k"), out -> out.writeString(2, "b"))))});
    cases.add(new Object[] {"two members of a oneof: the last wins",
        concat(out -> out.writeInt64(70, 5), out -> out.writeString(71, "t"))});
    cases.add(new Object[] {"unknown fields between known ones",
        concat(out -> out.writeInt32(1001, 1), out -> out.writeInt32(2, 3),
            out -> out.writeFixed64(1000, 2), out -> out.writeString(1001, "u"),
            out -> out.writeInt32(1000, 4), out -> out.writeFixed32(1001, 5))});
    cases.add(new Object[] {"an unknown group with nested fields",
        concat(out -> {
          out.writeTag(1000, 3);
          out.writeInt32(1, 5);
          out.writeString(2, "g");
          out.writeTag(3, 3);
          out.writeTag(3, 4);
          out.writeTag(1000, 4);
        })});
    cases.add(new Object[] {"an enum number no constant names",
        concat(out -> out.writeEnum(12, 99), out -> out.writeEnum(33, -5))});
    cases.add(new Object[] {"a sint32 from a 64-bit varint",
        concat(len(1, bytes(out -> {
          out.writeTag(5, 0);
          out.writeUInt64NoTag(0xFFFF_FFFF_0000_0003L);
        })))});
    cases.add(new Object[] {"100 nested messages", nested(100)});
    cases.add(new Object[] {"100 nested unknown groups", nestedGroups(100)});
    cases.add(new Object[] {"-0.0 kept, NaN payload kept",
        concat(len(1, concat(out -> out.writeDouble(13, -0.0),
            out -> out.writeFixed32(12, 0x7fa00001))))});
    return cases;
  }

  private static ArrayNode inputs() {
    ArrayNode out = NODES.arrayNode();
    for (Object[] c : inputCases()) {
      byte[] input = (byte[]) c[1];
      ObjectNode node = out.addObject();
      node.put("name", (String) c[0]);
      node.put("input_hex", HEX.formatHex(input));
      try {
        node.put("java_hex", HEX.formatHex(deterministic(Everything.parseFrom(input))));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("protobuf-java refuses input '" + c[0] + "'", e);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // inputs protobuf-java refuses (and a few it accepts where the Rust reader is stricter)

  private static List<Object[]> invalidCases() {
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"a truncated varint", concat(raw(0x10, 0x80))});
    cases.add(new Object[] {"a truncated fixed32", concat(raw(0x1d, 0x01, 0x02))});
    cases.add(new Object[] {"a truncated fixed64", concat(len(1, new byte[0]), raw(0x39, 1))});
    cases.add(new Object[] {"a length beyond the input", concat(raw(0x52, 0x05, 0x61))});
    cases.add(new Object[] {"a nested length beyond its message",
        concat(raw(0x0a, 0x03, 0x72, 0x05, 0x61))});
    cases.add(new Object[] {"field number 0", concat(raw(0x00, 0x01))});
    cases.add(new Object[] {"wire type 6", concat(raw(0x0e, 0x01))});
    cases.add(new Object[] {"wire type 7", concat(raw(0x0f, 0x01))});
    cases.add(new Object[] {"an end-group tag without a start", concat(raw(0x0c))});
    cases.add(new Object[] {"a group without its end", concat(out -> {
      out.writeTag(1000, 3);
      out.writeInt32(1, 5);
    })});
    cases.add(new Object[] {"a group ended by another field's end tag", concat(out -> {
      out.writeTag(1000, 3);
      out.writeTag(1001, 4);
    })});
    cases.add(new Object[] {"invalid UTF-8 in a string", concat(raw(0x52, 0x02, 0xc3, 0x28))});
    cases.add(new Object[] {"an overlong UTF-8 encoding", concat(raw(0x52, 0x02, 0xc0, 0x80))});
    cases.add(new Object[] {"a UTF-8 encoded surrogate", concat(raw(0x52, 0x03, 0xed, 0xa0, 0x80))});
    cases.add(new Object[] {"invalid UTF-8 in a map key",
        concat(len(50, bytes(raw(0x0a, 0x01, 0xff))))});
    cases.add(new Object[] {"invalid UTF-8 in a repeated string", concat(raw(0x92, 0x02, 0x01, 0x80))});
    cases.add(new Object[] {"101 nested messages", nested(101)});
    cases.add(new Object[] {"101 nested unknown groups", nestedGroups(101)});
    cases.add(new Object[] {"an 11-byte varint",
        concat(raw(0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01))});
    cases.add(new Object[] {"packed fixed32 of 3 bytes", concat(raw(0xd2, 0x01, 0x03, 1, 2, 3))});
    // protobuf-java accepts these; the Rust reader refuses them (docs/rust-parity.md).
    cases.add(new Object[] {"a ten-byte varint beyond 64 bits",
        concat(raw(0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f))});
    cases.add(new Object[] {"a tag beyond 32 bits",
        concat(raw(0x88, 0x80, 0x80, 0x80, 0x10, 0x05))});
    return cases;
  }

  private static ArrayNode invalid() {
    ArrayNode out = NODES.arrayNode();
    for (Object[] c : invalidCases()) {
      byte[] input = (byte[]) c[1];
      ObjectNode node = out.addObject();
      node.put("name", (String) c[0]);
      node.put("input_hex", HEX.formatHex(input));
      try {
        Everything parsed = Everything.parseFrom(input);
        node.put("java_hex", HEX.formatHex(deterministic(parsed)));
      } catch (InvalidProtocolBufferException e) {
        node.put("java_error", e.getMessage());
      }
    }
    return out;
  }
}

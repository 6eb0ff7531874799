package io.codeanatomy.contracts.canonical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class CanonicalReaderTest {

  static final String DECODING = "/META-INF/codeanatomy/canonical-decoding-vectors.json";
  private static final HexFormat HEX = HexFormat.of();

  static Stream<JsonNode> decodingVectors() throws IOException {
    try (InputStream in = CanonicalReaderTest.class.getResourceAsStream(DECODING)) {
      assertNotNull(in, "decoding vector file on the class path");
      List<JsonNode> vectors = new ArrayList<>();
      new ObjectMapper().readTree(in).path("vectors").forEach(vectors::add);
      return vectors.stream();
    }
  }

  /** Every accepted encoding of the shared vectors reads back to its value, and writes again. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.codeanatomy.contracts.canonical.CanonicalVectorsTest#vectors")
  void everyCanonicalVectorReadsBackToItsValue(JsonNode vector) {
    if (vector.has("error")) {
      return; // a value the writer refuses has no encoding to read
    }
    Object value = CanonicalVectorsTest.VectorValues.decode(vector.path("value"));
    byte[] bytes = new CanonicalWriter().writeValue(value).toByteArray();
    Object read = CanonicalReader.read(bytes);
    assertArrayEquals(bytes, new CanonicalWriter().writeValue(read).toByteArray(),
        vector.path("name").asText());
    assertEquals(normalize(value), normalize(read), vector.path("name").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodingVectors")
  void everyDecodingVectorIsRefusedOrAccepted(JsonNode vector) {
    byte[] bytes = HEX.parseHex(vector.path("hex").asText());
    String name = vector.path("name").asText();
    if (vector.path("valid").asBoolean()) {
      Object read = CanonicalReader.read(bytes);
      assertArrayEquals(bytes, new CanonicalWriter().writeValue(read).toByteArray(), name);
    } else {
      CanonicalFormatException e = assertThrows(CanonicalFormatException.class,
          () -> CanonicalReader.read(bytes), name);
      assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }
  }

  @Test
  void theDecodingVectorsCoverEveryRule() throws IOException {
    List<String> names = decodingVectors().map(v -> v.path("name").asText()).toList();
    assertTrue(names.size() >= 60, names.size() + " vectors");
    for (String needle : List.of("as uint 8", "as int 8", "float32", "NaN", "as str 8",
        "as bin 16", "as array 16", "as map 16", "out of order", "twice", "integer key",
        "invalid UTF-8", "surrogate", "never-used", "ext 8", "truncated", "nothing else",
        "two values", "101 nested")) {
      assertTrue(names.stream().anyMatch(n -> n.contains(needle)), needle);
    }
  }

  @Test
  void errorsNameWhatWasExpectedWhatCameAndWhere() {
    CanonicalFormatException e = assertThrows(CanonicalFormatException.class,
        () -> CanonicalReader.read(HEX.parseHex("91cc05")));
    assertEquals("expected the smallest encoding of 5 (positive fixint), got uint 8 (0xcc) "
        + "(at byte 1)", e.getMessage());
    assertEquals(1, e.offset());
    e = assertThrows(CanonicalFormatException.class,
        () -> CanonicalReader.read(HEX.parseHex("82a162c0a161c0")));
    assertEquals("expected map keys in increasing UTF-8 byte order, each once, got the key "
        + "\"a\" after \"b\" (at byte 4)", e.getMessage());
  }

  @Test
  void valuesComeBackAsTheWriterTakesThem() {
    byte[] bytes = new CanonicalWriter().writeMapHeader(3)
        .writeString("a").writeUnsignedInt(-1L)
        .writeString("b").writeArrayHeader(2).writeNil().writeInt(-5)
        .writeString("c").writeFloat(-0.0)
        .toByteArray();
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) CanonicalReader.read(bytes);
    assertEquals(List.of("a", "b", "c"), List.copyOf(map.keySet()));
    assertEquals(new BigInteger("18446744073709551615"), map.get("a"));
    assertEquals(Arrays.asList(null, -5L), map.get("b"));
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits((Double) map.get("c")));
    assertThrows(UnsupportedOperationException.class, () -> map.put("d", 1));
  }

  @Test
  void oneValueAtATime() {
    byte[] bytes = new CanonicalWriter().writeMapHeader(2).writeString("n").writeInt(7)
        .writeString("s").writeString("x").toByteArray();
    CanonicalReader reader = new CanonicalReader(bytes);
    assertEquals(CanonicalReader.Kind.MAP, reader.peekKind());
    assertEquals(2, reader.readMapHeader());
    String first = reader.readKey(null);
    assertEquals(7, reader.readLong());
    assertEquals("s", reader.readKey(first));
    assertFalse(reader.readNilIfNext());
    assertEquals("x", reader.readString());
    reader.finish();
    assertTrue(reader.isAtEnd());
  }

  /** What msgpack-core writes where it differs from the canonical form is refused. */
  @Test
  void otherMessagePackForms() throws IOException {
    MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    packer.packFloat(1.5f);
    assertRefused(packer.toByteArray());
    packer = MessagePack.newDefaultBufferPacker();
    packer.packMapHeader(2).packString("b").packNil().packString("a").packNil();
    assertRefused(packer.toByteArray());
    packer = MessagePack.newDefaultBufferPacker();
    packer.packExtensionTypeHeader((byte) 1, 1).writePayload(new byte[] {0});
    assertRefused(packer.toByteArray());
    // And what it writes in the canonical forms, the reader takes.
    packer = MessagePack.newDefaultBufferPacker();
    packer.packArrayHeader(3).packLong(-129).packString("\u00e9").packBinaryHeader(0);
    byte[] bytes = packer.toByteArray();
    assertArrayEquals(bytes,
        new CanonicalWriter().writeValue(CanonicalReader.read(bytes)).toByteArray());
  }

  /** Random values: writing what was read gives the bytes, reading what was written the value. */
  @Test
  void randomValuesRoundTrip() {
    SplittableRandom random = new SplittableRandom(20260612L);
    for (int i = 0; i < 2_000; i++) {
      Object value = randomValue(random, 0);
      byte[] bytes = new CanonicalWriter().writeValue(value).toByteArray();
      Object read = CanonicalReader.read(bytes);
      assertArrayEquals(bytes, new CanonicalWriter().writeValue(read).toByteArray());
      assertEquals(normalize(value), normalize(read));
    }
  }

  /**
   * Seeded mutations of real encodings (truncations, bit flips, changed bytes, inserted and
   * removed bytes, huge lengths): each is refused with a CanonicalFormatException, or read to a
   * value that writes back to exactly the mutated bytes. Nothing else is thrown.
   */
  @Test
  void mutatedEncodingsAreRefusedOrCanonical() {
    SplittableRandom random = new SplittableRandom(42L);
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      seeds.add(new CanonicalWriter().writeValue(randomValue(random, 0)).toByteArray());
    }
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] mutated = mutate(seed, random);
      Object read;
      try {
        read = CanonicalReader.read(mutated);
      } catch (CanonicalFormatException e) {
        continue;
      } catch (RuntimeException e) {
        fail("mutation " + i + " (" + HEX.formatHex(mutated) + ") threw " + e);
        return;
      }
      accepted++;
      assertArrayEquals(mutated, new CanonicalWriter().writeValue(read).toByteArray(),
          "mutation " + i);
    }
    assertTrue(accepted > 100, "some mutations stay canonical: " + accepted);
  }

  private static void assertRefused(byte[] bytes) {
    assertThrows(CanonicalFormatException.class, () -> CanonicalReader.read(bytes),
        HEX.formatHex(bytes));
  }

  private static byte[] mutate(byte[] seed, SplittableRandom r) {
    byte[] b = seed.clone();
    switch (r.nextInt(6)) {
      case 0 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
      case 1 -> {
        if (b.length > 0) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
      }
      case 2 -> {
        if (b.length > 0) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
      }
      case 3 -> {
        int at = r.nextInt(b.length + 1);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) r.nextInt(256);
        System.arraycopy(b, at, out, at + 1, b.length - at);
        b = out;
      }
      case 4 -> {
        if (b.length > 0) {
          int at = r.nextInt(b.length);
          byte[] out = new byte[b.length - 1];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, at + 1, out, at, b.length - at - 1);
          b = out;
        }
      }
      default -> {
        // A 32-bit length or count claiming far more than the input holds.
        int at = r.nextInt(b.length + 1);
        byte[] huge = {(byte) (0xc6 + r.nextInt(2) * 0x15), (byte) 0x7f, (byte) 0xff,
            (byte) 0xff, (byte) 0xff};
        byte[] out = new byte[b.length + huge.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(huge, 0, out, at, huge.length);
        System.arraycopy(b, at, out, at + huge.length, b.length - at);
        b = out;
      }
    }
    return b;
  }

  private static Object randomValue(SplittableRandom r, int depth) {
    return switch (r.nextInt(depth > 3 ? 7 : 9)) {
      case 0 -> null;
      case 1 -> r.nextBoolean();
      case 2 -> r.nextBoolean() ? r.nextLong() : (long) r.nextInt(-40_000, 70_000);
      case 3 -> new BigInteger(64, new java.util.Random(r.nextLong()));
      case 4 -> r.nextInt(6) == 0 ? -0.0 : Double.longBitsToDouble(
          r.nextLong() & 0x7fef_ffff_ffff_ffffL) * (r.nextBoolean() ? 1 : -1);
      case 5 -> randomString(r);
      case 6 -> {
        byte[] bytes = new byte[r.nextInt(6) == 0 ? 255 + r.nextInt(3) : r.nextInt(4)];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) r.nextInt(256);
        }
        yield bytes;
      }
      case 7 -> {
        List<Object> list = new ArrayList<>();
        for (int i = r.nextInt(6) == 0 ? 15 + r.nextInt(3) : r.nextInt(4); i > 0; i--) {
          list.add(randomValue(r, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = r.nextInt(6) == 0 ? 15 + r.nextInt(3) : r.nextInt(4); i > 0; i--) {
          map.put(randomString(r), randomValue(r, depth + 1));
        }
        yield map;
      }
    };
  }

  private static String randomString(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    String[] pieces = {"a", "\u00e9", "\uFF61", "\uD83D\uDE00", "z"};
    for (int i = r.nextInt(6) == 0 ? 31 + r.nextInt(3) : r.nextInt(4); i > 0; i--) {
      s.append(pieces[r.nextInt(pieces.length)]);
    }
    return s.toString();
  }

  /**
   * A value in the reader's own shapes, for comparing: integers as BigInteger, floats as their
   * bits, binaries as hex, maps in key order.
   */
  private static Object normalize(Object value) {
    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      return new BigInteger(n.toString());
    }
    if (value instanceof Double || value instanceof Float) {
      return "float:" + Double.doubleToRawLongBits(((Number) value).doubleValue());
    }
    if (value instanceof byte[] bytes) {
      return "bin:" + HEX.formatHex(bytes);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(normalize(v)));
      return out;
    }
    if (value instanceof Object[] array) {
      return normalize(Arrays.asList(array));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new java.util.TreeMap<>(Utf8.COMPARATOR);
      map.forEach((k, v) -> out.put((String) k, normalize(v)));
      return out;
    }
    return value;
  }
}

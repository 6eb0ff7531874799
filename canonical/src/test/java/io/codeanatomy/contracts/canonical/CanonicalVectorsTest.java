package io.codeanatomy.contracts.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Checks the writer against the shared vector file ({@code META-INF/codeanatomy/canonical-vectors.json},
 * the same file the Rust parity crate reads), and checks every vector's bytes once more against
 * msgpack-core, an independent MessagePack implementation, so the file cannot merely echo our own
 * writer.
 */
class CanonicalVectorsTest {

  static final String VECTORS = "/META-INF/codeanatomy/canonical-vectors.json";
  private static final HexFormat HEX = HexFormat.of();

  static Stream<JsonNode> vectors() throws IOException {
    try (InputStream in = CanonicalVectorsTest.class.getResourceAsStream(VECTORS)) {
      assertNotNull(in, "vector file on the class path");
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> all = new ArrayList<>();
      root.get("vectors").forEach(all::add);
      return all.stream();
    }
  }

  @Test
  void theFileHasEnoughVectorsAndCoversEveryType() throws IOException {
    List<JsonNode> all = vectors().toList();
    assertTrue(all.size() >= 40, "at least 40 vectors, found " + all.size());
    for (String type : List.of("nil", "bool", "int", "float", "str", "bin", "array", "map")) {
      assertTrue(all.stream().anyMatch(v -> v.get("value").has(type)), "a vector of type " + type);
    }
    assertTrue(all.stream().anyMatch(v -> v.has("error")), "rejection vectors");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void writerReproducesVector(JsonNode vector) {
    Object value = VectorValues.decode(vector.get("value"));
    if (vector.has("error")) {
      NonCanonicalValueException e = assertThrows(NonCanonicalValueException.class,
          () -> new CanonicalWriter().writeValue(value));
      assertTrue(e.getMessage().contains(expectedWording(vector.get("error").asText())),
          "message names the problem: " + e.getMessage());
      return;
    }
    CanonicalWriter writer = new CanonicalWriter().writeValue(value);
    assertBytes(vector, writer.toByteArray());
    assertEquals(vector.get("sha256").asText(), writer.sha256Hex());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void independentImplementationAgreesWithVector(JsonNode vector) throws IOException {
    if (vector.has("error")) {
      return; // msgpack-core would encode these (lossily); rejection is our rule, tested above.
    }
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      packOracle(packer, VectorValues.decode(vector.get("value")));
      byte[] bytes = packer.toByteArray();
      assertBytes(vector, bytes);
      assertEquals(vector.get("sha256").asText(), Sha256.hex(bytes));
    }
  }

  @Test
  void emptyExecutionPackageVectorOfTheDomainIsInTheFile() throws IOException {
    JsonNode vector = vectors()
        .filter(v -> v.get("name").asText().equals("execution package, all empty"))
        .findFirst().orElseThrow();
    assertEquals("bebedbd41367f862873ca48f2839a7aeda478cfcf8c59fc652817ae77b2b0263",
        vector.get("sha256").asText());
  }

  private static void assertBytes(JsonNode vector, byte[] bytes) {
    if (vector.has("hex")) {
      assertEquals(vector.get("hex").asText(), HEX.formatHex(bytes));
    } else {
      assertEquals(vector.get("length").asInt(), bytes.length);
      assertEquals(vector.get("head_hex").asText(), HEX.formatHex(Arrays.copyOf(bytes, 16)));
    }
  }

  private static String expectedWording(String error) {
    return switch (error) {
      case "non_finite_float" -> "finite floats only";
      case "unpaired_surrogate" -> "unpaired surrogate";
      case "integer_out_of_range" -> "outside the encodable range";
      default -> throw new AssertionError("unknown error kind in vector file: " + error);
    };
  }

  /** Encodes with msgpack-core; map keys are sorted here, the one rule msgpack-core lacks. */
  private static void packOracle(MessageBufferPacker packer, Object value) throws IOException {
    if (value == null) {
      packer.packNil();
    } else if (value instanceof Boolean b) {
      packer.packBoolean(b);
    } else if (value instanceof BigInteger i) {
      packer.packBigInteger(i);
    } else if (value instanceof Double d) {
      packer.packDouble(d);
    } else if (value instanceof String s) {
      packer.packString(s);
    } else if (value instanceof byte[] b) {
      packer.packBinaryHeader(b.length);
      packer.writePayload(b);
    } else if (value instanceof List<?> list) {
      packer.packArrayHeader(list.size());
      for (Object element : list) {
        packOracle(packer, element);
      }
    } else if (value instanceof Map<?, ?> map) {
      List<String> keys = new ArrayList<>();
      map.keySet().forEach(k -> keys.add((String) k));
      keys.sort((a, b) -> Arrays.compareUnsigned(Utf8.bytes(a), Utf8.bytes(b)));
      packer.packMapHeader(keys.size());
      for (String key : keys) {
        packer.packString(key);
        packOracle(packer, map.get(key));
      }
    } else {
      throw new AssertionError("unexpected " + value.getClass());
    }
  }

  /** Turns the vector file's typed JSON notation into plain Java values. */
  static final class VectorValues {
    static Object decode(JsonNode node) {
      String type = node.fieldNames().next();
      JsonNode x = node.get(type);
      return switch (type) {
        case "nil" -> null;
        case "bool" -> x.asBoolean();
        case "int" -> new BigInteger(x.asText());
        case "float" -> Double.valueOf(x.asText());
        case "str" -> x.asText();
        case "str_repeat" -> x.get(0).asText().repeat(x.get(1).asInt());
        case "bin" -> HEX.parseHex(x.asText());
        case "bin_repeat" -> repeat(HEX.parseHex(x.get(0).asText()), x.get(1).asInt());
        case "array" -> {
          List<Object> list = new ArrayList<>();
          x.forEach(e -> list.add(decode(e)));
          yield list;
        }
        case "array_repeat" -> {
          List<Object> list = new ArrayList<>();
          for (int i = 0; i < x.get(1).asInt(); i++) {
            list.add(decode(x.get(0)));
          }
          yield list;
        }
        case "map" -> {
          Map<String, Object> map = new LinkedHashMap<>();
          x.forEach(pair -> map.put(pair.get(0).asText(), decode(pair.get(1))));
          yield map;
        }
        default -> throw new AssertionError("unknown vector type " + type);
      };
    }

    private static byte[] repeat(byte[] unit, int count) {
      byte[] out = new byte[unit.length * count];
      for (int i = 0; i < count; i++) {
        System.arraycopy(unit, 0, out, i * unit.length, unit.length);
      }
      return out;
    }
  }
}

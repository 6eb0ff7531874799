package io.codeanatomy.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.manifest.ManifestJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of real manifests and locks: each one is either refused with a
 * {@link CompatInputException} naming the source, or read into records that render back to the
 * same JSON (nothing dropped, nothing coerced). Any other exception fails the test. Counts are
 * fixed, so the run is bounded and repeatable.
 */
class ReaderFuzzTest {

  private static final int MUTATIONS = 1000;
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final byte[] MANIFEST = Fixtures.bytes(Fixtures.repositoryFile(
      "contracts/src/test/resources/golden/expected/META-INF/codeanatomy/contracts.manifest.json"));
  private static final byte[] LOCK = Fixtures.bytes(Fixtures.repositoryFile(
      "examples/quickstart/contracts.lock.json"));

  @Test
  void mutatedManifestsAreRefusedOrReadFaithfully() throws Exception {
    int refused = fuzz(MANIFEST, 1401, bytes -> ManifestJson.render(
        ManifestJson.read(bytes, "fuzz")));
    assertTrue(refused > MUTATIONS / 2, "most mutations break a manifest: " + refused);
  }

  @Test
  void mutatedLocksAreRefusedOrReadFaithfully() throws Exception {
    int refused = fuzz(LOCK, 1402, bytes -> Lock.read(bytes, "fuzz").render());
    assertTrue(refused > MUTATIONS / 2, "most mutations break a lock: " + refused);
  }

  /** Returns how many mutations were refused. */
  private static int fuzz(byte[] original, long seed, Function<byte[], byte[]> readAndRender)
      throws IOException {
    assertEquals(new String(original, StandardCharsets.UTF_8),
        new String(readAndRender.apply(original), StandardCharsets.UTF_8), "the original reads");
    Random random = new Random(seed);
    JsonNode tree = PLAIN.readTree(original);
    int refused = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      byte[] mutated = i % 3 == 0 ? mutateBytes(original, random)
          : PLAIN.writeValueAsBytes(mutateTree(tree, random));
      byte[] rendered;
      try {
        rendered = readAndRender.apply(mutated);
      } catch (CompatInputException e) {
        assertTrue(e.getMessage().startsWith("fuzz"), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        refused++;
        continue;
      } catch (RuntimeException | StackOverflowError e) {
        fail("mutation " + i + " (seed " + seed + ") threw " + e + " for:\n"
            + new String(mutated, StandardCharsets.UTF_8), e);
        return refused;
      }
      JsonNode before = PLAIN.readTree(mutated);
      JsonNode after = PLAIN.readTree(rendered);
      assertTrue(before.equals(NUMBERS, after), "mutation " + i + " (seed " + seed + ") was "
          + "accepted but reads back differently:\n" + new String(mutated,
              StandardCharsets.UTF_8));
    }
    return refused;
  }

  /** Equal numbers are equal whatever their JSON spelling ({@code 1} and {@code 1.0}). */
  private static final Comparator<JsonNode> NUMBERS = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
    }
    return a.equals(b) ? 0 : 1;
  };

  private static byte[] mutateBytes(byte[] original, Random random) {
    int at = random.nextInt(original.length);
    return switch (random.nextInt(4)) {
      case 0 -> Arrays.copyOf(original, at);
      case 1 -> {
        byte[] copy = original.clone();
        copy[at] = (byte) random.nextInt(256);
        yield copy;
      }
      case 2 -> {
        byte[] copy = new byte[original.length + 1];
        System.arraycopy(original, 0, copy, 0, at);
        String inserted = "{}[]\",:0-e\\ \u00ff";
        copy[at] = (byte) inserted.charAt(random.nextInt(inserted.length()));
        System.arraycopy(original, at, copy, at + 1, original.length - at);
        yield copy;
      }
      default -> {
        int end = Math.min(original.length, at + 1 + random.nextInt(40));
        byte[] copy = new byte[original.length - (end - at)];
        System.arraycopy(original, 0, copy, 0, at);
        System.arraycopy(original, end, copy, at, original.length - end);
        yield copy;
      }
    };
  }

  /** A copy of {@code tree} with one structural change somewhere in it. */
  private static JsonNode mutateTree(JsonNode tree, Random random) {
    JsonNode copy = tree.deepCopy();
    List<JsonNode> containers = new ArrayList<>();
    collect(copy, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode object) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      String key = keys.isEmpty() ? "k" : keys.get(random.nextInt(keys.size()));
      switch (random.nextInt(4)) {
        case 0 -> object.remove(key);
        case 1 -> object.set(key, randomValue(random));
        case 2 -> object.set(key + "X", randomValue(random));
        default -> {
          JsonNode value = object.remove(key);
          object.set(key.toUpperCase(java.util.Locale.ROOT), value == null ? NODES.nullNode()
              : value);
        }
      }
    } else {
      ArrayNode array = (ArrayNode) target;
      if (array.isEmpty() || random.nextBoolean()) {
        array.add(randomValue(random));
      } else {
        int index = random.nextInt(array.size());
        switch (random.nextInt(3)) {
          case 0 -> array.remove(index);
          case 1 -> array.add(array.get(index).deepCopy());
          default -> array.set(index, randomValue(random));
        }
      }
    }
    return copy;
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }

  private static JsonNode randomValue(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> NODES.textNode("yes");
      case 1 -> NODES.numberNode(7);
      case 2 -> NODES.numberNode(1.5);
      case 3 -> NODES.numberNode(-1);
      case 4 -> NODES.booleanNode(random.nextBoolean());
      case 5 -> NODES.nullNode();
      case 6 -> NODES.objectNode();
      case 7 -> NODES.arrayNode();
      case 8 -> NODES.textNode("");
      case 9 -> NODES.textNode("0".repeat(64));
      case 10 -> NODES.numberNode(new BigDecimal("1e400"));
      case 11 -> NODES.numberNode(Long.MAX_VALUE);
      case 12 -> NODES.textNode("none");
      default -> NODES.textNode("x".repeat(random.nextInt(200)));
    };
  }
}

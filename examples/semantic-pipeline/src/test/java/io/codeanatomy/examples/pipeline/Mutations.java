package io.codeanatomy.examples.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of artifact files, as a hostile or careless editor makes them: bytes flipped,
 * cut, repeated or inserted anywhere (for JSON and binary files alike), and, for JSON, edits of
 * one value that keep the document parseable so that they reach the checks behind the parser:
 * another type, a number at or past a limit, a digit of a hash, a field removed, added or renamed,
 * keys reordered, the document written compactly.
 */
final class Mutations {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A mutated file and what was done to it, for a failure message. */
  record Mutation(byte[] bytes, String description) {}

  private final Random random;

  Mutations(long seed) {
    this.random = new Random(seed);
  }

  /** One mutation of a file's bytes; JSON files also get structural edits. */
  Mutation mutate(byte[] original, boolean json) {
    if (json && random.nextInt(3) > 0) {
      Mutation structural = structural(original);
      if (structural != null) {
        return structural;
      }
    }
    return bytes(original);
  }

  // ---------------------------------------------------------------------------------------------
  // bytes

  private Mutation bytes(byte[] original) {
    byte[] b = original.clone();
    int at = b.length == 0 ? 0 : random.nextInt(b.length);
    switch (random.nextInt(8)) {
      case 0 -> {
        b[at] ^= (byte) (1 << random.nextInt(8));
        return new Mutation(b, "bit flipped at byte " + at);
      }
      case 1 -> {
        b[at] = (byte) random.nextInt(256);
        return new Mutation(b, "byte " + at + " set to " + (b[at] & 0xFF));
      }
      case 2 -> {
        int length = 1 + random.nextInt(Math.max(1, Math.min(16, b.length - at)));
        return new Mutation(concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(b.length,
            at + length), b.length)), length + " bytes cut at " + at);
      }
      case 3 -> {
        byte[] inserted = new byte[1 + random.nextInt(8)];
        random.nextBytes(inserted);
        return new Mutation(concat(Arrays.copyOf(b, at), inserted, Arrays.copyOfRange(b, at,
            b.length)), inserted.length + " random bytes inserted at " + at);
      }
      case 4 -> {
        return new Mutation(Arrays.copyOf(b, at), "truncated to " + at + " bytes");
      }
      case 5 -> {
        int length = Math.min(b.length - at, 1 + random.nextInt(32));
        byte[] range = Arrays.copyOfRange(b, at, at + length);
        return new Mutation(concat(Arrays.copyOf(b, at + length), range,
            Arrays.copyOfRange(b, at + length, b.length)), length + " bytes repeated at " + at);
      }
      case 6 -> {
        // Two bytes swapped: reorders fields of binary messages, characters of text.
        int other = random.nextInt(Math.max(1, b.length));
        if (b.length > 0) {
          byte t = b[at];
          b[at] = b[other];
          b[other] = t;
        }
        return new Mutation(b, "bytes " + at + " and " + other + " swapped");
      }
      default -> {
        byte[] token = TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8);
        return new Mutation(concat(Arrays.copyOf(b, at), token, Arrays.copyOfRange(b, at,
            b.length)), "'" + new String(token, StandardCharsets.UTF_8) + "' inserted at " + at);
      }
    }
  }

  /** Text that trips parsers: escapes, surrogates, BOMs, numbers past a limit, invalid UTF-8. */
  private static final List<String> TOKENS = List.of("\\ud800", "\"", "\\", "{", "}", "[", "]",
      ",", ":", "null", "1e400", "-0", "\uFEFF", "\u0000", "9223372036854775808", "\u00e9",
      "\uD83D\uDE00", "\n", new String(new byte[] {(byte) 0xC3, 0x28},
          StandardCharsets.ISO_8859_1));

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // JSON structure

  private Mutation structural(byte[] original) {
    JsonNode root;
    try {
      root = JSON.readTree(original);
    } catch (IOException e) {
      return null;
    }
    List<Slot> slots = new ArrayList<>();
    collect(root, "", slots);
    if (slots.isEmpty()) {
      return null;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    String what = edit(slot);
    if (what == null) {
      return null;
    }
    boolean compact = random.nextInt(10) == 0;
    return new Mutation(render(root, compact), what + " at " + slot.path()
        + (compact ? ", written compactly" : ""));
  }

  /** A value in its container: an object's field or an array's element. */
  private record Slot(JsonNode container, String field, int index, String path) {
    JsonNode value() {
      return field != null ? container.get(field) : container.get(index);
    }

    void set(JsonNode value) {
      if (field != null) {
        ((ObjectNode) container).set(field, value);
      } else {
        ((ArrayNode) container).set(index, value);
      }
    }
  }

  private static void collect(JsonNode node, String path, List<Slot> slots) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = path + "." + name;
        slots.add(new Slot(node, name, -1, child));
        collect(node.get(name), child, slots);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String child = path + "[" + i + "]";
        slots.add(new Slot(node, null, i, child));
        collect(node.get(i), child, slots);
      }
    }
  }

  private String edit(Slot slot) {
    JsonNode value = slot.value();
    switch (random.nextInt(10)) {
      case 0 -> {
        JsonNode other = otherType(value);
        slot.set(other);
        return "value replaced by " + abbreviate(other.toString());
      }
      case 1, 2 -> {
        if (value.isTextual()) {
          String text = editText(value.textValue());
          slot.set(NODES.textNode(text));
          return "string edited to " + abbreviate(text);
        }
        if (value.isNumber()) {
          JsonNode number = editNumber(value);
          slot.set(number);
          return "number edited to " + abbreviate(number.toString());
        }
        if (value.isBoolean()) {
          slot.set(NODES.booleanNode(!value.booleanValue()));
          return "boolean negated";
        }
        return null;
      }
      case 3 -> {
        if (slot.field() != null) {
          ((ObjectNode) slot.container()).remove(slot.field());
          return "field removed";
        }
        ((ArrayNode) slot.container()).remove(slot.index());
        return "element removed";
      }
      case 4 -> {
        if (slot.field() != null) {
          ObjectNode object = (ObjectNode) slot.container();
          object.set("unknown_" + random.nextInt(100), NODES.numberNode(random.nextInt(10)));
          return "unknown field added beside it";
        }
        ((ArrayNode) slot.container()).insert(slot.index(), value.deepCopy());
        return "element repeated";
      }
      case 5 -> {
        if (slot.field() != null) {
          ObjectNode object = (ObjectNode) slot.container();
          object.remove(slot.field());
          String renamed = slot.field().toUpperCase(java.util.Locale.ROOT) + "_";
          object.set(renamed, value);
          return "field renamed to " + renamed;
        }
        ArrayNode array = (ArrayNode) slot.container();
        if (array.size() > 1) {
          JsonNode first = array.get(0);
          array.set(0, array.get(array.size() - 1));
          array.set(array.size() - 1, first);
          return "first and last elements swapped";
        }
        return null;
      }
      case 6 -> {
        if (slot.field() != null) {
          // Moved to the end of its object: the same values in another key order.
          ObjectNode object = (ObjectNode) slot.container();
          object.remove(slot.field());
          object.set(slot.field(), value);
          return "field moved last";
        }
        return null;
      }
      default -> {
        if (value.isContainerNode() || !value.isValueNode()) {
          return null;
        }
        JsonNode other = value.isTextual() ? NODES.textNode(editText(value.textValue()))
            : editNumberOrFlip(value);
        slot.set(other);
        return "value edited to " + abbreviate(other.toString());
      }
    }
  }

  private JsonNode editNumberOrFlip(JsonNode value) {
    if (value.isNumber()) {
      return editNumber(value);
    }
    if (value.isBoolean()) {
      return NODES.booleanNode(!value.booleanValue());
    }
    return NODES.textNode("");
  }

  private JsonNode otherType(JsonNode value) {
    return switch (random.nextInt(7)) {
      case 6 -> {
        // Arrays in arrays, past the reading limit (Jackson writes no deeper than 1000).
        JsonNode nested = NODES.arrayNode();
        for (int depth = 50 + random.nextInt(900); depth > 0; depth--) {
          nested = NODES.arrayNode().add(nested);
        }
        yield nested;
      }
      case 0 -> NODES.nullNode();
      case 1 -> NODES.textNode(value.isTextual() ? "" : value.toString());
      case 2 -> NODES.numberNode(random.nextInt(1000) - 500);
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> NODES.arrayNode().add(value.deepCopy());
      default -> NODES.objectNode().set("value", value.deepCopy());
    };
  }

  private String editText(String text) {
    return switch (random.nextInt(9)) {
      case 0 -> "";
      case 1 -> text + "x";
      case 2 -> text.isEmpty() ? "a" : text.substring(0, text.length() - 1);
      case 3 -> text.isEmpty() ? "0" : replaceCharAt(text, random.nextInt(text.length()),
          "0123456789abcdef".charAt(random.nextInt(16)));
      case 4 -> text.toUpperCase(java.util.Locale.ROOT);
      case 5 -> text + "\ud800";
      case 6 -> "\uD83D\uDE00" + text;
      case 7 -> text.isEmpty() ? "7" : text.replaceFirst("[0-9]", String.valueOf(random.nextInt(10)));
      default -> text.repeat(2);
    };
  }

  private static String replaceCharAt(String text, int at, char c) {
    return text.substring(0, at) + c + text.substring(at + 1);
  }

  private JsonNode editNumber(JsonNode value) {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.numberNode(value.asLong() + 1);
      case 1 -> NODES.numberNode(value.asLong() - 1);
      case 2 -> NODES.numberNode(-value.asLong());
      case 3 -> NODES.numberNode(new BigInteger("9223372036854775808"));
      case 4 -> NODES.numberNode(1e300 * 1e300); // renders as Infinity: not JSON
      case 5 -> NODES.numberNode(value.asDouble() + 0.5);
      case 6 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
      case 7 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
      default -> NODES.numberNode(0);
    };
  }

  private static byte[] render(JsonNode root, boolean compact) {
    try {
      String text = compact ? JSON.writeValueAsString(root)
          : JSON.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n"))).writeValueAsString(root)
              + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 50) + "...";
  }
}

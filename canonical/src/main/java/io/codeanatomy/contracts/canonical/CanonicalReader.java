package io.codeanatomy.contracts.canonical;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads canonical MessagePack ({@code docs/canonical-encoding.md}) and nothing else: the mirror of
 * {@link CanonicalWriter}, so that for every input it accepts, writing the value read gives the
 * same bytes, and reading what the writer wrote gives the same value. Refused, each with a {@link
 * CanonicalFormatException} naming the byte: a value in a larger format than it needs, float32,
 * NaN and infinities, invalid UTF-8, map keys that are not strings or not in increasing UTF-8 byte
 * order (duplicates included), extension types, the never-used byte {@code 0xc1}, counts and
 * lengths beyond the input, nesting deeper than the limit, and bytes after the value.
 *
 * <p>Values come back as {@link CanonicalWriter#writeValue(Object)} takes them: {@code null},
 * {@link Boolean}, {@link Long} (every integer that fits; {@link BigInteger} from 2^63), {@link
 * Double}, {@link String}, {@code byte[]}, an unmodifiable {@link List} and an unmodifiable {@link
 * Map} with its entries in key order. Or read one value at a time ({@link #readLong()}, {@link
 * #readString()}, {@link #readMapHeader()}, {@link #readKey(String)}...) into a known shape.
 *
 * <p>Hand-written for the same reasons as the writer: msgpack-core reads every format, and the
 * point here is to refuse all but one. Not thread-safe; one reader per input.
 */
public final class CanonicalReader {

  /** How deep arrays and maps may nest, as in the Rust reader. */
  public static final int DEFAULT_MAX_DEPTH = 100;

  /** The kind of the next value. */
  public enum Kind { NIL, BOOLEAN, INTEGER, FLOAT, STRING, BINARY, ARRAY, MAP }

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private final byte[] input;
  private final int end;
  private final int maxDepth;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int pos;

  /** A reader of all of {@code input}. */
  public CanonicalReader(byte[] input) {
    this(input, 0, input.length, DEFAULT_MAX_DEPTH);
  }

  /** A reader of {@code length} bytes of {@code input} from {@code offset}. */
  public CanonicalReader(byte[] input, int offset, int length, int maxDepth) {
    if (offset < 0 || length < 0 || offset > input.length - length) {
      throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
          + " are outside an input of " + input.length + " bytes");
    }
    this.input = input;
    this.pos = offset;
    this.end = offset + length;
    this.maxDepth = maxDepth;
  }

  /**
   * The one value {@code canonical} holds, nothing after it.
   *
   * @throws CanonicalFormatException if the bytes are not the canonical encoding of one value
   */
  public static Object read(byte[] canonical) {
    CanonicalReader reader = new CanonicalReader(canonical);
    Object value = reader.readValue();
    reader.finish();
    return value;
  }

  /** The offset of the next byte. */
  public int offset() {
    return pos;
  }

  /** Whether every byte has been read. */
  public boolean isAtEnd() {
    return pos >= end;
  }

  /** Checks that nothing follows what was read: a payload is exactly one value. */
  public void finish() {
    if (pos < end) {
      throw error(pos, "expected the end of the input after the value, got " + (end - pos)
          + " more bytes");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // one value at a time

  /** The kind of the next value, without reading it. */
  public Kind peekKind() {
    int b = peek();
    if (b <= 0x7f || b >= 0xe0 || b >= 0xcc && b <= 0xd3) {
      return Kind.INTEGER;
    }
    if (b <= 0x8f || b == 0xde || b == 0xdf) {
      return Kind.MAP;
    }
    if (b <= 0x9f || b == 0xdc || b == 0xdd) {
      return Kind.ARRAY;
    }
    if (b <= 0xbf || b >= 0xd9 && b <= 0xdb) {
      return Kind.STRING;
    }
    return switch (b) {
      case 0xc0 -> Kind.NIL;
      case 0xc2, 0xc3 -> Kind.BOOLEAN;
      case 0xc4, 0xc5, 0xc6 -> Kind.BINARY;
      case 0xcb -> Kind.FLOAT;
      case 0xca -> throw error(pos, "expected float 64 (canonical payloads hold every float as "
          + "float64), got float 32 (0xca)");
      default -> throw error(pos, "expected a canonical MessagePack value, got "
          + formatName(b) + String.format(java.util.Locale.ROOT, " (0x%02x)", b));
    };
  }

  /** Reads {@code nil}. */
  public void readNil() {
    expectKind(Kind.NIL);
    pos++;
  }

  /** Reads {@code nil} if it comes next, for optional values; otherwise reads nothing. */
  public boolean readNilIfNext() {
    if (pos < end && (input[pos] & 0xff) == 0xc0) {
      pos++;
      return true;
    }
    return false;
  }

  public boolean readBoolean() {
    expectKind(Kind.BOOLEAN);
    return (input[pos++] & 0xff) == 0xc3;
  }

  /**
   * An integer: a {@link Long} when it fits, else a {@link BigInteger} (2^63 to 2^64 - 1).
   */
  public Number readInteger() {
    expectKind(Kind.INTEGER);
    int start = pos;
    int b = input[pos++] & 0xff;
    if (b <= 0x7f) {
      return (long) b;
    }
    if (b >= 0xe0) {
      return (long) (byte) b;
    }
    if (b >= 0xcc && b <= 0xcf) {
      int width = 1 << (b - 0xcc);
      long value = bigEndian(width);
      long smallest = switch (width) {
        case 1 -> 0x80;
        case 2 -> 0x100;
        case 4 -> 0x1_0000;
        default -> 0x1_0000_0000L;
      };
      if (Long.compareUnsigned(value, smallest) < 0) {
        throw tooLarge(start, Long.toUnsignedString(value), smallestFormat(value));
      }
      return value < 0 ? BigInteger.valueOf(value).add(TWO_TO_64) : (Number) value;
    }
    int width = 1 << (b - 0xd0);
    long raw = bigEndian(width);
    int shift = 64 - 8 * width;
    long value = (raw << shift) >> shift;
    long largest = switch (width) {
      case 1 -> -33;
      case 2 -> Byte.MIN_VALUE - 1;
      case 4 -> Short.MIN_VALUE - 1;
      default -> (long) Integer.MIN_VALUE - 1;
    };
    if (value > largest) {
      throw tooLarge(start, Long.toString(value), smallestFormat(value));
    }
    return value;
  }

  /** An integer that fits a {@code long}. */
  public long readLong() {
    int start = pos;
    Number value = readInteger();
    if (value instanceof BigInteger big) {
      throw error(start, "expected an integer in the range of a long, got " + big);
    }
    return value.longValue();
  }

  /** A float64; never NaN or infinite. */
  public double readDouble() {
    int start = pos;
    expectKind(Kind.FLOAT);
    pos++;
    double value = Double.longBitsToDouble(bigEndian(8));
    if (!Double.isFinite(value)) {
      throw error(start, "expected a finite float (canonical payloads accept finite floats "
          + "only), got " + value);
    }
    return value;
  }

  /** A string, strict UTF-8. */
  public String readString() {
    int start = pos;
    expectKind(Kind.STRING);
    int n = length("a string", 0xa0, 0xbf, 32, new int[] {0xd9, 0xda, 0xdb});
    int from = take(n, "the bytes of a string");
    try {
      return utf8.reset().decode(ByteBuffer.wrap(input, from, n)).toString();
    } catch (CharacterCodingException e) {
      throw error(start, "expected a string of valid UTF-8, got an invalid byte sequence");
    }
  }

  /** Binary, copied. */
  public byte[] readBinary() {
    expectKind(Kind.BINARY);
    int n = length("binary", -1, -1, 0, new int[] {0xc4, 0xc5, 0xc6});
    int from = take(n, "the bytes of a binary");
    return Arrays.copyOfRange(input, from, from + n);
  }

  /** An array header: the number of elements that follow (at most one per remaining byte). */
  public int readArrayHeader() {
    int start = pos;
    expectKind(Kind.ARRAY);
    int n = length("an array", 0x90, 0x9f, 16, new int[] {-1, 0xdc, 0xdd});
    if (n > end - pos) {
      throw error(start, "expected at most " + (end - pos) + " elements (one byte each at "
          + "least), got an array of " + Integer.toUnsignedString(n) + " elements");
    }
    return n;
  }

  /** A map header: the number of entries that follow (two bytes each at least). */
  public int readMapHeader() {
    int start = pos;
    expectKind(Kind.MAP);
    int n = length("a map", 0x80, 0x8f, 16, new int[] {-1, 0xde, 0xdf});
    if (n > (end - pos) / 2) {
      throw error(start, "expected at most " + (end - pos) / 2 + " entries (two bytes each at "
          + "least), got a map of " + Integer.toUnsignedString(n) + " entries");
    }
    return n;
  }

  /**
   * A map key: a string after {@code previous} (the key before it in the same map, or null for
   * the first) in UTF-8 byte order.
   */
  public String readKey(String previous) {
    int start = pos;
    if (pos < end && peekKind() != Kind.STRING) {
      throw error(start, "expected a string map key, got " + describe(peekKind()));
    }
    String key = readString();
    if (previous != null) {
      int order = Utf8.compare(key, previous);
      if (order <= 0) {
        throw error(start, "expected map keys in increasing UTF-8 byte order, each once, got "
            + (order == 0 ? "the key \"" + key + "\" twice"
                : "the key \"" + key + "\" after \"" + previous + "\""));
      }
    }
    return key;
  }

  /** The next value, whatever it is. */
  public Object readValue() {
    return value(0);
  }

  private Object value(int depth) {
    return switch (peekKind()) {
      case NIL -> {
        pos++;
        yield null;
      }
      case BOOLEAN -> readBoolean();
      case INTEGER -> readInteger();
      case FLOAT -> readDouble();
      case STRING -> readString();
      case BINARY -> readBinary();
      case ARRAY -> {
        enter(depth);
        int n = readArrayHeader();
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(value(depth + 1));
        }
        yield Collections.unmodifiableList(items);
      }
      case MAP -> {
        enter(depth);
        int n = readMapHeader();
        Map<String, Object> entries = new LinkedHashMap<>();
        String previous = null;
        for (int i = 0; i < n; i++) {
          String key = readKey(previous);
          entries.put(key, value(depth + 1));
          previous = key;
        }
        yield Collections.unmodifiableMap(entries);
      }
    };
  }

  // ---------------------------------------------------------------------------------------------

  private void enter(int depth) {
    if (depth >= maxDepth) {
      throw error(pos, "expected array and map nesting depth of at most " + maxDepth
          + ", got more");
    }
  }

  private int peek() {
    if (pos >= end) {
      throw error(pos, "expected a value within the input, got the end of the input");
    }
    return input[pos] & 0xff;
  }

  private void expectKind(Kind expected) {
    Kind actual = peekKind();
    if (actual != expected) {
      throw error(pos, "expected " + describe(expected) + ", got " + describe(actual));
    }
  }

  private static String describe(Kind kind) {
    return switch (kind) {
      case NIL -> "nil";
      case BOOLEAN -> "a boolean";
      case INTEGER -> "an integer";
      case FLOAT -> "a float";
      case STRING -> "a string";
      case BINARY -> "binary";
      case ARRAY -> "an array";
      case MAP -> "a map";
    };
  }

  /** Moves past {@code n} bytes and returns where they start. */
  private int take(int n, String what) {
    if (n < 0 || n > end - pos) {
      throw error(pos, "expected " + what + " within the input, got the end of the input");
    }
    int from = pos;
    pos += n;
    return from;
  }

  private long bigEndian(int width) {
    int from = take(width, width + " bytes of a value");
    long value = 0;
    for (int i = 0; i < width; i++) {
      value = value << 8 | (input[from + i] & 0xff);
    }
    return value;
  }

  /**
   * A header's length, which must be in the smallest format that holds it: the fixed form
   * {@code fixLow..fixHigh} below {@code fixLimit} (if the type has one, else -1), then the 8-,
   * 16- and 32-bit forms in {@code wide} (-1 where the type has none).
   */
  private int length(String what, int fixLow, int fixHigh, int fixLimit, int[] wide) {
    int start = pos;
    int b = input[pos] & 0xff;
    if (fixLow >= 0 && b >= fixLow && b <= fixHigh) {
      pos++;
      return b - fixLow;
    }
    int form = -1;
    for (int i = 0; i < 3; i++) {
      if (wide[i] == b) {
        form = i;
      }
    }
    pos++;
    long n = bigEndian(1 << form);
    int smallest;
    if (fixLow >= 0 && n < fixLimit) {
      smallest = fixLow;
    } else {
      long[] capacities = {0xff, 0xffff, 0xffff_ffffL};
      int fits = 2;
      for (int i = 2; i >= 0; i--) {
        if (wide[i] >= 0 && n <= capacities[i]) {
          fits = i;
        }
      }
      smallest = wide[fits];
    }
    if (smallest != b) {
      throw tooLarge(start, what + " of length " + n, formatName(smallest));
    }
    if (n > Integer.MAX_VALUE) {
      throw error(start, "expected " + what + " of at most " + Integer.MAX_VALUE
          + " bytes or elements, got " + n);
    }
    return (int) n;
  }

  private CanonicalFormatException tooLarge(int start, String what, String canonical) {
    int b = input[start] & 0xff;
    return error(start, "expected the smallest encoding of " + what + " (" + canonical + "), got "
        + formatName(b) + String.format(java.util.Locale.ROOT, " (0x%02x)", b));
  }

  private static String smallestFormat(long value) {
    if (value >= 0) {
      return value <= 0x7f ? "positive fixint" : value <= 0xff ? "uint 8"
          : value <= 0xffff ? "uint 16" : "uint 32";
    }
    return value >= -32 ? "negative fixint" : value >= Byte.MIN_VALUE ? "int 8"
        : value >= Short.MIN_VALUE ? "int 16" : "int 32";
  }

  /** The MessagePack format a first byte starts, for messages. */
  private static String formatName(int b) {
    if (b <= 0x7f) {
      return "positive fixint";
    }
    if (b <= 0x8f) {
      return "fixmap";
    }
    if (b <= 0x9f) {
      return "fixarray";
    }
    if (b <= 0xbf) {
      return "fixstr";
    }
    if (b >= 0xe0) {
      return "negative fixint";
    }
    return switch (b) {
      case 0xc0 -> "nil";
      case 0xc1 -> "the never-used byte 0xc1";
      case 0xc2, 0xc3 -> "boolean";
      case 0xc4 -> "bin 8";
      case 0xc5 -> "bin 16";
      case 0xc6 -> "bin 32";
      case 0xc7, 0xc8, 0xc9 -> "an extension type";
      case 0xca -> "float 32";
      case 0xcb -> "float 64";
      case 0xcc -> "uint 8";
      case 0xcd -> "uint 16";
      case 0xce -> "uint 32";
      case 0xcf -> "uint 64";
      case 0xd0 -> "int 8";
      case 0xd1 -> "int 16";
      case 0xd2 -> "int 32";
      case 0xd3 -> "int 64";
      case 0xd9 -> "str 8";
      case 0xda -> "str 16";
      case 0xdb -> "str 32";
      case 0xdc -> "array 16";
      case 0xdd -> "array 32";
      case 0xde -> "map 16";
      case 0xdf -> "map 32";
      default -> "a fixed extension type";
    };
  }

  private static CanonicalFormatException error(int offset, String problem) {
    return new CanonicalFormatException(offset, problem);
  }
}

package io.codeanatomy.contracts.canonical;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Writes canonical MessagePack as specified in {@code docs/canonical-encoding.md}: every value has
 * exactly one encoding, so equal values give equal bytes and equal SHA-256 hashes in every
 * language that follows the spec.
 *
 * <p>The rules, in short: integers in the smallest format, every float as float64 (NaN and
 * infinities rejected), strings as UTF-8 with the smallest header (unpaired surrogates rejected),
 * containers with the smallest header, map keys sorted by their UTF-8 bytes.
 *
 * <p>Hand-written rather than built on msgpack-core: msgpack-core picks the same integer formats,
 * but it has no key ordering, writes float32 when asked, and silently replaces unpaired surrogates;
 * the canonical rules are the whole point of this class, and they fit in a few hundred lines with
 * no dependency for generated code to drag along.
 *
 * <p>Not thread-safe; a writer is cheap to create and can be {@linkplain #reset() reused}.
 */
public final class CanonicalWriter {

  private byte[] buffer;
  private int size;

  /** A writer with a small initial buffer that grows as needed. */
  public CanonicalWriter() {
    this(256);
  }

  /** A writer whose buffer starts at {@code initialCapacity} bytes. */
  public CanonicalWriter(int initialCapacity) {
    this.buffer = new byte[Math.max(16, initialCapacity)];
  }

  // ---------------------------------------------------------------------------------------------
  // Scalars

  /** Writes nil ({@code 0xc0}). */
  public CanonicalWriter writeNil() {
    ensure(1);
    buffer[size++] = (byte) 0xc0;
    return this;
  }

  /** Writes {@code false} ({@code 0xc2}) or {@code true} ({@code 0xc3}). */
  public CanonicalWriter writeBoolean(boolean value) {
    ensure(1);
    buffer[size++] = (byte) (value ? 0xc3 : 0xc2);
    return this;
  }

  /** Writes a signed integer in the smallest format that holds it. */
  public CanonicalWriter writeInt(long value) {
    if (value >= 0) {
      return writeUnsignedInt(value);
    }
    ensure(9);
    if (value >= -32) {
      buffer[size++] = (byte) value; // negative fixint: 0xe0..0xff
    } else if (value >= Byte.MIN_VALUE) {
      buffer[size++] = (byte) 0xd0;
      buffer[size++] = (byte) value;
    } else if (value >= Short.MIN_VALUE) {
      buffer[size++] = (byte) 0xd1;
      putShort((int) value);
    } else if (value >= Integer.MIN_VALUE) {
      buffer[size++] = (byte) 0xd2;
      putInt((int) value);
    } else {
      buffer[size++] = (byte) 0xd3;
      putLong(value);
    }
    return this;
  }

  /**
   * Writes {@code unsignedValue}, read as an unsigned 64-bit integer, in the smallest format: a
   * negative {@code long} here means a value of 2^63 or more.
   */
  public CanonicalWriter writeUnsignedInt(long unsignedValue) {
    ensure(9);
    if (unsignedValue >= 0 && unsignedValue <= 0x7f) {
      buffer[size++] = (byte) unsignedValue; // positive fixint
    } else if (unsignedValue >= 0 && unsignedValue <= 0xff) {
      buffer[size++] = (byte) 0xcc;
      buffer[size++] = (byte) unsignedValue;
    } else if (unsignedValue >= 0 && unsignedValue <= 0xffff) {
      buffer[size++] = (byte) 0xcd;
      putShort((int) unsignedValue);
    } else if (unsignedValue >= 0 && unsignedValue <= 0xffff_ffffL) {
      buffer[size++] = (byte) 0xce;
      putInt((int) unsignedValue);
    } else {
      buffer[size++] = (byte) 0xcf;
      putLong(unsignedValue);
    }
    return this;
  }

  private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Writes an integer in [-2^63, 2^64 - 1]; anything wider has no MessagePack encoding. */
  public CanonicalWriter writeBigInteger(BigInteger value) {
    if (value.compareTo(MIN_INT64) < 0 || value.compareTo(MAX_UINT64) > 0) {
      throw new NonCanonicalValueException(
          "integer " + value + " is outside the encodable range [-2^63, 2^64-1]");
    }
    return value.signum() < 0 ? writeInt(value.longValue()) : writeUnsignedInt(value.longValue());
  }

  /**
   * Writes a float as float64 ({@code 0xcb}); the sign of zero is kept. NaN and infinities are
   * rejected: they have several bit patterns or no meaning as identity, and a hash over them would
   * silently differ between languages.
   */
  public CanonicalWriter writeFloat(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new NonCanonicalValueException(
          "float " + value + " cannot be hashed: canonical payloads accept finite floats only");
    }
    ensure(9);
    buffer[size++] = (byte) 0xcb;
    putLong(Double.doubleToRawLongBits(value));
    return this;
  }

  /**
   * Writes a string as UTF-8 with the smallest header. Unpaired surrogates are rejected (Java's own
   * encoder would silently replace them with {@code '?'}, so two different strings would share a
   * hash).
   */
  public CanonicalWriter writeString(String value) {
    int utf8Length = Utf8.encodedLength(value);
    writeStringHeader(utf8Length);
    ensure(utf8Length);
    size = Utf8.encode(value, buffer, size);
    return this;
  }

  /** Writes bytes as bin8, bin16 or bin32. */
  public CanonicalWriter writeBinary(byte[] value) {
    int n = value.length;
    ensure(5 + n);
    if (n <= 0xff) {
      buffer[size++] = (byte) 0xc4;
      buffer[size++] = (byte) n;
    } else if (n <= 0xffff) {
      buffer[size++] = (byte) 0xc5;
      putShort(n);
    } else {
      buffer[size++] = (byte) 0xc6;
      putInt(n);
    }
    System.arraycopy(value, 0, buffer, size, n);
    size += n;
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Containers

  /** Writes the header of an array of {@code count} elements; the elements follow. */
  public CanonicalWriter writeArrayHeader(int count) {
    requireCount(count);
    ensure(5);
    if (count < 16) {
      buffer[size++] = (byte) (0x90 | count);
    } else if (count <= 0xffff) {
      buffer[size++] = (byte) 0xdc;
      putShort(count);
    } else {
      buffer[size++] = (byte) 0xdd;
      putInt(count);
    }
    return this;
  }

  /**
   * Writes the header of a map of {@code count} entries. The caller writes the entries with keys in
   * UTF-8 byte order ({@link Utf8#COMPARATOR}); {@link #writeValue(Object)} does that itself.
   */
  public CanonicalWriter writeMapHeader(int count) {
    requireCount(count);
    ensure(5);
    if (count < 16) {
      buffer[size++] = (byte) (0x80 | count);
    } else if (count <= 0xffff) {
      buffer[size++] = (byte) 0xde;
      putShort(count);
    } else {
      buffer[size++] = (byte) 0xdf;
      putInt(count);
    }
    return this;
  }

  /**
   * Appends bytes that are already canonical, such as a nested value encoded on its own (a
   * {@code @Bag} element, sorted among its peers by these very bytes).
   */
  public CanonicalWriter writeEncoded(byte[] canonical) {
    ensure(canonical.length);
    System.arraycopy(canonical, 0, buffer, size, canonical.length);
    size += canonical.length;
    return this;
  }

  /**
   * Writes text pairs as an array of two-element arrays {@code [key, value]}, sorted by the UTF-8
   * bytes of the key whatever the map's own order. This is the layout of the settings hash.
   */
  public CanonicalWriter writeSortedPairs(Map<String, String> pairs) {
    String[] keys = pairs.keySet().toArray(new String[0]);
    Arrays.sort(keys, Utf8.COMPARATOR);
    writeArrayHeader(keys.length);
    for (String key : keys) {
      writeArrayHeader(2);
      writeString(key);
      writeString(pairs.get(key));
    }
    return this;
  }

  /**
   * Writes a plain Java value: {@code null}, {@link Boolean}, {@link Byte}/{@link Short}/{@link
   * Integer}/{@link Long}, {@link BigInteger}, {@link Float}/{@link Double}, {@link String}, {@code
   * byte[]}, {@link List} or {@code Object[]} (in order), and {@link Map} with {@link String} keys
   * (sorted by UTF-8 bytes). Anything else, notably a {@link java.util.Set} (no canonical order),
   * is rejected with the path of the offending value.
   */
  public CanonicalWriter writeValue(Object value) {
    writeValue(value, "$");
    return this;
  }

  private void writeValue(Object value, String path) {
    try {
      if (value == null) {
        writeNil();
      } else if (value instanceof String s) {
        writeString(s);
      } else if (value instanceof Boolean b) {
        writeBoolean(b);
      } else if (value instanceof Long || value instanceof Integer
          || value instanceof Short || value instanceof Byte) {
        writeInt(((Number) value).longValue());
      } else if (value instanceof BigInteger big) {
        writeBigInteger(big);
      } else if (value instanceof Double || value instanceof Float) {
        writeFloat(((Number) value).doubleValue());
      } else if (value instanceof byte[] bytes) {
        writeBinary(bytes);
      } else if (value instanceof Map<?, ?> map) {
        writeMap(map, path);
      } else if (value instanceof List<?> list) {
        writeList(list, path);
      } else if (value instanceof Object[] array) {
        writeList(Arrays.asList(array), path);
      } else if (value instanceof Collection<?>) {
        throw new NonCanonicalValueException(value.getClass().getSimpleName()
            + " has no canonical order: pass a List in a defined order, or sort it");
      } else {
        throw new NonCanonicalValueException("unsupported type " + value.getClass().getName());
      }
    } catch (NonCanonicalValueException e) {
      throw e.path() == null ? e.at(path) : e;
    }
  }

  private void writeList(List<?> list, String path) {
    writeArrayHeader(list.size());
    if (list instanceof RandomAccess) {
      for (int i = 0; i < list.size(); i++) {
        writeValue(list.get(i), path + "[" + i + "]");
      }
    } else {
      int i = 0;
      for (Object element : list) {
        writeValue(element, path + "[" + i++ + "]");
      }
    }
  }

  private void writeMap(Map<?, ?> map, String path) {
    String[] keys = new String[map.size()];
    int i = 0;
    for (Object key : map.keySet()) {
      if (!(key instanceof String s)) {
        throw new NonCanonicalValueException("map key " + key + " is not a string");
      }
      keys[i++] = s;
    }
    Arrays.sort(keys, Utf8.COMPARATOR);
    writeMapHeader(keys.length);
    for (String key : keys) {
      writeString(key);
      writeValue(map.get(key), path + "." + key);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  /** The bytes written so far (a copy). */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /** The number of bytes written so far. */
  public int size() {
    return size;
  }

  /** The lowercase hex SHA-256 of the bytes written so far. */
  public String sha256Hex() {
    return Sha256.hex(buffer, 0, size);
  }

  /** Forgets what was written, keeping the buffer for reuse. */
  public CanonicalWriter reset() {
    size = 0;
    return this;
  }

  // ---------------------------------------------------------------------------------------------

  private void writeStringHeader(int n) {
    ensure(5);
    if (n < 32) {
      buffer[size++] = (byte) (0xa0 | n);
    } else if (n <= 0xff) {
      buffer[size++] = (byte) 0xd9;
      buffer[size++] = (byte) n;
    } else if (n <= 0xffff) {
      buffer[size++] = (byte) 0xda;
      putShort(n);
    } else {
      buffer[size++] = (byte) 0xdb;
      putInt(n);
    }
  }

  private static void requireCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("negative element count " + count);
    }
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      int wanted = Math.max(buffer.length * 2, size + extra);
      buffer = Arrays.copyOf(buffer, wanted);
    }
  }

  private void putShort(int v) {
    buffer[size++] = (byte) (v >>> 8);
    buffer[size++] = (byte) v;
  }

  private void putInt(int v) {
    buffer[size++] = (byte) (v >>> 24);
    buffer[size++] = (byte) (v >>> 16);
    buffer[size++] = (byte) (v >>> 8);
    buffer[size++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}

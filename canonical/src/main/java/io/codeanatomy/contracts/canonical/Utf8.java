package io.codeanatomy.contracts.canonical;

import java.util.Comparator;

/**
 * Strict UTF-8 for the canonical encoding: the encoded length, the encoding itself, and the order
 * of strings by their UTF-8 bytes.
 *
 * <p>Hand-written because {@link String#getBytes(java.nio.charset.Charset)} replaces unpaired
 * surrogates with {@code '?'} instead of failing, and because the canonical order is the UTF-8
 * byte order, which {@link String#compareTo(String)} (UTF-16 order) is not: {@code "\uFF61"} sorts
 * before {@code "\uD83D\uDE00"} in UTF-16 but after it in UTF-8.
 */
public final class Utf8 {

  /**
   * Orders strings by their UTF-8 bytes, compared as unsigned bytes. For well-formed strings this
   * is the order of their code points, which is what this comparator computes without encoding.
   */
  public static final Comparator<String> COMPARATOR = Utf8::compare;

  private Utf8() {}

  /** Compares two strings by their UTF-8 bytes (see {@link #COMPARATOR}). */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (0xD800..0xDFFF) stand for code points above 0xFFFF, so they sort after
        // every other BMP char, although 0xE000..0xFFFF are numerically larger.
        boolean xs = Character.isSurrogate(x);
        boolean ys = Character.isSurrogate(y);
        if (xs != ys) {
          return xs ? 1 : -1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /**
   * The number of bytes {@code s} takes in UTF-8.
   *
   * @throws NonCanonicalValueException if {@code s} holds an unpaired surrogate
   */
  public static int encodedLength(String s) {
    int n = s.length();
    long length = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        length += 1;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw unpaired(s, i);
        }
        length += 2; // 2 chars -> 4 bytes
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw unpaired(s, i);
      } else {
        length += 2;
      }
    }
    if (length > Integer.MAX_VALUE) {
      throw new NonCanonicalValueException("string too long for UTF-8 encoding: " + length);
    }
    return (int) length;
  }

  /**
   * Encodes {@code s} into {@code out} at {@code offset}; the caller has checked it with {@link
   * #encodedLength(String)} and made room. Returns the offset after the last byte.
   */
  static int encode(String s, byte[] out, int offset) {
    int p = offset;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xc0 | (c >>> 6));
        out[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[p++] = (byte) (0xf0 | (cp >>> 18));
        out[p++] = (byte) (0x80 | ((cp >>> 12) & 0x3f));
        out[p++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
        out[p++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        out[p++] = (byte) (0xe0 | (c >>> 12));
        out[p++] = (byte) (0x80 | ((c >>> 6) & 0x3f));
        out[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return p;
  }

  /** Encodes a well-formed string to UTF-8 bytes, rejecting unpaired surrogates. */
  public static byte[] bytes(String s) {
    byte[] out = new byte[encodedLength(s)];
    encode(s, out, 0);
    return out;
  }

  private static NonCanonicalValueException unpaired(String s, int index) {
    return new NonCanonicalValueException(String.format(java.util.Locale.ROOT,
        "string has an unpaired surrogate U+%04X at index %d: it is not valid Unicode text",
        (int) s.charAt(index), index));
  }
}

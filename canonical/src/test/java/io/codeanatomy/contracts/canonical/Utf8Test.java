package io.codeanatomy.contracts.canonical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void orderIsUtf8ByteOrderNotUtf16Order() {
    String halfwidth = "\uFF61";
    String emoji = "\uD83D\uDE00";
    assertTrue(halfwidth.compareTo(emoji) > 0, "UTF-16 puts the emoji first");
    assertTrue(Utf8.compare(halfwidth, emoji) < 0, "UTF-8 puts U+FF61 first");
  }

  @Test
  void comparatorMatchesUnsignedByteComparisonOnRandomStrings() {
    SplittableRandom random = new SplittableRandom(7);
    int[] pool = {'a', 'b', 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xff61, 0xffff, 0x10000,
        0x1f600, 0x10ffff};
    for (int i = 0; i < 50_000; i++) {
      String a = randomString(random, pool);
      String b = randomString(random, pool);
      int expected = Integer.signum(Arrays.compareUnsigned(
          a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected, Integer.signum(Utf8.compare(a, b)), a + " vs " + b);
    }
  }

  @Test
  void encodingMatchesTheJdkForWellFormedText() {
    SplittableRandom random = new SplittableRandom(11);
    int[] pool = {'x', 0xe9, 0x20ac, 0x65e5, 0x1f600, 0x10ffff, 0};
    for (int i = 0; i < 10_000; i++) {
      String s = randomString(random, pool);
      assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.bytes(s));
    }
  }

  @Test
  void unpairedSurrogatesAreRejectedWithTheirPosition() {
    NonCanonicalValueException high =
        assertThrows(NonCanonicalValueException.class, () -> Utf8.bytes("ab\uD800"));
    assertTrue(high.getMessage().contains("U+D800 at index 2"), high.getMessage());
    assertThrows(NonCanonicalValueException.class, () -> Utf8.bytes("\uDC00x"));
    assertThrows(NonCanonicalValueException.class, () -> Utf8.bytes("\uD800\uD800"));
  }

  private static String randomString(SplittableRandom random, int[] pool) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(pool[random.nextInt(pool.length)]);
    }
    return sb.toString();
  }
}

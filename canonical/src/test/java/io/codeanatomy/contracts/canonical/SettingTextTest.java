package io.codeanatomy.contracts.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTextTest {

  @Test
  void booleansAreExact() {
    assertTrue(SettingText.parseBoolean("true"));
    assertEquals(false, SettingText.parseBoolean("false"));
    for (String bad : new String[] {"TRUE", "True", "1", "yes", "", " true"}) {
      SettingTextException e =
          assertThrows(SettingTextException.class, () -> SettingText.parseBoolean(bad));
      assertEquals("true or false", e.expected());
      assertEquals(bad, e.actual());
    }
  }

  @ParameterizedTest
  @CsvSource({"0,0", "8,8", "-1,-1", "007,7", "2147483647,2147483647", "-2147483648,-2147483648"})
  void intsParseAndRenderCanonically(String text, String canonical) {
    assertEquals(canonical, SettingText.formatInt(SettingText.parseInt(text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "+1", "1.0", " 1", "1 ", "2147483648", "-2147483649", "1_000",
      "\u0661", "0x10"})
  void badIntsAreRejected(String text) {
    SettingTextException e = assertThrows(SettingTextException.class, () -> SettingText.parseInt(text));
    assertTrue(e.getMessage().startsWith("expected an int"), e.getMessage());
  }

  @Test
  void longBoundariesParse() {
    assertEquals(Long.MAX_VALUE, SettingText.parseLong("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, SettingText.parseLong("-9223372036854775808"));
    assertThrows(SettingTextException.class, () -> SettingText.parseLong("9223372036854775808"));
    assertThrows(SettingTextException.class, () -> SettingText.parseLong("-9223372036854775809"));
  }

  @ParameterizedTest
  @CsvSource({"64MiB,67108864", "1048576,1048576", "8G,8589934592", "8GiB,8589934592", "1KiB,1024",
      "1K,1024", "0,0", "100GiB,107374182400", "1TiB,1099511627776", "512B,512"})
  void byteSizesRenderAsByteCounts(String text, String bytes) {
    assertEquals(bytes, SettingText.formatByteSize(SettingText.parseByteSize(text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "MiB", "64MB", "64 MiB", "64mib", "-1", "1.5GiB", "8388608TiB",
      "99999999999999999999"})
  void badByteSizesAreRejected(String text) {
    SettingTextException e =
        assertThrows(SettingTextException.class, () -> SettingText.parseByteSize(text));
    assertTrue(e.getMessage().contains("byte size"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"2m,2m", "120s,2m", "90s,90s", "1m30s,90s", "1h,60m", "1h30m,90m", "0s,0s", "5m,5m"})
  void durationsRenderAsMinutesOrSeconds(String text, String canonical) {
    assertEquals(canonical, SettingText.formatDuration(SettingText.parseDuration(text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "m", "2x", "1s1m", "2m2m", "-1s", "PT2M", "2 m"})
  void badDurationsAreRejected(String text) {
    assertThrows(SettingTextException.class, () -> SettingText.parseDuration(text));
  }

  @Test
  void fractionalOrNegativeDurationsHaveNoText() {
    assertThrows(NonCanonicalValueException.class,
        () -> SettingText.formatDuration(Duration.ofMillis(1500)));
    assertThrows(NonCanonicalValueException.class,
        () -> SettingText.formatDuration(Duration.ofSeconds(-1)));
  }

  /** Expected texts are what Rust's {@code format!("{}", x)} prints for the same f64. */
  @ParameterizedTest
  @CsvSource({"0.1,0.1", "1.0,1", "-0.0,-0", "0.0,0", "1e21,1000000000000000000000",
      "1e-7,0.0000001", "123.456,123.456", "0.3,0.3", "2.5e-3,0.0025", "100,100",
      "9007199254740993,9007199254740992",
      // Exact ties between two shortest decimals go away from zero, as in Rust (found by the
      // contract fuzz: Java wrote ...476.562, Rust ...476.563).
      "29620460327476.5625,29620460327476.563", "-29620460327476.5625,-29620460327476.563"})
  void doublesRenderShortestWithoutExponent(String text, String expected) {
    assertEquals(expected, SettingText.formatDouble(SettingText.parseDouble(text)));
  }

  @Test
  void largestDoubleIsWrittenOutInFull() {
    assertEquals("17976931348623157" + "0".repeat(292),
        SettingText.formatDouble(Double.MAX_VALUE));
  }

  @Test
  void doubleTextRoundTripsForRandomBitPatterns() {
    SplittableRandom random = new SplittableRandom(20261123);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      String text = SettingText.formatDouble(d);
      assertEquals(Double.doubleToRawLongBits(d),
          Double.doubleToRawLongBits(SettingText.parseDouble(text)), text);
      assertTrue(text.indexOf('E') < 0 && text.indexOf('e') < 0, text);
    }
  }

  @Test
  void doubleTextIsShortest() {
    // Java 17's Double.toString gives "2.0E-3" style, and sometimes one digit too many.
    assertEquals("0.002", SettingText.formatDouble(2.0E-3));
    assertEquals("0.00000000000000000000000000000000000000000002",
        SettingText.formatDouble(2.0E-44));
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400", "", ".", "1.", ".5", "1e", "-.5", "0x1p3",
      "1,5", "\u0661"})
  void badDoublesAreRejected(String text) {
    assertThrows(SettingTextException.class, () -> SettingText.parseDouble(text));
  }

  enum Mode { OFF, WARN, ERROR, INFO }

  @Test
  void enumsUseLowerCaseNamesWhateverTheLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      // In Turkish, "INFO".toLowerCase() is "\u0131nfo" (dotless i): the text must not change.
      assertEquals("info", SettingText.formatEnum(Mode.INFO));
      assertEquals(Mode.INFO, SettingText.parseEnum(Mode.class, "info"));
    } finally {
      Locale.setDefault(saved);
    }
    // The Java constant is a second spelling of the text; any other case is refused.
    assertEquals(Mode.WARN, SettingText.parseEnum(Mode.class, "WARN"));
    SettingTextException e =
        assertThrows(SettingTextException.class, () -> SettingText.parseEnum(Mode.class, "Warn"));
    assertEquals("expected one of off, warn, error, info, got 'Warn'", e.getMessage());
  }

  @Test
  void listsAreCommaSeparated() {
    assertEquals(List.of(), SettingText.parseStringList(""));
    assertEquals(List.of("a", "b c", ""), SettingText.parseStringList("a,b c,"));
    assertEquals("a,b", SettingText.formatStringList(List.of("a", "b")));
    assertThrows(NonCanonicalValueException.class,
        () -> SettingText.formatStringList(List.of("a,b")));
  }
}

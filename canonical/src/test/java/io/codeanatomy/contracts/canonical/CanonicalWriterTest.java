package io.codeanatomy.contracts.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalWriterTest {

  @Test
  void mapOrderOfTheCallerDoesNotMatter() {
    Map<String, Object> a = new LinkedHashMap<>();
    Map<String, Object> b = new TreeMap<>((x, y) -> y.compareTo(x));
    Map<String, Object> c = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      a.put("key" + i, i);
    }
    for (int i = 99; i >= 0; i--) {
      b.put("key" + i, i);
      c.put("key" + i, i);
    }
    String expected = new CanonicalWriter().writeValue(a).sha256Hex();
    assertEquals(expected, new CanonicalWriter().writeValue(b).sha256Hex());
    assertEquals(expected, new CanonicalWriter().writeValue(c).sha256Hex());
  }

  @Test
  void sortedPairsAreTheSettingsLayout() {
    Map<String, String> settings = new HashMap<>();
    settings.put("datafusion.execution.target_partitions", "8");
    settings.put("datafusion.execution.batch_size", "8192");
    // Same bytes as the "settings pairs" vector.
    assertEquals("9292bf64617461667573696f6e2e657865637574696f6e2e62617463685f73697a65a438313932"
            + "92d92664617461667573696f6e2e657865637574696f6e2e7461726765745f706172746974696f6e73"
            + "a138",
        HexFormat.of().formatHex(new CanonicalWriter().writeSortedPairs(settings).toByteArray()));
  }

  @Test
  void problemsNameTheirPath() {
    Map<String, Object> payload = Map.of("fields", Map.of("ratio", List.of(1.0, Double.NaN)));
    NonCanonicalValueException e = assertThrows(NonCanonicalValueException.class,
        () -> new CanonicalWriter().writeValue(payload));
    assertEquals("$.fields.ratio[1]", e.path());
    assertTrue(e.getMessage().contains("NaN cannot be hashed"), e.getMessage());
  }

  @Test
  void unorderedCollectionsAndForeignTypesAreRejected() {
    NonCanonicalValueException set = assertThrows(NonCanonicalValueException.class,
        () -> new CanonicalWriter().writeValue(Set.of("a", "b")));
    assertTrue(set.getMessage().contains("no canonical order"), set.getMessage());
    assertThrows(NonCanonicalValueException.class,
        () -> new CanonicalWriter().writeValue(Map.of(1, "x")));
    assertThrows(NonCanonicalValueException.class,
        () -> new CanonicalWriter().writeValue(new Object()));
  }

  @Test
  void resetReusesTheBuffer() {
    CanonicalWriter writer = new CanonicalWriter(16);
    writer.writeString("x".repeat(1000));
    writer.reset().writeInt(-33);
    assertEquals("d0df", HexFormat.of().formatHex(writer.toByteArray()));
  }

  @Test
  void unsignedIntegersAboveLongMaxUseUint64() {
    assertEquals("cfffffffffffffffff",
        HexFormat.of().formatHex(new CanonicalWriter().writeUnsignedInt(-1L).toByteArray()));
  }

  @Test
  void sha256HexValidation() {
    assertTrue(Sha256.isHex(Sha256.hexOfUtf8("")));
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Sha256.hexOfUtf8(""));
    assertEquals(false, Sha256.isHex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));
    assertEquals(false, Sha256.isHex("abc"));
    assertEquals(false, Sha256.isHex(null));
  }
}

package io.codeanatomy.contracts.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/reference/ holds the references the processor generated for the core contracts (settings
 * and contracts), kept in the repository so that people can read them without building. After a
 * deliberate change, refresh them with
 * {@code ./mvnw -pl contracts test -Dtest=ReferenceDocsTest -Dcodeanatomy.golden.update=true}.
 */
class ReferenceDocsTest {

  @ParameterizedTest
  @ValueSource(strings = {"settings.md", "contracts.md"})
  void theCheckedInReferenceIsTheGeneratedOne(String name) throws Exception {
    String generated;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/codeanatomy/" + name)) {
      assertNotNull(in, "the processor wrote " + name + " into the class output");
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path doc = Path.of(System.getProperty("basedir", "."), "..", "docs", "reference", name);
    if (Boolean.getBoolean("codeanatomy.golden.update")) {
      Files.createDirectories(doc.getParent());
      Files.writeString(doc, generated, StandardCharsets.UTF_8);
    }
    assertEquals(generated, Files.readString(doc, StandardCharsets.UTF_8),
        "docs/reference/" + name + " is stale: regenerate it with -Dcodeanatomy.golden.update=true");
  }
}

package io.codeanatomy.contracts.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/reference/settings.md is the settings reference the processor generated for the core
 * contracts, kept in the repository so that people can read it without building. After a
 * deliberate change, refresh it with
 * {@code ./mvnw -pl contracts test -Dtest=SettingsReferenceDocTest -Dcodeanatomy.golden.update=true}.
 */
class SettingsReferenceDocTest {

  @Test
  void theCheckedInReferenceIsTheGeneratedOne() throws Exception {
    String generated;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/codeanatomy/settings.md")) {
      assertNotNull(in, "the processor wrote settings.md into the class output");
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path doc = Path.of(System.getProperty("basedir", "."), "..", "docs", "reference", "settings.md");
    if (Boolean.getBoolean("codeanatomy.golden.update")) {
      Files.createDirectories(doc.getParent());
      Files.writeString(doc, generated, StandardCharsets.UTF_8);
    }
    assertEquals(generated, Files.readString(doc, StandardCharsets.UTF_8),
        "docs/reference/settings.md is stale: regenerate it with -Dcodeanatomy.golden.update=true");
  }
}

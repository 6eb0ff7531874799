package io.codeanatomy.contracts.language;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.processor.diagnostics.DiagnosticCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/diagnostics.md lists every diagnostic the processor can report. */
class DiagnosticsDocTest {

  @Test
  void everyDiagnosticIsDocumented() throws Exception {
    String doc = Files.readString(
        Path.of(System.getProperty("basedir", "."), "..", "docs", "diagnostics.md"),
        StandardCharsets.UTF_8);
    for (DiagnosticCode code : DiagnosticCode.values()) {
      assertTrue(doc.contains("| " + code.id() + " | " + code.name() + " |"),
          "docs/diagnostics.md has a row for " + code.tag());
    }
  }
}

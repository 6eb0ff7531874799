package io.codeanatomy.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/compatibility-rules.md lists every rule, with its class and bump, and explains each. */
class CompatibilityRulesDocTest {

  @Test
  void everyRuleIsDocumentedAsItIs() throws Exception {
    String doc = Files.readString(Path.of(System.getProperty("basedir", "."), "..", "docs",
        "compatibility-rules.md"), StandardCharsets.UTF_8);
    for (CompatibilityRule rule : CompatibilityRule.values()) {
      String rowStart = "| " + rule.id() + " | " + rule.name() + " | "
          + rule.ruleClass().name().toLowerCase(Locale.ROOT) + " | "
          + (rule.bumpAllows() ? "yes" : "no");
      assertTrue(doc.contains(rowStart), "a table row starting " + rowStart);
      assertTrue(doc.contains("### " + rule.id() + " " + rule.name() + "\n"),
          "a section for " + rule.tag());
    }
    assertEquals(CompatibilityRule.values().length,
        doc.lines().filter(l -> l.startsWith("### CA")).count(), "no section for a rule that "
            + "does not exist");
  }
}

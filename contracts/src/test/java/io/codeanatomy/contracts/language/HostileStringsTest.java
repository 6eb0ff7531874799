package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import io.codeanatomy.contracts.support.SettingDescriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Strings from contracts never break generated code: docs, defaults and profile values holding a
 * comment end, quotes, backslashes, a would-be unicode escape, {@code $}, Javadoc tags, HTML,
 * newlines and non-ASCII compile warning-free and come back unchanged.
 */
class HostileStringsTest {

  static final String HOSTILE = "ends a comment */ and \"quotes\", back\\slash, \\u0041 escape, "
      + "$dollar $L $S, @param tag, <b>html</b> & amp, {@code x}\nsecond line\r\nthird\ttab, "
      + "日本語 ü \uD83D\uDE00 | pipe `tick`";
  static final String VALUE = "a=b */ \"q\" \\ \\u0041 $1 é\nnext";

  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    String schema = """
        package hostile;
        import io.codeanatomy.contracts.annotations.*;
        @SettingsSchema(namespace = "h", version = 1)
        record S(
            @Setting(defaultValue = %1$s, doc = %1$s) String text,
            @Setting(defaultValue = "1", doc = %1$s) int number) {}
        """.formatted(literal(HOSTILE));
    String policy = """
        package hostile;
        import io.codeanatomy.contracts.annotations.*;
        @PlanningPolicy(name = "p", version = 1)
        @Profile(name = "x", doc = %1$s, set = {%2$s})
        record P(S s) {}
        """.formatted(literal(HOSTILE), literal("h.text=" + VALUE));
    compilation = ContractCompiler.compile(ContractCompiler.source("hostile.S", schema),
        ContractCompiler.source("hostile.P", policy));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void docsAndDefaultsComeBackUnchanged() {
    ClassLoader loader = ContractCompiler.classLoader(compilation);
    @SuppressWarnings("unchecked")
    List<SettingDescriptor> descriptors =
        (List<SettingDescriptor>) ContractCompiler.staticField(loader, "hostile.SContract", "DESCRIPTORS");
    assertEquals(HOSTILE, descriptors.get(0).doc());
    assertEquals(HOSTILE, descriptors.get(0).defaultValue().orElseThrow());
    assertEquals(HOSTILE, descriptors.get(1).doc());
    Object profile = ContractCompiler.callStatic(loader, "hostile.PContract", "profile", "x");
    @SuppressWarnings("unchecked")
    Map<String, String> settings = (Map<String, String>) ContractCompiler.callStatic(loader,
        "hostile.PContract", "effectiveSettings", profile);
    assertEquals(VALUE, settings.get("h.text"));
  }

  @Test
  void theManifestKeepsTheText() throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(ContractCompiler.resource(compilation,
        "META-INF/codeanatomy/contracts.manifest.json").orElseThrow());
    JsonNode setting = manifest.get("settingsSchemas").get(0).get("settings").get(0);
    assertEquals(HOSTILE, setting.get("doc").asText());
    assertEquals(HOSTILE, setting.get("default").asText());
    JsonNode profile = manifest.get("policies").get(0).get("profiles").get(0);
    assertEquals(HOSTILE, profile.get("doc").asText());
    assertEquals(VALUE, profile.get("effectiveSettings").get("h.text").asText());
  }

  @Test
  void javadocIsEscapedNotDropped() {
    String keys = ContractCompiler.generatedSource(compilation, "hostile.SContract");
    assertTrue(keys.contains("ends a comment *&#47; and"), "comment end escaped");
    assertTrue(keys.contains("back&#92;slash, &#92;u0041 escape"), "backslashes escaped");
    assertTrue(keys.contains("&#64;param tag, &lt;b&gt;html&lt;/b&gt; &amp; amp"), "tags and HTML");
    assertTrue(keys.contains("日本語 ü \uD83D\uDE00"), "non-ASCII kept");
  }

  @Test
  void settingsReferenceKeepsTablesIntact() {
    String md = ContractCompiler.resource(compilation, "META-INF/codeanatomy/settings.md")
        .orElseThrow();
    String profileRow = md.lines().filter(l -> l.startsWith("| `x` |")).findFirst().orElseThrow();
    // Every pipe of the text is escaped, so the row still has exactly its four cells.
    assertEquals(5, profileRow.replace("\\|", "").chars().filter(c -> c == '|').count(), profileRow);
  }

  @Test
  void unicodeLineBreaksKeepGeneratedLiteralsWhole() {
    // JavaPoet breaks its output lines at U+0085, U+2028 and U+2029 (Unicode line breaks that
    // are not line ends for javac); inside a string literal that split it in two, and the
    // generated class did not compile. Found by the contract fuzz (examples/contract-fuzz).
    String text = "next \u0085 line \u2028 paragraph \u2029 end";
    String schema = """
        package breaks;
        import io.codeanatomy.contracts.annotations.*;
        @SettingsSchema(namespace = "b", version = 1)
        record S(@Setting(defaultValue = %1$s, doc = %1$s) String text) {}
        """.formatted(literal(text));
    String policy = """
        package breaks;
        import io.codeanatomy.contracts.annotations.*;
        @PlanningPolicy(name = "p", version = 1)
        @Profile(name = "x", doc = %1$s, set = {%2$s})
        record P(S s) {}
        """.formatted(literal(text), literal("b.text=" + text + "!"));
    Compilation breaks = ContractCompiler.compile(ContractCompiler.source("breaks.S", schema),
        ContractCompiler.source("breaks.P", policy));
    assertThat(breaks).succeededWithoutWarnings();
    ClassLoader loader = ContractCompiler.classLoader(breaks);
    @SuppressWarnings("unchecked")
    List<SettingDescriptor> descriptors =
        (List<SettingDescriptor>) ContractCompiler.staticField(loader, "breaks.SContract", "DESCRIPTORS");
    assertEquals(text, descriptors.get(0).doc());
    assertEquals(text, descriptors.get(0).defaultValue().orElseThrow());
    Object profile = ContractCompiler.callStatic(loader, "breaks.PContract", "profile", "x");
    @SuppressWarnings("unchecked")
    Map<String, String> settings = (Map<String, String>) ContractCompiler.callStatic(loader,
        "breaks.PContract", "effectiveSettings", profile);
    assertEquals(text + "!", settings.get("b.text"));
  }

  /** The text as a Java string literal. */
  static String literal(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}

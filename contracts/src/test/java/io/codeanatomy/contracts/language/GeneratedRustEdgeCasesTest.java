package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.codeanatomy.processor.check.ContractChecks;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs the contract fuzz (examples/contract-fuzz) found the Rust module could not serve: text
 * with bidirectional controls, a policy without settings schemas, a schema without settings
 * (each now a module rustc compiles with warnings denied), and declared names the module cannot
 * take: a type named like something the module imports or the prelude gives, two enum constants
 * of one Rust variant, an attribute named like a Java keyword (each now a positioned error).
 */
class GeneratedRustEdgeCasesTest {

  /** Right-to-left override, pop, isolates: rustc refuses them raw in literals and comments. */
  private static final String BIDI = "a \u202E override \u202C and \u2066isolate\u2069 \u202A";

  @Test
  void edgeCasesCompileInRustWithWarningsDenied(@TempDir Path dir) throws Exception {
    String bidi = literal(BIDI);
    Compilation compilation = ContractCompiler.compile(
        ContractCompiler.source("edge.Empty", """
            package edge;
            import io.codeanatomy.contracts.annotations.*;
            @SettingsSchema(namespace = "empty", version = 1)
            record Empty() {}
            """),
        ContractCompiler.source("edge.Texts", """
            package edge;
            import io.codeanatomy.contracts.annotations.*;
            @SettingsSchema(namespace = "texts", version = 1)
            record Texts(@Setting(defaultValue = %1$s, doc = %1$s) String text) {}
            """.formatted(bidi)),
        ContractCompiler.source("edge.Bare", """
            package edge;
            import io.codeanatomy.contracts.annotations.*;
            @PlanningPolicy(name = "bare", version = 1)
            @Profile(name = "dev", doc = %s)
            record Bare() {}
            """.formatted(bidi)),
        ContractCompiler.source("edge.Full", """
            package edge;
            import io.codeanatomy.contracts.annotations.*;
            @PlanningPolicy(name = "full", version = 1)
            @Profile(name = "dev", set = {%s})
            record Full(Empty empty, Texts texts) {}
            """.formatted(literal("texts.text=" + BIDI))),
        ContractCompiler.source("edge.Later", """
            package edge;
            import io.codeanatomy.contracts.annotations.*;
            @Contract(name = "later", version = 1, forwardCompatible = true)
            record Later() {}
            """),
        ContractCompiler.source("edge.Tagged", """
            package edge;
            import io.codeanatomy.contracts.annotations.*;
            @Contract(name = "tagged", version = 1)
            record Tagged(Mode mode) {
              enum Mode { TAIL, head, Mixed }
            }
            """));
    assertThat(compilation).succeededWithoutWarnings();
    String module = ContractCompiler.resource(compilation,
        "META-INF/codeanatomy/rust/test_contracts.rs").orElseThrow();
    assertFalse(module.codePoints().anyMatch(cp -> cp == 0x202E || cp == 0x2066),
        "the module holds a raw bidirectional control");
    // As in Java, an enum's text may also be spelled as the constant.
    assertTrue(module.contains("\"tail\" | \"TAIL\" => Ok(TaggedMode::Tail)"), module);
    Path file = dir.resolve("test_contracts.rs");
    Files.writeString(file, module, StandardCharsets.UTF_8);
    List<String> command = List.of(tool("rustc").toString(), "--edition", "2021",
        "--crate-type", "lib", "--crate-name", "edge", "--emit=metadata", "-D", "warnings",
        "--out-dir", dir.toString(), file.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "rustc did not finish");
    assertEquals(0, process.exitValue(), "rustc refused the module:\n" + output);
  }

  @Test
  void everyNameTheModuleImportsIsRefusedAsATypeName() {
    // A set using every part of the module: settings, a policy, contracts, a map, a duration.
    Compilation compilation = ContractCompiler.compile(
        ContractCompiler.source("uses.S", """
            package uses;
            import io.codeanatomy.contracts.annotations.*;
            import java.time.Duration;
            @SettingsSchema(namespace = "s", version = 1)
            record S(@Setting(defaultValue = "1s", doc = "d") Duration delay,
                @Setting(defaultValue = "a", doc = "d") Mode mode) {}
            """),
        ContractCompiler.source("uses.Mode", "package uses; enum Mode { A, B }"),
        ContractCompiler.source("uses.P", """
            package uses;
            import io.codeanatomy.contracts.annotations.*;
            @PlanningPolicy(name = "p", version = 1)
            record P(S s) {}
            """),
        ContractCompiler.source("uses.C", """
            package uses;
            import io.codeanatomy.contracts.annotations.*;
            import java.util.Map;
            @Contract(name = "c", version = 1)
            record C(Map<String, Long> counts, Mode mode) {}
            """));
    assertThat(compilation).succeededWithoutWarnings();
    for (String option : List.of("", "shared")) {
      String module = option.isEmpty() ? ContractCompiler.resource(compilation,
          "META-INF/codeanatomy/rust/test_contracts.rs").orElseThrow()
          : ContractCompiler.resource(ContractCompiler.compile(
              List.of("-Acodeanatomy.rustRuntime=shared"), compilation.sourceFiles()
                  .toArray(JavaFileObject[]::new)),
              "META-INF/codeanatomy/rust/test_contracts.rs").orElseThrow();
      List<String> imported = imports(module);
      assertFalse(imported.isEmpty(), "no use lines found");
      for (String name : imported) {
        assertTrue(ContractChecks.rustModuleNames().contains(name), "the module imports " + name
            + ", which a declared type could shadow: add it to NameChecks.RUST_MODULE_NAMES");
      }
    }
  }

  @Test
  void aTypeNamedLikeWhatTheModuleUsesIsRefusedAtTheType() {
    for (String name : List.of("Value", "Option", "Default", "BTreeMap", "PlanningPolicy")) {
      Compilation compilation = ContractCompiler.compile(ContractCompiler.source("clash." + name,
          """
          package clash;
          import io.codeanatomy.contracts.annotations.*;
          @Contract(name = "x", version = 1)
          record %s(String text) {}
          """.formatted(name)));
      assertThat(compilation).failed();
      assertThat(compilation).hadErrorContaining("[CA022 GENERATED_NAME_CLASH]");
      assertThat(compilation).hadErrorContaining("would be the Rust type " + name);
      assertThat(compilation).hadErrorContaining("[CA022").inFile(
          compilation.sourceFiles().get(0));
    }
  }

  @Test
  void twoConstantsOfOneRustVariantAreRefused() {
    Compilation compilation = ContractCompiler.compile(ContractCompiler.source("variants.C", """
        package variants;
        import io.codeanatomy.contracts.annotations.*;
        @Contract(name = "c", version = 1)
        record C(Proto proto) {
          enum Proto { HTTP2, HTTP_2 }
        }
        """));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("constants HTTP2 and HTTP_2 of variants.C.Proto "
        + "would both be the Rust variant Http2");
  }

  @Test
  void anAttributeNamedLikeAJavaKeywordIsRefusedNotACrash() {
    Compilation compilation = ContractCompiler.compile(ContractCompiler.source("attrs.C", """
        package attrs;
        import io.codeanatomy.contracts.annotations.*;
        @Contract(name = "c", version = 1)
        record C(Level level) {
          enum Level {
            @Attribute(name = "default", value = 1) LOW,
            @Attribute(name = "default", value = 2) HIGH
          }
        }
        """));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[CA005 INVALID_NAME] attribute name 'default' "
        + "would name the generated lookup default(...), a Java keyword");
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertFalse(d.getMessage(Locale.ROOT).contains("CA999"), d.getMessage(Locale.ROOT));
    }
  }

  @Test
  void aKeyOfTheRustSchemasOwnConstantIsRefused() {
    Compilation compilation = ContractCompiler.compile(ContractCompiler.source("keys.S", """
        package keys;
        import io.codeanatomy.contracts.annotations.*;
        @SettingsSchema(namespace = "s", version = 1)
        record S(@Setting(defaultValue = "1", doc = "d") int version) {}
        """));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("key s.version would generate the constant "
        + "VERSION, which the generated Java or Rust schema already uses");
  }

  @Test
  void anAttributeNamedLikeTheRustEnumsOwnMethodIsRefused() {
    Compilation compilation = ContractCompiler.compile(ContractCompiler.source("methods.C", """
        package methods;
        import io.codeanatomy.contracts.annotations.*;
        @Contract(name = "c", version = 1)
        record C(Level level) {
          enum Level { @Attribute(name = "as_text", value = 1) LOW }
        }
        """));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[CA022 GENERATED_NAME_CLASH] attribute name "
        + "'as_text' would name the Rust lookup as_text()");
  }

  /** Every name a {@code use} line of the module brings in (its last path segment). */
  private static List<String> imports(String module) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("^(?:pub )?use ([^;]+);", Pattern.MULTILINE).matcher(module);
    while (m.find()) {
      String path = m.group(1).replace('\n', ' ');
      int brace = path.indexOf('{');
      String items = brace < 0 ? path : path.substring(brace + 1, path.lastIndexOf('}'));
      for (String item : items.split(",")) {
        String trimmed = item.strip();
        if (trimmed.contains(" as ")) {
          names.add(trimmed.substring(trimmed.indexOf(" as ") + 4).strip());
        } else if (!trimmed.isEmpty()) {
          names.add(trimmed.substring(trimmed.lastIndexOf(':') + 1));
        }
      }
    }
    return names;
  }

  private static String literal(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Path tool(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path home = Path.of(System.getProperty("user.home"), ".cargo", "bin", name);
    if (Files.isExecutable(home)) {
      return home;
    }
    throw new AssertionError(name + " was not found on the PATH nor in ~/.cargo/bin: this test "
        + "compiles a generated Rust module, so the test command needs a Rust toolchain");
  }
}

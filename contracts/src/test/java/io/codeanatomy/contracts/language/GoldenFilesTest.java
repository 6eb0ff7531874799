package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden files: the generated sources, manifest, settings reference and Rust module of a schema
 * with every supported type and of a policy, compared byte for byte with checked-in files (the
 * Rust one is compiled and rustfmt-checked by {@code examples/rust-parity}). The compilation
 * runs with {@code -Xlint:all -Werror}, so the golden sources also compile warning-free, and the
 * compiled code is exercised: every profile round-trips and hashes as the manifest says.
 *
 * <p>After a deliberate change to the generated code, regenerate with
 * {@code ./mvnw -pl contracts test -Dtest=GoldenFilesTest -Dcodeanatomy.golden.update=true} and
 * review the diff.
 */
class GoldenFilesTest {

  private static final Path GOLDEN =
      Path.of(System.getProperty("basedir", "."), "src/test/resources/golden");
  private static final List<String> INPUTS = List.of("Compression", "HttpSettings", "LogSettings",
      "ServerPolicy", "Page", "ServerReport");

  private static Compilation compilation;

  @BeforeAll
  static void compileGoldenInputs() throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String input : INPUTS) {
      Path file = GOLDEN.resolve("input/example/" + input + ".java");
      sources.add(JavaFileObjects.forSourceString("example." + input,
          Files.readString(file, StandardCharsets.UTF_8)));
    }
    compilation = ContractCompiler.compile(sources.toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /** Everything generated: Java sources by class name, resources by path. */
  private static Map<String, String> generated() {
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String path = file.toUri().getPath().replaceFirst("^/SOURCE_OUTPUT/", "");
      files.put(path, ContractCompiler.generatedSource(compilation,
          path.replace('/', '.').replaceFirst("\\.java$", "")));
    }
    for (String resource : List.of("META-INF/codeanatomy/contracts.manifest.json",
        "META-INF/codeanatomy/settings.md", "META-INF/codeanatomy/contracts.md",
        "META-INF/codeanatomy/rust/test_contracts.rs")) {
      files.put(resource, ContractCompiler.resource(compilation, resource).orElseThrow());
    }
    return files;
  }

  @Test
  void generatedFilesMatchTheGoldenFiles() throws IOException {
    Map<String, String> generated = generated();
    Path expectedDir = GOLDEN.resolve("expected");
    if (Boolean.getBoolean("codeanatomy.golden.update")) {
      if (Files.exists(expectedDir)) {
        try (Stream<Path> old = Files.walk(expectedDir)) {
          old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      for (Map.Entry<String, String> e : generated.entrySet()) {
        Path target = expectedDir.resolve(e.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
      }
    }
    Map<String, String> expected = new TreeMap<>();
    try (Stream<Path> files = Files.walk(expectedDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        expected.put(expectedDir.relativize(file).toString().replace('\\', '/'),
            Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    assertEquals(expected.keySet(), generated.keySet(), "the set of generated files");
    for (String name : expected.keySet()) {
      assertEquals(expected.get(name), generated.get(name), "golden file " + name
          + " (regenerate with -Dcodeanatomy.golden.update=true after a deliberate change)");
    }
  }

  @Test
  void compiledGoldenCodeRoundTripsEveryProfile() {
    ClassLoader loader = ContractCompiler.classLoader(compilation);
    @SuppressWarnings("unchecked")
    List<String> names = (List<String>) ContractCompiler.callStatic(loader,
        "example.ServerPolicyContract", "profileNames");
    assertEquals(List.of("default", "dev", "prod", "edge-small"), names);
    List<String> hashes = new ArrayList<>();
    for (String name : names) {
      Object policy = ContractCompiler.callStatic(loader, "example.ServerPolicyContract", "profile",
          name);
      Object settings = ContractCompiler.callStatic(loader, "example.ServerPolicyContract",
          "effectiveSettings", policy);
      Object parsed = ContractCompiler.callStatic(loader, "example.ServerPolicyContract",
          "fromSettings", settings);
      assertEquals(policy, parsed, name);
      String hash = (String) ContractCompiler.callStatic(loader, "example.ServerPolicyContract",
          "settingsHash", policy);
      assertEquals(ContractCompiler.callStatic(loader, "example.ServerPolicyContract",
          "expectedSettingsHash", name), hash, name);
      hashes.add(hash);
    }
    assertEquals(hashes.size(), hashes.stream().distinct().count(), "distinct hashes");
  }

  @Test
  void everyTypeRendersItsCanonicalText() {
    ClassLoader loader = ContractCompiler.classLoader(compilation);
    Object prod = ContractCompiler.staticField(loader, "example.ServerPolicyContract", "EDGE_SMALL");
    @SuppressWarnings("unchecked")
    Map<String, String> settings = (Map<String, String>) ContractCompiler.callStatic(loader,
        "example.ServerPolicyContract", "effectiveSettings", prod);
    assertEquals("524288", settings.get("server.http.max_body_size"));
    assertEquals("1073741824", settings.get("server.http.cache_size"));
    assertEquals("0.01", settings.get("server.http.sample_rate"));
    assertEquals("0.5", settings.get("server.http.load_factor"));
    assertEquals("90s", settings.get("server.http.shutdown_grace"));
    assertEquals("none", settings.get("server.http.fallback_compression"));
    assertEquals("GET,POST,PUT,DELETE", settings.get("server.http.allowed_methods"));
    assertEquals("10000000000", settings.get("server.http.max_requests"));
    assertTrue(!settings.containsKey("server.http.workers"), "unset by prod");
    assertTrue(!settings.containsKey("server.http.proxy"), "never set on this chain");
    assertEquals("true", settings.get("server.http.tls.enabled"));
    String gates = (String) ContractCompiler.callStatic(loader, "example.ServerPolicyContract",
        "featureGateParityHash", prod);
    assertEquals(io.codeanatomy.contracts.canonical.Sha256.hexOfUtf8(
        "server.http.http3=true|server.log.structured=true"), gates);
    Object defaults = ContractCompiler.staticField(loader, "example.ServerPolicyContract", "DEFAULT");
    assertNotEquals(gates, ContractCompiler.callStatic(loader, "example.ServerPolicyContract",
        "featureGateParityHash", defaults));
  }
}

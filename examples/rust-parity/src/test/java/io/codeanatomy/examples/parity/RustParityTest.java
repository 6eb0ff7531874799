package io.codeanatomy.examples.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code cargo test --offline} on the parity crate: the generated Rust modules of the core
 * and quickstart contracts are compiled under {@code #![deny(warnings)]} and checked against the
 * canonical vectors, the manifests and what the generated Java computes.
 */
class RustParityTest {

  static final Path BASE = Path.of(System.getProperty("basedir", "."));
  static final Path PARITY = BASE.resolve("target/parity");

  @BeforeAll
  static void writeTheJavaSide() {
    ParityFiles.write(PARITY, RustParityTest.class.getClassLoader());
  }

  /**
   * cargo test with the crate's data in {@code parity}; the build shares one target dir. {@code
   * args} are cargo's: a test target ({@code --test parity}) and a filter.
   */
  static RustToolchain.Run cargoTest(Path parity, String... filters) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        RustToolchain.require("cargo").toString(), "test", "--offline", "--quiet"));
    command.addAll(List.of(filters));
    return RustToolchain.run(command, BASE, Map.of(
        "CARGO_TARGET_DIR", BASE.resolve("target/cargo").toString(),
        "CODEANATOMY_RUST_DIR", PARITY.resolve("rust").toString(),
        "CODEANATOMY_PARITY_DIR", parity.toString()));
  }

  @Test
  void rustAgreesWithJavaOnEveryVectorAndProfile() throws Exception {
    // The runtime tests (tests/runtime.rs) run in RustRuntimeTest, which writes their data.
    RustToolchain.Run run = cargoTest(PARITY, "--test", "parity");
    assertEquals(0, run.exit(), "cargo test failed:\n" + run.output());
    String report = Files.readString(PARITY.resolve("parity-report.txt"), StandardCharsets.UTF_8);
    System.out.println("Rust parity report (target/parity/parity-report.txt):\n" + report);
    List<String> rows = report.lines().skip(1).toList();
    assertEquals(7 + 4, rows.size(), "every profile of core and quickstart:\n" + report);
    for (String row : rows) {
      String[] cells = row.trim().split(" +");
      assertEquals(cells[2], cells[3], row);
      assertEquals("yes", cells[4], row);
    }
  }

  @Test
  void aVectorFileWithOneByteChangedFailsTheRustCheck(@TempDir Path temp) throws Exception {
    Path copy = temp.resolve("parity");
    copyTree(PARITY, copy);
    Path vectors = copy.resolve("java-settings-vectors.json");
    String json = Files.readString(vectors, StandardCharsets.UTF_8);
    String corrupted = json.replaceFirst("\"16384\"", "\"16385\"");
    assertNotEquals(json, corrupted, "the vectors hold the large profile's batch size");
    Files.writeString(vectors, corrupted, StandardCharsets.UTF_8);
    RustToolchain.Run run = cargoTest(copy, "--test", "parity", "every_profile_agrees");
    assertNotEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("datafusion.execution.batch_size: Java Some(\"16385\"), "
        + "Rust Some(\"16384\")"), run.output());
  }

  @Test
  void aCanonicalVectorWithOneByteChangedFailsTheRustCheck(@TempDir Path temp) throws Exception {
    Path copy = temp.resolve("parity");
    copyTree(PARITY, copy);
    Path vectors = copy.resolve("canonical-vectors.json");
    String json = Files.readString(vectors, StandardCharsets.UTF_8);
    String corrupted = json.replace("\"hex\": \"cc80\"", "\"hex\": \"cc81\"");
    assertNotEquals(json, corrupted, "the vectors hold int 128 as cc80");
    Files.writeString(vectors, corrupted, StandardCharsets.UTF_8);
    RustToolchain.Run run = cargoTest(copy, "--test", "parity", "every_canonical_vector");
    assertNotEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("int 128: bytes differ"), run.output());
  }

  @Test
  void generatedModulesAreRustfmtStable() throws Exception {
    var rustfmt = RustToolchain.find("rustfmt");
    Assumptions.assumeTrue(rustfmt.isPresent(), "rustfmt is not installed");
    for (String module : List.of("core_contracts.rs", "quickstart_contracts.rs")) {
      RustToolchain.Run run = RustToolchain.run(List.of(rustfmt.get().toString(), "--check",
          "--edition", "2021", PARITY.resolve("rust").resolve(module).toString()), BASE, Map.of());
      assertEquals(0, run.exit(), module + " is not rustfmt-stable:\n" + run.output());
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}

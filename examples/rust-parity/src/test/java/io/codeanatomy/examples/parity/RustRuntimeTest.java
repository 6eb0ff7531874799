package io.codeanatomy.examples.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.contracts.canonical.CanonicalReader;
import io.codeanatomy.contracts.canonical.CanonicalWriter;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.examples.parity.wiretest.Everything;
import io.codeanatomy.runtime.payload.PayloadCodec;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.codeanatomy.runtime.payload.RecordPayloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Rust runtime that generated decoders call (the wire format, canonical MessagePack, JSON,
 * the payload mappings, the envelope and version gate; {@code processor/.../emit/rust/*.rs}),
 * checked against Java: {@link RuntimeVectors} writes what Java writes and reads, {@code cargo
 * test --test runtime} reads it, writes it again and fuzzes the readers, and these tests check
 * that Java reads what Rust wrote.
 */
class RustRuntimeTest {

  static final Path RUNTIME = RustParityTest.PARITY.resolve("runtime");
  private static final HexFormat HEX = HexFormat.of();
  private static final Path SOURCES = RustParityTest.BASE
      .resolve("../../processor/src/main/resources/io/codeanatomy/processor/emit/rust")
      .normalize();
  /** The runtime's sources, each embedded as a module of the generated file. */
  static final List<String> MODULES =
      List.of("read_error", "wire", "msgpack", "json", "json_mapping", "payload");

  private static RustToolchain.Run cargo;

  @BeforeAll
  static void writeTheJavaSideAndRunTheRustTests() throws Exception {
    ParityFiles.write(RustParityTest.PARITY, RustRuntimeTest.class.getClassLoader());
    RuntimeVectors.write(RUNTIME);
    // --examples: the benchmarks (hash_bench, read_bench) are compiled by the test command too.
    cargo = RustParityTest.cargoTest(RustParityTest.PARITY, "--test", "runtime", "--test",
        "generated", "--examples");
  }

  @Test
  void theRustRuntimeReadsAndWritesWhatJavaDoes() {
    assertEquals(0, cargo.exit(), "cargo test --test runtime --examples failed:\n"
        + cargo.output());
  }

  @Test
  void javaReadsTheWireBytesRustWrote() throws Exception {
    assertEquals(0, cargo.exit(), cargo.output());
    JsonNode written = RuntimeVectors.JSON.readTree(RUNTIME.resolve("rust-out/wire.json")
        .toFile());
    JsonNode vectors = RuntimeVectors.JSON.readTree(RUNTIME.resolve("wire-vectors.json")
        .toFile());
    int checked = 0;
    for (JsonNode vector : vectors.path("messages")) {
      String name = vector.path("name").asText();
      byte[] rust = HEX.parseHex(written.path(name).asText());
      Everything expected = Everything.parseFrom(HEX.parseHex(vector.path("hex").asText()));
      assertEquals(expected, Everything.parseFrom(rust), name);
      assertArrayEquals(WireVectors.deterministic(expected), rust, name);
      checked++;
    }
    assertTrue(checked > WireVectors.MESSAGES, checked + " messages");
  }

  @Test
  void javaReadsTheCanonicalMessagePackRustWrote() throws Exception {
    assertEquals(0, cargo.exit(), cargo.output());
    JsonNode written = RuntimeVectors.JSON.readTree(RUNTIME.resolve("rust-out/msgpack.json")
        .toFile());
    int checked = 0;
    for (Map.Entry<String, JsonNode> value : written.properties()) {
      byte[] bytes = HEX.parseHex(value.getValue().asText());
      assertArrayEquals(bytes,
          new CanonicalWriter().writeValue(CanonicalReader.read(bytes)).toByteArray(),
          value.getKey());
      checked++;
    }
    assertTrue(checked >= 300, checked + " values");
  }

  @Test
  void javaReadsThePayloadsRustWrote() throws Exception {
    assertEquals(0, cargo.exit(), cargo.output());
    Path run = RUNTIME.resolve("run");
    Path out = RUNTIME.resolve("rust-out");
    ProtoPayloads<ExecutionPackage> packages = ProtoPayloads.of(ExecutionPackage.class);
    ExecutionPackage sealed = packages.fromBinary(Files.readAllBytes(run.resolve("package.binpb")));
    // package.json read in Rust and written as binary; package.binpb read and written as JSON.
    assertEquals(sealed, packages.fromBinary(Files.readAllBytes(out.resolve("package.binpb"))));
    assertEquals(sealed, packages.fromJson(Files.readString(out.resolve("package.json")))
        .value());
    assertArrayEquals(Files.readAllBytes(run.resolve("package.binpb")),
        Files.readAllBytes(out.resolve("package.binpb")));
    assertEquals(Files.readString(run.resolve("package.json")),
        Files.readString(out.resolve("package.json")));
    RecordPayloads<CompiledExecutionPolicy> policies =
        RecordPayloads.of(CompiledExecutionPolicy.class);
    assertEquals(policies.fromJson(Files.readString(run.resolve("policy.json"))).value(),
        policies.fromJson(Files.readString(out.resolve("policy.json"))).value());
  }

  /**
   * Every contract sample Rust built from its value and wrote (tests/generated.rs) reads in Java
   * as the sample Java wrote, and writes back to the same bytes: binary and JSON, protobuf
   * messages and records.
   */
  @Test
  void javaReadsTheSamplePayloadsRustWrote() throws Exception {
    assertEquals(0, cargo.exit(), cargo.output());
    JsonNode vectors = RuntimeVectors.JSON.readTree(RustParityTest.PARITY
        .resolve("java-contract-vectors.json").toFile());
    Path samples = RUNTIME.resolve("rust-out/samples");
    int checked = 0;
    int refused = 0;
    for (JsonNode contract : vectors.path("contracts")) {
      String name = contract.path("contract").asText();
      PayloadCodec<?> codec = io.codeanatomy.runtime.payload.Payloads.forContract(
          getClass().getClassLoader(), name);
      JsonNode cases = contract.path("cases");
      for (int i = 0; i < cases.size(); i++) {
        JsonNode sample = cases.get(i);
        Path file = samples.resolve(name + "-" + i);
        if (!sample.has("binary")) {
          assertTrue(!Files.exists(file.resolveSibling(name + "-" + i + ".binpb")), name);
          refused++;
          continue;
        }
        byte[] java = HEX.parseHex(sample.path("binary").asText());
        byte[] rust = Files.readAllBytes(file.resolveSibling(name + "-" + i + ".binpb"));
        String label = name + " " + sample.path("name").asText();
        assertEquals(fromBinary(codec, java), fromBinary(codec, rust), label);
        assertArrayEquals(java, rust, label);
        String json = Files.readString(file.resolveSibling(name + "-" + i + ".json"));
        assertEquals(sample.path("json").asText(), json, label);
        assertEquals(codec.fromJson(sample.path("json").asText()).value(),
            codec.fromJson(json).value(), label);
        checked++;
      }
    }
    assertTrue(checked > 100 && refused > 10, checked + " read, " + refused + " refused");
  }

  private static Object fromBinary(PayloadCodec<?> codec, byte[] bytes) {
    if (codec instanceof ProtoPayloads<?> proto) {
      return proto.fromBinary(bytes);
    }
    return ((RecordPayloads<?>) codec).fromBinary(bytes).value();
  }

  /** The sources are embedded four spaces deep (`pub mod wire { ... }`): rustfmt keeps them. */
  @Test
  void runtimeSourcesAreRustfmtStableAsEmbedded(@TempDir Path temp) throws Exception {
    var rustfmt = RustToolchain.find("rustfmt");
    Assumptions.assumeTrue(rustfmt.isPresent(), "rustfmt is not installed");
    for (String module : MODULES) {
      String source = Files.readString(SOURCES.resolve(module + ".rs"), StandardCharsets.UTF_8);
      StringBuilder embedded = new StringBuilder("pub mod " + module + " {\n");
      source.lines().forEach(line -> embedded.append(line.isEmpty() ? "" : "    " + line)
          .append('\n'));
      embedded.append("}\n");
      Path file = temp.resolve(module + ".rs");
      Files.writeString(file, embedded, StandardCharsets.UTF_8);
      RustToolchain.Run run = RustToolchain.run(List.of(rustfmt.get().toString(), "--check",
          "--edition", "2021", file.toString()), RustParityTest.BASE, Map.of());
      assertEquals(0, run.exit(), module + ".rs is not rustfmt-stable as embedded:\n"
          + run.output());
    }
  }

  /** The check can fail: one byte changed in what Java wrote makes cargo test fail, naming it. */
  @Test
  void aWireVectorWithOneByteChangedFailsTheRustCheck(@TempDir Path temp) throws Exception {
    Path copy = temp.resolve("parity");
    RustParityTest.copyTree(RustParityTest.PARITY, copy);
    Path vectors = copy.resolve("runtime/wire-vectors.json");
    String json = Files.readString(vectors, StandardCharsets.UTF_8);
    // The message with only the largest field number set (to 7): its toByteArray() bytes.
    String marker = "\"hex\" : \"f8ffffff0f07\"";
    assertEquals(1, json.split(java.util.regex.Pattern.quote(marker), -1).length - 1,
        "the vectors hold the largest field number message once");
    Files.writeString(vectors, json.replace(marker, marker.replace("0f07", "0f08")),
        StandardCharsets.UTF_8);
    RustToolchain.Run run = RustParityTest.cargoTest(copy, "--test", "runtime",
        "wire_messages_decode_and_encode_as_protobuf_java");
    assertNotEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("largest field number"), run.output());
  }
}

package io.codeanatomy.examples.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ExecutionPackageContract;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.examples.pipeline.PipelineRun;
import io.codeanatomy.runtime.artifacts.RunArtifacts;
import io.codeanatomy.runtime.artifacts.Verification;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.codeanatomy.runtime.payload.RecordPayloads;
import io.codeanatomy.runtime.plan.PlanFingerprints;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codeanatomy-verify} (the Rust binary of this crate, {@code src/verify}) on a run the main
 * job's pipeline wrote: it finds the run intact as Java's verify does and recomputes the same
 * hashes Java computes; each edit of a copy (one byte of a Substrait plan, a hash in the package,
 * a bundle fingerprint, a payload's version, its schema fingerprint, a payload of another
 * contract in its place) makes it exit 1 naming the file and the field, Java's verify finding a
 * problem too. {@code run.json} is re-sealed after each edit, so that the check that must catch
 * it is the one that does, not the file hashes.
 */
class RustVerifyTest {

  private static final Path RUN = RustParityTest.BASE.resolve("target/verify/run");
  private static Path verifier;

  @BeforeAll
  static void writeARunAndBuildTheVerifier() throws Exception {
    // The generated modules the crate includes, from the jars on the class path.
    ParityFiles.write(RustParityTest.PARITY, RustVerifyTest.class.getClassLoader());
    RuntimeVectors.deleteTree(RUN.getParent());
    PipelineRun.Summary summary = PipelineRun.run(new PipelineRun.Options("default", 100, RUN,
        OptionalLong.of(RuntimeVectors.SEALED_AT), "warn"), OpenTelemetry.noop(),
        (step, millis) -> { });
    assertTrue(summary.verification().intact(), summary.verification().toString());
    RustToolchain.Run build = RustToolchain.run(List.of(
        RustToolchain.require("cargo").toString(), "build", "--offline", "--quiet", "--bin",
        "codeanatomy-verify"), RustParityTest.BASE, Map.of(
            "CARGO_TARGET_DIR", RustParityTest.BASE.resolve("target/cargo").toString(),
            "CODEANATOMY_RUST_DIR", RustParityTest.PARITY.resolve("rust").toString()));
    assertEquals(0, build.exit(), build.output());
    verifier = RustParityTest.BASE.resolve("target/cargo/debug/codeanatomy-verify");
  }

  private static RustToolchain.Run verify(Path dir, String... flags) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(verifier.toString()));
    command.addAll(List.of(flags));
    command.add(dir.toString());
    return RustToolchain.run(command, RustParityTest.BASE, Map.of());
  }

  @Test
  void theRunIsIntactAndRustRecomputesTheHashesJavaComputes() throws Exception {
    Verification java = RunArtifacts.check(RUN);
    assertTrue(java.intact(), java.problems().toString());
    RustToolchain.Run rust = verify(RUN, "--recomputed");
    assertEquals(0, rust.exit(), rust.output());
    assertTrue(rust.output().endsWith("intact: every value the artifacts determine matches; "
        + rust.output().lines().filter(l -> l.startsWith("unchecked: ")).count()
        + " unchecked\n"), rust.output());

    Map<String, String> recomputed = new TreeMap<>();
    rust.output().lines().filter(l -> l.startsWith("recomputed: ")).forEach(line -> {
      String[] parts = line.split(" ");
      recomputed.put(parts[1] + " " + parts[2], parts[3]);
    });
    // The same hashes, as Java computes them.
    Map<String, String> expected = new TreeMap<>();
    try (Stream<Path> files = Files.walk(RUN)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = RUN.relativize(file).toString().replace('\\', '/');
        if (!name.equals("run.json")) {
          expected.put("run.json files[" + name + "]", Sha256.hex(Files.readAllBytes(file)));
        }
      }
    }
    ExecutionPackage pkg = ProtoPayloads.of(ExecutionPackage.class)
        .fromJson(Files.readString(RUN.resolve("package.json"))).value();
    expected.put("package.json package_fingerprint", ExecutionPackageContract.hash(pkg));
    for (String plan : pkg.getPlanBundleFingerprintsMap().keySet()) {
      String dir = "bundles/" + RunArtifacts.safeName(plan) + "/";
      PlanFingerprint fingerprint = ProtoPayloads.of(PlanFingerprint.class)
          .fromJson(Files.readString(RUN.resolve(dir + "fingerprint.json"))).value();
      PlanIdentity identity = ProtoPayloads.of(PlanIdentity.class)
          .fromJson(Files.readString(RUN.resolve(dir + "identity.json"))).value();
      CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.fromSettings(
          identity.getDfSettingsEntriesMap());
      expected.put(dir + "fingerprint.json substrait_hash",
          Sha256.hex(Files.readAllBytes(RUN.resolve(dir + "substrait.binpb"))));
      expected.put(dir + "identity.json plan_fingerprint", PlanFingerprints.hash(fingerprint));
      expected.put(dir + "identity.json profile_settings_hash",
          CodeAnatomyPolicyContract.settingsHash(policy));
      expected.put(dir + "fingerprint.json settings_hash",
          CodeAnatomyPolicyContract.planningEnvironmentHash(policy));
    }
    CompiledExecutionPolicy policy = RecordPayloads.of(CompiledExecutionPolicy.class)
        .fromJson(Files.readString(RUN.resolve("policy.json"))).value();
    expected.put("policy.json policy_fingerprint", CompiledExecutionPolicyContract.hash(policy));
    assertEquals(expected, recomputed);
    assertTrue(expected.size() > 20, expected.toString());
  }

  @Test
  void oneByteOfASubstraitPlan(@TempDir Path temp) throws Exception {
    Path copy = copy(temp);
    String plan = firstBundle(copy);
    Path file = copy.resolve("bundles/" + plan + "/substrait.binpb");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    reseal(copy, file, bytes);
    expectProblem(copy, "bundles/" + plan + "/fingerprint.json: field substrait_hash is ");
  }

  @Test
  void aHashInThePackage(@TempDir Path temp) throws Exception {
    Path copy = copy(temp);
    Path file = copy.resolve("package.json");
    String json = Files.readString(file);
    ExecutionPackage pkg = ProtoPayloads.of(ExecutionPackage.class).fromJson(json).value();
    String edited = json.replace(pkg.getRulepackHash(), Sha256.hex(new byte[] {1}));
    reseal(copy, file, edited.getBytes(StandardCharsets.UTF_8));
    expectProblem(copy, "package.json: package_fingerprint: recorded ");
    expectProblem(copy, "package.binpb: field rulepack_hash differs from package.json");
  }

  @Test
  void aBundleFingerprint(@TempDir Path temp) throws Exception {
    Path copy = copy(temp);
    Path file = copy.resolve("package.json");
    String json = Files.readString(file);
    ExecutionPackage pkg = ProtoPayloads.of(ExecutionPackage.class).fromJson(json).value();
    String plan = pkg.getPlanBundleFingerprintsMap().keySet().iterator().next();
    String edited = json.replace(pkg.getPlanBundleFingerprintsMap().get(plan),
        Sha256.hex(new byte[] {2}));
    reseal(copy, file, edited.getBytes(StandardCharsets.UTF_8));
    expectProblem(copy, "package.json: field plan_bundle_fingerprints[" + plan + "] is ");
  }

  @Test
  void aPayloadsVersion(@TempDir Path temp) throws Exception {
    Path copy = copy(temp);
    String plan = firstBundle(copy);
    Path file = copy.resolve("bundles/" + plan + "/fingerprint.json");
    String json = Files.readString(file);
    String edited = json.replaceFirst("\"version\": 1,", "\"version\": 7,");
    assertFalse(json.equals(edited));
    reseal(copy, file, edited.getBytes(StandardCharsets.UTF_8));
    expectProblem(copy, "bundles/" + plan + "/fingerprint.json: cannot read plan_fingerprint: "
        + "this build reads plan_fingerprint version 1 (schema ");
    expectProblem(copy, "but the payload is plan_fingerprint version 7 (schema ");
  }

  @Test
  void aPayloadsSchemaFingerprint(@TempDir Path temp) throws Exception {
    Path copy = copy(temp);
    String plan = firstBundle(copy);
    Path file = copy.resolve("bundles/" + plan + "/identity.json");
    String json = Files.readString(file);
    JsonNode envelope = RuntimeVectors.JSON.readTree(json);
    String schema = envelope.path("schemaFingerprint").asText();
    String other = Sha256.hex(new byte[] {3});
    reseal(copy, file, json.replace(schema, other).getBytes(StandardCharsets.UTF_8));
    expectProblem(copy, "bundles/" + plan + "/identity.json: cannot read plan_identity: this "
        + "build reads plan_identity version ");
    expectProblem(copy, "(schema " + other.substring(0, 12) + ")");
  }

  @Test
  void aPayloadOfAnotherContractInItsPlace(@TempDir Path temp) throws Exception {
    Path copy = copy(temp);
    String plan = firstBundle(copy);
    Path file = copy.resolve("bundles/" + plan + "/fingerprint.json");
    reseal(copy, file, Files.readAllBytes(file.resolveSibling("identity.json")));
    expectProblem(copy, "bundles/" + plan + "/fingerprint.json: cannot read plan_fingerprint: "
        + "this build reads plan_fingerprint version 1 (schema ");
    expectProblem(copy, "but the payload is plan_identity version ");
  }

  /**
   * tests/verify_fuzz.rs: 10,000 mutations of each payload kind of this run; none panics,
   * over-allocates or passes verify. tests/engine_path.rs: the engine path of
   * docs/rust-parity.md, word for word, accepts this run and refuses another contract.
   */
  @Test
  void noMutatedPayloadPassesVerifyAndTheDocumentedEnginePathRuns() throws Exception {
    RustToolchain.Run fuzz = RustToolchain.run(List.of(
        RustToolchain.require("cargo").toString(), "test", "--offline", "--quiet", "--test",
        "verify_fuzz", "--test", "engine_path", "--", "--nocapture"), RustParityTest.BASE,
        Map.of(
            "CARGO_TARGET_DIR", RustParityTest.BASE.resolve("target/cargo").toString(),
            "CODEANATOMY_RUST_DIR", RustParityTest.PARITY.resolve("rust").toString(),
            "CODEANATOMY_VERIFY_RUN", RUN.toString()));
    assertEquals(0, fuzz.exit(), fuzz.output());
    assertEquals(10, fuzz.output().lines().filter(l -> l.contains(": 10000 mutations: "))
        .count(), fuzz.output());
  }

  @Test
  void aFolderThatHoldsNoRunIsUnreadable(@TempDir Path temp) throws Exception {
    RustToolchain.Run empty = verify(temp);
    assertEquals(2, empty.exit(), empty.output());
    assertTrue(empty.output().contains("holds no run"), empty.output());
    RustToolchain.Run missing = verify(temp.resolve("absent"));
    assertEquals(2, missing.exit(), missing.output());
    RustToolchain.Run usage = RustToolchain.run(List.of(verifier.toString()),
        RustParityTest.BASE, Map.of());
    assertEquals(2, usage.exit(), usage.output());
  }

  // ---------------------------------------------------------------------------------------------

  private static Path copy(Path temp) throws IOException {
    Path copy = temp.resolve("run");
    RustParityTest.copyTree(RUN, copy);
    return copy;
  }

  private static String firstBundle(Path run) throws IOException {
    try (Stream<Path> bundles = Files.list(run.resolve("bundles"))) {
      return bundles.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
  }

  /** Writes the edited file and its new SHA-256 into run.json, as a writer of the edit would. */
  private static void reseal(Path run, Path file, byte[] edited) throws IOException {
    String before = Sha256.hex(Files.readAllBytes(file));
    Files.write(file, edited);
    Path manifest = run.resolve("run.json");
    String text = Files.readString(manifest);
    assertTrue(text.contains(before), "run.json lists " + file);
    Files.writeString(manifest, text.replace(before, Sha256.hex(edited)));
  }

  /** Rust exits 1 with a problem line containing {@code text}; Java's verify finds one too. */
  private static void expectProblem(Path run, String text) throws Exception {
    RustToolchain.Run rust = verify(run);
    assertEquals(1, rust.exit(), rust.output());
    List<String> problems = rust.output().lines()
        .filter(l -> !l.startsWith("unchecked: ")).toList();
    assertTrue(problems.stream().anyMatch(l -> l.contains(text)),
        "no problem line with '" + text + "':\n" + rust.output());
    assertTrue(problems.stream().noneMatch(l -> l.contains(" run.json recorded ")),
        "run.json was re-sealed:\n" + rust.output());
    Verification java = RunArtifacts.check(run);
    assertFalse(java.intact(), "Java's verify finds the edit too");
    // And says it in the same words.
    String line = problems.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
    assertTrue(java.problems().contains(line),
        "Java's verify words it otherwise than\n" + line + "\nJava:\n"
            + String.join("\n", java.problems()));
  }
}

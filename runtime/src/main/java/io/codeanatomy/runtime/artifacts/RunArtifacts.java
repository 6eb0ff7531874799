package io.codeanatomy.runtime.artifacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.runtime.payload.PayloadException;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.codeanatomy.runtime.payload.RecordPayloads;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.plan.PlanFingerprints;
import io.codeanatomy.runtime.relspec.ExecutionPackageAssembler;
import io.codeanatomy.runtime.results.RunResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a run's artifacts to a folder and verifies them:
 *
 * <pre>
 * bundles/NAME/fingerprint.json   plan_fingerprint payload
 * bundles/NAME/identity.json      plan_identity payload
 * bundles/NAME/substrait.binpb    the plan's Substrait bytes
 * bundles/NAME/plans.txt          the unoptimized, optimized and physical plans
 * policy.json                     compiled_execution_policy payload
 * package.json, package.binpb     execution_package payload, JSON and binary
 * run.json                        SHA-256 of every file above
 * </pre>
 *
 * The package fingerprint is the root of trust: it binds every plan fingerprint, which binds the
 * Substrait bytes and the planning hashes. {@code run.json} also covers what no hash binds (the
 * plan texts), so that an edit anywhere is found.
 */
public final class RunArtifacts {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ProtoPayloads<PlanFingerprint> FINGERPRINTS =
      ProtoPayloads.of(PlanFingerprint.class);
  private static final ProtoPayloads<PlanIdentity> IDENTITIES = ProtoPayloads.of(PlanIdentity.class);
  private static final ProtoPayloads<ExecutionPackage> PACKAGES =
      ProtoPayloads.of(ExecutionPackage.class);
  private static final RecordPayloads<CompiledExecutionPolicy> POLICIES =
      RecordPayloads.of(CompiledExecutionPolicy.class);

  private RunArtifacts() {}

  /** Writes the artifacts; existing files of the same names are replaced. */
  public static void write(Path dir, List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg) throws IOException {
    write(dir, bundles, policy, pkg, Map.of());
  }

  /**
   * Writes the artifacts and {@code extras} (lineage, calibration: files no hash binds, covered by
   * {@code run.json}).
   */
  public static void write(Path dir, List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Map<String, byte[]> extras) throws IOException {
    write(dir, bundles, policy, pkg, extras, null);
  }

  /**
   * Writes the artifacts, {@code extras}, and in {@code run.json} the results already written
   * under {@code results/} with the engine that produced them ({@link RunResults}; null: none).
   */
  public static void write(Path dir, List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Map<String, byte[]> extras, RunResults results) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>(extras);
    for (PlanBundle bundle : bundles) {
      String base = "bundles/" + safeName(bundle.name()) + "/";
      files.put(base + "fingerprint.json", utf8(FINGERPRINTS.toJson(bundle.fingerprint())));
      files.put(base + "identity.json", utf8(IDENTITIES.toJson(bundle.identity())));
      files.put(base + "substrait.binpb", bundle.substrait());
      files.put(base + "plans.txt", utf8("-- unoptimized\n" + bundle.unoptimizedPlan()
          + "\n-- optimized\n" + bundle.optimizedPlan() + "\n-- physical\n"
          + bundle.physicalPlan()));
    }
    files.put("policy.json", utf8(POLICIES.toJson(policy)));
    files.put("package.json", utf8(PACKAGES.toJson(pkg)));
    files.put("package.binpb", PACKAGES.toBinary(pkg));
    ObjectNode run = JSON.createObjectNode();
    run.put("format", "codeanatomy-run/1");
    ObjectNode hashes = run.putObject("files");
    files.forEach((name, bytes) -> hashes.put(name, Sha256.hex(bytes)));
    if (results != null) {
      results.addTo(run);
    }
    files.put("run.json", utf8(render(run)));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
  }

  /** The bundle folder of a plan: its name with anything but letters, digits, '.', '_' and '-' replaced. */
  public static String safeName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Recomputes every hash from the files and says what differs, each problem naming the file and
   * the field; empty when the artifacts are intact.
   *
   * @throws UncheckedIOException when the folder cannot be read at all
   */
  public static List<String> verify(Path dir) {
    List<String> problems = new ArrayList<>();
    ExecutionPackage pkg = read(dir, "package.json", problems,
        text -> PACKAGES.fromJson(text).value());
    byte[] binary = bytes(dir, "package.binpb", problems);
    if (pkg != null) {
      ExecutionPackageAssembler.verify(pkg).forEach(p -> problems.add("package.json: " + p));
      if (binary != null) {
        try {
          ExecutionPackage fromBinary = PACKAGES.fromBinary(binary);
          differences(pkg, fromBinary).forEach(field -> problems.add(
              "package.binpb: field " + field + " differs from package.json"));
        } catch (PayloadException e) {
          problems.add("package.binpb: " + e.getMessage());
        }
      }
    }
    SortedMap<String, String> planned = new TreeMap<>();
    for (Path bundle : bundleDirs(dir)) {
      String name = bundle.getFileName().toString();
      String where = "bundles/" + name + "/";
      PlanFingerprint fingerprint = read(dir, where + "fingerprint.json", problems,
          text -> FINGERPRINTS.fromJson(text).value());
      PlanIdentity identity = read(dir, where + "identity.json", problems,
          text -> IDENTITIES.fromJson(text).value());
      byte[] substrait = bytes(dir, where + "substrait.binpb", problems);
      if (fingerprint == null) {
        continue;
      }
      if (substrait != null && !Sha256.hex(substrait).equals(fingerprint.getSubstraitHash())) {
        problems.add(where + "fingerprint.json: field substrait_hash is "
            + fingerprint.getSubstraitHash() + ", but substrait.binpb hashes to "
            + Sha256.hex(substrait));
      }
      String fingerprintHash = PlanFingerprints.hash(fingerprint);
      planned.put(name, fingerprintHash);
      if (identity != null && !identity.getPlanFingerprint().equals(fingerprintHash)) {
        problems.add(where + "identity.json: field plan_fingerprint is "
            + identity.getPlanFingerprint() + ", but fingerprint.json hashes to "
            + fingerprintHash);
      }
    }
    if (pkg != null) {
      SortedMap<String, String> packaged = new TreeMap<>();
      pkg.getPlanBundleFingerprintsMap().forEach((name, print) -> packaged.put(safeName(name),
          print));
      packaged.forEach((name, print) -> {
        String actual = planned.get(name);
        if (actual == null) {
          problems.add("package.json: field plan_bundle_fingerprints[" + name + "] names a plan "
              + "with no bundle folder");
        } else if (!actual.equals(print)) {
          problems.add("package.json: field plan_bundle_fingerprints[" + name + "] is " + print
              + ", but bundles/" + name + "/fingerprint.json hashes to " + actual);
        }
      });
      planned.keySet().stream().filter(name -> !packaged.containsKey(name)).forEach(name ->
          problems.add("bundles/" + name + ": a bundle the package does not list"));
    }
    CompiledExecutionPolicy policy = read(dir, "policy.json", problems,
        text -> POLICIES.fromJson(text).value());
    if (policy != null) {
      String actual = CompiledExecutionPolicyContract.hash(policy);
      if (!actual.equals(policy.policyFingerprint())) {
        problems.add("policy.json: field policy_fingerprint is " + policy.policyFingerprint()
            + ", but the policy hashes to " + actual);
      }
      if (pkg != null) {
        compare(problems, "planning_env_hash", policy.planningEnvHash(), pkg.getPlanningEnvHash());
        compare(problems, "rulepack_hash", policy.rulepackHash(), pkg.getRulepackHash());
        compare(problems, "information_schema_hash", policy.informationSchemaHash(),
            pkg.getInformationSchemaHash());
        compare(problems, "function_registry_hash", policy.functionRegistryHash(),
            pkg.getFunctionRegistryHash());
      }
    }
    checkRunManifest(dir, problems);
    return problems;
  }

  private static void compare(List<String> problems, String field, String policy,
      String pkg) {
    if (!policy.equals(pkg)) {
      problems.add("policy.json: field " + field + " is " + policy + ", but package.json has "
          + pkg);
    }
  }

  private static void checkRunManifest(Path dir, List<String> problems) {
    byte[] run = bytes(dir, "run.json", problems);
    if (run == null) {
      return;
    }
    JsonNode root;
    try {
      root = JSON.readTree(run);
    } catch (IOException e) {
      problems.add("run.json: not JSON: " + e.getMessage());
      return;
    }
    if (!"codeanatomy-run/1".equals(root.path("format").asText())) {
      problems.add("run.json: field format is '" + root.path("format").asText()
          + "', expected 'codeanatomy-run/1'");
      return;
    }
    RunResults.verify(dir, root, problems);
    for (Map.Entry<String, JsonNode> file : root.path("files").properties()) {
      Path path = dir.resolve(file.getKey()).normalize();
      if (!path.startsWith(dir.normalize()) || !Files.isRegularFile(path)) {
        problems.add("run.json: lists " + file.getKey() + ", which is missing");
        continue;
      }
      try {
        String actual = Sha256.hex(Files.readAllBytes(path));
        if (!actual.equals(file.getValue().asText())) {
          problems.add(file.getKey() + ": its SHA-256 is " + actual + ", run.json recorded "
              + file.getValue().asText());
        }
      } catch (IOException e) {
        problems.add(file.getKey() + ": cannot read: " + e.getMessage());
      }
    }
  }

  /** The names of the fields whose values differ between two packages. */
  private static List<String> differences(ExecutionPackage a, ExecutionPackage b) {
    List<String> fields = new ArrayList<>();
    for (FieldDescriptor field : ExecutionPackage.getDescriptor().getFields()) {
      if (!a.getField(field).equals(b.getField(field))) {
        fields.add(field.getName());
      }
    }
    return fields;
  }

  private static List<Path> bundleDirs(Path dir) {
    Path bundles = dir.resolve("bundles");
    if (!Files.isDirectory(bundles)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(bundles)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Reader<T> {
    T read(String text);
  }

  private static <T> T read(Path dir, String file, List<String> problems, Reader<T> reader) {
    byte[] bytes = bytes(dir, file, problems);
    if (bytes == null) {
      return null;
    }
    try {
      return reader.read(new String(bytes, StandardCharsets.UTF_8));
    } catch (PayloadException e) {
      problems.add(file + ": " + e.getMessage());
      return null;
    }
  }

  private static byte[] bytes(Path dir, String file, List<String> problems) {
    try {
      return Files.readAllBytes(dir.resolve(file));
    } catch (NoSuchFileException e) {
      problems.add(file + ": missing");
      return null;
    } catch (IOException e) {
      problems.add(file + ": cannot read: " + e.getMessage());
      return null;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String render(JsonNode node) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(printer).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always renders", e);
    }
  }
}

package io.codeanatomy.runtime.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.Bound;
import io.codeanatomy.contracts.relspec.CalibrationBounds;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import io.codeanatomy.contracts.relspec.CapabilitySnapshot;
import io.codeanatomy.contracts.relspec.CapabilitySnapshotContract;
import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshot;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshotContract;
import io.codeanatomy.contracts.relspec.InformationSchemaSnapshot;
import io.codeanatomy.contracts.relspec.InformationSchemaSnapshotContract;
import io.codeanatomy.contracts.relspec.PerRuleDelta;
import io.codeanatomy.contracts.relspec.PlanningEnvironmentSnapshot;
import io.codeanatomy.contracts.relspec.PlanningEnvironmentSnapshotContract;
import io.codeanatomy.contracts.relspec.RuleDeltaReport;
import io.codeanatomy.contracts.relspec.RulepackSnapshot;
import io.codeanatomy.contracts.relspec.RulepackSnapshotContract;
import io.codeanatomy.contracts.relspec.RunMetrics;
import io.codeanatomy.runtime.plan.UserFunctions;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.DeltaInput;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.InferenceConfidence;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.contracts.relspec.PlanIdentityContract;
import io.codeanatomy.runtime.payload.Decoded;
import io.codeanatomy.runtime.payload.PayloadCodec;
import io.codeanatomy.runtime.payload.PayloadException;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.codeanatomy.runtime.payload.ReadLimits;
import io.codeanatomy.runtime.payload.RecordPayloads;
import io.codeanatomy.runtime.payload.StrictJson;
import io.codeanatomy.runtime.plan.PlanFingerprints;
import io.codeanatomy.runtime.plan.SubstraitFacts;
import io.codeanatomy.runtime.relspec.Calibration;
import io.codeanatomy.runtime.relspec.ExecutionPackageAssembler;
import io.codeanatomy.runtime.relspec.InferenceConfidences;
import io.codeanatomy.runtime.results.ContentHash;
import io.codeanatomy.runtime.results.EngineProvenance;
import io.codeanatomy.runtime.results.ResultException;
import io.codeanatomy.runtime.results.RunResults;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Verifies a run folder: reads every artifact with the strict readers, requires each to be
 * exactly what the writer writes for the values it holds, recomputes every value the artifacts
 * determine (hashes, the values files share, what follows from the settings, the calibration's
 * arithmetic, the lineage's shape against the Substrait plans, each result's row count, content
 * hash and columns from its Parquet files), and lists what they cannot confirm. One instance per folder; not for sharing.
 */
final class RunVerifier {

  static final ProtoPayloads<PlanFingerprint> FINGERPRINTS = ProtoPayloads.of(PlanFingerprint.class);
  static final ProtoPayloads<PlanIdentity> IDENTITIES = ProtoPayloads.of(PlanIdentity.class);
  static final ProtoPayloads<ExecutionPackage> PACKAGES = ProtoPayloads.of(ExecutionPackage.class);
  static final RecordPayloads<CompiledExecutionPolicy> POLICIES =
      RecordPayloads.of(CompiledExecutionPolicy.class);
  static final RecordPayloads<CalibrationResult> CALIBRATIONS =
      RecordPayloads.of(CalibrationResult.class);
  static final ProtoPayloads<PlanningEnvironmentSnapshot> PLANNING_ENVIRONMENTS =
      ProtoPayloads.of(PlanningEnvironmentSnapshot.class);
  static final ProtoPayloads<RulepackSnapshot> RULEPACKS = ProtoPayloads.of(RulepackSnapshot.class);
  static final ProtoPayloads<InformationSchemaSnapshot> INFORMATION_SCHEMAS =
      ProtoPayloads.of(InformationSchemaSnapshot.class);
  static final ProtoPayloads<FunctionRegistrySnapshot> FUNCTION_REGISTRIES =
      ProtoPayloads.of(FunctionRegistrySnapshot.class);
  static final ProtoPayloads<CapabilitySnapshot> CAPABILITIES =
      ProtoPayloads.of(CapabilitySnapshot.class);
  static final ProtoPayloads<RuleDeltaReport> RULE_DELTAS = ProtoPayloads.of(RuleDeltaReport.class);
  static final ProtoPayloads<RunMetrics> METRICS = ProtoPayloads.of(RunMetrics.class);

  /** A folder with more files than this is not looked at further: no run has that many. */
  static final int MAX_FILES = 100_000;

  /** Folders inside a run folder: bundles/NAME/FILE is three deep; extras may nest more. */
  private static final int MAX_DEPTH = 16;

  /** The thresholds of calibration_thresholds, in the order calibration lists clamped ones. */
  private static final List<String> THRESHOLDS =
      List.of("high_fanout", "small_table_rows", "large_table_rows");

  private final Path dir;
  private final SortedMap<String, Path> files = new TreeMap<>();
  private final Set<String> irregular = new HashSet<>();
  private final Map<String, byte[]> contents = new HashMap<>();
  private final Set<String> understood = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  private final Set<String> unchecked = new LinkedHashSet<>();
  /** Whether run.json read as an object of its format: its listings are then known. */
  private boolean manifestRead;
  /** The results run.json records, by view, as far as they read; null when it records none. */
  private SortedMap<String, RunResults.View> results;
  /** Recorded settings and the policy they parse to, or why they do not. */
  private final Map<Map<String, String>, Object> policies = new HashMap<>();

  /** One plan's artifacts, as far as they could be read. */
  private record Bundle(String name, String folder, PlanFingerprint fingerprint,
      String fingerprintHash, PlanIdentity identity, SubstraitFacts substrait) {}

  private RunVerifier(Path dir) {
    this.dir = dir;
  }

  /**
   * Verifies the run in {@code dir}.
   *
   * @throws IOException when the folder itself cannot be listed
   */
  static Verification check(Path dir) throws IOException {
    RunVerifier verifier = new RunVerifier(dir);
    verifier.list();
    verifier.verify();
    return new Verification(verifier.problems, List.copyOf(verifier.unchecked));
  }

  // ---------------------------------------------------------------------------------------------
  // the folder

  private void list() throws IOException {
    Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = relative(file);
            if (attributes.isRegularFile()) {
              files.put(name, file);
            } else if (!attributes.isDirectory()) {
              irregular.add(name);
              problems.add(name + ": " + (attributes.isSymbolicLink() ? "a symbolic link"
                  : "not a regular file") + "; a run holds regular files only");
            }
            if (files.size() + irregular.size() >= MAX_FILES) {
              problems.add(dir + ": holds more than " + MAX_FILES + " files; the rest is not "
                  + "looked at");
              return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (file.equals(dir)) {
              throw e;
            }
            irregular.add(relative(file));
            problems.add(relative(file) + ": cannot read: " + RunWriter.reason(e));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private String relative(Path file) {
    Path relative = dir.relativize(file);
    List<String> parts = new ArrayList<>();
    relative.forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }

  /** The bytes of a file, read once; null (and a problem) when it is missing or unreadable. */
  private byte[] bytes(String file) {
    if (contents.containsKey(file)) {
      return contents.get(file);
    }
    byte[] bytes = null;
    Path path = files.get(file);
    if (path == null) {
      if (!irregular.contains(file)) {
        problems.add(file + ": missing");
      }
    } else {
      try {
        long size = Files.size(path);
        if (size > ReadLimits.MAX_DOCUMENT_BYTES) {
          problems.add(file + ": over a reading limit: " + size + " bytes, more than the "
              + ReadLimits.MAX_DOCUMENT_BYTES + " a reader accepts");
        } else {
          bytes = Files.readAllBytes(path);
        }
      } catch (IOException e) {
        problems.add(file + ": cannot read: " + RunWriter.reason(e));
      }
    }
    contents.put(file, bytes);
    return bytes;
  }

  /** A payload read strictly, and required to be exactly what the writer writes for it. */
  private <T> Decoded<T> payload(String file, PayloadCodec<T> codec) {
    understood.add(file);
    byte[] bytes = bytes(file);
    if (bytes == null) {
      return null;
    }
    Decoded<T> decoded;
    try {
      decoded = codec.fromJson(bytes);
    } catch (PayloadException e) {
      problems.add(file + ": " + e.getMessage());
      return null;
    }
    if (!codec.isAsWritten(decoded, bytes)) {
      asWritten(file, bytes, () -> codec.toJson(decoded.value(), decoded.unknownFields())
          .getBytes(StandardCharsets.UTF_8));
    }
    return decoded;
  }

  /**
   * The file is byte for byte what the writer writes for the values read from it: an edit that
   * the readers accept (a number spelled otherwise, reordered keys, spaces) is still an edit.
   */
  private void asWritten(String file, byte[] bytes, Supplier<byte[]> written) {
    byte[] again;
    try {
      again = written.get();
    } catch (PayloadException e) {
      problems.add(file + ": its values cannot be written back: " + e.getMessage());
      return;
    }
    if (!Arrays.equals(bytes, again)) {
      problems.add(file + ": not as the writer writes it: the values it holds write back as "
          + "other bytes, from line " + firstDifferentLine(bytes, again));
    }
  }

  private static int firstDifferentLine(byte[] a, byte[] b) {
    int line = 1;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return line;
      }
      if (a[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  // ---------------------------------------------------------------------------------------------
  // the checks

  private void verify() {
    runManifest();
    ExecutionPackage pkg = executionPackage();
    SortedMap<String, Bundle> bundles = bundles(pkg);
    Snapshots snapshots = snapshots(pkg, bundles);
    policy(pkg, bundles);
    RunMetrics metrics = metrics(pkg);
    calibration(metrics, pkg);
    lineage(pkg, bundles);
    ruleDeltas(pkg, bundles, snapshots);
    engine();
    results(pkg, bundles);
    for (String file : files.keySet()) {
      if (!understood.contains(file) && !file.equals(RunLayout.RUN)) {
        unchecked.add(file + ": no reader in this build knows it; covered by " + RunLayout.RUN
            + " only");
      }
    }
  }

  /** {@code run.json}: its form, and the SHA-256 of every file, listed or not. */
  private void runManifest() {
    byte[] bytes = bytes(RunLayout.RUN);
    if (bytes == null) {
      files.keySet().forEach(file -> problems.add(file + ": not covered by " + RunLayout.RUN));
      return;
    }
    JsonNode root;
    try {
      root = StrictJson.parse(bytes);
    } catch (StrictJson.MalformedJsonException e) {
      problems.add(RunLayout.RUN + ": " + e.getMessage());
      return;
    }
    if (!root.isObject()) {
      problems.add(RunLayout.RUN + ": expected an object with format and files");
      return;
    }
    Set<String> keys = new TreeSet<>();
    root.fieldNames().forEachRemaining(keys::add);
    keys.removeAll(Set.of("format", "files", "results"));
    if (!keys.isEmpty()) {
      problems.add(RunLayout.RUN + ": unknown fields " + keys + "; it has format and files, "
          + "and results when the run wrote results");
    }
    if (!RunLayout.FORMAT.equals(root.path("format").textValue())) {
      problems.add(RunLayout.RUN + ": field format is " + root.path("format")
          + ", expected '" + RunLayout.FORMAT + "'");
      return;
    }
    if (!root.path("files").isObject()) {
      problems.add(RunLayout.RUN + ": field files: expected an object of file names and "
          + "SHA-256 digests");
      return;
    }
    SortedMap<String, String> listed = new TreeMap<>();
    for (Map.Entry<String, JsonNode> file : root.get("files").properties()) {
      String name = file.getKey();
      JsonNode hash = file.getValue();
      if (!isRelativeName(name)) {
        problems.add(RunLayout.RUN + ": field files[" + name + "]: not a file of the run "
            + "folder (a relative name of plain parts, not run.json)");
        continue;
      }
      if (!hash.isTextual() || !Sha256.isHex(hash.textValue())) {
        problems.add(RunLayout.RUN + ": field files[" + name + "]: expected a SHA-256 digest, "
            + "got " + abbreviate(hash.toString()));
        continue;
      }
      if (name.startsWith(RunLayout.RESULTS + "/")) {
        problems.add(RunLayout.RUN + ": field files[" + name + "]: a result file, which is "
            + "recorded with its view in field results");
        continue;
      }
      listed.put(name, hash.textValue());
    }
    manifestRead = true;
    if (recordedResults(root)) {
      asWritten(RunLayout.RUN, bytes, () -> RunArtifacts.runManifest(listed, results));
    }
    listed.forEach((name, recorded) -> {
      if (!files.containsKey(name)) {
        if (!irregular.contains(name)) {
          problems.add(RunLayout.RUN + ": lists " + name + ", which is missing");
        }
        return;
      }
      byte[] content = bytes(name);
      if (content != null && !Sha256.hex(content).equals(recorded)) {
        problems.add(name + ": its SHA-256 is " + Sha256.hex(content) + ", " + RunLayout.RUN
            + " recorded " + recorded);
      }
    });
    for (String file : files.keySet()) {
      // Result files are checked against field results, view by view (results()).
      if (!file.equals(RunLayout.RUN) && !listed.containsKey(file)
          && !file.startsWith(RunLayout.RESULTS + "/")) {
        problems.add(file + ": not listed in " + RunLayout.RUN);
      }
    }
  }

  /**
   * Field results of {@code run.json}, read strictly into {@link #results} (null when it has
   * none).
   *
   * @return whether it reads far enough to be written back (else the problems say why)
   */
  private boolean recordedResults(JsonNode root) {
    JsonNode resultsNode = root.get("results");
    if (resultsNode == null) {
      return true;
    }
    if (!resultsNode.isObject()) {
      problems.add(RunLayout.RUN + ": field results: expected an object of views, got "
          + abbreviate(resultsNode.toString()));
      return false;
    }
    results = new TreeMap<>();
    boolean whole = true;
    for (Map.Entry<String, JsonNode> entry : resultsNode.properties()) {
      RunResults.View view = recordedView(entry.getKey(), entry.getValue());
      if (view == null) {
        whole = false;
      } else {
        results.put(entry.getKey(), view);
      }
    }
    return whole;
  }

  /** One view of field results; null (and a problem) when it is not as the writer writes one. */
  private RunResults.View recordedView(String view, JsonNode node) {
    String field = RunLayout.RUN + ": field results[" + view + "]";
    String folder = RunLayout.resultFolder(view);
    if (!node.isObject() || !fieldNames(node).equals(Set.of("path", "rows", "content_hash",
        "files"))) {
      problems.add(field + ": expected an object of path, rows, content_hash and files, got "
          + abbreviate(node.toString()));
      return null;
    }
    String other = results.entrySet().stream().filter(e -> e.getValue().path().equals(folder))
        .map(Map.Entry::getKey).findFirst().orElse(null);
    if (other != null) {
      problems.add(field + ": views " + other + " and " + view + " share the folder " + folder);
      return null;
    }
    JsonNode path = node.get("path");
    JsonNode rows = node.get("rows");
    JsonNode hash = node.get("content_hash");
    JsonNode parts = node.get("files");
    boolean ok = true;
    if (!path.isTextual() || !path.textValue().equals(folder)) {
      problems.add(field + ".path is " + abbreviate(path.toString()) + ", but the results of "
          + "view " + view + " are in " + folder);
      ok = false;
    }
    if (!rows.isIntegralNumber() || !rows.canConvertToLong() || rows.longValue() < 0) {
      problems.add(field + ".rows: expected a row count (an integer from 0), got "
          + abbreviate(rows.toString()));
      ok = false;
    }
    if (!hash.isTextual() || !Sha256.isHex(hash.textValue())) {
      problems.add(field + ".content_hash: expected a SHA-256 digest, got "
          + abbreviate(hash.toString()));
      ok = false;
    }
    SortedMap<String, String> digests = new TreeMap<>();
    if (!parts.isObject() || parts.isEmpty()) {
      problems.add(field + ".files: expected an object of the view's Parquet files and their "
          + "SHA-256 digests, got " + abbreviate(parts.toString()));
      ok = false;
    } else {
      for (Map.Entry<String, JsonNode> part : parts.properties()) {
        String name = part.getKey();
        String base = name.startsWith(folder + "/") ? name.substring(folder.length() + 1) : "";
        if (base.isEmpty() || base.contains("/") || base.startsWith(".")
            || !base.endsWith(".parquet") || !isRelativeName(name)) {
          problems.add(field + ".files[" + name + "]: not a Parquet file of the view's folder "
              + folder + " (" + folder + "/NAME.parquet)");
          ok = false;
        } else if (!part.getValue().isTextual() || !Sha256.isHex(part.getValue().textValue())) {
          problems.add(field + ".files[" + name + "]: expected a SHA-256 digest, got "
              + abbreviate(part.getValue().toString()));
          ok = false;
        } else {
          digests.put(name, part.getValue().textValue());
        }
      }
    }
    return ok ? new RunResults.View(folder, rows.longValue(), hash.textValue(), digests) : null;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static boolean isText(JsonNode node) {
    return node != null && node.isTextual() && !node.textValue().isEmpty();
  }

  private static boolean isRelativeName(String name) {
    if (name.isEmpty() || name.equals(RunLayout.RUN) || name.contains("\\")
        || name.startsWith("/")) {
      return false;
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** The package, JSON and binary: sealed, and the same in both. */
  private ExecutionPackage executionPackage() {
    Decoded<ExecutionPackage> json = payload(RunLayout.PACKAGE_JSON, PACKAGES);
    understood.add(RunLayout.PACKAGE_BINARY);
    byte[] binary = bytes(RunLayout.PACKAGE_BINARY);
    ExecutionPackage fromBinary = null;
    if (binary != null) {
      try {
        fromBinary = PACKAGES.fromBinary(binary);
        ExecutionPackage read = fromBinary;
        asWritten(RunLayout.PACKAGE_BINARY, binary, () -> PACKAGES.toBinary(read));
      } catch (PayloadException e) {
        problems.add(RunLayout.PACKAGE_BINARY + ": " + e.getMessage());
      }
    }
    ExecutionPackage pkg = json != null ? json.value() : fromBinary;
    if (json != null && fromBinary != null) {
      for (FieldDescriptor field : ExecutionPackage.getDescriptor().getFields()) {
        if (!json.value().getField(field).equals(fromBinary.getField(field))) {
          problems.add(RunLayout.PACKAGE_BINARY + ": field " + field.getName()
              + " differs from " + RunLayout.PACKAGE_JSON);
        }
      }
    }
    if (pkg != null) {
      String file = json != null ? RunLayout.PACKAGE_JSON : RunLayout.PACKAGE_BINARY;
      ExecutionPackageAssembler.verify(pkg).forEach(p -> problems.add(file + ": " + p));
      unchecked.add(RunLayout.PACKAGE_JSON + " field manifest_hash: the contract manifest it "
          + "names is not among the artifacts");
      unchecked.add(RunLayout.PACKAGE_JSON + " fields created_at_unix_ms, cache_diagnostics: "
          + "provenance, outside every hash; compared with " + RunLayout.PACKAGE_BINARY
          + " only");
    }
    return pkg;
  }

  /** Every bundle folder and every plan the package lists. */
  private SortedMap<String, Bundle> bundles(ExecutionPackage pkg) {
    SortedMap<String, String> names = new TreeMap<>(); // folder -> plan name
    if (pkg != null) {
      pkg.getPlanBundleFingerprintsMap().keySet()
          .forEach(name -> names.put(RunLayout.bundleFolder(name), name));
    }
    Set<String> folders = new TreeSet<>();
    for (String file : files.keySet()) {
      String[] parts = file.split("/");
      if (parts.length == 3 && parts[0].equals(RunLayout.BUNDLES)) {
        folders.add(parts[1]);
      } else if (parts[0].equals(RunLayout.BUNDLES)) {
        problems.add(file + ": not a file of a bundle (" + RunLayout.BUNDLES
            + "/NAME/FILE)");
        understood.add(file);
      }
    }
    SortedMap<String, Bundle> bundles = new TreeMap<>();
    Bundle first = null;
    for (String folder : folders) {
      Bundle bundle = bundle(folder, names.getOrDefault(folder, folder), pkg, first);
      bundles.put(bundle.name(), bundle);
      if (first == null && bundle.identity() != null) {
        first = bundle;
      }
      if (pkg != null && !names.containsKey(folder)) {
        problems.add(RunLayout.BUNDLES + "/" + folder + ": a bundle the package does not list");
      }
    }
    if (pkg != null) {
      pkg.getPlanBundleFingerprintsMap().forEach((name, recorded) -> {
        String folder = RunLayout.bundleFolder(name);
        String field = RunLayout.PACKAGE_JSON + ": field plan_bundle_fingerprints[" + name + "]";
        Bundle bundle = bundles.get(name);
        if (!folders.contains(folder)) {
          problems.add(field + " names a plan with no bundle folder");
        } else if (bundle != null && bundle.fingerprintHash() != null
            && !bundle.fingerprintHash().equals(recorded)) {
          problems.add(field + " is " + recorded + ", but " + RunLayout.bundleFile(folder,
              RunLayout.FINGERPRINT) + " hashes to " + bundle.fingerprintHash());
        }
      });
    }
    if (!bundles.isEmpty()) {
      unchecked.add(RunLayout.BUNDLES + "/*/" + RunLayout.PLANS + ": the plan texts; their "
          + "sections are checked, their text is covered by " + RunLayout.RUN + " only");
      unchecked.add(RunLayout.BUNDLES + "/*/" + RunLayout.IDENTITY + " fields "
          + "domain_planner_names, planning_surface_policy_version, "
          + "planning_surface_policy_hash, profile_context_key, scan_units (their table "
          + "factories): what the session was built from; checked equal in every bundle");
    }
    return bundles;
  }

  private Bundle bundle(String folder, String name, ExecutionPackage pkg, Bundle first) {
    String fingerprintFile = RunLayout.bundleFile(folder, RunLayout.FINGERPRINT);
    String identityFile = RunLayout.bundleFile(folder, RunLayout.IDENTITY);
    String substraitFile = RunLayout.bundleFile(folder, RunLayout.SUBSTRAIT);
    String plansFile = RunLayout.bundleFile(folder, RunLayout.PLANS);
    Decoded<PlanFingerprint> fingerprintRead = payload(fingerprintFile, FINGERPRINTS);
    Decoded<PlanIdentity> identityRead = payload(identityFile, IDENTITIES);
    PlanFingerprint fingerprint = fingerprintRead == null ? null : fingerprintRead.value();
    PlanIdentity identity = identityRead == null ? null : identityRead.value();
    understood.add(substraitFile);
    byte[] substrait = bytes(substraitFile);
    SubstraitFacts facts = null;
    if (substrait != null) {
      try {
        facts = SubstraitFacts.read(substrait);
      } catch (SubstraitFacts.NotAPlanException e) {
        problems.add(substraitFile + ": " + e.getMessage());
      }
    }
    plans(plansFile);
    String fingerprintHash = null;
    if (fingerprint != null) {
      fingerprintHash = PlanFingerprints.hash(fingerprint);
      if (substrait != null && !Sha256.hex(substrait).equals(fingerprint.getSubstraitHash())) {
        problems.add(fingerprintFile + ": field substrait_hash is "
            + fingerprint.getSubstraitHash() + ", but " + RunLayout.SUBSTRAIT + " hashes to "
            + Sha256.hex(substrait));
      }
      if (pkg != null) {
        same(fingerprintFile, "settings_hash", fingerprint.getSettingsHash(),
            RunLayout.PACKAGE_JSON, "session_config_hash", pkg.getSessionConfigHash());
        same(fingerprintFile, "planning_env_hash", fingerprint.getPlanningEnvHash(),
            RunLayout.PACKAGE_JSON, "planning_env_hash", pkg.getPlanningEnvHash());
        same(fingerprintFile, "rulepack_hash", fingerprint.getRulepackHash(),
            RunLayout.PACKAGE_JSON, "rulepack_hash", pkg.getRulepackHash());
        same(fingerprintFile, "information_schema_hash", fingerprint.getInformationSchemaHash(),
            RunLayout.PACKAGE_JSON, "information_schema_hash", pkg.getInformationSchemaHash());
      }
    }
    if (identity != null) {
      identity(identityFile, identity, fingerprint, fingerprintHash, pkg, first);
    }
    return new Bundle(name, folder, fingerprint, fingerprintHash, identity, facts);
  }

  /** What an identity must agree with: its fingerprint, the package, its settings, the others. */
  private void identity(String file, PlanIdentity identity, PlanFingerprint fingerprint,
      String fingerprintHash, ExecutionPackage pkg, Bundle first) {
    if (identity.getVersion() != PlanIdentityContract.CONTRACT_VERSION) {
      problems.add(file + ": field version is " + identity.getVersion() + ", but a "
          + "plan_identity of contract version " + PlanIdentityContract.CONTRACT_VERSION
          + " records " + PlanIdentityContract.CONTRACT_VERSION);
    }
    String fingerprintFile = "fingerprint.json";
    if (fingerprint != null) {
      if (!identity.getPlanFingerprint().equals(fingerprintHash)) {
        problems.add(file + ": field plan_fingerprint is " + identity.getPlanFingerprint()
            + ", but " + fingerprintFile + " hashes to " + fingerprintHash);
      }
      same(file, "udf_snapshot_hash", identity.getUdfSnapshotHash(), fingerprintFile,
          "udf_snapshot_hash", fingerprint.getUdfSnapshotHash());
      same(file, "required_udfs", bag(identity.getRequiredUdfsList()), fingerprintFile,
          "required_udfs", bag(fingerprint.getRequiredUdfsList()));
      same(file, "required_rewrite_tags", bag(identity.getRequiredRewriteTagsList()),
          fingerprintFile, "required_rewrite_tags",
          bag(fingerprint.getRequiredRewriteTagsList()));
      same(file, "planning_env_hash", identity.getPlanningEnvHash(), fingerprintFile,
          "planning_env_hash", fingerprint.getPlanningEnvHash());
      same(file, "rulepack_hash", identity.getRulepackHash(), fingerprintFile, "rulepack_hash",
          fingerprint.getRulepackHash());
      same(file, "information_schema_hash", identity.getInformationSchemaHash(),
          fingerprintFile, "information_schema_hash", fingerprint.getInformationSchemaHash());
      same(file, "delta_inputs", identity.getDeltaInputsList(), fingerprintFile,
          "delta_inputs", fingerprint.getDeltaInputsList());
    }
    if (pkg != null) {
      same(file, "function_registry_hash", identity.getFunctionRegistryHash(),
          RunLayout.PACKAGE_JSON, "function_registry_hash", pkg.getFunctionRegistryHash());
      same(file, "profile_settings_hash", identity.getProfileSettingsHash(),
          RunLayout.PACKAGE_JSON, "policy_artifact_hash", pkg.getPolicyArtifactHash());
    }
    settings(file, identity, fingerprint);
    List<String> scanned = new ArrayList<>();
    for (String unit : identity.getScanUnitsList()) {
      int colon = unit.indexOf(':');
      scanned.add(colon <= 0 ? null : unit.substring(colon + 1));
    }
    List<String> read = identity.getDeltaInputsList().stream().map(DeltaInput::getDataset)
        .toList();
    if (scanned.contains(null)) {
      problems.add(file + ": field scan_units: expected FACTORY:TABLE for each table, got "
          + show(identity.getScanUnitsList()));
    } else if (!scanned.equals(read)) {
      problems.add(file + ": field scan_units names tables " + scanned + ", but its "
          + "delta_inputs read " + read);
    }
    if (first != null) {
      String other = RunLayout.bundleFile(first.folder(), RunLayout.IDENTITY);
      PlanIdentity reference = first.identity();
      same(file, "df_settings_entries", identity.getDfSettingsEntriesMap(), other,
          "df_settings_entries", reference.getDfSettingsEntriesMap());
      same(file, "domain_planner_names", identity.getDomainPlannerNamesList(), other,
          "domain_planner_names", reference.getDomainPlannerNamesList());
      same(file, "planning_surface_policy_version", identity.getPlanningSurfacePolicyVersion(),
          other, "planning_surface_policy_version", reference.getPlanningSurfacePolicyVersion());
      same(file, "planning_surface_policy_hash", identity.getPlanningSurfacePolicyHash(), other,
          "planning_surface_policy_hash", reference.getPlanningSurfacePolicyHash());
      same(file, "profile_context_key", identity.getProfileContextKey(), other,
          "profile_context_key", reference.getProfileContextKey());
    }
  }

  /**
   * The settings an identity records are a policy's effective settings, in their canonical text;
   * the profile settings hash is their hash and the fingerprint's settings hash that of their
   * planning-affecting part.
   */
  private void settings(String file, PlanIdentity identity, PlanFingerprint fingerprint) {
    SortedMap<String, String> recorded = new TreeMap<>(identity.getDfSettingsEntriesMap());
    // Every bundle of a run records the same settings: parsed once.
    Object parsed = policies.computeIfAbsent(recorded, settings -> {
      try {
        return CodeAnatomyPolicyContract.fromSettings(settings);
      } catch (IllegalArgumentException e) {
        return oneLine(e.getMessage());
      }
    });
    if (!(parsed instanceof CodeAnatomyPolicy policy)) {
      problems.add(file + ": field df_settings_entries: not the settings of a policy: "
          + parsed);
      return;
    }
    SortedMap<String, String> effective = policy.effectiveSettings();
    if (!effective.equals(recorded)) {
      String key = new TreeSet<>(union(effective.keySet(), recorded.keySet())).stream()
          .filter(k -> !Objects.equals(effective.get(k), recorded.get(k))).findFirst()
          .orElseThrow();
      problems.add(file + ": field df_settings_entries[" + key + "] is "
          + show(recorded.get(key)) + ", but the policy's setting text is "
          + show(effective.get(key)));
      return;
    }
    same(file, "profile_settings_hash", identity.getProfileSettingsHash(), "its",
        "df_settings_entries hash", policy.settingsHash());
    if (fingerprint != null) {
      same("fingerprint.json beside " + file, "settings_hash", fingerprint.getSettingsHash(),
          file, "planning-affecting df_settings_entries hash", policy.planningEnvironmentHash());
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** {@code plans.txt}: UTF-8 text with its three sections, in order. */
  private void plans(String file) {
    understood.add(file);
    byte[] bytes = bytes(file);
    if (bytes == null) {
      return;
    }
    String text;
    try {
      text = StrictJson.utf8(bytes);
    } catch (StrictJson.MalformedJsonException e) {
      problems.add(file + ": " + e.getMessage());
      return;
    }
    int optimized = text.indexOf(RunLayout.OPTIMIZED);
    int physical = text.indexOf(RunLayout.PHYSICAL);
    if (!text.startsWith(RunLayout.UNOPTIMIZED) || optimized < 0 || physical < optimized) {
      problems.add(file + ": expected the sections '-- unoptimized', '-- optimized' and "
          + "'-- physical', in this order");
    }
  }

  /** The policy: its fingerprint, the hashes it shares with the package, each view's plan. */
  private void policy(ExecutionPackage pkg, SortedMap<String, Bundle> bundles) {
    Decoded<CompiledExecutionPolicy> read = payload(RunLayout.POLICY, POLICIES);
    if (read == null) {
      return;
    }
    CompiledExecutionPolicy policy = read.value();
    String file = RunLayout.POLICY;
    String actual = CompiledExecutionPolicyContract.hash(policy);
    if (!actual.equals(policy.policyFingerprint())) {
      problems.add(file + ": field policy_fingerprint is " + policy.policyFingerprint()
          + ", but the policy hashes to " + actual);
    }
    if (pkg != null) {
      compare(file, "planning_env_hash", policy.planningEnvHash(), pkg.getPlanningEnvHash());
      compare(file, "rulepack_hash", policy.rulepackHash(), pkg.getRulepackHash());
      compare(file, "information_schema_hash", policy.informationSchemaHash(),
          pkg.getInformationSchemaHash());
      compare(file, "function_registry_hash", policy.functionRegistryHash(),
          pkg.getFunctionRegistryHash());
    }
    new TreeMap<>(policy.views()).forEach((name, view) -> {
      String field = "views[" + name + "]";
      Bundle bundle = bundles.get(name);
      if (pkg != null && !pkg.getPlanBundleFingerprintsMap().containsKey(name)) {
        problems.add(file + ": field " + field + " is the policy of a view the package does "
            + "not list");
      } else if (bundle != null && bundle.fingerprint() != null) {
        same(file, field + ".required_udfs", view.requiredUdfs(),
            RunLayout.bundleFile(bundle.folder(), RunLayout.FINGERPRINT), "required_udfs",
            bundle.fingerprint().getRequiredUdfsList());
      }
      InferenceConfidence expected = InferenceConfidences.of(view.joinStrategy());
      if (!expected.equals(view.confidence())) {
        problems.add(file + ": field " + field + ".confidence is " + view.confidence()
            + ", but " + view.joinStrategy().name().toLowerCase(java.util.Locale.ROOT)
            + " has the confidence " + expected);
      }
    });
    unchecked.add(file + " fields validation_mode, workload_class, views[*].cache_policy, "
        + "views[*].join_strategy: the policy compiler's choices");
  }

  private void compare(String file, String field, String policy, String pkg) {
    if (!policy.equals(pkg)) {
      problems.add(file + ": field " + field + " is " + show(policy) + ", but "
          + RunLayout.PACKAGE_JSON + " has " + show(pkg));
    }
  }

  /**
   * A calibration follows from its mode, cost ratio and starting thresholds; its cost ratio from
   * the run's metrics, when they are among the artifacts; and it enforced only if no cache of the
   * package reports that the estimates may be stale.
   */
  private void calibration(RunMetrics metrics, ExecutionPackage pkg) {
    if (!files.containsKey(RunLayout.CALIBRATION)) {
      return;
    }
    Decoded<CalibrationResult> read = payload(RunLayout.CALIBRATION, CALIBRATIONS);
    if (read == null) {
      return;
    }
    String file = RunLayout.CALIBRATION;
    CalibrationResult recorded = read.value();
    if (!read.unknownFields().isEmpty()) {
      unchecked.add(file + " fields " + String.join(", ", read.unknownFields().keySet())
          + ": not known to this build (kept, outside the hash)");
    }
    if (metrics == null) {
      unchecked.add(file + " field cost_ratio: the rows it compares are not among the "
          + "artifacts; what follows from it is checked");
    } else {
      double ratio;
      try {
        ratio = Calibration.costRatio(metrics);
      } catch (IllegalArgumentException e) {
        ratio = Double.NaN; // reported with the metrics
      }
      if (!Double.isNaN(ratio) && Double.compare(ratio, recorded.costRatio()) != 0) {
        problems.add(file + ": field cost_ratio is " + recorded.costRatio() + ", but the rows "
            + "of " + RunLayout.METRICS + " give " + ratio);
      }
    }
    if (pkg != null && recorded.mode() == io.codeanatomy.contracts.relspec.CalibrationMode.ENFORCE
        && Calibration.possiblyStale(pkg.getCacheDiagnostics())) {
      problems.add(file + ": field mode is enforce, but the cache diagnostics of "
          + RunLayout.PACKAGE_JSON + " say the estimates may be stale (plans dropped or a "
          + "possibly stale hit), and such a run only proposes");
    }
    if (!(recorded.costRatio() >= 0)) {
      problems.add(file + ": field cost_ratio is " + recorded.costRatio() + ", but a cost "
          + "ratio is not negative");
      return;
    }
    // What calibration computes from these inputs before it clamps: bounds that never bind.
    Bound open = new Bound(Long.MIN_VALUE, Long.MAX_VALUE);
    CalibrationResult computed = Calibration.calibrate(recorded.mode(), recorded.before(),
        new CalibrationBounds(open, open, open), recorded.costRatio(), 1.0);
    List<Long> proposed = values(recorded.proposed());
    List<Long> unclamped = values(computed.proposed());
    for (int i = 0; i < THRESHOLDS.size(); i++) {
      String threshold = THRESHOLDS.get(i);
      boolean clamped = recorded.clamped().contains(threshold);
      if (clamped && proposed.get(i).equals(unclamped.get(i))) {
        problems.add(file + ": field clamped names " + threshold + ", but proposed."
            + threshold + " is the unclamped value " + unclamped.get(i));
      } else if (clamped) {
        unchecked.add(file + " field proposed." + threshold + ": clamped to bounds the "
            + "artifact does not record");
      } else if (!proposed.get(i).equals(unclamped.get(i))) {
        problems.add(file + ": field proposed." + threshold + " is " + proposed.get(i)
            + ", but mode " + recorded.mode().name().toLowerCase(java.util.Locale.ROOT)
            + ", cost ratio " + recorded.costRatio() + " and before." + threshold + " "
            + values(recorded.before()).get(i) + " give " + unclamped.get(i));
      }
    }
    List<String> order = new ArrayList<>(THRESHOLDS);
    order.retainAll(recorded.clamped());
    if (!order.equals(recorded.clamped())) {
      problems.add(file + ": field clamped is " + recorded.clamped() + ", but it lists "
          + "thresholds once each, in the order " + THRESHOLDS);
    }
    CalibrationThresholds applied = switch (recorded.mode()) {
      case ENFORCE -> recorded.proposed();
      default -> recorded.before();
    };
    same(file, "applied", recorded.applied(), "the mode " + recorded.mode().name()
        .toLowerCase(java.util.Locale.ROOT) + " and", recorded.mode().name().equals("ENFORCE")
            ? "proposed" : "before", applied);
  }

  /** The run's metrics: each plan the package lists, under its fingerprint. */
  private RunMetrics metrics(ExecutionPackage pkg) {
    if (!files.containsKey(RunLayout.METRICS)) {
      return null;
    }
    Decoded<RunMetrics> read = payload(RunLayout.METRICS, METRICS);
    if (read == null) {
      return null;
    }
    String file = RunLayout.METRICS;
    RunMetrics metrics = read.value();
    if (pkg != null && !metrics.getPlansMap().keySet()
        .equals(pkg.getPlanBundleFingerprintsMap().keySet())) {
      problems.add(file + ": it has the plans " + new TreeSet<>(metrics.getPlansMap().keySet())
          + ", but " + RunLayout.PACKAGE_JSON + " lists "
          + new TreeSet<>(pkg.getPlanBundleFingerprintsMap().keySet()));
    }
    new TreeMap<>(metrics.getPlansMap()).forEach((name, plan) -> {
      String field = "plans[" + name + "]";
      if (pkg != null && pkg.getPlanBundleFingerprintsMap().containsKey(name)) {
        same(file, field + ".fingerprint", plan.getFingerprint(), RunLayout.PACKAGE_JSON,
            "plan_bundle_fingerprints[" + name + "]",
            pkg.getPlanBundleFingerprintsMap().get(name));
      }
      if (!(plan.getEstimatedRows() >= 0) || plan.getActualRows() < 0) {
        problems.add(file + ": field " + field + ": rows are not negative, got estimated "
            + plan.getEstimatedRows() + ", actual " + plan.getActualRows());
      }
      if (plan.getEstimateSource() == io.codeanatomy.contracts.relspec.EstimateSource
          .ESTIMATE_SOURCE_UNSPECIFIED) {
        problems.add(file + ": field " + field + ".estimate_source: expected planner or "
            + "observed, got none");
      }
    });
    unchecked.add(file + " fields plans[*].estimated_rows, actual_rows, input_rows: what the "
        + "run measured; the calibration's cost ratio is recomputed from them");
    return metrics;
  }

  /** The snapshots behind the package's hashes, as far as they could be read. */
  private record Snapshots(PlanningEnvironmentSnapshot environment, RulepackSnapshot rulepack,
      InformationSchemaSnapshot schema, FunctionRegistrySnapshot functions,
      FunctionRegistrySnapshot udfs, CapabilitySnapshot capability) {}

  /**
   * The snapshots: each hashes to the hash the package (and every fingerprint and identity)
   * records, and they agree with each other and with the plans: the planning environment with
   * the settings the identities record, the user-defined functions with the function registry
   * and with each plan's udf_snapshot_hash, the capability with the rulepack and the registry,
   * the information schema with the tables each Substrait plan reads.
   */
  private Snapshots snapshots(ExecutionPackage pkg, SortedMap<String, Bundle> bundles) {
    boolean any = files.keySet().stream()
        .anyMatch(f -> f.startsWith(RunLayout.SNAPSHOTS + "/"));
    if (!any) {
      if (!bundles.isEmpty()) {
        unchecked.add("planning_env_hash, rulepack_hash, information_schema_hash, "
            + "function_registry_hash, capability_snapshot_hash, udf_snapshot_hash: hashes of "
            + "session snapshots that are not among the artifacts; checked equal in every file "
            + "that carries them");
      }
      return null;
    }
    for (String file : files.keySet()) {
      if (file.startsWith(RunLayout.SNAPSHOTS + "/")
          && !RunLayout.SNAPSHOT_FILES.contains(file)) {
        understood.add(file);
        problems.add(file + ": not a snapshot a run writes (" + String.join(", ",
            RunLayout.SNAPSHOT_FILES) + ")");
      }
    }
    PlanningEnvironmentSnapshot environment =
        value(payload(RunLayout.PLANNING_ENVIRONMENT, PLANNING_ENVIRONMENTS));
    RulepackSnapshot rulepack = value(payload(RunLayout.RULEPACK, RULEPACKS));
    InformationSchemaSnapshot schema =
        value(payload(RunLayout.INFORMATION_SCHEMA, INFORMATION_SCHEMAS));
    FunctionRegistrySnapshot functions =
        value(payload(RunLayout.FUNCTION_REGISTRY, FUNCTION_REGISTRIES));
    FunctionRegistrySnapshot udfs = value(payload(RunLayout.UDFS, FUNCTION_REGISTRIES));
    CapabilitySnapshot capability = value(payload(RunLayout.CAPABILITY, CAPABILITIES));
    if (pkg != null) {
      hashes(RunLayout.PLANNING_ENVIRONMENT, environment == null ? null
          : PlanningEnvironmentSnapshotContract.hash(environment), "planning_env_hash",
          pkg.getPlanningEnvHash());
      hashes(RunLayout.RULEPACK, rulepack == null ? null
          : RulepackSnapshotContract.hash(rulepack), "rulepack_hash", pkg.getRulepackHash());
      hashes(RunLayout.INFORMATION_SCHEMA, schema == null ? null
          : InformationSchemaSnapshotContract.hash(schema), "information_schema_hash",
          pkg.getInformationSchemaHash());
      hashes(RunLayout.FUNCTION_REGISTRY, functions == null ? null
          : FunctionRegistrySnapshotContract.hash(functions), "function_registry_hash",
          pkg.getFunctionRegistryHash());
      hashes(RunLayout.CAPABILITY, capability == null ? null
          : CapabilitySnapshotContract.hash(capability), "capability_snapshot_hash",
          pkg.getCapabilitySnapshotHash());
    }
    Bundle reference = bundles.values().stream().filter(b -> b.identity() != null).findFirst()
        .orElse(null);
    if (environment != null && reference != null) {
      environment(environment, reference);
    }
    if (udfs != null) {
      udfs(udfs, functions, bundles);
    }
    if (capability != null) {
      capability(capability, environment, rulepack, functions);
    }
    if (schema != null) {
      informationSchema(schema, bundles);
    }
    return new Snapshots(environment, rulepack, schema, functions, udfs, capability);
  }

  private static <T> T value(Decoded<T> decoded) {
    return decoded == null ? null : decoded.value();
  }

  /** A snapshot hashes to what the package records. */
  private void hashes(String file, String actual, String field, String recorded) {
    if (actual != null && !actual.equals(recorded)) {
      problems.add(RunLayout.PACKAGE_JSON + ": field " + field + " is " + show(recorded)
          + ", but " + file + " hashes to " + actual);
    }
  }

  /**
   * The planning environment: its settings are the planning-affecting ones of the settings the
   * identities record, its explain controls their explain settings, its planning-surface policy
   * the one the identities name.
   */
  private void environment(PlanningEnvironmentSnapshot environment, Bundle reference) {
    String file = RunLayout.PLANNING_ENVIRONMENT;
    String identityFile = RunLayout.bundleFile(reference.folder(), RunLayout.IDENTITY);
    PlanIdentity identity = reference.identity();
    same(file, "planning_surface_policy_version",
        environment.getPlanningSurfacePolicyVersion(), identityFile,
        "planning_surface_policy_version", identity.getPlanningSurfacePolicyVersion());
    same(file, "planning_surface_policy_hash", environment.getPlanningSurfacePolicyHash(),
        identityFile, "planning_surface_policy_hash", identity.getPlanningSurfacePolicyHash());
    Object parsed = policies.get(new TreeMap<>(identity.getDfSettingsEntriesMap()));
    if (parsed instanceof CodeAnatomyPolicy policy) {
      same(file, "settings", new TreeMap<>(environment.getSettingsMap()), identityFile,
          "planning-affecting df_settings_entries", policy.planningEnvironmentSettings());
      SortedMap<String, String> explain = new TreeMap<>();
      policy.effectiveSettings().forEach((key, value) -> {
        if (key.startsWith("datafusion.explain.")) {
          explain.put(key, value);
        }
      });
      same(file, "explain_controls", new TreeMap<>(environment.getExplainControlsMap()),
          identityFile, "datafusion.explain.* df_settings_entries", explain);
    }
    unchecked.add(file + " fields engine_version, sql_policy: what the session was built with "
        + "(engine_version is checked against " + RunLayout.CAPABILITY + ")");
  }

  /**
   * The user-defined functions: each is in the function registry as it is here, and each plan
   * calls only these, with the udf_snapshot_hash of the ones it calls.
   */
  private void udfs(FunctionRegistrySnapshot udfs, FunctionRegistrySnapshot functions,
      SortedMap<String, Bundle> bundles) {
    String file = RunLayout.UDFS;
    Set<String> names = new TreeSet<>();
    for (FunctionInfo udf : udfs.getFunctionsList()) {
      names.add(udf.getName());
      if (functions != null && !functions.getFunctionsList().contains(udf)) {
        problems.add(file + ": function " + udf.getName() + " (" + udf.getSignature() + ") is "
            + "not in " + RunLayout.FUNCTION_REGISTRY + " as it is here");
      }
    }
    for (Bundle bundle : bundles.values()) {
      if (bundle.fingerprint() == null) {
        continue;
      }
      String fingerprintFile = RunLayout.bundleFile(bundle.folder(), RunLayout.FINGERPRINT);
      List<String> required = bundle.fingerprint().getRequiredUdfsList();
      List<String> unknown = required.stream().filter(n -> !names.contains(n)).toList();
      if (!unknown.isEmpty()) {
        problems.add(fingerprintFile + ": field required_udfs names " + unknown + ", which "
            + file + " does not list");
        continue;
      }
      same(fingerprintFile, "udf_snapshot_hash", bundle.fingerprint().getUdfSnapshotHash(),
          file, "hash of the required functions' entries",
          UserFunctions.snapshotHash(udfs, required));
    }
  }

  /**
   * The capability: the engine version the planning environment names, the functions of the
   * registry, and every installed rule, in its phase.
   */
  private void capability(CapabilitySnapshot capability, PlanningEnvironmentSnapshot environment,
      RulepackSnapshot rulepack, FunctionRegistrySnapshot functions) {
    String file = RunLayout.CAPABILITY;
    if (environment != null) {
      same(file, "engine_version", capability.getEngineVersion(),
          RunLayout.PLANNING_ENVIRONMENT, "engine_version", environment.getEngineVersion());
    }
    if (functions != null && !new HashSet<>(capability.getFunctionsList())
        .equals(new HashSet<>(functions.getFunctionsList()))) {
      problems.add(file + ": field functions differs from " + RunLayout.FUNCTION_REGISTRY
          + " (" + capability.getFunctionsCount() + " and " + functions.getFunctionsCount()
          + " functions)");
    }
    if (rulepack != null) {
      Map<String, String> phases = new HashMap<>();
      capability.getRulesList().forEach(r -> phases.put(r.getName(), r.getPhase()));
      Map<String, List<String>> installed = Map.of("analyzer", rulepack.getAnalyzerRulesList(),
          "logical", rulepack.getLogicalRulesList(), "physical", rulepack.getPhysicalRulesList());
      new TreeMap<>(installed).forEach((phase, rules) -> {
        for (String rule : rules) {
          if (!phase.equals(phases.get(rule))) {
            problems.add(RunLayout.RULEPACK + ": field " + phase + "_rules installs " + rule
                + ", but " + file + " has " + (phases.containsKey(rule)
                    ? "it as a " + phases.get(rule) + " rule" : "no such rule"));
          }
        }
      });
    }
    unchecked.add(file + " fields engine, features, rules not installed: what the engine can "
        + "do; the rulepack and the function registry are checked against it");
  }

  /** Every table a Substrait plan reads is in the information schema, with the same columns. */
  private void informationSchema(InformationSchemaSnapshot schema,
      SortedMap<String, Bundle> bundles) {
    Map<String, List<String>> columns = new HashMap<>();
    for (var table : schema.getTablesList()) {
      columns.put(table.getName(), table.getColumnsList().stream()
          .map(io.codeanatomy.contracts.relspec.ColumnInfo::getName).toList());
    }
    for (Bundle bundle : bundles.values()) {
      if (bundle.substrait() == null) {
        continue;
      }
      String substrait = RunLayout.bundleFile(bundle.folder(), RunLayout.SUBSTRAIT);
      bundle.substrait().tables().forEach((table, read) -> {
        List<String> known = columns.get(table);
        if (known == null) {
          problems.add(substrait + ": reads table " + table + ", which "
              + RunLayout.INFORMATION_SCHEMA + " does not list");
        } else if (!known.equals(read)) {
          problems.add(substrait + ": reads table " + table + " with the columns " + read
              + ", but " + RunLayout.INFORMATION_SCHEMA + " has " + known);
        }
      });
    }
  }

  /**
   * The per-rule deltas: of the rulepack the package names, of plans the run planned, and each
   * delta of a rule the rulepack installs in that phase.
   */
  private void ruleDeltas(ExecutionPackage pkg, SortedMap<String, Bundle> bundles,
      Snapshots snapshots) {
    if (!files.containsKey(RunLayout.RULE_DELTAS)) {
      return;
    }
    Decoded<RuleDeltaReport> read = payload(RunLayout.RULE_DELTAS, RULE_DELTAS);
    if (read == null) {
      return;
    }
    String file = RunLayout.RULE_DELTAS;
    RuleDeltaReport report = read.value();
    if (pkg != null) {
      same(file, "rulepack_hash", report.getRulepackHash(), RunLayout.PACKAGE_JSON,
          "rulepack_hash", pkg.getRulepackHash());
    }
    RulepackSnapshot rulepack = snapshots == null ? null : snapshots.rulepack();
    Map<String, List<String>> installed = rulepack == null ? null : Map.of(
        "analyzer", rulepack.getAnalyzerRulesList(), "logical", rulepack.getLogicalRulesList(),
        "physical", rulepack.getPhysicalRulesList());
    new TreeMap<>(report.getPlansMap()).forEach((plan, deltas) -> {
      if (!bundles.containsKey(plan)) {
        problems.add(file + ": field plans[" + plan + "] is not a plan of the run");
      }
      for (int i = 0; i < deltas.getDeltasCount(); i++) {
        PerRuleDelta delta = deltas.getDeltas(i);
        String field = "plans[" + plan + "].deltas[" + i + "]";
        if (installed != null && !installed.getOrDefault(delta.getPhase(), List.of())
            .contains(delta.getRuleName())) {
          problems.add(file + ": field " + field + " is of rule " + delta.getRuleName() + " ("
              + delta.getPhase() + "), which " + RunLayout.RULEPACK + " does not install in "
              + "that phase");
        }
      }
    });
    unchecked.add(file + " fields plans[*].deltas[*].changed, plan_after: what planning "
        + "reported; the rules are checked against " + RunLayout.RULEPACK);
  }

  private static List<Long> values(CalibrationThresholds thresholds) {
    return List.of(thresholds.highFanout(), thresholds.smallTableRows(),
        thresholds.largeTableRows());
  }

  /** The lineage names the planned views, their output columns, and columns of tables read. */
  private void lineage(ExecutionPackage pkg, SortedMap<String, Bundle> bundles) {
    if (!files.containsKey(RunLayout.LINEAGE)) {
      return;
    }
    String file = RunLayout.LINEAGE;
    understood.add(file);
    byte[] bytes = bytes(file);
    if (bytes == null) {
      return;
    }
    SortedMap<String, SortedMap<String, List<String>>> lineage;
    try {
      lineage = ColumnLineage.read(bytes);
    } catch (StrictJson.MalformedJsonException | ColumnLineage.LineageFormatException e) {
      problems.add(file + ": " + e.getMessage());
      return;
    }
    asWritten(file, bytes, () -> ColumnLineage.toJson(lineage));
    unchecked.add(file + ": which table columns each column derives from (the planner's "
        + "metadata); its views, columns and tables are checked against the Substrait plans");
    Set<String> planned = pkg != null ? pkg.getPlanBundleFingerprintsMap().keySet()
        : bundles.keySet();
    if (!lineage.keySet().equals(new TreeSet<>(planned))) {
      problems.add(file + ": it has the views " + lineage.keySet() + ", but the run planned "
          + new TreeSet<>(planned));
    }
    lineage.forEach((view, columns) -> {
      Bundle bundle = bundles.get(view);
      if (bundle == null || bundle.substrait() == null) {
        return;
      }
      SubstraitFacts plan = bundle.substrait();
      String substrait = RunLayout.bundleFile(bundle.folder(), RunLayout.SUBSTRAIT);
      if (!columns.keySet().equals(new TreeSet<>(plan.outputColumns()))) {
        problems.add(file + ": field " + view + " has the columns " + columns.keySet()
            + ", but " + substrait + " outputs " + new TreeSet<>(plan.outputColumns()));
      }
      columns.forEach((column, sources) -> {
        for (String source : sources) {
          int dot = source.lastIndexOf('.');
          List<String> tableColumns = plan.tables().get(source.substring(0, dot));
          if (tableColumns == null || !tableColumns.contains(source.substring(dot + 1))) {
            problems.add(file + ": field " + view + "." + column + " derives from " + source
                + ", which is not a column of a table " + substrait + " reads");
          }
        }
      });
    });
  }

  /** {@code engine.json}: three texts, as written; required beside results. */
  private void engine() {
    if (!files.containsKey(RunLayout.ENGINE) && (results == null
        || irregular.contains(RunLayout.ENGINE))) {
      return;
    }
    String file = RunLayout.ENGINE;
    understood.add(file);
    byte[] bytes = bytes(file);
    if (bytes == null) {
      return;
    }
    JsonNode node;
    try {
      node = StrictJson.parse(bytes);
    } catch (StrictJson.MalformedJsonException e) {
      problems.add(file + ": " + e.getMessage());
      return;
    }
    if (!node.isObject() || !fieldNames(node).equals(Set.of("name", "version", "master"))
        || !isText(node.get("name")) || !isText(node.get("version"))
        || !isText(node.get("master"))) {
      problems.add(file + ": expected an object of name, version and master, each text, got "
          + abbreviate(oneLine(node.toString())));
      return;
    }
    EngineProvenance engine = new EngineProvenance(node.get("name").textValue(),
        node.get("version").textValue(), node.get("master").textValue());
    asWritten(file, bytes, () -> RunArtifacts.engineJson(engine));
    unchecked.add(file + ": provenance (the engine that ran the plans and wrote the results), "
        + "outside every hash; covered by " + RunLayout.RUN + " only");
  }

  /**
   * The results: every file under {@code results/} recorded by a view, each view's files as
   * recorded (SHA-256 read in blocks: they may be large), and its row count, content hash and
   * columns recomputed from its rows. Every problem names the view.
   */
  private void results(ExecutionPackage pkg, SortedMap<String, Bundle> bundles) {
    SortedMap<String, String> viewsByFolder = new TreeMap<>();
    if (results != null) {
      results.forEach((view, recorded) -> viewsByFolder.put(recorded.path(), view));
    }
    for (String file : files.keySet()) {
      if (!file.startsWith(RunLayout.RESULTS + "/")) {
        continue;
      }
      understood.add(file);
      if (!manifestRead) {
        continue; // run.json's own problem covers it
      }
      String view = viewsByFolder.get(file.substring(0, file.lastIndexOf('/')));
      if (view == null) {
        problems.add(file + ": not listed in " + RunLayout.RUN);
      } else if (!results.get(view).files().containsKey(file)) {
        problems.add(where(view) + ": file " + file + " is not in " + RunLayout.RUN);
      }
    }
    if (results == null) {
      return;
    }
    results.forEach((view, recorded) -> {
      String where = where(view);
      if (pkg != null && !pkg.getPlanBundleFingerprintsMap().containsKey(view)) {
        problems.add(RunLayout.RUN + ": field results[" + view + "] holds the results of a "
            + "view the package does not list");
      }
      List<Path> parts = new ArrayList<>();
      boolean whole = true;
      for (Map.Entry<String, String> part : recorded.files().entrySet()) {
        String name = part.getKey();
        Path path = files.get(name);
        if (path == null) {
          whole = false;
          if (!irregular.contains(name)) {
            problems.add(where + ": file " + name + " is missing");
          }
          continue;
        }
        String actual;
        try {
          actual = RunResults.sha256(path);
        } catch (IOException e) {
          problems.add(where + ": file " + name + ": cannot read: " + RunWriter.reason(e));
          whole = false;
          continue;
        }
        if (!actual.equals(part.getValue())) {
          problems.add(where + ": file " + name + " was changed: its SHA-256 is " + actual
              + ", " + RunLayout.RUN + " recorded " + part.getValue());
        }
        parts.add(path);
      }
      if (!whole) {
        return; // the rows cannot be counted without every file
      }
      ContentHash.Summary summary;
      try {
        summary = ContentHash.of(parts);
      } catch (ResultException e) {
        // The reader names files by their full path; the run's files are named from its folder.
        problems.add(where + ": " + oneLine(e.getMessage()).replace(dir + File.separator, ""));
        return;
      }
      if (summary.rows() != recorded.rows()) {
        problems.add(where + ": its files hold " + summary.rows() + " rows, " + RunLayout.RUN
            + " recorded " + recorded.rows());
      }
      if (!summary.contentHash().equals(recorded.contentHash())) {
        problems.add(where + ": its rows hash to " + summary.contentHash() + ", "
            + RunLayout.RUN + " recorded content_hash " + recorded.contentHash());
      }
      Bundle bundle = bundles.get(view);
      if (bundle != null && bundle.substrait() != null
          && !summary.columns().equals(bundle.substrait().outputColumns())) {
        problems.add(where + ": its files have the columns " + summary.columns() + ", but "
            + RunLayout.bundleFile(bundle.folder(), RunLayout.SUBSTRAIT) + " outputs "
            + bundle.substrait().outputColumns());
      }
      unchecked.add(where + ": whether these are the rows its plan yields (the tables the plan "
          + "read are not among the artifacts); its files, row count, content hash and columns "
          + "are recomputed");
    });
  }

  /** How a problem names the results of a view: {@code results/NAME (view NAME)}. */
  private static String where(String view) {
    return RunLayout.resultFolder(view) + " (view " + view + ")";
  }

  // ---------------------------------------------------------------------------------------------

  /** A problem when two files disagree on a value they both record. */
  private void same(String file, String field, Object value, String other, String otherField,
      Object expected) {
    if (!Objects.equals(value, expected)) {
      problems.add(file + ": field " + field + " is " + show(value) + ", but " + other + " "
          + otherField + " is " + show(expected));
    }
  }

  private static List<String> bag(List<String> values) {
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted;
  }

  private static String show(Object value) {
    if (value == null) {
      return "absent";
    }
    String text = value instanceof String s && s.isEmpty() ? "empty" : String.valueOf(value);
    return abbreviate(oneLine(text));
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 180) + "... (" + text.length()
        + " characters)";
  }
}

package io.codeanatomy.runtime.artifacts;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.json.PrettyJson;
import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.PerRuleDelta;
import io.codeanatomy.contracts.relspec.PlanRuleDeltas;
import io.codeanatomy.contracts.relspec.RuleDeltaReport;
import io.codeanatomy.runtime.plan.Environment;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.rules.RuleDelta;
import io.codeanatomy.runtime.plan.SubstraitFacts;
import io.codeanatomy.runtime.results.EngineProvenance;
import io.codeanatomy.runtime.results.RunResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a run's artifacts to a folder ({@link RunLayout} lists them), with the results an
 * engine writes into the run first when there are any ({@link #stage}), and verifies them.
 *
 * <p>A run folder is written whole or not at all ({@link RunWriter}): an interrupted or failed
 * write leaves the previous run or nothing, never a mix. The package fingerprint is the root of
 * trust: it binds every plan fingerprint, which binds the Substrait bytes and the planning hashes.
 * {@code run.json} also covers what no hash binds (the plan texts), so that an edit anywhere is
 * found; {@link #check} recomputes every value the files determine and lists what they cannot.
 */
public final class RunArtifacts {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RunArtifacts() {}

  /** Writes the artifacts, replacing the run {@code dir} held before, if any. */
  public static void write(Path dir, List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg) throws IOException {
    write(dir, bundles, policy, pkg, Map.of());
  }

  /**
   * Writes the artifacts and {@code extras} (by relative name: {@code lineage.json},
   * {@code calibration.json}, files no reader of this build knows), replacing the run {@code dir}
   * held before, if any.
   *
   * @throws RunLocationException when {@code dir} cannot hold a run: a file, a device, a folder
   *     that holds files but no run, a place no folder can be made
   * @throws IOException when writing fails; {@code dir} then holds the previous run, or nothing
   * @throws IllegalArgumentException for two plans that would share a bundle folder, an extra
   *     whose name is not a plain relative name or is one the run itself writes, or a plan whose
   *     Substrait nests deeper than the readers read
   */
  public static void write(Path dir, List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Map<String, byte[]> extras) throws IOException {
    RunWriter.write(dir, files(bundles, policy, pkg, null, extras, null), RunWriter.DISK);
  }

  /**
   * Writes the artifacts with the snapshots behind the package's hashes (the session's
   * {@code environment}: {@code snapshots/}) and, when the bundles carry per-rule deltas,
   * {@code rule_deltas.json}; then {@code extras}, as
   * {@link #write(Path, List, CompiledExecutionPolicy, ExecutionPackage, Map)} does.
   */
  public static void write(Path dir, List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Environment environment, Map<String, byte[]> extras)
      throws IOException {
    RunWriter.write(dir, files(bundles, policy, pkg, environment, extras, null),
        RunWriter.DISK);
  }

  /**
   * Starts a run that writes results: checks {@code dir} and makes the hidden folder beside it
   * that an engine writes the output views' Parquet files into ({@link StagedRun#resultFolder})
   * before {@link StagedRun#commit} writes the artifacts and puts the run in place whole. Close it
   * (try-with-resources): an uncommitted run's folder is deleted, and {@code dir} is untouched.
   *
   * @throws RunLocationException when {@code dir} cannot hold a run
   * @throws IOException when the staging folder cannot be made
   */
  public static StagedRun stage(Path dir) throws IOException {
    return StagedRun.open(dir);
  }

  /** As {@link #write(Path, List, CompiledExecutionPolicy, ExecutionPackage, Map)}, to a test's output. */
  static void write(Path dir, List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Map<String, byte[]> extras, RunWriter.FileOutput output)
      throws IOException {
    RunWriter.write(dir, files(bundles, policy, pkg, null, extras, null), output);
  }

  /**
   * Whether a run can be written to {@code dir}, checked before any work: a new folder where one
   * can be made, an empty folder, or a folder that holds a run.
   *
   * @throws RunLocationException naming the folder and what is wrong with it
   */
  public static void checkLocation(Path dir) throws RunLocationException {
    RunWriter.checkLocation(dir);
  }

  /**
   * Every file of a run but its results, by relative name, with {@code run.json} last to be
   * computed; with the session's {@code environment} (null: none), the snapshots behind the
   * package's hashes and the per-rule deltas; with {@code results} (null: none),
   * {@code engine.json} and in {@code run.json} the results as they are.
   */
  static SortedMap<String, byte[]> files(List<PlanBundle> bundles,
      CompiledExecutionPolicy policy, ExecutionPackage pkg, Environment environment,
      Map<String, byte[]> extras, RunResults results) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (Map.Entry<String, byte[]> extra : new TreeMap<>(extras).entrySet()) {
      String name = extra.getKey();
      if (!name.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*") || name.equals(RunLayout.RUN)
          || name.startsWith(RunLayout.BUNDLES + "/") || name.startsWith(RunLayout.RESULTS + "/")
          || name.startsWith(RunLayout.SNAPSHOTS + "/")
          || name.matches("(.*/)?\\.{1,2}(/.*)?")
          || List.of(RunLayout.PACKAGE_JSON, RunLayout.PACKAGE_BINARY, RunLayout.POLICY,
              RunLayout.RULE_DELTAS, RunLayout.ENGINE, RunLayout.BUNDLES, RunLayout.RESULTS,
              RunLayout.SNAPSHOTS).contains(name)) {
        throw new IllegalArgumentException("an extra file of a run has a plain relative name "
            + "that the run does not write itself, not '" + name + "'");
      }
      files.put(name, extra.getValue().clone());
    }
    Map<String, String> folders = new TreeMap<>();
    for (PlanBundle bundle : bundles) {
      String folder = RunLayout.bundleFolder(bundle.name());
      String other = folders.put(folder, bundle.name());
      if (other != null) {
        throw new IllegalArgumentException("plans '" + other + "' and '" + bundle.name()
            + "' would share the bundle folder " + folder + ": name them apart");
      }
      requireReadable(bundle);
      files.put(RunLayout.bundleFile(folder, RunLayout.FINGERPRINT),
          utf8(RunVerifier.FINGERPRINTS.toJson(bundle.fingerprint())));
      files.put(RunLayout.bundleFile(folder, RunLayout.IDENTITY),
          utf8(RunVerifier.IDENTITIES.toJson(bundle.identity())));
      files.put(RunLayout.bundleFile(folder, RunLayout.SUBSTRAIT), bundle.substrait());
      files.put(RunLayout.bundleFile(folder, RunLayout.PLANS), utf8(RunLayout.UNOPTIMIZED
          + bundle.unoptimizedPlan() + RunLayout.OPTIMIZED + bundle.optimizedPlan()
          + RunLayout.PHYSICAL + bundle.physicalPlan()));
    }
    if (environment != null) {
      snapshots(environment, files);
      RuleDeltaReport deltas = ruleDeltas(bundles, environment.rulepackHash());
      if (!deltas.getPlansMap().isEmpty()) {
        files.put(RunLayout.RULE_DELTAS, utf8(RunVerifier.RULE_DELTAS.toJson(deltas)));
      }
    }
    files.put(RunLayout.POLICY, utf8(RunVerifier.POLICIES.toJson(policy)));
    files.put(RunLayout.PACKAGE_JSON, utf8(RunVerifier.PACKAGES.toJson(pkg)));
    files.put(RunLayout.PACKAGE_BINARY, RunVerifier.PACKAGES.toBinary(pkg));
    if (results != null) {
      files.put(RunLayout.ENGINE, engineJson(results.engine()));
    }
    SortedMap<String, String> hashes = new TreeMap<>();
    files.forEach((name, bytes) -> hashes.put(name, Sha256.hex(bytes)));
    files.put(RunLayout.RUN, runManifest(hashes, results == null ? null : results.views()));
    return files;
  }

  /** The snapshots behind the package's hashes, one payload each. */
  private static void snapshots(Environment environment, SortedMap<String, byte[]> files) {
    files.put(RunLayout.PLANNING_ENVIRONMENT, utf8(RunVerifier.PLANNING_ENVIRONMENTS.toJson(
        environment.planningEnvironment())));
    files.put(RunLayout.RULEPACK, utf8(RunVerifier.RULEPACKS.toJson(environment.rulepack())));
    files.put(RunLayout.INFORMATION_SCHEMA, utf8(RunVerifier.INFORMATION_SCHEMAS.toJson(
        environment.informationSchema())));
    files.put(RunLayout.FUNCTION_REGISTRY, utf8(RunVerifier.FUNCTION_REGISTRIES.toJson(
        environment.functionRegistry())));
    files.put(RunLayout.UDFS, utf8(RunVerifier.FUNCTION_REGISTRIES.toJson(environment.udfs())));
    files.put(RunLayout.CAPABILITY, utf8(RunVerifier.CAPABILITIES.toJson(
        environment.capability())));
  }

  /** The per-rule deltas of the bundles that carry them, by plan name. */
  static RuleDeltaReport ruleDeltas(List<PlanBundle> bundles, String rulepackHash) {
    RuleDeltaReport.Builder report = RuleDeltaReport.newBuilder().setRulepackHash(rulepackHash);
    for (PlanBundle bundle : bundles) {
      if (bundle.ruleDeltas().isEmpty()) {
        continue;
      }
      PlanRuleDeltas.Builder plan = PlanRuleDeltas.newBuilder();
      for (RuleDelta delta : bundle.ruleDeltas()) {
        plan.addDeltas(PerRuleDelta.newBuilder().setRuleName(delta.rule())
            .setPhase(delta.phase().text()).setChanged(delta.changed())
            .setPlanAfter(delta.planAfter()));
      }
      report.putPlans(bundle.name(), plan.build());
    }
    return report.build();
  }

  /** A plan is written only when its Substrait reads back: verify reads what was written. */
  private static void requireReadable(PlanBundle bundle) {
    try {
      SubstraitFacts.read(bundle.substrait());
    } catch (SubstraitFacts.NotAPlanException e) {
      throw new IllegalArgumentException("plan '" + bundle.name() + "': its Substrait does not "
          + "read back as the readers read it: " + e.getMessage(), e);
    }
  }

  /**
   * {@code run.json}: the format and the SHA-256 of every other file, sorted by name; with
   * results ({@code views} not null), by view name each view's folder, row count, content hash
   * and the SHA-256 of each of its files.
   */
  static byte[] runManifest(SortedMap<String, String> hashes,
      SortedMap<String, RunResults.View> views) {
    ObjectNode run = JSON.createObjectNode();
    run.put("format", RunLayout.FORMAT);
    ObjectNode files = run.putObject("files");
    hashes.forEach(files::put);
    if (views != null) {
      ObjectNode results = run.putObject("results");
      views.forEach((name, view) -> {
        ObjectNode node = results.putObject(name);
        node.put("path", view.path());
        node.put("rows", view.rows());
        node.put("content_hash", view.contentHash());
        ObjectNode parts = node.putObject("files");
        view.files().forEach(parts::put);
      });
    }
    return pretty(run);
  }

  /**
   * {@code engine.json}: the engine that ran the plans and wrote the results. Provenance in a file
   * of its own, which {@code run.json} lists: nothing recomputes it, so only its hash in
   * {@code run.json} finds an edit.
   */
  static byte[] engineJson(EngineProvenance engine) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", engine.name());
    node.put("version", engine.version());
    node.put("master", engine.master());
    return pretty(node);
  }

  /** JSON as the run's own files are written: two-space indents, "key": value, a final newline. */
  private static byte[] pretty(ObjectNode node) {
    return PrettyJson.utf8(node);
  }


  /** The bundle folder of a plan ({@link RunLayout#bundleFolder}). */
  public static String safeName(String name) {
    return RunLayout.bundleFolder(name);
  }

  /**
   * Verifies a run folder: every artifact read with the strict readers and required to be as
   * written, and every value the artifacts determine recomputed.
   *
   * @return the problems and what could not be checked
   * @throws IOException when the folder itself cannot be listed
   */
  public static Verification check(Path dir) throws IOException {
    return RunVerifier.check(dir);
  }

  /**
   * The problems {@link #check} finds, each naming the file and the field; empty when every
   * value that can be recomputed matches.
   *
   * @throws UncheckedIOException when the folder cannot be read at all
   */
  public static List<String> verify(Path dir) {
    try {
      return check(dir).problems();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

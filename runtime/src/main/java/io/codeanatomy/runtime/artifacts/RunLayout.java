package io.codeanatomy.runtime.artifacts;

/**
 * The files of a run folder, by name: what {@link RunArtifacts#write} writes and what
 * {@link RunArtifacts#check} reads.
 *
 * <pre>
 * bundles/NAME/fingerprint.json   plan_fingerprint payload
 * bundles/NAME/identity.json      plan_identity payload
 * bundles/NAME/substrait.binpb    the plan's Substrait bytes
 * bundles/NAME/plans.txt          the unoptimized, optimized and physical plans
 * policy.json                     compiled_execution_policy payload
 * package.json, package.binpb     execution_package payload, JSON and binary
 * calibration.json                calibration_result payload (when the run calibrated)
 * metrics.json                    run_metrics payload: each plan's estimated and actual rows
 * lineage.json                    each view's columns and the table columns they come from
 * rule_deltas.json                rule_delta_report payload (when the session records them)
 * snapshots/planning_environment.json, rulepack.json, information_schema.json,
 *   function_registry.json, udfs.json, capability.json
 *                                 the snapshots behind the package's hashes
 * results/NAME/*.parquet          an output view's rows (when the run wrote results)
 * engine.json                     the engine that wrote them: name, version, master
 * run.json                        SHA-256 of every other file; for results, each view's row
 *                                 count, content hash and the SHA-256 of each of its files
 * </pre>
 */
public final class RunLayout {

  /** The format of {@code run.json}. */
  public static final String FORMAT = "codeanatomy-run/1";

  public static final String RUN = "run.json";
  public static final String PACKAGE_JSON = "package.json";
  public static final String PACKAGE_BINARY = "package.binpb";
  public static final String POLICY = "policy.json";
  public static final String CALIBRATION = "calibration.json";
  public static final String LINEAGE = "lineage.json";
  public static final String METRICS = "metrics.json";
  public static final String RULE_DELTAS = "rule_deltas.json";

  /** Where the snapshots behind the package's hashes are. */
  public static final String SNAPSHOTS = "snapshots";

  public static final String PLANNING_ENVIRONMENT = SNAPSHOTS + "/planning_environment.json";
  public static final String RULEPACK = SNAPSHOTS + "/rulepack.json";
  public static final String INFORMATION_SCHEMA = SNAPSHOTS + "/information_schema.json";
  public static final String FUNCTION_REGISTRY = SNAPSHOTS + "/function_registry.json";
  /** The session's user-defined functions, as a function registry of them alone. */
  public static final String UDFS = SNAPSHOTS + "/udfs.json";
  public static final String CAPABILITY = SNAPSHOTS + "/capability.json";

  /** Every snapshot file, in the order they are checked. */
  public static final java.util.List<String> SNAPSHOT_FILES = java.util.List.of(
      PLANNING_ENVIRONMENT, RULEPACK, INFORMATION_SCHEMA, FUNCTION_REGISTRY, UDFS, CAPABILITY);

  /** The engine that ran the plans and wrote the results (provenance). */
  public static final String ENGINE = "engine.json";

  /** Where the bundles' folders are. */
  public static final String BUNDLES = "bundles";

  public static final String FINGERPRINT = "fingerprint.json";
  public static final String IDENTITY = "identity.json";
  public static final String SUBSTRAIT = "substrait.binpb";
  public static final String PLANS = "plans.txt";

  /** Where the output views' result folders are. */
  public static final String RESULTS = "results";

  /** The sections of {@code plans.txt}, in order. */
  static final String UNOPTIMIZED = "-- unoptimized\n";
  static final String OPTIMIZED = "\n-- optimized\n";
  static final String PHYSICAL = "\n-- physical\n";

  private RunLayout() {}

  /**
   * The folder of a plan: its name with anything but letters, digits, '.', '_' and '-' replaced
   * by '_', and '_' put before a name of dots only ({@code ..} would name the parent folder).
   */
  public static String bundleFolder(String planName) {
    String folder = planName.replaceAll("[^A-Za-z0-9._-]", "_");
    return folder.chars().allMatch(c -> c == '.') ? "_" + folder : folder;
  }

  /** {@code results/NAME}: the folder of a view's results, NAME as in {@link #bundleFolder}. */
  public static String resultFolder(String viewName) {
    return RESULTS + "/" + bundleFolder(viewName);
  }

  /** {@code bundles/NAME/FILE}. */
  public static String bundleFile(String folder, String file) {
    return BUNDLES + "/" + folder + "/" + file;
  }
}

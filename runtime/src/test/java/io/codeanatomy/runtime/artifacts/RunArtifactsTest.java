package io.codeanatomy.runtime.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.relspec.CalibrationBounds;
import io.codeanatomy.contracts.relspec.CalibrationMode;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.runtime.cli.CodeAnatomyCli;
import io.codeanatomy.runtime.payload.RecordPayloads;
import io.codeanatomy.runtime.plan.Environment;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.relspec.Calibration;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunArtifactsTest {

  @TempDir
  Path temp;

  private static PlanningSession session;
  private static PlanBundle bundle;

  @BeforeAll
  static void plan() {
    session = Sessions.tpch("default");
    bundle = session.plan("orders by key", "select o_orderkey from orders");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  /** The run's parts: one bundle, the policy, the package (sealed at a fixed time). */
  private static CompiledExecutionPolicy policy() {
    Environment env = session.environment();
    CompiledExecutionPolicy unsealed = new CompiledExecutionPolicy(ValidationMode.WARN,
        "batch", Map.of(), env.planningEnvironmentHash(), env.rulepackHash(),
        env.informationSchemaHash(), env.functionRegistryHash(), "");
    return new CompiledExecutionPolicy(ValidationMode.WARN, "batch", Map.of(),
        unsealed.planningEnvHash(), unsealed.rulepackHash(), unsealed.informationSchemaHash(),
        unsealed.functionRegistryHash(), CompiledExecutionPolicyContract.hash(unsealed));
  }

  private static ExecutionPackage pkg() {
    return session.executionPackage(List.of(bundle), "", 7L);
  }

  /** Lineage and calibration as a pipeline writes them. */
  private static Map<String, byte[]> extras() {
    CalibrationResult calibration = Calibration.calibrate(CalibrationMode.ENFORCE,
        CalibrationThresholds.DEFAULTS, CalibrationBounds.DEFAULTS, 50, 10);
    return Map.of(
        RunLayout.LINEAGE, ColumnLineage.toJson(Map.of("orders by key",
            Map.of("O_ORDERKEY", List.of("ORDERS.O_ORDERKEY")))),
        RunLayout.CALIBRATION, RecordPayloads.of(CalibrationResult.class).toJson(calibration)
            .getBytes(StandardCharsets.UTF_8));
  }

  private Path writeRun() throws IOException {
    Path dir = temp.resolve("run");
    RunArtifacts.write(dir, List.of(bundle), policy(), pkg(), extras());
    return dir;
  }

  private static String[] cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CodeAnatomyCli.run(new PrintStream(out), new PrintStream(err), args);
    return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  /** Every file of a run folder, by relative name. */
  private static SortedMap<String, byte[]> snapshot(Path dir) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return files;
  }

  /**
   * Edits a file as someone who also knows to recompute run.json would: only what the files
   * themselves determine can then find the edit.
   */
  static void editRecomputingRunJson(Path dir, String file, String from, String to)
      throws IOException {
    Path path = dir.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    assertTrue(text.contains(from), file + " contains " + from + ":\n" + text);
    Files.writeString(path, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)),
        StandardCharsets.UTF_8);
    recomputeRunJson(dir);
  }

  static void recomputeRunJson(Path dir) throws IOException {
    SortedMap<String, String> hashes = new TreeMap<>();
    snapshot(dir).forEach((name, bytes) -> {
      if (!name.equals(RunLayout.RUN)) {
        hashes.put(name, Sha256.hex(bytes));
      }
    });
    Files.write(dir.resolve(RunLayout.RUN), RunArtifacts.runManifest(hashes));
  }

  @Test
  void intactArtifactsVerifyAndWhatTheyCannotConfirmIsListed() throws Exception {
    Path dir = writeRun();
    assertTrue(Files.isRegularFile(dir.resolve("bundles/orders_by_key/substrait.binpb")));
    Verification verification = RunArtifacts.check(dir);
    assertEquals(List.of(), verification.problems());
    assertTrue(verification.unchecked().stream().anyMatch(u -> u.startsWith(
        "package.json field manifest_hash")), verification.unchecked().toString());
    assertTrue(verification.unchecked().stream().anyMatch(u -> u.startsWith(
        "calibration.json field cost_ratio")), verification.unchecked().toString());
    String[] result = cli("verify", dir.toString());
    assertEquals("0", result[0], result[1] + result[2]);
    List<String> lines = result[1].lines().toList();
    assertTrue(lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.startsWith(
        "unchecked: ")), result[1]);
    assertEquals("intact: every value the artifacts determine matches; "
        + verification.unchecked().size() + " unchecked", lines.get(lines.size() - 1));
  }

  @Test
  void anEditedPackageIsFoundByField() throws Exception {
    Path dir = writeRun();
    Path pkg = dir.resolve("package.json");
    String text = Files.readString(pkg);
    Files.writeString(pkg, text.replace("\"information_schema_hash\": \"",
        "\"information_schema_hash\": \"f"));
    List<String> problems = RunArtifacts.verify(dir);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("package.json: ")
        && p.contains("information_schema_hash")), problems.toString());
    String[] result = cli("verify", dir.toString());
    assertEquals("1", result[0]);
    assertTrue(result[1].contains("information_schema_hash"), result[1]);
  }

  @Test
  void aMissingBundleOrFileIsNamed() throws Exception {
    Path dir = writeRun();
    Files.delete(dir.resolve("bundles/orders_by_key/identity.json"));
    Files.delete(dir.resolve("package.binpb"));
    List<String> problems = RunArtifacts.verify(dir);
    assertTrue(problems.contains("bundles/orders_by_key/identity.json: missing"),
        problems.toString());
    assertTrue(problems.contains("package.binpb: missing"), problems.toString());
    assertTrue(problems.contains("run.json: lists package.binpb, which is missing"),
        problems.toString());
  }

  @Test
  void verifyOfSomethingThatIsNoRunIsAUsageError() throws Exception {
    String[] result = cli("verify", temp.resolve("nothing").toString());
    assertEquals("2", result[0]);
    assertTrue(result[2].contains("is not a folder of run artifacts"), result[2]);
    Files.createDirectories(temp.resolve("empty"));
    String[] empty = cli("verify", temp.resolve("empty").toString());
    assertEquals("2", empty[0]);
    assertTrue(empty[2].contains("holds no run"), empty[2]);
  }

  /**
   * The edits of issue 14: with run.json recomputed, each passed as "verified" because only the
   * plan fingerprint of identity.json was checked and calibration and lineage were never read.
   */
  @Test
  void editsWithRunJsonRecomputedAreFoundByTheValuesTheFilesDetermine() throws Exception {
    Path dir = writeRun();
    SortedMap<String, byte[]> original = snapshot(dir);
    String identity = "bundles/orders_by_key/identity.json";
    String fingerprint = "bundles/orders_by_key/fingerprint.json";
    String other = "ab".repeat(32);
    List<String[]> edits = List.of(
        new String[] {identity, "\"udf_snapshot_hash\": \"\"",
            "\"udf_snapshot_hash\": \"" + other + "\"", "udf_snapshot_hash"},
        new String[] {identity, "\"function_registry_hash\": \""
            + bundle.identity().getFunctionRegistryHash(), "\"function_registry_hash\": \""
            + other, "function_registry_hash"},
        new String[] {identity, "\"required_udfs\": [ ]", "\"required_udfs\": [ \"span\" ]",
            "required_udfs"},
        new String[] {identity, "\"datafusion.execution.target_partitions\": \"8\"",
            "\"datafusion.execution.target_partitions\": \"9\"", "profile_settings_hash"},
        new String[] {identity, "\"datafusion.execution.target_partitions\": \"8\"",
            "\"datafusion.execution.target_partitions\": \"08\"", "df_settings_entries"},
        new String[] {identity, "\"version\": \"1\"", "\"version\": \"2\"", "delta_inputs"},
        new String[] {identity, "\"memory:ORDERS\"", "\"memory:LINEITEM\"", "scan_units"},
        new String[] {identity, "\"payload\": {\n    \"version\": 5",
            "\"payload\": {\n    \"version\": 4", "field version"},
        new String[] {identity, "\"planning_env_hash\": \""
            + bundle.identity().getPlanningEnvHash(), "\"planning_env_hash\": \"" + other,
            "planning_env_hash"},
        new String[] {fingerprint, "\"version\": \"1\"", "\"version\": \"3\"",
            "plan_fingerprint"},
        new String[] {"policy.json", "\"workload_class\": \"batch\"",
            "\"workload_class\": \"interactive\"", "policy_fingerprint"},
        new String[] {"calibration.json", "\"high_fanout\": 4", "\"high_fanout\": 5",
            "proposed.high_fanout"},
        new String[] {"calibration.json", "\"mode\": \"enforce\"", "\"mode\": \"warn\"",
            "field applied"},
        new String[] {"calibration.json", "\"cost_ratio\": 5.0", "\"cost_ratio\": 6.0",
            "proposed."},
        new String[] {"lineage.json", "\"ORDERS.O_ORDERKEY\"", "\"ORDERS.O_COMMENT_X\"",
            "not a column of a table"},
        new String[] {"lineage.json", "\"O_ORDERKEY\"", "\"O_KEY\"", "outputs"},
        new String[] {"lineage.json", "\"orders by key\"", "\"orders\"", "views"},
        new String[] {"package.json", "\"created_at_unix_ms\": \"7\"",
            "\"created_at_unix_ms\": \"8\"", "package.binpb: field created_at_unix_ms"},
        new String[] {"package.json", "\"manifest_hash\": \"\"", "\"manifest_hash\":\"\"",
            "not as the writer writes it"});
    for (String[] edit : edits) {
      editRecomputingRunJson(dir, edit[0], edit[1], edit[2]);
      List<String> problems = RunArtifacts.verify(dir);
      assertTrue(problems.stream().anyMatch(p -> p.contains(edit[3])),
          "editing " + edit[0] + " (" + edit[1] + " -> " + edit[2] + ") is found, naming "
              + edit[3] + ": " + problems);
      Files.write(dir.resolve(edit[0]), original.get(edit[0]));
      recomputeRunJson(dir);
      assertEquals(List.of(), RunArtifacts.verify(dir), "restored " + edit[0]);
    }
  }

  @Test
  void filesTheRunDidNotWriteAreNamed() throws Exception {
    Path dir = writeRun();
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Files.createSymbolicLink(dir.resolve("bundles/orders_by_key/link.json"),
        dir.resolve("package.json"));
    List<String> problems = RunArtifacts.verify(dir);
    assertTrue(problems.contains("notes.txt: not listed in run.json"), problems.toString());
    assertTrue(problems.contains("bundles/orders_by_key/link.json: a symbolic link; a run holds "
        + "regular files only"), problems.toString());
  }

  @Test
  void aFailedWriteLeavesThePreviousRunWholeAndNothingBeside() throws Exception {
    Path dir = writeRun();
    SortedMap<String, byte[]> before = snapshot(dir);
    PlanBundle another = session.plan("customers", "select c_name from customer");
    AtomicInteger written = new AtomicInteger();
    RunWriter.FileOutput failing = (file, bytes) -> {
      if (written.incrementAndGet() == 5) {
        throw new IOException("No space left on device");
      }
      RunWriter.DISK.write(file, bytes);
    };
    IOException e = assertThrows(IOException.class, () -> RunArtifacts.write(dir,
        List.of(bundle, another), policy(), session.executionPackage(List.of(bundle, another),
            "", 8L), Map.of(), failing));
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertEquals(5, written.get());
    SortedMap<String, byte[]> after = snapshot(dir);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    assertEquals(List.of(), RunArtifacts.verify(dir));
    try (Stream<Path> siblings = Files.list(temp)) {
      assertEquals(List.of(dir), siblings.toList(), "nothing left beside the run");
    }
    // A first run that fails leaves nothing at all.
    Path fresh = temp.resolve("fresh");
    written.set(0);
    assertThrows(IOException.class, () -> RunArtifacts.write(fresh, List.of(bundle), policy(),
        pkg(), Map.of(), failing));
    assertFalse(Files.exists(fresh));
  }

  @Test
  void aRunReplacesThePreviousOneWholeNeverMixingThem() throws Exception {
    Path dir = writeRun();
    PlanBundle another = session.plan("customers", "select c_name from customer");
    RunArtifacts.write(dir, List.of(another), policy(),
        session.executionPackage(List.of(another), "", 9L));
    assertFalse(Files.exists(dir.resolve("bundles/orders_by_key")), "the old bundle is gone");
    assertFalse(Files.exists(dir.resolve(RunLayout.LINEAGE)), "the old lineage is gone");
    assertEquals(List.of(), RunArtifacts.verify(dir));
    Path reference = Files.createDirectory(temp.resolve("reference"));
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(dir),
        "a run folder is made as any folder is, not as a private temporary one");
  }

  @Test
  void placesNoRunCanBeWrittenToAreRefusedNamingThem() throws Exception {
    Path file = Files.writeString(temp.resolve("a-file"), "x");
    Path busy = Files.createDirectories(temp.resolve("my-documents"));
    Files.writeString(busy.resolve("thesis.txt"), "do not replace me");
    List<String[]> refused = new ArrayList<>(List.of(
        new String[] {"", "empty text"},
        new String[] {file.toString(), "is a file"},
        new String[] {"/dev/null", "not a folder (a device"},
        new String[] {"/proc/x", "cannot write in /proc"},
        new String[] {busy.toString(), "holds files but no run"},
        new String[] {"/", "root of the file system"}));
    Path readOnly = Files.createDirectories(temp.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    boolean enforced = !Files.isWritable(readOnly) || !canMakeFolderIn(readOnly);
    if (enforced) {
      // Not as root: root writes in a read-only folder, and then a run may go there.
      refused.add(new String[] {readOnly.resolve("run").toString(), "cannot write in"});
    }
    for (String[] place : refused) {
      RunLocationException e = assertThrows(RunLocationException.class,
          () -> RunArtifacts.write(Path.of(place[0]), List.of(bundle), policy(), pkg()),
          place[0]);
      assertTrue(e.getMessage().contains(place[1]), place[0] + ": " + e.getMessage());
    }
    assertEquals("do not replace me", Files.readString(busy.resolve("thesis.txt")));
    if (!enforced) {
      RunArtifacts.write(readOnly.resolve("run"), List.of(bundle), policy(), pkg());
      assertEquals(List.of(), RunArtifacts.verify(readOnly.resolve("run")));
    }
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static boolean canMakeFolderIn(Path folder) {
    try {
      Files.delete(Files.createTempDirectory(folder, "probe"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void twoPlansThatWouldShareAFolderAreRefused() {
    PlanBundle dotted = session.plan("..", "select o_orderkey from orders");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunArtifacts.write(temp.resolve("run"), List.of(bundle, dotted,
            session.plan("orders_by_key", "select o_orderkey from orders")), policy(), pkg()));
    assertTrue(e.getMessage().contains("would share the bundle folder orders_by_key"),
        e.getMessage());
    assertEquals("_..", RunLayout.bundleFolder(".."));
  }
}

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
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.cli.CodeAnatomyCli;
import io.codeanatomy.runtime.payload.RecordPayloads;
import io.codeanatomy.runtime.plan.Environment;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.relspec.Calibration;
import io.codeanatomy.runtime.results.EngineProvenance;
import io.codeanatomy.runtime.results.ParquetResults;
import io.codeanatomy.runtime.results.RunResults;
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
import org.apache.calcite.sql.type.SqlTypeName;
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
    Files.write(dir.resolve(RunLayout.RUN), RunArtifacts.runManifest(hashes, null));
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

  // ---------------------------------------------------------------------------------------------
  // results

  private static final EngineProvenance ENGINE =
      new EngineProvenance("embedded", "calcite-test", "in-process");

  /** The result folder of the one bundle, and how problems name it. */
  private static final String RESULT = "results/orders_by_key";
  private static final String WHERE = RESULT + " (view orders by key)";

  /** The bundle's output columns, as an engine writes them. */
  private static List<Column> resultColumns() {
    return TableSchema.of(bundle.name(), bundle.executable().getRowType()).columns();
  }

  private static List<List<Object>> keys(int count) {
    List<List<Object>> rows = new ArrayList<>();
    for (int key = 1; key <= count; key++) {
      rows.add(List.of(key));
    }
    return rows;
  }

  /** A run whose one view's {@code rows} rows an engine wrote into it before the commit. */
  private Path writeRunWithResults(Path dir, int rows) throws IOException {
    try (StagedRun run = RunArtifacts.stage(dir)) {
      Path folder = run.resultFolder(bundle.name());
      assertFalse(folder.toAbsolutePath().startsWith(dir.toAbsolutePath()),
          "results are written into the staging folder, not the run folder");
      ParquetResults.write(folder, resultColumns(), keys(rows));
      assertEquals(rows, run.result(bundle.name()).rows());
      run.commit(List.of(bundle), policy(), pkg(), extras(), ENGINE);
    }
    return dir;
  }

  /**
   * run.json recomputed by someone who knows how, results included: only what the files
   * themselves determine can then find an edit.
   */
  private static void recomputeRunJsonWithResults(Path dir) throws IOException {
    SortedMap<String, String> hashes = new TreeMap<>();
    snapshot(dir).forEach((name, bytes) -> {
      if (!name.equals(RunLayout.RUN) && !name.startsWith(RunLayout.RESULTS + "/")) {
        hashes.put(name, Sha256.hex(bytes));
      }
    });
    Files.write(dir.resolve(RunLayout.RUN), RunArtifacts.runManifest(hashes,
        new TreeMap<>(Map.of(bundle.name(), RunResults.summarize(dir, RESULT)))));
  }

  @Test
  void resultsAreWrittenInsideTheRunRecordedAndVerified() throws Exception {
    Path dir = writeRunWithResults(temp.resolve("run"), 3);
    String part = RESULT + "/" + ParquetResults.PART;
    assertTrue(Files.isRegularFile(dir.resolve(part)));
    String runJson = Files.readString(dir.resolve(RunLayout.RUN));
    assertEquals("{\n  \"name\": \"embedded\",\n  \"version\": \"calcite-test\",\n  "
        + "\"master\": \"in-process\"\n}\n", Files.readString(dir.resolve(RunLayout.ENGINE)));
    assertTrue(runJson.contains("\"engine.json\": \""), runJson);
    assertTrue(runJson.contains("\"path\": \"" + RESULT + "\",\n      \"rows\": 3,"), runJson);
    assertTrue(runJson.contains("\"" + part + "\": \"" + RunResults.sha256(dir.resolve(part))
        + "\""), runJson);
    Verification verification = RunArtifacts.check(dir);
    assertEquals(List.of(), verification.problems());
    assertTrue(verification.unchecked().contains("engine.json: provenance (the engine that ran "
        + "the plans and wrote the results), outside every hash; covered by run.json only"),
        verification.unchecked().toString());
    assertTrue(verification.unchecked().stream().anyMatch(u -> u.startsWith(WHERE
        + ": whether these are the rows its plan yields")), verification.unchecked().toString());
    assertFalse(verification.unchecked().stream().anyMatch(u -> u.contains("no reader")),
        verification.unchecked().toString());
    String[] result = cli("verify", dir.toString());
    assertEquals("0", result[0], result[1] + result[2]);
    try (Stream<Path> siblings = Files.list(temp)) {
      assertEquals(List.of(dir), siblings.toList(), "nothing left beside the run");
    }
  }

  @Test
  void anEditedOrRemovedResultIsNamedByItsView() throws Exception {
    Path dir = writeRunWithResults(temp.resolve("run"), 3);
    Path part = dir.resolve(RESULT).resolve(ParquetResults.PART);
    byte[] original = Files.readAllBytes(part);
    byte[] runJson = Files.readAllBytes(dir.resolve(RunLayout.RUN));

    byte[] flipped = original.clone();
    flipped[flipped.length / 2] ^= 1;
    Files.write(part, flipped);
    List<String> problems = RunArtifacts.verify(dir);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(WHERE + ": file " + RESULT + "/"
        + ParquetResults.PART + " was changed: its SHA-256 is ")), problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.startsWith(WHERE + ": ")), problems.toString());
    String[] cli = cli("verify", dir.toString());
    assertEquals("1", cli[0]);
    assertTrue(cli[1].contains("(view orders by key)"), cli[1]);

    // Other rows, in a file that is Parquet again: its digest, row count and content hash.
    Files.delete(part);
    Files.delete(part.getParent());
    ParquetResults.write(part.getParent(), resultColumns(), keys(2));
    problems = RunArtifacts.verify(dir);
    assertTrue(problems.contains(WHERE + ": its files hold 2 rows, run.json recorded 3"),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(WHERE + ": its rows hash to ")
        && p.contains("recorded content_hash")), problems.toString());
    Files.write(part, original);

    Files.delete(part);
    problems = RunArtifacts.verify(dir);
    assertEquals(List.of(WHERE + ": file " + RESULT + "/" + ParquetResults.PART
        + " is missing"), problems);
    Files.write(part, original);
    assertEquals(List.of(), RunArtifacts.verify(dir));

    // Files nobody recorded: beside the view's part, and in a folder of no view.
    Files.write(part.resolveSibling("part-00001.parquet"), original);
    Files.createDirectories(dir.resolve("results/other"));
    Files.write(dir.resolve("results/other/part-00000.parquet"), original);
    problems = RunArtifacts.verify(dir);
    assertTrue(problems.contains(WHERE + ": file " + RESULT + "/part-00001.parquet is not in "
        + "run.json"), problems.toString());
    assertTrue(problems.contains("results/other/part-00000.parquet: not listed in run.json"),
        problems.toString());
    Files.delete(part.resolveSibling("part-00001.parquet"));
    Files.delete(dir.resolve("results/other/part-00000.parquet"));
    Files.delete(dir.resolve("results/other"));

    // run.json edited where it records the results.
    String text = new String(runJson, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(RunLayout.RUN), text.replace("\"rows\": 3", "\"rows\": 4"));
    assertEquals(List.of(WHERE + ": its files hold 3 rows, run.json recorded 4"),
        RunArtifacts.verify(dir));
    Files.writeString(dir.resolve(RunLayout.RUN), text.replace("\"path\": \"" + RESULT,
        "\"path\": \"results/orders"));
    problems = RunArtifacts.verify(dir);
    assertTrue(problems.stream().anyMatch(p -> p.contains("results[orders by key].path")),
        problems.toString());
    Files.write(dir.resolve(RunLayout.RUN), runJson);

    // The engine: provenance, covered by run.json's hash; a forger who recomputes run.json is
    // held to its form only.
    Path engine = dir.resolve(RunLayout.ENGINE);
    byte[] engineJson = Files.readAllBytes(engine);
    Files.writeString(engine, new String(engineJson, StandardCharsets.UTF_8)
        .replace("calcite-test", "calcite-9"));
    problems = RunArtifacts.verify(dir);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("engine.json: its SHA-256 is ")),
        problems.toString());
    Files.writeString(engine, "{\n  \"name\": \"embedded\"\n}\n");
    recomputeRunJsonWithResults(dir);
    problems = RunArtifacts.verify(dir);
    assertEquals(List.of("engine.json: expected an object of name, version and master, each "
        + "text, got {\"name\":\"embedded\"}"), problems);
    Files.delete(engine);
    recomputeRunJsonWithResults(dir);
    assertEquals(List.of("engine.json: missing"), RunArtifacts.verify(dir));
    Files.write(engine, engineJson);
    Files.write(dir.resolve(RunLayout.RUN), runJson);
    assertEquals(List.of(), RunArtifacts.verify(dir));
  }

  /**
   * A careful forger who rewrites a result and recomputes run.json gets past every digest: what
   * is left is what the other artifacts determine, the columns the plan outputs (which rows the
   * plan yields is listed as unchecked).
   */
  @Test
  void aForgedResultIsFoundByTheColumnsThePlanOutputs() throws Exception {
    Path dir = writeRunWithResults(temp.resolve("run"), 3);
    Path folder = dir.resolve(RESULT);
    Files.delete(folder.resolve(ParquetResults.PART));
    Files.delete(folder);
    ParquetResults.write(folder, List.of(Column.of("O_KEY", SqlTypeName.INTEGER, false)),
        keys(3));
    recomputeRunJsonWithResults(dir);
    List<String> problems = RunArtifacts.verify(dir);
    assertEquals(List.of(WHERE + ": its files have the columns [O_KEY], but "
        + "bundles/orders_by_key/substrait.binpb outputs [O_ORDERKEY]"), problems);
    // Other rows under the right columns: as the unchecked line says, not found.
    Files.delete(folder.resolve(ParquetResults.PART));
    Files.delete(folder);
    ParquetResults.write(folder, resultColumns(), keys(5));
    recomputeRunJsonWithResults(dir);
    assertEquals(List.of(), RunArtifacts.verify(dir));
  }

  @Test
  void aFailedOrAbandonedRunLeavesThePreviousRunWithItsResults() throws Exception {
    Path dir = writeRunWithResults(temp.resolve("run"), 3);
    SortedMap<String, byte[]> before = snapshot(dir);
    assertTrue(before.containsKey(RESULT + "/" + ParquetResults.PART));

    // The disk fills up while the artifacts are written after the results.
    AtomicInteger written = new AtomicInteger();
    RunWriter.FileOutput failing = (file, bytes) -> {
      if (written.incrementAndGet() == 3) {
        throw new IOException("No space left on device");
      }
      RunWriter.DISK.write(file, bytes);
    };
    try (StagedRun run = RunArtifacts.stage(dir)) {
      ParquetResults.write(run.resultFolder(bundle.name()), resultColumns(), keys(5));
      IOException e = assertThrows(IOException.class,
          () -> run.commit(List.of(bundle), policy(), pkg(), extras(), ENGINE, failing));
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> run.resultFolder("again"));
    }
    assertSame(before, snapshot(dir));

    // The engine fails after writing a result: the run is closed without a commit.
    try (StagedRun run = RunArtifacts.stage(dir)) {
      ParquetResults.write(run.resultFolder(bundle.name()), resultColumns(), keys(5));
    }
    assertSame(before, snapshot(dir));
    assertEquals(List.of(), RunArtifacts.verify(dir));
    try (Stream<Path> siblings = Files.list(temp)) {
      assertEquals(List.of(dir), siblings.toList(), "nothing left beside the run");
    }

    // A run without results replaces one with results whole: no result is left behind.
    RunArtifacts.write(dir, List.of(bundle), policy(), pkg(), extras());
    assertFalse(Files.exists(dir.resolve(RunLayout.RESULTS)));
    assertEquals(List.of(), RunArtifacts.verify(dir));
  }

  private static void assertSame(SortedMap<String, byte[]> before,
      SortedMap<String, byte[]> after) {
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
  }

  @Test
  void resultsOfViewsTheRunDidNotPlanOrWithoutAnEngineAreRefused() throws Exception {
    Path dir = temp.resolve("run");
    try (StagedRun run = RunArtifacts.stage(dir)) {
      ParquetResults.write(run.resultFolder("elsewhere"), resultColumns(), keys(1));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> run.commit(List.of(bundle), policy(), pkg(), extras(), ENGINE));
      assertTrue(e.getMessage().contains("results of view 'elsewhere', which is not among the "
          + "run's plans"), e.getMessage());
    }
    assertFalse(Files.exists(dir));
    try (StagedRun run = RunArtifacts.stage(dir)) {
      ParquetResults.write(run.resultFolder(bundle.name()), resultColumns(), keys(1));
      assertThrows(NullPointerException.class,
          () -> run.commit(List.of(bundle), policy(), pkg(), extras(), null));
    }
    try (StagedRun run = RunArtifacts.stage(dir)) {
      run.resultFolder(bundle.name());
      IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
          () -> run.resultFolder(bundle.name()));
      assertTrue(twice.getMessage().contains("written once"), twice.getMessage());
      IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
          () -> run.resultFolder("orders_by_key"));
      assertTrue(shared.getMessage().contains("would share the result folder " + RESULT),
          shared.getMessage());
      IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
          () -> RunArtifacts.write(temp.resolve("other"), List.of(bundle), policy(), pkg(),
              Map.of("results/notes.txt", new byte[0])));
      assertTrue(extra.getMessage().contains("results/notes.txt"), extra.getMessage());
    }
    assertFalse(Files.exists(dir));
    try (Stream<Path> siblings = Files.list(temp)) {
      assertEquals(List.of(), siblings.toList(), "nothing left");
    }
  }
}

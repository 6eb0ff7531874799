package io.codeanatomy.examples.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionKind;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshot;
import io.codeanatomy.contracts.relspec.RulepackSnapshot;
import io.codeanatomy.examples.pipeline.SemanticPipeline;
import io.codeanatomy.runtime.plan.LegacySnapshots;
import io.codeanatomy.runtime.session.PlanningSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The old system's snapshot layouts (docs/domain.md section 4) in Java and in Rust: Java writes
 * snapshots as an engine would (members and entries in any order) with the canonical bytes and
 * hash {@link LegacySnapshots} gives each, and the snapshots it refuses; {@code cargo test --test
 * snapshot_layouts} reads them with its own implementation and must agree.
 */
class SnapshotLayoutsTest {

  static final Path LAYOUTS = RustParityTest.PARITY.resolve("snapshot-layouts");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();
  private static final long SEED = 0x01d_1a70_0715L;

  private static RustToolchain.Run cargo;
  private static int vectors;

  @BeforeAll
  static void writeTheVectorsAndRunTheRustCheck() throws Exception {
    ParityFiles.write(RustParityTest.PARITY, SnapshotLayoutsTest.class.getClassLoader());
    Files.createDirectories(LAYOUTS);
    Files.writeString(LAYOUTS.resolve("vectors.json"), vectorsJson(), StandardCharsets.UTF_8);
    cargo = RustParityTest.cargoTest(RustParityTest.PARITY, "--test", "snapshot_layouts");
  }

  @Test
  void rustHashesEveryOldLayoutAsJavaDoes() {
    assertEquals(0, cargo.exit(), "cargo test --test snapshot_layouts failed:\n"
        + cargo.output());
    assertTrue(vectors >= 12, vectors + " vectors");
  }

  /** The check can fail: one hash changed in what Java wrote makes cargo test fail, naming it. */
  @Test
  void aVectorWithAnotherHashFailsTheRustCheck(@TempDir Path temp) throws Exception {
    String json = vectorsJson();
    String hash = LegacySnapshots.hash(LegacySnapshots.rulepackUnavailable(
        LegacySnapshots.RULEPACK_UNAVAILABLE_REASON));
    assertTrue(json.contains(hash), "the unavailable form is a vector");
    String other = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
    Files.createDirectories(temp.resolve("snapshot-layouts"));
    Files.writeString(temp.resolve("snapshot-layouts/vectors.json"), json.replace(hash, other),
        StandardCharsets.UTF_8);
    RustToolchain.Run run = RustParityTest.cargoTest(temp, "--test", "snapshot_layouts",
        "the_old_layouts_hash_as_java_hashes_them");
    assertNotEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("rulepack unavailable, the old reason: hash"),
        run.output());
  }

  // ---------------------------------------------------------------------------------------------
  // the vectors

  private static String vectorsJson() throws Exception {
    Random random = new Random(SEED);
    ObjectNode root = NODES.objectNode();
    ArrayNode list = root.putArray("vectors");
    ArrayNode refused = root.putArray("refused");

    rulepack(list, "rulepack unavailable, the old reason", unavailable(
        LegacySnapshots.RULEPACK_UNAVAILABLE_REASON));
    rulepack(list, "rulepack unavailable, a long reason beyond ASCII", unavailable(
        "les r\u00e8gles ne sont pas list\u00e9es \u2014 bindings \ud83d\ude00 "
            + "x".repeat(300)));
    FunctionRegistrySnapshot registry;
    RulepackSnapshot rules;
    try (PlanningSession session = SemanticPipeline.session(
        CodeAnatomyPolicyContract.profile("default"), "default", SemanticPipeline.anatomy(100))) {
      registry = session.environment().functionRegistry();
      rules = session.environment().rulepack();
    }
    assertTrue(registry.getFunctionsCount() > 100, "a registry of more than 15 and 255 bytes");
    ObjectNode listed = listed(rules.getAnalyzerRulesList(), rules.getLogicalRulesList(),
        rules.getPhysicalRulesList(), PlanningSession.class.getSimpleName());
    rulepack(list, "rulepack of the pipeline's session", listed);
    assertEquals(LegacySnapshots.rulepack(rules, PlanningSession.class.getSimpleName()),
        LegacySnapshots.readRulepack(bytes(listed)));
    rulepack(list, "rulepack with no rules", listed(List.of(), List.of(), List.of(),
        "SessionContext"));

    registry(list, "no function captured", List.of(), random);
    registry(list, "the pipeline's function registry, shuffled", registry.getFunctionsList(),
        random);
    assertEquals(LegacySnapshots.functionRegistry(registry),
        LegacySnapshots.readFunctionRegistry(bytes(entries(registry.getFunctionsList(),
            random))));
    // UTF-8 order is not UTF-16 order: U+FF5E sorts before U+1F600 in UTF-16 (0xFF5E >
    // 0xD83D), after it in UTF-8 (EF BD 9E < F0 9F 98 80). A name twice, with two kinds; an
    // entry twice; a signature over 255 bytes (a str16).
    registry(list, "names beyond the basic plane, kinds and duplicates", List.of(
        function("\uff5e", FunctionKind.SCALAR, "() -> BIGINT"),
        function("\ud83d\ude00", FunctionKind.SCALAR, "() -> BIGINT"),
        function("span_contains", FunctionKind.SCALAR, "(BIGINT, BIGINT) -> BOOLEAN"),
        function("span_contains", FunctionKind.AGGREGATE, "(BIGINT, BIGINT) -> BOOLEAN"),
        function("span_contains", FunctionKind.SCALAR, "(BIGINT, BIGINT) -> BOOLEAN"),
        function("wide", FunctionKind.TABLE, "(" + "VARCHAR, ".repeat(40) + "BIGINT) -> T"),
        function("rank_in", FunctionKind.WINDOW, "(BIGINT) -> BIGINT")), random);
    for (int i = 0; i < 6; i++) {
      registry(list, "random registry " + i, randomFunctions(random, 1 + random.nextInt(40)),
          random);
    }
    vectors = list.size();

    refuse(refused, "rulepack", "an unknown status", "{\"status\": \"unknown\"}");
    refuse(refused, "rulepack", "no reason", "{\"status\": \"unavailable\"}");
    refuse(refused, "rulepack", "a member too many",
        "{\"status\": \"unavailable\", \"reason\": \"x\", \"source\": \"y\"}");
    refuse(refused, "rulepack", "a rule that is a number", "{\"status\": \"ok\", \"source\": "
        + "\"s\", \"analyzer_rules\": [1], \"optimizer_rules\": [], "
        + "\"physical_optimizer_rules\": []}");
    refuse(refused, "rulepack", "no source", "{\"status\": \"ok\", \"analyzer_rules\": [], "
        + "\"optimizer_rules\": [], \"physical_optimizer_rules\": []}");
    refuse(refused, "function_registry", "an upper-case kind", "{\"functions\": [{\"name\": "
        + "\"f\", \"kind\": \"SCALAR\", \"signature\": \"()\"}]}");
    refuse(refused, "function_registry", "functions that are no array",
        "{\"functions\": {}}");
    refuse(refused, "function_registry", "an entry without signature",
        "{\"functions\": [{\"name\": \"f\", \"kind\": \"scalar\"}]}");
    return RuntimeVectors.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static ObjectNode unavailable(String reason) {
    // As an engine writes it: status first.
    ObjectNode node = NODES.objectNode();
    node.put("status", "unavailable");
    node.put("reason", reason);
    return node;
  }

  private static ObjectNode listed(List<String> analyzer, List<String> optimizer,
      List<String> physical, String source) {
    ObjectNode node = NODES.objectNode();
    node.put("status", "ok");
    node.put("source", source);
    analyzer.forEach(node.putArray("analyzer_rules")::add);
    physical.forEach(node.putArray("physical_optimizer_rules")::add);
    optimizer.forEach(node.putArray("optimizer_rules")::add);
    return node;
  }

  private static void rulepack(ArrayNode list, String name, ObjectNode snapshot)
      throws Exception {
    add(list, name, "rulepack", snapshot, LegacySnapshots.readRulepack(bytes(snapshot)));
  }

  private static void registry(ArrayNode list, String name, List<FunctionInfo> functions,
      Random random) throws Exception {
    ObjectNode snapshot = entries(functions, random);
    Map<String, Object> read = LegacySnapshots.readFunctionRegistry(bytes(snapshot));
    assertEquals(LegacySnapshots.functionRegistry(FunctionRegistrySnapshot.newBuilder()
        .addAllFunctions(functions).build()), read, name);
    add(list, name, "function_registry", snapshot, read);
  }

  /** The registry as an engine writes it: entries shuffled, members in another order. */
  private static ObjectNode entries(List<FunctionInfo> functions, Random random) {
    List<FunctionInfo> shuffled = new ArrayList<>(functions);
    Collections.shuffle(shuffled, random);
    ObjectNode node = NODES.objectNode();
    ArrayNode entries = node.putArray("functions");
    for (FunctionInfo function : shuffled) {
      ObjectNode entry = entries.addObject();
      entry.put("signature", function.getSignature());
      entry.put("name", function.getName());
      entry.put("kind", function.getKind().name().toLowerCase(Locale.ROOT));
    }
    return node;
  }

  private static void add(ArrayNode list, String name, String layout, ObjectNode snapshot,
      Map<String, Object> read) {
    ObjectNode vector = list.addObject();
    vector.put("name", name);
    vector.put("layout", layout);
    vector.set("snapshot", snapshot);
    vector.put("canonical_hex", HEX.formatHex(LegacySnapshots.canonical(read)));
    vector.put("sha256", LegacySnapshots.hash(read));
  }

  private static void refuse(ArrayNode refused, String layout, String name, String json)
      throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    LegacySnapshots.LayoutException e = assertThrows(LegacySnapshots.LayoutException.class,
        () -> {
          if (layout.equals("rulepack")) {
            LegacySnapshots.readRulepack(bytes);
          } else {
            LegacySnapshots.readFunctionRegistry(bytes);
          }
        }, name);
    ObjectNode vector = refused.addObject();
    vector.put("name", name);
    vector.put("layout", layout);
    vector.set("snapshot", RuntimeVectors.JSON.readTree(bytes));
    vector.put("message", e.getMessage());
  }

  private static List<FunctionInfo> randomFunctions(Random random, int count) {
    String alphabet = "abz_09\u00e9\u00df\u4e2d\ud83d\ude00";
    List<FunctionKind> kinds = List.of(FunctionKind.SCALAR, FunctionKind.AGGREGATE,
        FunctionKind.WINDOW, FunctionKind.TABLE);
    List<FunctionInfo> functions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(6);
      for (int c = 0; c < length; c++) {
        int at = random.nextInt(alphabet.length() - 1);
        if (Character.isHighSurrogate(alphabet.charAt(at))) {
          name.append(alphabet, at, at + 2);
        } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
          name.append(alphabet.charAt(at));
        }
      }
      if (name.isEmpty()) {
        name.append('f');
      }
      functions.add(function(name.toString(), kinds.get(random.nextInt(kinds.size())),
          "(" + "BIGINT, ".repeat(random.nextInt(4)) + "VARCHAR) -> BIGINT"));
    }
    return functions;
  }

  private static FunctionInfo function(String name, FunctionKind kind, String signature) {
    return FunctionInfo.newBuilder().setName(name).setKind(kind).setSignature(signature).build();
  }

  private static byte[] bytes(ObjectNode node) throws Exception {
    return RuntimeVectors.JSON.writeValueAsBytes(node);
  }
}

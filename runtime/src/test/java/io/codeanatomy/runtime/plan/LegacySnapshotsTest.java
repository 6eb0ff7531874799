package io.codeanatomy.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionKind;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshot;
import io.codeanatomy.contracts.relspec.RulepackProfile;
import io.codeanatomy.contracts.relspec.RulepackSnapshot;
import io.codeanatomy.runtime.payload.StrictJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The old layouts of the function-registry and rulepack snapshots, checked against bytes built
 * here by hand from the layout docs/domain.md states (MessagePack: a map of n is {@code 0x80 |
 * n}, an array of n {@code 0x90 | n}, a string of under 32 bytes {@code 0xa0 | length} and of
 * 32 to 255 bytes {@code 0xd9 length}), not with the canonical writer the code uses.
 */
class LegacySnapshotsTest {

  /** The hashes docs/domain.md states: the unavailable form with the old reason; no function. */
  static final String UNAVAILABLE_HASH =
      "6a4a9f47d0de119c5a184c627e41a58d81f5b84c1024ec64ee3218606d82225e";
  static final String EMPTY_REGISTRY_HASH =
      "1783517f0bab14432ad73da4c3a5256bcf92dd2aa0559e6fe8eddf1412f15164";

  private static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes map(int n) {
      out.write(0x80 | n);
      return this;
    }

    Bytes array(int n) {
      out.write(0x90 | n);
      return this;
    }

    Bytes str(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      if (utf8.length < 32) {
        out.write(0xa0 | utf8.length);
      } else {
        assertTrue(utf8.length < 256, s);
        out.write(0xd9);
        out.write(utf8.length);
      }
      out.writeBytes(utf8);
      return this;
    }

    /** An entry of the function registry: its keys kind, name, signature in byte order. */
    Bytes entry(String name, String kind, String signature) {
      return map(3).str("kind").str(kind).str("name").str(name).str("signature").str(signature);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static FunctionInfo function(String name, FunctionKind kind, String signature) {
    return FunctionInfo.newBuilder().setName(name).setKind(kind).setSignature(signature).build();
  }

  @Test
  void theUnavailableRulepackIsTheMapOfReasonAndStatus() throws Exception {
    byte[] expected = new Bytes().map(2).str("reason").str("rulepack APIs not exposed")
        .str("status").str("unavailable").bytes();
    Map<String, Object> snapshot =
        LegacySnapshots.rulepackUnavailable(LegacySnapshots.RULEPACK_UNAVAILABLE_REASON);
    assertArrayEquals(expected, LegacySnapshots.canonical(snapshot));
    assertEquals(sha256(expected), LegacySnapshots.hash(snapshot));
    assertEquals(UNAVAILABLE_HASH, LegacySnapshots.hash(snapshot));
    // As an engine writes it, members in any order.
    assertEquals(snapshot, LegacySnapshots.readRulepack(("{\"status\": \"unavailable\", "
        + "\"reason\": \"rulepack APIs not exposed\"}").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theListedRulepackKeepsRuleOrderAndItsKeysSortByBytes() throws Exception {
    RulepackSnapshot snapshot = RulepackSnapshot.newBuilder().setProfile(RulepackProfile.DEFAULT)
        .addAllAnalyzerRules(List.of("semantic_integrity", "codeanatomy_policy_rule"))
        .addAllLogicalRules(List.of("span_containment_rewrite", "filter_merge"))
        .addAllPhysicalRules(List.of("cpg_physical_rule"))
        .build();
    byte[] expected = new Bytes().map(5)
        .str("analyzer_rules").array(2).str("semantic_integrity").str("codeanatomy_policy_rule")
        .str("optimizer_rules").array(2).str("span_containment_rewrite").str("filter_merge")
        .str("physical_optimizer_rules").array(1).str("cpg_physical_rule")
        .str("source").str("SessionContext")
        .str("status").str("ok").bytes();
    Map<String, Object> legacy = LegacySnapshots.rulepack(snapshot, "SessionContext");
    assertArrayEquals(expected, LegacySnapshots.canonical(legacy));
    assertEquals(sha256(expected), LegacySnapshots.hash(legacy));
    assertEquals(legacy, LegacySnapshots.readRulepack(("{\"status\": \"ok\", \"source\": "
        + "\"SessionContext\", \"physical_optimizer_rules\": [\"cpg_physical_rule\"], "
        + "\"optimizer_rules\": [\"span_containment_rewrite\", \"filter_merge\"], "
        + "\"analyzer_rules\": [\"semantic_integrity\", \"codeanatomy_policy_rule\"]}")
        .getBytes(StandardCharsets.UTF_8)));
    // Rule order is meaning: another order is another hash.
    RulepackSnapshot swapped = snapshot.toBuilder().clearLogicalRules()
        .addAllLogicalRules(List.of("filter_merge", "span_containment_rewrite")).build();
    assertTrue(!LegacySnapshots.hash(legacy).equals(
        LegacySnapshots.hash(LegacySnapshots.rulepack(swapped, "SessionContext"))));
  }

  @Test
  void theFunctionRegistryIsItsEntriesSortedByNameKindAndSignature() throws Exception {
    String spans = "(BIGINT, BIGINT, BIGINT, BIGINT) -> BOOLEAN"; // 43 bytes: a str8
    FunctionRegistrySnapshot given = FunctionRegistrySnapshot.newBuilder()
        .addFunctions(function("stable_id", FunctionKind.SCALAR,
            "(VARCHAR, BIGINT, BIGINT) -> BIGINT"))
        .addFunctions(function("span_contains", FunctionKind.SCALAR, spans))
        .addFunctions(function("max_width", FunctionKind.SCALAR, "(BIGINT) -> BIGINT"))
        .addFunctions(function("max_width", FunctionKind.AGGREGATE, "(BIGINT, BIGINT) -> BIGINT"))
        .build();
    byte[] expected = new Bytes().map(1).str("functions").array(4)
        .entry("max_width", "aggregate", "(BIGINT, BIGINT) -> BIGINT")
        .entry("max_width", "scalar", "(BIGINT) -> BIGINT")
        .entry("span_contains", "scalar", spans)
        .entry("stable_id", "scalar", "(VARCHAR, BIGINT, BIGINT) -> BIGINT").bytes();
    Map<String, Object> legacy = LegacySnapshots.functionRegistry(given);
    assertArrayEquals(expected, LegacySnapshots.canonical(legacy));
    assertEquals(sha256(expected), LegacySnapshots.hash(legacy));
    // The order they are given in does not matter.
    List<FunctionInfo> backwards = new java.util.ArrayList<>(given.getFunctionsList());
    java.util.Collections.reverse(backwards);
    FunctionRegistrySnapshot reversed = FunctionRegistrySnapshot.newBuilder()
        .addAllFunctions(backwards).build();
    assertEquals(LegacySnapshots.hash(legacy),
        LegacySnapshots.hash(LegacySnapshots.functionRegistry(reversed)));
  }

  @Test
  void noFunctionCapturedIsAnEmptyList() throws Exception {
    byte[] expected = new Bytes().map(1).str("functions").array(0).bytes();
    Map<String, Object> empty =
        LegacySnapshots.functionRegistry(FunctionRegistrySnapshot.getDefaultInstance());
    assertArrayEquals(expected, LegacySnapshots.canonical(empty));
    assertEquals(sha256(expected), LegacySnapshots.hash(empty));
    assertEquals(EMPTY_REGISTRY_HASH, LegacySnapshots.hash(empty));
    assertEquals(empty, LegacySnapshots.readFunctionRegistry(
        "{\"functions\": []}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void snapshotsNotInTheLayoutAreRefusedNamingTheMember() {
    assertRefused("{\"status\": \"unknown\"}", true,
        "$.status: expected \"ok\" or \"unavailable\", got \"unknown\"");
    assertRefused("{\"status\": \"unavailable\"}", true,
        "$: expected the member \"reason\", got none");
    assertRefused("{\"status\": \"unavailable\", \"reason\": \"x\", \"source\": \"y\"}", true,
        "$: expected only the members reason, status, got also \"source\"");
    assertRefused("{\"status\": \"ok\", \"source\": \"s\", \"analyzer_rules\": [1], "
        + "\"optimizer_rules\": [], \"physical_optimizer_rules\": []}", true,
        "$.analyzer_rules[0]: expected a rule name, got number");
    assertRefused("{\"functions\": [{\"name\": \"f\", \"kind\": \"SCALAR\", "
        + "\"signature\": \"()\"}]}", false,
        "$.functions[0].kind: expected one of aggregate, scalar, table, window, got \"SCALAR\"");
    assertRefused("{\"functions\": {}}", false, "$.functions: expected an array, got object");
    assertThrows(StrictJson.MalformedJsonException.class, () -> LegacySnapshots
        .readFunctionRegistry("{\"functions\": [], \"functions\": []}"
            .getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertRefused(String json, boolean rulepack, String message) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    LegacySnapshots.LayoutException e = assertThrows(LegacySnapshots.LayoutException.class,
        () -> {
          if (rulepack) {
            LegacySnapshots.readRulepack(bytes);
          } else {
            LegacySnapshots.readFunctionRegistry(bytes);
          }
        });
    assertEquals(message, e.getMessage());
  }

  /** docs/domain.md states the hashes computed here. */
  @Test
  void theDomainDocStatesTheHashes() throws Exception {
    String doc = Files.readString(java.nio.file.Path.of(System.getProperty("basedir", "."),
        "..", "docs", "domain.md"), StandardCharsets.UTF_8);
    assertTrue(doc.contains(UNAVAILABLE_HASH), "docs/domain.md states " + UNAVAILABLE_HASH);
    assertTrue(doc.contains(EMPTY_REGISTRY_HASH), "docs/domain.md states "
        + EMPTY_REGISTRY_HASH);
  }
}

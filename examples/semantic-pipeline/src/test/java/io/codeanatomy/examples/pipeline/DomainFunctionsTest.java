package io.codeanatomy.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.PlanningSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The domain functions: what they compute, and that the pipeline's views call them. */
class DomainFunctionsTest {

  /**
   * The stable id from the layout docs/domain.md states, built by hand: the MessagePack array of
   * three ({@code 0x93}), the path as a fixstr ({@code 0xa0 | length}), the two integers as
   * positive fixints (below 128) or uint16 ({@code 0xcd}), then the first 8 bytes of the SHA-256.
   */
  @Test
  void theStableIdIsTheStatedLayout() throws Exception {
    assertEquals(byHand("src/app.py", new byte[] {0x0a}, new byte[] {0x14}),
        DomainFunctions.stableId("src/app.py", 10, 20));
    assertEquals(byHand("lib/x.py", new byte[] {(byte) 0xcd, 0x01, 0x2c},
        new byte[] {(byte) 0xcd, 0x03, (byte) 0xe8}), DomainFunctions.stableId("lib/x.py", 300,
        1000));
    // Another path or another span is another id; the same, the same.
    assertNotEquals(DomainFunctions.stableId("a.py", 1, 2), DomainFunctions.stableId("b.py", 1, 2));
    assertNotEquals(DomainFunctions.stableId("a.py", 1, 2), DomainFunctions.stableId("a.py", 1, 3));
    assertEquals(DomainFunctions.stableId("a.py", 1, 2), DomainFunctions.stableId("a.py", 1, 2));
  }

  private static long byHand(String path, byte[] start, byte[] end) throws Exception {
    byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
    assertTrue(utf8.length < 32, "a fixstr");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(0x93);
    bytes.write(0xa0 | utf8.length);
    bytes.write(utf8);
    bytes.write(start);
    bytes.write(end);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    return ByteBuffer.wrap(digest, 0, 8).getLong();
  }

  @Test
  void spanContainmentIsHalfOpenAndInclusiveAtBothEnds() {
    assertTrue(DomainFunctions.spanContains(10, 20, 10, 20));
    assertTrue(DomainFunctions.spanContains(10, 20, 12, 18));
    assertFalse(DomainFunctions.spanContains(10, 20, 9, 18));
    assertFalse(DomainFunctions.spanContains(10, 20, 12, 21));
  }

  /**
   * The views that infer callers call both functions, and only they (and the views planned over
   * them) require them; the rows they give are those of the functions' definitions, computed
   * here again from the anatomy.
   */
  @Test
  void theViewsCallTheDomainFunctionsThroughTheRegistry() {
    var policy = CodeAnatomyPolicyContract.profile("default");
    var anatomy = SemanticPipeline.anatomy(300);
    try (PlanningSession session = SemanticPipeline.session(policy, "default", anatomy)) {
      Map<String, List<String>> required = new TreeMap<>();
      Map<String, String> udfHashes = new TreeMap<>();
      PlanBundle callers = null;
      for (PlanBundle bundle : SemanticPipeline.planOneDag(session)) {
        required.put(bundle.name(), bundle.fingerprint().getRequiredUdfsList());
        udfHashes.put(bundle.name(), bundle.fingerprint().getUdfSnapshotHash());
        if (bundle.name().equals("calls_to_definitions")) {
          callers = bundle;
        }
      }
      List<String> both = List.of(DomainFunctions.SPAN_CONTAINS, DomainFunctions.STABLE_ID);
      assertEquals(both, required.get("calls_to_definitions"));
      assertEquals(both, required.get("call_graph"));
      assertEquals(List.of(), required.get("imports_to_files"));
      assertEquals("", udfHashes.get("imports_to_files"));
      assertFalse(udfHashes.get("calls_to_definitions").isEmpty());
      assertEquals(udfHashes.get("calls_to_definitions"), udfHashes.get("call_graph"));
      assertTrue(new String(callers.substraitBytes().toByteArray(), StandardCharsets.ISO_8859_1)
          .contains(DomainFunctions.STABLE_ID), "the Substrait plan declares the function");

      QueryResult rows = session.execute(callers);
      int key = rows.columns().indexOf("CALLER_KEY");
      assertTrue(key >= 0, rows.columns().toString());
      Set<Long> keys = new HashSet<>();
      rows.rows().forEach(row -> keys.add((Long) row.get(key)));
      Set<Long> expected = expectedCallerKeys(anatomy);
      assertEquals(expected, keys);
    }
  }

  /** The callers' stable ids, from the anatomy tables with plain Java. */
  private static Set<Long> expectedCallerKeys(Map<String, SemanticPipeline.TableData> tables) {
    var files = tables.get("FILES");
    var definitions = tables.get("DEFINITIONS");
    var calls = tables.get("CALL_SITES");
    Map<Object, String> paths = new java.util.HashMap<>();
    files.rows().forEach(r -> paths.put(r.get(files.schema().indexOf("FILE_ID")),
        (String) r.get(files.schema().indexOf("PATH"))));
    var d = definitions.schema();
    var c = calls.schema();
    Set<Long> keys = new HashSet<>();
    for (List<Object> call : calls.rows()) {
      for (List<Object> def : definitions.rows()) {
        long defStart = ((Number) def.get(d.indexOf("SPAN_START"))).longValue();
        long defEnd = ((Number) def.get(d.indexOf("SPAN_END"))).longValue();
        if (call.get(c.indexOf("FILE_ID")).equals(def.get(d.indexOf("FILE_ID")))
            && DomainFunctions.spanContains(defStart, defEnd,
                ((Number) call.get(c.indexOf("SPAN_START"))).longValue(),
                ((Number) call.get(c.indexOf("SPAN_END"))).longValue())) {
          keys.add(DomainFunctions.stableId(paths.get(def.get(d.indexOf("FILE_ID"))), defStart,
              defEnd));
        }
      }
    }
    return keys;
  }
}

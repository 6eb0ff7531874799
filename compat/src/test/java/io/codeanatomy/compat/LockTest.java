package io.codeanatomy.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LockTest {

  private static String manifest(int version, String sizeType) {
    return """
        {"format": "codeanatomy-manifest/1", "contractSet": "demo",
         "contracts": [{"kind": "contract", "name": "item", "version": %d, "javaType": "x.Item",
           "layout": "sorted_map", "schemaFingerprint": "f%d", "fields": [
             {"name": "id", "component": "id", "type": "string", "hashed": true, "bag": false,
              "bagKey": "", "absentAs": "nil", "hash": "none", "required": true},
             {"name": "size", "component": "size", "type": "%s", "hashed": true, "bag": false,
              "bagKey": "", "absentAs": "nil", "hash": "none", "required": true}]}]}
        """.formatted(version, version, sizeType);
  }

  private static Snapshot snapshot(String json) {
    return Snapshot.ofManifest(JsonFiles.parse(json, "test"), "test");
  }

  @Test
  void releasesAppendNewVersionsAndReplaceCompatibleOnes() {
    Lock v1 = Lock.empty("demo").release(snapshot(manifest(1, "long")));
    Lock v2 = v1.release(snapshot(manifest(2, "int")));
    ItemKey item = new ItemKey(Kind.CONTRACT, "item");
    assertEquals(List.of(1, 2), v2.histories().get(item).versions().stream()
        .map(v -> v.path("version").asInt()).toList());
    Lock again = v2.release(snapshot(manifest(2, "int")));
    assertArrayEquals(v2.render(), again.render());
    Lock retired = v2.release(new Snapshot("demo", new java.util.TreeMap<>()));
    assertTrue(retired.histories().get(item).retired());
    assertEquals(v2.histories().get(item).versions(), retired.histories().get(item).versions());
  }

  @Test
  void aCompatibleReleaseKeepsTheFingerprintItReplaces() {
    Lock v1 = Lock.empty("demo").release(snapshot(manifest(1, "long")));
    String changed = manifest(1, "long").replace("\"schemaFingerprint\": \"f1\"",
        "\"schemaFingerprint\": \"g1\"");
    Lock again = v1.release(snapshot(changed));
    Lock.History history = again.histories().get(new ItemKey(Kind.CONTRACT, "item"));
    assertEquals(List.of("f1", "g1"), history.fingerprints(1));
    Lock parsed = Lock.parse(new String(again.render(), StandardCharsets.UTF_8), "test");
    assertEquals(history.earlierFingerprints(), parsed.histories()
        .get(new ItemKey(Kind.CONTRACT, "item")).earlierFingerprints());
  }

  @Test
  void aLockRoundTripsByteForByteWhateverTheLocale() {
    Lock lock = Lock.empty("demo").release(snapshot(manifest(1, "long")))
        .release(snapshot(manifest(2, "int")));
    byte[] rendered = lock.render();
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      Lock read = Lock.parse(new String(rendered, StandardCharsets.UTF_8), "test");
      assertArrayEquals(rendered, read.render());
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void malformedLocksNameTheProblem() {
    CompatInputException format = assertThrows(CompatInputException.class,
        () -> Lock.parse("{\"format\": \"codeanatomy-manifest/1\"}", "x.json"));
    assertEquals("x.json is not a lock: format is 'codeanatomy-manifest/1', expected "
        + "'codeanatomy-lock/1'", format.getMessage());
    CompatInputException json = assertThrows(CompatInputException.class,
        () -> Lock.parse("{\"format\": ", "x.json"));
    assertTrue(json.getMessage().startsWith("x.json is not valid JSON (line 1"), json.getMessage());
    CompatInputException order = assertThrows(CompatInputException.class,
        () -> Lock.parse("""
            {"format": "codeanatomy-lock/1", "contractSet": "demo", "contracts": {"item": {
              "versions": [{"name": "item", "version": 2}, {"name": "item", "version": 1}]}}}
            """, "x.json"));
    assertEquals("x.json: contracts.item: versions are not in increasing order",
        order.getMessage());
  }

  @Test
  void aRewrittenReleaseIsCaughtByDiff() {
    Lock v2 = Lock.empty("demo").release(snapshot(manifest(1, "long")))
        .release(snapshot(manifest(2, "int")));
    String tampered = new String(v2.render(), StandardCharsets.UTF_8)
        .replaceFirst("\"type\": \"long\"", "\"type\": \"double\"");
    Compatibility.Report report = Compatibility.diff(v2, Lock.parse(tampered, "new"));
    assertEquals(List.of(CompatibilityRule.HISTORY_REWRITTEN),
        report.changes().stream().map(Change::rule).toList());
    assertTrue(Compatibility.diff(v2, v2).compatible());
  }

  @Test
  void aChangeWithoutABumpIsReportedAndWithOneIsNot() {
    Lock v1 = Lock.empty("demo").release(snapshot(manifest(1, "long")));
    Compatibility.Report same = Compatibility.check(v1, snapshot(manifest(1, "int")), false);
    assertEquals(1, same.changes().size());
    assertEquals("[CA103 TYPE_CHANGED] contract item, field size: its type changed: values "
        + "written before may not read (was long, now int); bump the version of the contract "
        + "to 2, or revert the change", same.changes().get(0).render());
    Compatibility.Report bumped = Compatibility.check(v1, snapshot(manifest(2, "int")), false);
    assertTrue(bumped.compatible());
    assertEquals(List.of("contract item version 2 is not released yet (the lock has 1): rewrite "
        + "the lock with -Dcodeanatomy.lock.update=true when it is"), bumped.notes());
  }
}

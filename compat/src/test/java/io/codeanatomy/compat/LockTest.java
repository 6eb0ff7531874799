package io.codeanatomy.compat;

import static io.codeanatomy.compat.Fixtures.contract;
import static io.codeanatomy.compat.Fixtures.digest;
import static io.codeanatomy.compat.Fixtures.field;
import static io.codeanatomy.compat.Fixtures.manifestOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.Entry;
import io.codeanatomy.compat.manifest.ManifestJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockTest {

  private static final ItemKey ITEM = new ItemKey(Kind.CONTRACT, "item");

  private static String manifest(int version, String sizeType) {
    return manifest(version, sizeType, digest(version));
  }

  private static String manifest(int version, String sizeType, String fingerprint) {
    return manifestOf(contract("item", version, fingerprint, field("id", "string"),
        field("size", sizeType)));
  }

  private static Snapshot snapshot(String json) {
    return Snapshot.of(ManifestJson.parse(json, "test"));
  }

  private static String refused(String lock) {
    return assertThrows(CompatInputException.class, () -> Lock.parse(lock, "x.json"))
        .getMessage();
  }

  /** A lock of one contract with {@code versions} (entries as JSON) and {@code extra} keys. */
  private static String lockOf(String extra, String... versions) {
    return "{\"format\": \"codeanatomy-lock/1\", \"contractSet\": \"demo\", \"settingsSchemas\": "
        + "{}, \"policies\": {}, \"contracts\": {\"item\": {\"retired\": false, " + extra
        + "\"versions\": [" + String.join(", ", versions) + "]}}}";
  }

  private static String entry(int version) {
    return contract("item", version, digest(version), field("id", "string"));
  }

  // ---------------------------------------------------------------------------------------------
  // releasing and writing

  @Test
  void releasesAppendNewVersionsAndReplaceCompatibleOnes() {
    Lock v1 = Lock.empty("demo").release(snapshot(manifest(1, "long")));
    Lock v2 = v1.release(snapshot(manifest(2, "int")));
    assertEquals(List.of(1, 2), v2.histories().get(ITEM).versions().stream()
        .map(Entry::version).toList());
    Lock again = v2.release(snapshot(manifest(2, "int")));
    assertArrayEquals(v2.render(), again.render());
    Lock retired = v2.release(new Snapshot("demo", new TreeMap<>()));
    assertTrue(retired.histories().get(ITEM).retired());
    assertEquals(v2.histories().get(ITEM).versions(), retired.histories().get(ITEM).versions());
  }

  @Test
  void aCompatibleReleaseKeepsTheFingerprintItReplaces() {
    Lock v1 = Lock.empty("demo").release(snapshot(manifest(1, "long")));
    Lock again = v1.release(snapshot(manifest(1, "long", digest(99))));
    Lock.History history = again.histories().get(ITEM);
    assertEquals(List.of(digest(1), digest(99)), history.fingerprints(1));
    Lock parsed = Lock.parse(new String(again.render(), StandardCharsets.UTF_8), "test");
    assertEquals(history.earlierFingerprints(), parsed.histories().get(ITEM)
        .earlierFingerprints());
    assertEquals(again, parsed);
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
  void theCheckedInLocksReadBackToTheirBytes() {
    for (String path : List.of("contracts/contracts.lock.json",
        "examples/quickstart/contracts.lock.json")) {
      Path file = Fixtures.repositoryFile(path);
      Lock lock = Lock.read(file);
      assertArrayEquals(Fixtures.bytes(file), lock.render(), path);
      assertTrue(Compatibility.diff(lock, lock).compatible(), path);
    }
    Lock quickstart = Lock.read(Fixtures.repositoryFile("examples/quickstart/contracts.lock.json"));
    Entry visit = quickstart.histories().get(new ItemKey(Kind.CONTRACT, "page_visit"))
        .version(1).orElseThrow();
    assertEquals(4, ((ContractEntry) visit).fields().size());
  }

  @Test
  void writingReplacesTheFileWhole(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("contracts.lock.json");
    Files.writeString(file, "old");
    Lock lock = Lock.empty("demo").release(snapshot(manifest(1, "long")));
    lock.write(file);
    assertArrayEquals(lock.render(), Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file stays behind");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // strict reading

  @Test
  void malformedLocksNameTheProblem() {
    assertEquals("x.json is not a lock: format is 'codeanatomy-manifest/1', expected "
        + "'codeanatomy-lock/1'", refused("{\"format\": \"codeanatomy-manifest/1\"}"));
    assertTrue(refused("{\"format\": ").startsWith("x.json is not valid JSON (line 1"));
    assertEquals("x.json: contracts.item.versions[1].version: expected a version above 2 "
        + "(versions are oldest first), got the number 1", refused(lockOf("", entry(2),
            entry(1))));
  }

  @Test
  void wrongTypesAreRefusedNamingTheKey() {
    assertEquals("x.json: contracts.item.retired: expected a boolean, got the string \"no\"",
        refused(lockOf("").replace("\"retired\": false", "\"retired\": \"no\"")
            .replace("\"versions\": []", "\"versions\": [" + entry(1) + "]")));
    assertEquals("x.json: contracts.item.versions[0].schemaFingerprint: expected a SHA-256 "
        + "digest (64 lowercase hex digits), got the number 7",
        refused(lockOf("", entry(1).replace("\"" + digest(1) + "\"", "7"))));
    assertEquals("x.json: contracts.item.versions[0].fields[0].hashed: expected a boolean, got "
        + "the string \"yes\"", refused(lockOf("", entry(1).replace("\"hashed\": true",
            "\"hashed\": \"yes\""))));
    assertEquals("x.json: contracts.item.versions: expected at least one released version, got "
        + "an array", refused(lockOf("")));
  }

  @Test
  void missingSectionsAndKeysAreRefused() {
    assertEquals("x.json: settingsSchemas: expected an object, got nothing (the key is missing)",
        refused(lockOf("", entry(1)).replace("\"settingsSchemas\": {}, ", "")));
    assertEquals("x.json: contracts.item.retired: expected a boolean, got nothing (the key is "
        + "missing)", refused(lockOf("", entry(1)).replace("\"retired\": false, ", "")));
    assertEquals("x.json: contracts.item.versions[0].spelling: expected one of \"record\", "
        + "\"proto\", got nothing (the key is missing)",
        refused(lockOf("", entry(1).replace("\"spelling\": \"record\", ", ""))));
  }

  @Test
  void entriesMustBelongWhereTheyAreFiled() {
    assertEquals("x.json: contracts.item.versions[0].name: expected the name of the item it is "
        + "filed under, contracts \"item\", got the string \"other\"",
        refused(lockOf("", entry(1).replace("\"name\": \"item\"", "\"name\": \"other\""))));
    assertEquals("x.json: contracts.item.versions[0].kind: expected the string \"contract\", got "
        + "the string \"settings_schema\"", refused(lockOf("", entry(1)
            .replace("\"kind\": \"contract\"", "\"kind\": \"settings_schema\""))));
  }

  @Test
  void earlierFingerprintsBelongToReleasedVersions() {
    String good = lockOf("\"earlierFingerprints\": {\"1\": [\"" + digest(7) + "\"]}, ",
        entry(1));
    assertEquals(List.of(digest(7), digest(1)),
        Lock.parse(good, "x.json").histories().get(ITEM).fingerprints(1));
    assertEquals("x.json: contracts.item.earlierFingerprints[\"2\"]: expected no such key (its "
        + "keys are released versions of the item, in decimal), got an array",
        refused(good.replace("{\"1\":", "{\"2\":")));
    assertEquals("x.json: contracts.item.earlierFingerprints[\"01\"]: expected no such key (its "
        + "keys are released versions of the item, in decimal), got an array",
        refused(good.replace("{\"1\":", "{\"01\":")));
    assertEquals("x.json: contracts.item.earlierFingerprints[\"1\"][0]: expected a SHA-256 digest "
        + "(64 lowercase hex digits), got the number 7",
        refused(good.replace("[\"" + digest(7) + "\"]", "[7]")));
    assertEquals("x.json: contracts.item.earlierFingerprints: expected an object with at least "
        + "one version (an empty one is left out), got an object",
        refused(lockOf("\"earlierFingerprints\": {}, ", entry(1))));
  }

  @Test
  void anUnknownKeyIsRefusedInALockToo() {
    assertEquals("x.json: contracts.item.notes: expected no such key (known here: retired, "
        + "versions, earlierFingerprints), got the string \"hi\"",
        refused(lockOf("\"notes\": \"hi\", ", entry(1))));
  }

  // ---------------------------------------------------------------------------------------------
  // comparing

  @Test
  void aRewrittenReleaseIsCaughtByDiff() {
    Lock v2 = Lock.empty("demo").release(snapshot(manifest(1, "long")))
        .release(snapshot(manifest(2, "int")));
    String tampered = new String(v2.render(), StandardCharsets.UTF_8)
        .replaceFirst("\"type\": \"long\"", "\"type\": \"double\"");
    assertFalse(tampered.equals(new String(v2.render(), StandardCharsets.UTF_8)));
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
    Compatibility.Report bumped = Compatibility.check(v1,
        ManifestJson.parse(manifest(2, "int"), "test"), false);
    assertTrue(bumped.compatible());
    assertEquals(List.of("contract item version 2 is not released yet (the lock has 1): rewrite "
        + "the lock with -Dcodeanatomy.lock.update=true when it is"), bumped.notes());
  }
}

package io.codeanatomy.runtime.cli;

import static io.codeanatomy.runtime.cli.CliFixtures.lock;
import static io.codeanatomy.runtime.cli.CliFixtures.manifest;
import static io.codeanatomy.runtime.cli.CliFixtures.run;
import static io.codeanatomy.runtime.cli.CliFixtures.withDefault;
import static io.codeanatomy.runtime.cli.CliFixtures.withoutField;
import static io.codeanatomy.runtime.cli.CliFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.runtime.cli.CliFixtures.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages: what CI scripts match on. */
class CodeAnatomyCliTest {

  @TempDir
  Path dir;

  // ---------------------------------------------------------------------------------------------
  // 0 and 1

  @Test
  void checkOfAnUnchangedManifestIsCompatible() {
    Path lock = write(dir, "lock.json", lock(manifest()));
    Path manifest = write(dir, "manifest.json", manifest());

    Result result = run("check", "--lock", lock.toString(), manifest.toString());

    assertEquals(0, result.code(), result.err());
    assertEquals("compatible\n", result.out());
    assertEquals("", result.err());
  }

  @Test
  void checkReportsAChangedDefaultAndExitsOne() {
    Path lock = write(dir, "lock.json", lock(manifest()));
    Path manifest = write(dir, "manifest.json", withDefault(manifest(), "16", "9".repeat(64)));

    Result result = run("check", "--lock", lock.toString(), manifest.toString());

    assertEquals(1, result.code(), result.out() + result.err());
    assertTrue(result.out().startsWith("[CA201 DEFAULT_CHANGED] settings schema demo.ExecSettings,"
        + " setting demo.exec.partitions: its default changed (was 8, now 16)"), result.out());
    // The profile whose hash moved with it is reported too, under its own rule.
    assertTrue(result.out().contains("[CA206 PROFILE_CHANGED] policy demo, profile default"),
        result.out());
    assertTrue(result.out().endsWith("\n2 incompatible changes\n"), result.out());
  }

  @Test
  void checkReportsAnItemNoLongerDeclared() {
    ObjectNode withoutContract = manifest();
    withoutContract.putArray("contracts");
    Path lock = write(dir, "lock.json", lock(manifest()));
    Path manifest = write(dir, "manifest.json", withoutContract);

    Result result = run("check", "--lock", lock.toString(), manifest.toString());

    assertEquals(1, result.code());
    assertTrue(result.out().startsWith("[CA101 REMOVED] contract plan: no longer declared"),
        result.out());
    assertTrue(result.out().endsWith("\n1 incompatible change\n"), result.out());
  }

  @Test
  void diffOfTwoManifestsReportsARemovedField() {
    Path old = write(dir, "old.json", manifest());
    Path next = write(dir, "new.json", withoutField(manifest(), "note"));

    Result result = run("diff", old.toString(), next.toString());

    assertEquals(1, result.code());
    assertTrue(result.out().startsWith("[CA102 FIELD_REMOVED] contract plan, field note: removed"),
        result.out());
  }

  @Test
  void aBumpedVersionMakesTheChangeCompatibleAndSaysSoInANote() {
    ObjectNode bumped = withoutField(manifest(), "note");
    CliFixtures.contract(bumped).put("version", 2);
    Path old = write(dir, "old.json", manifest());
    Path next = write(dir, "new.json", bumped);

    Result result = run("diff", old.toString(), next.toString());

    assertEquals(0, result.code(), result.out());
    assertTrue(result.out().startsWith("note: contract plan version 2 is not released yet"),
        result.out());
    assertTrue(result.out().endsWith("\ncompatible\n"), result.out());
  }

  @Test
  void aManifestComparedWithALockKeepsTheLocksOlderVersions() {
    ObjectNode second = withoutField(manifest(), "note");
    CliFixtures.contract(second).put("version", 2);
    Path lock = write(dir, "lock.json", lock(manifest(), second));
    Path manifest = write(dir, "manifest.json", second);

    Result result = run("diff", lock.toString(), manifest.toString());

    // Version 1 of the contract is in the lock, not in the manifest: that is no rewrite.
    assertEquals(0, result.code(), result.out());
    assertEquals("compatible\n", result.out());
  }

  @Test
  void diffOfLocksReportsARewrittenReleasedVersion() {
    ObjectNode second = manifest();
    CliFixtures.contract(second).put("version", 2);
    CliFixtures.contract(second).put("layout", "sorted_map");
    Path old = write(dir, "old.json", lock(manifest(), second));
    // The same history, except that released version 1 lost a field afterwards.
    Path next = write(dir, "new.json", lock(withoutField(manifest(), "note"), second));

    Result result = run("diff", old.toString(), next.toString());

    assertEquals(1, result.code(), result.out());
    assertEquals("[CA403 HISTORY_REWRITTEN] contract plan: released version 1 was changed; "
        + "restore it and release the change as a new version\n1 incompatible change\n",
        result.out());
  }

  @Test
  void theRealLockIsCompatibleWithItselfAndBreaksWhenItsNewestDefaultChanges() throws Exception {
    Path real = Files.copy(CliFixtures.realLock(), dir.resolve("contracts.lock.json"));
    assertEquals(0, run("diff", real.toString(), real.toString()).code());

    ObjectNode changed = (ObjectNode) CliFixtures.parse(Files.readString(real));
    ObjectNode catalog = (ObjectNode) changed.get("settingsSchemas")
        .get("io.codeanatomy.contracts.core.settings.CatalogSettings").get("versions").get(0)
        .get("settings").get(0);
    catalog.put("default", "elsewhere");
    Path next = write(dir, "next.lock.json", changed);

    Result result = run("diff", real.toString(), next.toString());

    assertEquals(1, result.code(), result.out());
    assertTrue(result.out().startsWith("[CA201 DEFAULT_CHANGED] settings schema "
        + "io.codeanatomy.contracts.core.settings.CatalogSettings, setting "
        + "datafusion.catalog.default_catalog: its default changed (was datafusion, now "
        + "elsewhere)"), result.out());
  }

  // ---------------------------------------------------------------------------------------------
  // 2: usage errors and unreadable input, one line on err, nothing on out

  @Test
  void anUnknownOptionIsAUsageError() {
    Result result = run("diff", "--bogus", "a.json", "b.json");

    assertUsageError(result);
    assertEquals("codeanatomy diff: Unknown option: '--bogus' (see 'codeanatomy diff --help')\n",
        result.err());

    Result typo = run("diff", "--jsn", "a.json", "b.json");
    assertUsageError(typo);
    assertTrue(typo.err().contains("Unknown option: '--jsn'; did you mean --json?"), typo.err());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Result result = run("frobnicate");

    assertUsageError(result);
    assertTrue(result.err().contains("'frobnicate'"), result.err());
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    Result missingNew = run("diff", "only-one.json");
    assertUsageError(missingNew);
    assertTrue(missingNew.err().contains("Missing required parameter: 'NEW'"), missingNew.err());

    Result missingLock = run("check", "manifest.json");
    assertUsageError(missingLock);
    assertTrue(missingLock.err().contains("Missing required option: '--lock=LOCK'"),
        missingLock.err());

    Result noCommand = run();
    assertUsageError(noCommand);
    assertTrue(noCommand.err().contains("Missing required subcommand"), noCommand.err());
  }

  @Test
  void aMissingFileIsNamed() {
    Path absent = dir.resolve("absent.json");
    Path manifest = write(dir, "manifest.json", manifest());

    Result result = run("diff", absent.toString(), manifest.toString());

    assertUsageError(result);
    assertEquals("codeanatomy diff: " + absent + " does not exist\n", result.err());
  }

  @Test
  void aMalformedLockIsNamedWithWhereItBreaks() {
    Path lock = write(dir, "lock.json",
        "{\"format\": \"codeanatomy-lock/1\",\n  \"contractSet\": ");
    Path manifest = write(dir, "manifest.json", manifest());

    Result result = run("check", "--lock", lock.toString(), manifest.toString());

    assertUsageError(result);
    assertTrue(result.err().startsWith("codeanatomy check: " + lock + " is not valid JSON (line 2"),
        result.err());
  }

  @Test
  void aLockOfAnotherFormatIsRefused() {
    ObjectNode wrong = lock(manifest());
    wrong.put("format", "codeanatomy-lock/2");
    Path lock = write(dir, "lock.json", wrong);
    Path manifest = write(dir, "manifest.json", manifest());

    Result check = run("check", "--lock", lock.toString(), manifest.toString());
    assertUsageError(check);
    assertEquals("codeanatomy check: " + lock + " is not a lock: format is 'codeanatomy-lock/2', "
        + "expected 'codeanatomy-lock/1'\n", check.err());

    Result diff = run("diff", lock.toString(), manifest.toString());
    assertUsageError(diff);
    assertTrue(diff.err().contains(lock + " is neither a manifest nor a lock"), diff.err());
  }

  @Test
  void aLockOfAnotherContractSetIsRefused() {
    ObjectNode other = manifest();
    other.put("contractSet", "other");
    Path lock = write(dir, "lock.json", lock(other));
    Path manifest = write(dir, "manifest.json", manifest());

    Result result = run("check", "--lock", lock.toString(), manifest.toString());

    assertUsageError(result);
    assertEquals("codeanatomy check: " + manifest + " is of contract set 'demo', but " + lock
        + " is of contract set 'other'\n", result.err());
  }

  @Test
  void aValueThatDoesNotParseIsBadInputNotACrash() {
    ObjectNode before = manifest();
    ObjectNode setting = (ObjectNode) CliFixtures.schema(before).get("settings").get(0);
    setting.put("type", "duration").put("default", "30s").put("min", "1s");
    ObjectNode after = before.deepCopy();
    ((ObjectNode) CliFixtures.schema(after).get("settings").get(0)).put("min", "soon");
    Path old = write(dir, "old.json", before);
    Path next = write(dir, "new.json", after);

    Result result = run("diff", old.toString(), next.toString());

    assertUsageError(result);
    assertEquals("codeanatomy diff: " + next + ": settingsSchemas[0].settings[0].min: expected "
        + "the canonical text of a duration (30s, 2m; whole minutes as m) or null, got the "
        + "string \"soon\"\n", result.err());
  }

  // ---------------------------------------------------------------------------------------------
  // 2: strict reading, the key named (issue 14)

  @Test
  void aStringWhereABooleanBelongsNamesTheKey() {
    ObjectNode yes = manifest();
    ((ObjectNode) CliFixtures.schema(yes).get("settings").get(0)).put("optional", "yes");
    Path lock = write(dir, "lock.json", lock(manifest()));
    Path manifest = write(dir, "manifest.json", yes);

    Result result = run("check", "--lock", lock.toString(), manifest.toString());

    assertUsageError(result);
    assertEquals("codeanatomy check: " + manifest + ": settingsSchemas[0].settings[0].optional: "
        + "expected a boolean, got the string \"yes\"\n", result.err());
  }

  @Test
  void aNumberWhereAnEnumBelongsNamesTheKey() {
    ObjectNode seven = manifest();
    ((ObjectNode) CliFixtures.schema(seven).get("settings").get(0)).put("unit", 7);
    Path lock = write(dir, "lock.json", lock(seven));
    Path manifest = write(dir, "manifest.json", manifest());

    Result result = run("check", "--lock", lock.toString(), manifest.toString());

    assertUsageError(result);
    assertEquals("codeanatomy check: " + lock + ": settingsSchemas[\"demo.ExecSettings\"]"
        + ".versions[0].settings[0].unit: expected one of \"none\", \"bytes\", got the number "
        + "7\n", result.err());
  }

  @Test
  void aNumberWhereAHashBelongsNamesTheKey() {
    ObjectNode number = manifest();
    ((ObjectNode) CliFixtures.policy(number).get("profiles").get(0)).put("settingsHash", 7);
    Path file = write(dir, "manifest.json", number);

    Result show = run("show", file.toString());
    assertUsageError(show);
    assertEquals("codeanatomy show: " + file + ": policies[0].profiles[0].settingsHash: expected "
        + "a SHA-256 digest (64 lowercase hex digits), got the number 7\n", show.err());

    Path lock = write(dir, "lock.json", lock(number));
    Result diff = run("diff", lock.toString(), write(dir, "m.json", manifest()).toString());
    assertUsageError(diff);
    assertTrue(diff.err().contains(lock + ": policies.demo.versions[0].profiles[0].settingsHash: "
        + "expected a SHA-256 digest"), diff.err());
  }

  @Test
  void aMissingSectionNamesTheKey() {
    ObjectNode withoutContracts = manifest();
    withoutContracts.remove("contracts");
    Path manifest = write(dir, "manifest.json", withoutContracts);

    Result result = run("diff", manifest.toString(), manifest.toString());

    assertUsageError(result);
    assertEquals("codeanatomy diff: " + manifest + ": contracts: expected an array of objects, "
        + "got nothing (the key is missing)\n", result.err());

    ObjectNode lockWithoutPolicies = lock(manifest());
    lockWithoutPolicies.remove("policies");
    Path lock = write(dir, "lock.json", lockWithoutPolicies);
    Result check = run("check", "--lock", lock.toString(),
        write(dir, "m.json", manifest()).toString());
    assertUsageError(check);
    assertEquals("codeanatomy check: " + lock + ": policies: expected an object, got nothing "
        + "(the key is missing)\n", check.err());
  }

  @Test
  void anUnknownKeyNamesTheKey() {
    ObjectNode typo = manifest();
    ((ObjectNode) CliFixtures.contract(typo).get("fields").get(0)).put("optinal", true);
    Path manifest = write(dir, "manifest.json", typo);

    Result result = run("show", manifest.toString());

    assertUsageError(result);
    assertTrue(result.err().startsWith("codeanatomy show: " + manifest + ": contracts[0].fields[0]"
        + ".optinal: expected no such key (known here: name, component, type, hashed, bag, "),
        result.err());
  }

  @Test
  void aFileThatIsNotUtf8IsNamed() throws Exception {
    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, "{\"format\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

    Result result = run("show", latin1.toString());

    assertUsageError(result);
    assertEquals("codeanatomy show: " + latin1 + " is not UTF-8 text (bad byte at offset 15)\n",
        result.err());
  }

  @Test
  void helpIsNotAnError() {
    Result result = run("diff", "--help");

    assertEquals(0, result.code());
    assertTrue(result.out().contains("\nUsage: codeanatomy diff [-h] [--json] OLD NEW\n"),
        result.out());
    assertEquals("", result.err());
  }

  private static void assertUsageError(Result result) {
    assertEquals(2, result.code(), result.out() + result.err());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().endsWith("\n"), result.err());
    assertFalse(result.err().contains("Exception"), result.err());
    assertFalse(result.err().contains("\tat "), result.err());
  }
}

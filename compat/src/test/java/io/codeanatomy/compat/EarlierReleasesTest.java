package io.codeanatomy.compat;

import static io.codeanatomy.compat.Fixtures.contract;
import static io.codeanatomy.compat.Fixtures.digest;
import static io.codeanatomy.compat.Fixtures.field;
import static io.codeanatomy.compat.Fixtures.manifestOf;
import static io.codeanatomy.compat.Fixtures.schema;
import static io.codeanatomy.compat.Fixtures.setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.ManifestJson;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Transitive compatibility: a field or setting that the newest release lacks is compared with
 * every earlier release that had it, and a version bump does not excuse a conflict.
 */
class EarlierReleasesTest {

  private static final String ID = field("id", "string");

  private static Manifest contractManifest(int version, String... fields) {
    return ManifestJson.parse(manifestOf(contract("item", version, digest(version), fields)),
        "v" + version);
  }

  private static Manifest schemaManifest(int version, String... settings) {
    return ManifestJson.parse(manifestOf(List.of(schema("demo.S", version, digest(version),
        settings)), List.of()), "v" + version);
  }

  /** A lock holding each manifest as a release, in order. */
  private static Lock released(Manifest... manifests) {
    Lock lock = Lock.empty("demo");
    for (Manifest manifest : manifests) {
      lock = lock.release(manifest);
    }
    return lock;
  }

  private static List<String> rendered(Compatibility.Report report) {
    return report.changes().stream().map(Change::render).toList();
  }

  @Test
  void aFieldDeletedThenDeclaredAgainWithAnotherTypeIsAnErrorNamingTheRelease() {
    Lock lock = released(contractManifest(1, ID, field("size", "long")),
        contractManifest(2, ID));

    Compatibility.Report report = Compatibility.check(lock,
        contractManifest(3, ID, field("size", "string")), false);

    // Against version 2 alone, adding a hashed field with a bump is fine; version 1 had it as a
    // long, and a bump does not excuse that.
    assertEquals(List.of("[CA103 TYPE_CHANGED] contract item, field size: declared again with "
        + "another type than released version 1 had: payloads of that version may not read, or "
        + "read as something else (was long, now string); a version bump does not excuse this: "
        + "declare it as released version 1 had it, or under a new name"), rendered(report));
    assertEquals(List.of(new ItemKey(Kind.CONTRACT, "item")),
        report.changes().stream().map(c -> c.subject().item()).toList());
    assertEquals("size", report.changes().get(0).subject().member());
  }

  @Test
  void aFieldDeclaredAgainAsItWasIsFine() {
    Lock lock = released(contractManifest(1, ID, field("size", "long")),
        contractManifest(2, ID));

    Compatibility.Report report = Compatibility.check(lock,
        contractManifest(3, ID, field("size", "long")), false);

    assertTrue(report.compatible(), rendered(report).toString());
    assertEquals(List.of("contract item version 3 is not released yet (the lock has 2): rewrite "
        + "the lock with -Dcodeanatomy.lock.update=true when it is"), report.notes());
  }

  @Test
  void eachStepPassingIsNotEnough() {
    // An optional provenance field is a compatible addition without a bump: compared with the
    // newest release only, the type it had in version 1 would go unnoticed.
    Lock lock = released(contractManifest(1, ID, field("note", "optional<long>", false, false,
        null)), contractManifest(2, ID));

    Compatibility.Report report = Compatibility.check(lock, contractManifest(2, ID,
        field("note", "optional<string>", false, false, null)), false);

    assertEquals(List.of(CompatibilityRule.TYPE_CHANGED),
        report.changes().stream().map(Change::rule).toList());
    assertTrue(report.changes().get(0).message().contains("(was optional<long>, now "
        + "optional<string>)"), report.changes().get(0).message());
  }

  @Test
  void aConflictWithSeveralReleasesIsReportedOnceNamingThemAll() {
    Lock lock = released(contractManifest(1, ID, field("size", "long")),
        contractManifest(2, ID, field("size", "long"), field("extra", "int")),
        contractManifest(3, ID));

    Compatibility.Report report = Compatibility.check(lock,
        contractManifest(4, ID, field("size", "int")), false);

    assertEquals(1, report.changes().size(), rendered(report).toString());
    assertTrue(report.changes().get(0).message().contains("than released versions 1 and 2 "
        + "had"), report.changes().get(0).message());
  }

  @Test
  void aFieldNumberOfAnEarlierReleaseMustNotComeBackForAnotherField() {
    Lock lock = released(
        contractManifest(1, field("id", "string", true, true, 1),
            field("size", "long", true, true, 2)),
        contractManifest(2, field("id", "string", true, true, 1)));

    Compatibility.Report reused = Compatibility.check(lock, contractManifest(3,
        field("id", "string", true, true, 1), field("owner", "string", true, true, 2)), false);
    assertEquals(List.of("[CA104 PROTO_NUMBER_CHANGED] contract item, field owner: field number 2 "
        + "belonged to size in released version 1: binary payloads of that version read it as "
        + "owner (was size, now owner); a version bump does not excuse this: use a field number "
        + "that no released version used"), rendered(reused));

    Compatibility.Report renumbered = Compatibility.check(lock, contractManifest(3,
        field("id", "string", true, true, 1), field("size", "long", true, true, 3)), false);
    assertEquals(List.of("[CA104 PROTO_NUMBER_CHANGED] contract item, field size: declared again "
        + "with another field number than released version 1 had: binary payloads of that "
        + "version read it as another field (was 2, now 3); a version bump does not excuse this: "
        + "declare it as released version 1 had it, or under a new name"), rendered(renumbered));

    Compatibility.Report fresh = Compatibility.check(lock, contractManifest(3,
        field("id", "string", true, true, 1), field("owner", "string", true, true, 3)), false);
    assertTrue(fresh.compatible(), rendered(fresh).toString());
  }

  @Test
  void aChangeTheRulesAllowedWithABumpIsNotReportedAgainLater() {
    // Version 2 renumbered size and gave its number to owner, with a bump: released, and judged.
    Manifest v2 = contractManifest(2, field("id", "string", true, true, 1),
        field("size", "long", true, true, 3), field("owner", "string", true, true, 2));
    Lock lock = released(contractManifest(1, field("id", "string", true, true, 1),
        field("size", "long", true, true, 2)), v2);

    assertTrue(Compatibility.check(lock, v2, false).compatible());
    Lock typeChanged = released(contractManifest(1, ID, field("size", "long")),
        contractManifest(2, ID, field("size", "int")));
    assertTrue(Compatibility.check(typeChanged, contractManifest(2, ID, field("size", "int")),
        false).compatible());
  }

  @Test
  void aStricterHashRuleThanAnEarlierReleaseIsReported() {
    Lock lock = released(contractManifest(1, ID, field("digest", "string")),
        contractManifest(2, ID));
    String hashed = field("digest", "string").replace("\"hash\": \"none\"", "\"hash\": \"hash\"");

    Compatibility.Report report = Compatibility.check(lock, contractManifest(3, ID, hashed),
        false);

    assertEquals(List.of(CompatibilityRule.HASH_RULE_TIGHTENED),
        report.changes().stream().map(Change::rule).toList());
  }

  @Test
  void aSettingDeclaredAgainMustAcceptWhatEarlierReleasesAccepted() {
    String mode = setting("a.mode", "enum", false, "\"quiet\"", "null", "null", "quiet", "loud");
    String limit = setting("a.limit", "int", false, "\"8\"", "\"1\"", "\"100\"");
    Lock lock = released(schemaManifest(1, mode, limit), schemaManifest(2));

    Compatibility.Report report = Compatibility.check(lock, schemaManifest(3,
        setting("a.mode", "enum", false, "\"quiet\"", "null", "null", "quiet"),
        setting("a.limit", "int", false, "\"8\"", "\"5\"", "\"100\"")), false);

    assertEquals(List.of(
        "[CA105 ENUM_VALUE_REMOVED] settings schema demo.S, setting a.mode: declared again "
            + "without values that released version 1 accepted: settings written for that "
            + "version may not parse (was loud, now nothing); a version bump does not excuse "
            + "this: declare it as released version 1 had it, or under a new key",
        "[CA107 RANGE_NARROWED] settings schema demo.S, setting a.limit: declared again with a "
            + "min that narrows the values released version 1 accepted: settings written for "
            + "that version may be refused (was 1, now 5); a version bump does not excuse this: "
            + "declare it as released version 1 had it, or under a new key"), rendered(report));
    assertEquals("min", report.changes().get(1).subject().aspect());

    Compatibility.Report typed = Compatibility.check(lock, schemaManifest(3,
        setting("a.limit", "long", false, "\"8\"", "\"1\"", "\"100\"")), false);
    assertEquals(List.of(CompatibilityRule.TYPE_CHANGED),
        typed.changes().stream().map(Change::rule).toList());
    assertTrue(typed.changes().get(0).message().contains("(was int, now long)"));

    Compatibility.Report same = Compatibility.check(lock, schemaManifest(3, mode, limit), false);
    assertTrue(same.compatible(), rendered(same).toString());
  }

  @Test
  void aRevivedItemMeetsEveryReleaseItHad() {
    Lock retired = released(contractManifest(1, ID, field("size", "long")))
        .release(new Snapshot("demo", new TreeMap<>()));
    assertTrue(retired.histories().get(new ItemKey(Kind.CONTRACT, "item")).retired());

    Compatibility.Report report = Compatibility.check(retired,
        contractManifest(2, ID, field("size", "string")), false);

    assertEquals(List.of(CompatibilityRule.TYPE_CHANGED),
        report.changes().stream().map(Change::rule).toList());
    assertTrue(report.notes().contains("contract item is revived at version 2"));
  }

  @Test
  void diffChecksEveryVersionANewLockReleased() {
    Lock old = released(contractManifest(1, ID, field("size", "long")));
    // Both steps happened after OLD: version 2 dropped size, version 3 brought it back as a
    // string. Newest against newest, that is a bumped type change; step by step, it is not.
    Lock next = released(contractManifest(1, ID, field("size", "long")),
        contractManifest(2, ID), contractManifest(3, ID, field("size", "string")));

    Compatibility.Report report = Compatibility.diff(old, next);

    assertEquals(List.of(CompatibilityRule.TYPE_CHANGED),
        report.changes().stream().map(Change::rule).toList());
    assertTrue(report.changes().get(0).message().contains("released version 1"),
        report.changes().get(0).message());
    assertTrue(Compatibility.diff(next, next).compatible());
  }

  @Test
  void releasesAreNamedInOrder() {
    assertEquals("released version 4", EarlierReleases.releases(List.of(4)));
    assertEquals("released versions 1 and 2", EarlierReleases.releases(List.of(1, 2)));
    assertEquals("released versions 1, 2 and 5", EarlierReleases.releases(List.of(1, 2, 5)));
  }
}

package io.codeanatomy.runtime.cli;

import static io.codeanatomy.runtime.cli.CliFixtures.lock;
import static io.codeanatomy.runtime.cli.CliFixtures.manifest;
import static io.codeanatomy.runtime.cli.CliFixtures.parse;
import static io.codeanatomy.runtime.cli.CliFixtures.run;
import static io.codeanatomy.runtime.cli.CliFixtures.withDefault;
import static io.codeanatomy.runtime.cli.CliFixtures.withoutField;
import static io.codeanatomy.runtime.cli.CliFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.runtime.cli.CliFixtures.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report, the {@code show} listing, and output that is the same bytes everywhere. */
class OutputFormatTest {

  @TempDir
  Path dir;

  @Test
  void theJsonReportCarriesEveryChangeWithItsRule() {
    Path old = write(dir, "old.json", manifest());
    Path next = write(dir, "new.json",
        withoutField(withDefault(manifest(), "16", "9".repeat(64)), "note"));

    Result result = run("diff", "--json", old.toString(), next.toString());

    assertEquals(1, result.code(), result.err());
    JsonNode report = parse(result.out());
    assertFalse(report.path("compatible").asBoolean(true));
    List<String> rules = new ArrayList<>();
    report.path("changes").forEach(c -> rules.add(c.path("rule").asText()));
    assertEquals(List.of("CA201", "CA206", "CA102"), rules);

    JsonNode removed = report.path("changes").get(2);
    assertEquals("FIELD_REMOVED", removed.path("name").asText());
    assertEquals("wire", removed.path("class").asText());
    assertTrue(removed.path("bumpAllows").asBoolean());
    assertEquals("contract plan", removed.path("item").asText());
    assertEquals("contract", removed.path("kind").asText());
    assertEquals("plan", removed.path("itemName").asText());
    assertEquals("note", removed.path("member").asText());
    assertEquals("field", removed.path("memberKind").asText());
    assertEquals("string", removed.path("old").asText());
    assertTrue(removed.path("new").isNull());
    assertTrue(removed.path("message").asText().startsWith("contract plan, field note: removed"));

    JsonNode changedDefault = report.path("changes").get(0);
    assertEquals("hash", changedDefault.path("class").asText());
    assertEquals("8", changedDefault.path("old").asText());
    assertEquals("16", changedDefault.path("new").asText());
    assertEquals("defaultValue", changedDefault.path("aspect").asText());
    assertTrue(report.path("notes").isArray());
  }

  @Test
  void theJsonReportIsRenderedWithTwoSpacesAndNewlines() {
    Path file = write(dir, "manifest.json", manifest());

    Result result = run("diff", "--json", file.toString(), file.toString());

    assertEquals(0, result.code(), result.err());
    assertEquals("{\n  \"compatible\": true,\n  \"changes\": [ ],\n  \"notes\": [ ]\n}\n",
        result.out());
  }

  @Test
  void checkSpeaksJsonToo() {
    Path lock = write(dir, "lock.json", lock(manifest()));
    ObjectNode bumped = manifest();
    CliFixtures.contract(bumped).put("version", 2);
    Path manifest = write(dir, "manifest.json", bumped);

    Result result = run("check", "--json", "--lock", lock.toString(), manifest.toString());

    // A bump without a change is refused: the version covers nothing new.
    assertEquals(1, result.code(), result.err());
    JsonNode change = parse(result.out()).path("changes").get(0);
    assertEquals("CA402", change.path("rule").asText());
    assertEquals("version", change.path("class").asText());
    assertFalse(change.path("bumpAllows").asBoolean(true));
  }

  @Test
  void showListsEveryKindAndEveryProfileWithItsHashes() {
    Path manifest = write(dir, "manifest.json", manifest());

    Result result = run("show", manifest.toString());

    assertEquals(0, result.code(), result.err());
    assertEquals("contract set demo: manifest " + manifest + "\n"
        + "\n"
        + "settings schemas (1)\n"
        + "  demo.ExecSettings\n"
        + "    version 1: namespace demo.exec, 1 setting, fingerprint " + "a".repeat(64) + "\n"
        + "\n"
        + "policies (1)\n"
        + "  demo\n"
        + "    version 1: 1 profile, fingerprint " + "b".repeat(64) + "\n"
        + "      profile default: settings hash " + CliFixtures.SETTINGS_HASH
        + ", planning environment hash " + CliFixtures.PLANNING_HASH + "\n"
        + "\n"
        + "contracts (1)\n"
        + "  plan\n"
        + "    version 1: layout ordered_pairs, 2 fields, fingerprint " + "c".repeat(64) + "\n",
        result.out());
  }

  @Test
  void showOfALockListsEveryReleasedVersionAndMarksRetiredItems() {
    ObjectNode second = withDefault(manifest(), "16", "9".repeat(64));
    CliFixtures.schema(second).put("version", 2);
    CliFixtures.policy(second).put("version", 2);
    Path lock = write(dir, "lock.json", lock(List.of(manifest(), second), List.of("plan")));

    Result result = run("show", lock.toString());

    assertEquals(0, result.code(), result.err());
    String out = result.out();
    assertTrue(out.startsWith("contract set demo: lock " + lock + "\n"), out);
    assertTrue(out.contains("  demo.ExecSettings\n    version 1: namespace demo.exec, 1 setting,"),
        out);
    assertTrue(out.contains("\n    version 2: namespace demo.exec, 1 setting,"), out);
    // Both versions of the policy, each with the hash its profile had then.
    assertTrue(out.contains("      profile default: settings hash " + CliFixtures.SETTINGS_HASH),
        out);
    assertTrue(out.contains("      profile default: settings hash " + "9".repeat(64)), out);
    assertTrue(out.contains("\n  plan (retired)\n"), out);
  }

  @Test
  void showJsonListsProfileHashes() {
    Path lock = write(dir, "lock.json", lock(List.of(manifest()), List.of("plan")));

    Result result = run("show", "--json", lock.toString());

    assertEquals(0, result.code(), result.err());
    JsonNode listing = parse(result.out());
    assertEquals("codeanatomy-lock/1", listing.path("format").asText());
    assertEquals("demo", listing.path("contractSet").asText());
    JsonNode profile = listing.path("policies").get(0).path("versions").get(0).path("profiles")
        .get(0);
    assertEquals("default", profile.path("name").asText());
    assertEquals(CliFixtures.SETTINGS_HASH, profile.path("settingsHash").asText());
    assertEquals(CliFixtures.PLANNING_HASH, profile.path("planningEnvironmentHash").asText());
    JsonNode contract = listing.path("contracts").get(0);
    assertEquals("plan", contract.path("name").asText());
    assertTrue(contract.path("retired").asBoolean());
    assertEquals("[\"id\",\"note\"]", contract.path("versions").get(0).path("fields").toString());
    assertEquals("demo.ExecSettings",
        listing.path("settingsSchemas").get(0).path("javaType").asText());
  }

  @Test
  void showOfTheRealLockListsEveryProfileHash() throws Exception {
    Path real = Files.copy(CliFixtures.realLock(), dir.resolve("contracts.lock.json"));
    JsonNode lock = parse(Files.readString(real, StandardCharsets.UTF_8));

    Result result = run("show", real.toString());

    assertEquals(0, result.code(), result.err());
    int profiles = 0;
    for (JsonNode policy : lock.path("policies")) {
      for (JsonNode version : policy.path("versions")) {
        for (JsonNode profile : version.path("profiles")) {
          assertTrue(result.out().contains("      profile " + profile.path("name").asText()
              + ": settings hash " + profile.path("settingsHash").asText()
              + ", planning environment hash "
              + profile.path("planningEnvironmentHash").asText() + "\n"),
              profile.path("name").asText());
          profiles++;
        }
      }
    }
    assertTrue(profiles > 0, "the real lock has profiles");
  }

  @Test
  void outputIsTheSameUnderATurkishDefaultLocale() throws Exception {
    Path real = Files.copy(CliFixtures.realLock(), dir.resolve("contracts.lock.json"));
    Path old = write(dir, "old.json", manifest());
    Path next = write(dir, "new.json",
        withoutField(withDefault(manifest(), "16", "9".repeat(64)), "note"));
    List<String[]> commands = List.of(
        new String[] {"diff", "--json", old.toString(), next.toString()},
        new String[] {"diff", old.toString(), next.toString()},
        new String[] {"show", real.toString()},
        new String[] {"show", "--json", real.toString()},
        new String[] {"diff", "--BOGUS", old.toString(), next.toString()});

    Locale before = Locale.getDefault();
    List<Result> english = new ArrayList<>();
    List<Result> turkish = new ArrayList<>();
    try {
      Locale.setDefault(Locale.US);
      commands.forEach(args -> english.add(run(args)));
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      commands.forEach(args -> turkish.add(run(args)));
    } finally {
      Locale.setDefault(before);
    }

    assertEquals(english, turkish);
    // The Turkish lower case of WIRE is "wıre": the rule class must not use the default locale.
    assertTrue(turkish.get(0).out().contains("\"class\": \"wire\""), turkish.get(0).out());
    assertTrue(turkish.get(4).err().contains("'--BOGUS'"), turkish.get(4).err());
  }

  @Test
  void outputIsUtf8WhateverTheStreamsCharset() {
    ObjectNode accented = manifest();
    CliFixtures.contract(accented).put("name", "plan_café");
    Path manifest = write(dir, "manifest.json", accented);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = CodeAnatomyCli.run(new PrintStream(out, true, StandardCharsets.ISO_8859_1),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1),
        "show", manifest.toString());

    assertEquals(0, code);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\n  plan_café\n"),
        out.toString(StandardCharsets.UTF_8));
  }
}

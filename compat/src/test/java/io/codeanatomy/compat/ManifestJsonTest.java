package io.codeanatomy.compat;

import static io.codeanatomy.compat.Fixtures.MANIFEST;
import static io.codeanatomy.compat.Fixtures.manifest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.JsonCursor;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.ManifestJson;
import io.codeanatomy.compat.manifest.SettingEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strict manifest reader: what the writer writes reads back to the same bytes, and anything
 * else is refused naming the source, the JSON path, what was expected and what came.
 */
class ManifestJsonTest {

  private static final Path GOLDEN = Fixtures.repositoryFile(
      "contracts/src/test/resources/golden/expected/META-INF/codeanatomy/contracts.manifest.json");

  private static String refused(String text) {
    return assertThrows(CompatInputException.class, () -> manifest(text)).getMessage();
  }

  private static String edit(String from, String to) {
    assertTrue(MANIFEST.contains(from), from);
    return MANIFEST.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to));
  }

  // ---------------------------------------------------------------------------------------------
  // what the writer writes

  @Test
  void theGoldenManifestReadsBackToItsBytes() {
    byte[] bytes = Fixtures.bytes(GOLDEN);
    Manifest manifest = ManifestJson.read(GOLDEN);
    assertEquals("test", manifest.contractSet());
    assertArrayEquals(bytes, ManifestJson.render(manifest));
  }

  @Test
  void aHandWrittenManifestRoundTrips() {
    Manifest manifest = manifest(MANIFEST);
    Manifest again = ManifestJson.read(ManifestJson.render(manifest), "again");
    assertEquals(manifest, again);
    assertEquals(List.of("quiet", "loud"),
        manifest.settingsSchemas().get(0).settings().get(1).allowedValues());
    assertEquals(2, manifest.contract("item").orElseThrow().fields().get(1).protoNumber());
    assertEquals(SettingEntry.Unit.NONE,
        manifest.settingsSchemas().get(0).settings().get(0).unit());
  }

  // ---------------------------------------------------------------------------------------------
  // issue 14: coerced types and missing sections

  @Test
  void aStringWhereABooleanBelongsIsRefused() {
    assertEquals("m.json: settingsSchemas[0].settings[0].optional: expected a boolean, got the "
        + "string \"yes\"", refused(edit("\"optional\": false", "\"optional\": \"yes\"")));
  }

  @Test
  void aNumberWhereAnEnumBelongsIsRefused() {
    assertEquals("m.json: settingsSchemas[0].settings[0].unit: expected one of \"none\", "
        + "\"bytes\", got the number 7", refused(edit("\"unit\": \"none\"", "\"unit\": 7")));
  }

  @Test
  void aNumberWhereAHashBelongsIsRefused() {
    assertEquals("m.json: policies[0].profiles[0].settingsHash: expected a SHA-256 digest (64 "
        + "lowercase hex digits), got the number 7",
        refused(edit("\"settingsHash\": \"" + Fixtures.C + "\"", "\"settingsHash\": 7")));
    assertEquals("m.json: contracts[0].schemaFingerprint: expected a SHA-256 digest (64 "
        + "lowercase hex digits), got the string \"" + Fixtures.C.toUpperCase(java.util.Locale.ROOT)
        .substring(0, 60) + "\"...", refused(edit("\"schemaFingerprint\": \"" + Fixtures.C + "\"",
            "\"schemaFingerprint\": \"" + Fixtures.C.toUpperCase(java.util.Locale.ROOT) + "\"")));
  }

  @Test
  void aMissingSectionIsRefused() {
    String withoutEnums = MANIFEST.substring(0, MANIFEST.indexOf(",\n  \"enums\"")) + "\n}\n";
    assertEquals("m.json: enums: expected an array of objects, got nothing (the key is missing)",
        refused(withoutEnums));
  }

  @Test
  void aMissingKeyIsRefusedByName() {
    assertEquals("m.json: settingsSchemas[0].settings[0].unit: expected one of \"none\", "
        + "\"bytes\", got nothing (the key is missing)",
        refused(edit("\"unit\": \"none\",", "")));
    assertEquals("m.json: settingsSchemas[0].settings[0].default: expected a string or null, "
        + "got nothing (the key is missing)", refused(edit("\"default\": \"8\",", "")));
  }

  @Test
  void nullIsOnlyWhereTheWriterWritesIt() {
    assertEquals("m.json: settingsSchemas[0].settings[0].doc: expected a string, got null",
        refused(edit("\"doc\": \"Partitions per scan.\"", "\"doc\": null")));
    assertEquals("m.json: contracts[0].version: expected an integer from 1 to 2147483647, got "
        + "null", refused(edit("\"name\": \"item\", \"version\": 1",
            "\"name\": \"item\", \"version\": null")));
  }

  @Test
  void anUnknownKeyIsRefused() {
    assertEquals("m.json: contracts[0].fields[0].optinal: expected no such key (known here: "
        + "name, component, type, hashed, bag, bagKey, absentAs, hash, required, protoNumber), "
        + "got the boolean true", refused(edit("\"name\": \"id\",",
            "\"name\": \"id\", \"optinal\": true,")));
  }

  @Test
  void numbersAreNotCoerced() {
    assertEquals("m.json: contracts[0].version: expected an integer from 1 to 2147483647, got "
        + "the number 1.0", refused(edit("\"name\": \"item\", \"version\": 1",
            "\"name\": \"item\", \"version\": 1.0")));
    assertEquals("m.json: contracts[0].version: expected an integer from 1 to 2147483647, got "
        + "the string \"1\"", refused(edit("\"name\": \"item\", \"version\": 1",
            "\"name\": \"item\", \"version\": \"1\"")));
    assertEquals("m.json: contracts[0].version: expected an integer from 1 to 2147483647, got "
        + "the number 0", refused(edit("\"name\": \"item\", \"version\": 1",
            "\"name\": \"item\", \"version\": 0")));
    assertEquals("m.json: contracts[0].version: expected an integer from 1 to 2147483647, got "
        + "the number 99999999999", refused(edit("\"name\": \"item\", \"version\": 1",
            "\"name\": \"item\", \"version\": 99999999999")));
    assertEquals("m.json: enums[0].attributes.volume.loud: expected a finite number, got the "
        + "number 1E+400", refused(edit("\"loud\": 1.0", "\"loud\": 1e400")));
    assertEquals("m.json: contracts[0].fields[0].type: expected a non-empty string, got the "
        + "number 7", refused(edit("\"type\": \"string\"", "\"type\": 7")));
  }

  @Test
  void keysWithDotsAreQuotedInThePath() {
    assertEquals("m.json: policies[0].profiles[0].effectiveSettings[\"demo.exec.mode\"]: "
        + "expected a string, got the boolean true",
        refused(edit("\"demo.exec.mode\": \"quiet\"", "\"demo.exec.mode\": true")));
  }

  @Test
  void whatOnlyCertainEntriesHaveIsRefusedElsewhere() {
    assertEquals("m.json: settingsSchemas[0].settings[0].allowedValues: expected no such key on "
        + "a setting of type int (only an enum setting lists its allowedValues), got an array",
        refused(edit("\"optional\": false,", "\"optional\": false, \"allowedValues\": [\"x\"],")));
    assertEquals("m.json: contracts[0].fields[0].protoNumber: expected an integer from 1 to "
        + "536870911, got nothing (the key is missing)", refused(edit("\"required\": true,\n"
            + "         \"protoNumber\": 1", "\"required\": true")));
    String record = edit("\"spelling\": \"proto\"", "\"spelling\": \"record\"");
    assertTrue(assertThrows(CompatInputException.class, () -> manifest(record)).getMessage()
        .startsWith("m.json: contracts[0].fields[0].protoNumber: expected no such key on a "
            + "field of a record contract"));
  }

  @Test
  void settingTextsAreCanonical() {
    assertEquals("m.json: settingsSchemas[0].settings[0].default: expected the canonical text "
        + "of an int (decimal digits, an optional -) or null, got the string \"08\"",
        refused(edit("\"default\": \"8\"", "\"default\": \"08\"")));
    assertEquals("m.json: settingsSchemas[0].settings[1].default: expected one of the "
        + "allowedValues quiet, loud or null, got the string \"LOUD\"",
        refused(edit("\"default\": \"quiet\"", "\"default\": \"LOUD\"")));
    assertEquals("m.json: settingsSchemas[0].settings[1].min: expected null (a setting of "
        + "type enum has no min; only int, long, double, duration and bytes settings do), got "
        + "the string \"quiet\"", refused(edit("\"min\": null, \"max\": null, \"unit\"",
            "\"min\": \"quiet\", \"max\": null, \"unit\"")));
  }

  @Test
  void duplicatesAreRefused() {
    assertTrue(refused(edit("\"name\": \"id\", \"component\": \"id\"",
        "\"name\": \"id\", \"name\": \"id\", \"component\": \"id\""))
        .startsWith("m.json is not valid JSON (line "), "a duplicate key");
    assertEquals("m.json: contracts[0].fields[1].name: expected a name no other field of the "
        + "contract has (contracts[0].fields[0] has it), got the string \"id\"",
        refused(edit("\"name\": \"size\"", "\"name\": \"id\"")));
    assertEquals("m.json: contracts[0].fields[1].protoNumber: expected a number no other field "
        + "of the contract has (contracts[0].fields[0] has it), got the number 1",
        refused(edit("\"protoNumber\": 2", "\"protoNumber\": 1")));
    String twice = MANIFEST.replace("\"enums\": [\n    {",
        "\"enums\": [\n    {\"javaType\": \"demo.Mode\", \"values\": [], \"attributes\": {}},"
            + "\n    {");
    assertEquals("m.json: enums[1].javaType: expected a javaType that no other enum has "
        + "(enums[0] has it), got the string \"demo.Mode\"", refused(twice));
  }

  @Test
  void anotherFormatIsNamed() {
    assertEquals("m.json is not a manifest: format is 'codeanatomy-lock/1', expected "
        + "'codeanatomy-manifest/1'",
        refused(edit("codeanatomy-manifest/1", "codeanatomy-lock/1")));
    assertEquals("m.json: format: expected the string \"codeanatomy-manifest/1\", got the number "
        + "1", refused(edit("\"codeanatomy-manifest/1\"", "1")));
  }

  // ---------------------------------------------------------------------------------------------
  // documents that are not JSON, or beyond the limits

  @Test
  void brokenDocumentsAreNamed() {
    assertTrue(refused("{\"format\": ").startsWith("m.json is not valid JSON (line 1, column"));
    assertEquals("m.json is empty", refused(""));
    assertEquals("m.json is not a JSON object", refused("[1, 2]"));
    assertTrue(refused(MANIFEST + "{}").startsWith("m.json is not valid JSON"), "trailing text");
    assertTrue(refused("{\"a\": 1 // comment\n}").startsWith("m.json is not valid JSON"));
    assertTrue(refused("{\"a\": NaN}").startsWith("m.json is not valid JSON"));
  }

  @Test
  void onlyUtf8IsRead() {
    byte[] latin1 = "{\"contractSet\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("m.json is not UTF-8 text (bad byte at offset 20)", assertThrows(
        CompatInputException.class, () -> ManifestJson.read(latin1, "m.json")).getMessage());
    byte[] utf16 = MANIFEST.getBytes(StandardCharsets.UTF_16BE);
    assertThrows(CompatInputException.class, () -> ManifestJson.read(utf16, "m.json"));
  }

  @Test
  void limitsAreEnforcedWithAMessage() {
    String deep = "[".repeat(JsonCursor.MAX_DEPTH + 1) + "]".repeat(JsonCursor.MAX_DEPTH + 1);
    String nested = refused("{\"format\": " + deep + "}");
    assertTrue(nested.startsWith("m.json is over a reading limit"), nested);
    assertTrue(nested.contains("nesting depth"), nested);

    String longString = refused("{\"format\": \"" + "x".repeat(JsonCursor.MAX_STRING_LENGTH + 1)
        + "\"}");
    assertTrue(longString.startsWith("m.json is over a reading limit"), longString);
    assertTrue(longString.contains("String value length"), longString);

    byte[] huge = new byte[JsonCursor.MAX_DOCUMENT_BYTES + 1];
    assertEquals("m.json is over a reading limit: larger than 16777216 bytes, the limit for a "
        + "manifest or lock",
        assertThrows(CompatInputException.class, () -> ManifestJson.read(huge, "m.json"))
            .getMessage());
  }

  @Test
  void filesAreNamed(@TempDir Path dir) throws Exception {
    Path absent = dir.resolve("absent.json");
    assertEquals(absent + " does not exist", assertThrows(CompatInputException.class,
        () -> ManifestJson.read(absent)).getMessage());
    assertEquals(dir + " is not a file but a folder", assertThrows(CompatInputException.class,
        () -> ManifestJson.read(dir)).getMessage());
    Path file = dir.resolve("m.json");
    Files.writeString(file, MANIFEST, StandardCharsets.UTF_8);
    assertEquals(manifest(MANIFEST), ManifestJson.read(file));
  }

  @Test
  void manifestsAreValuesThatCannotBeChanged() {
    Manifest manifest = manifest(MANIFEST);
    assertThrows(UnsupportedOperationException.class, () -> manifest.contracts().clear());
    ContractEntry contract = manifest.contracts().get(0);
    assertThrows(UnsupportedOperationException.class, () -> contract.fields().clear());
    assertThrows(UnsupportedOperationException.class, () -> manifest.policies().get(0).profiles()
        .get(0).effectiveSettings().put("x", "y"));
    assertThrows(UnsupportedOperationException.class, () -> manifest.enums().get(0).attributes()
        .get("volume").put("x", 1.0));
  }
}

package io.codeanatomy.compat;

import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.ManifestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small valid manifests written by hand, and the checked-in files of the repository. */
final class Fixtures {

  static final String A = "a".repeat(64);
  static final String B = "b".repeat(64);
  static final String C = "c".repeat(64);
  static final String D = "d".repeat(64);

  /** One item of each kind; every optional key once. */
  static final String MANIFEST = """
      {
        "format": "codeanatomy-manifest/1",
        "contractSet": "demo",
        "settingsSchemas": [
          {
            "kind": "settings_schema", "namespace": "demo.exec", "version": 1,
            "javaType": "demo.ExecSettings", "schemaFingerprint": "%1$s",
            "settings": [
              {
                "key": "demo.exec.partitions", "component": "partitions", "type": "int",
                "optional": false, "default": "8", "min": "1", "max": null, "unit": "none",
                "scope": "session", "planningAffecting": true, "featureGate": false,
                "doc": "Partitions per scan."
              },
              {
                "key": "demo.exec.mode", "component": "mode", "type": "enum",
                "optional": false, "allowedValues": ["quiet", "loud"], "default": "quiet",
                "min": null, "max": null, "unit": "none", "scope": "session",
                "planningAffecting": false, "featureGate": false, "doc": "How loud."
              }
            ]
          }
        ],
        "policies": [
          {
            "kind": "planning_policy", "name": "demo", "version": 1,
            "javaType": "demo.DemoPolicy", "schemaFingerprint": "%2$s",
            "components": [
              {"name": "exec", "namespace": "demo.exec", "schemaVersion": 1,
               "schemaFingerprint": "%1$s"}
            ],
            "profiles": [
              {
                "name": "default", "extends": null, "doc": "Everyday runs.",
                "settingsHash": "%3$s", "planningEnvironmentHash": "%4$s",
                "featureGateParityHash": null,
                "effectiveSettings": {"demo.exec.mode": "quiet", "demo.exec.partitions": "8"}
              }
            ]
          }
        ],
        "contracts": [
          {
            "kind": "contract", "name": "item", "version": 1, "javaType": "demo.Item",
            "spelling": "proto", "layout": "sorted_map", "forwardCompatible": false,
            "schemaFingerprint": "%3$s",
            "fields": [
              {"name": "id", "component": "id", "type": "string", "hashed": true, "bag": false,
               "bagKey": "", "absentAs": "nil", "hash": "none", "required": true,
               "protoNumber": 1},
              {"name": "size", "component": "size", "type": "long", "hashed": true,
               "bag": false, "bagKey": "", "absentAs": "nil", "hash": "none", "required": true,
               "protoNumber": 2}
            ]
          }
        ],
        "enums": [
          {"javaType": "demo.Mode", "values": ["quiet", "loud"],
           "attributes": {"volume": {"quiet": 0.1, "loud": 1.0}}}
        ]
      }
      """.formatted(A, B, C, D);

  private Fixtures() {}

  /** A digest for tests: {@code n} in hex, zero-padded to 64 digits. */
  static String digest(int n) {
    return String.format(java.util.Locale.ROOT, "%064x", n);
  }

  /** A manifest of contract set "demo" with these schemas and contracts, and nothing else. */
  static String manifestOf(List<String> schemas, List<String> contracts) {
    return "{\"format\": \"codeanatomy-manifest/1\", \"contractSet\": \"demo\",\n"
        + " \"settingsSchemas\": [" + String.join(",\n", schemas) + "],\n"
        + " \"policies\": [],\n"
        + " \"contracts\": [" + String.join(",\n", contracts) + "],\n"
        + " \"enums\": []}\n";
  }

  static String manifestOf(String... contracts) {
    return manifestOf(List.of(), List.of(contracts));
  }

  /** A contract entry; a proto one when its fields have numbers. */
  static String contract(String name, int version, String fingerprint, String... fields) {
    boolean proto = fields.length > 0 && fields[0].contains("protoNumber");
    return "{\"kind\": \"contract\", \"name\": \"" + name + "\", \"version\": " + version
        + ", \"javaType\": \"demo." + name + "\", \"spelling\": \"" + (proto ? "proto" : "record")
        + "\", \"layout\": \"sorted_map\", \"forwardCompatible\": false, "
        + "\"schemaFingerprint\": \"" + fingerprint + "\", \"fields\": ["
        + String.join(", ", fields) + "]}";
  }

  /** A hashed, required field of a record contract. */
  static String field(String name, String type) {
    return field(name, type, true, true, null);
  }

  /** A field; {@code protoNumber} null for a record contract's. */
  static String field(String name, String type, boolean hashed, boolean required,
      Integer protoNumber) {
    return "{\"name\": \"" + name + "\", \"component\": \"" + name + "\", \"type\": \"" + type
        + "\", \"hashed\": " + hashed + ", \"bag\": false, \"bagKey\": \"\", "
        + "\"absentAs\": \"nil\", \"hash\": \"none\", \"required\": " + required
        + (protoNumber == null ? "" : ", \"protoNumber\": " + protoNumber) + "}";
  }

  /** A settings schema entry. */
  static String schema(String javaType, int version, String fingerprint, String... settings) {
    return "{\"kind\": \"settings_schema\", \"namespace\": \"demo\", \"version\": " + version
        + ", \"javaType\": \"" + javaType + "\", \"schemaFingerprint\": \"" + fingerprint
        + "\", \"settings\": [" + String.join(", ", settings) + "]}";
  }

  /**
   * A setting; {@code allowed} lists an enum's values. Texts are JSON values: {@code "\"8\""}
   * or {@code "null"}.
   */
  static String setting(String key, String type, boolean optional, String defaultValue,
      String min, String max, String... allowed) {
    String values = allowed.length == 0 ? ""
        : "\"allowedValues\": [\"" + String.join("\", \"", allowed) + "\"], ";
    return "{\"key\": \"" + key + "\", \"component\": \"c\", \"type\": \"" + type
        + "\", \"optional\": " + optional + ", " + values + "\"default\": " + defaultValue
        + ", \"min\": " + min + ", \"max\": " + max + ", \"unit\": \"none\", "
        + "\"scope\": \"session\", \"planningAffecting\": false, \"featureGate\": false, "
        + "\"doc\": \"d\"}";
  }

  static Manifest manifest(String text) {
    return ManifestJson.parse(text, "m.json");
  }

  /** A file of the repository, from this module's directory. */
  static Path repositoryFile(String path) {
    return Path.of(System.getProperty("basedir", "."), "..").resolve(path).normalize();
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

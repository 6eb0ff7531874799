package io.codeanatomy.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Small hand-made manifests and locks, and a way to run the command line and keep what it
 * printed. The manifest has one item of each kind, so that every section of the output shows.
 */
final class CliFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  static final String SETTINGS_HASH = "1".repeat(64);
  static final String PLANNING_HASH = "2".repeat(64);

  /** Contract set "demo": a settings schema, a policy with one profile, a contract. */
  static final String MANIFEST = """
      {
        "format": "codeanatomy-manifest/1",
        "contractSet": "demo",
        "settingsSchemas": [
          {
            "kind": "settings_schema",
            "namespace": "demo.exec",
            "version": 1,
            "javaType": "demo.ExecSettings",
            "schemaFingerprint": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "settings": [
              {
                "key": "demo.exec.partitions", "component": "partitions", "type": "int",
                "optional": false, "default": "8", "min": "1", "max": null, "unit": "none",
                "scope": "session", "planningAffecting": true, "featureGate": false,
                "doc": "Partitions per scan."
              }
            ]
          }
        ],
        "policies": [
          {
            "kind": "planning_policy",
            "name": "demo",
            "version": 1,
            "javaType": "demo.DemoPolicy",
            "schemaFingerprint": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "components": [
              {
                "name": "exec", "namespace": "demo.exec", "schemaVersion": 1,
                "schemaFingerprint": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
              }
            ],
            "profiles": [
              {
                "name": "default", "extends": null, "doc": "Everyday runs.",
                "settingsHash": "%s",
                "planningEnvironmentHash": "%s",
                "featureGateParityHash": "3333333333333333333333333333333333333333333333333333333333333333",
                "effectiveSettings": {"demo.exec.partitions": "8"}
              }
            ]
          }
        ],
        "contracts": [
          {
            "kind": "contract",
            "name": "plan",
            "version": 1,
            "javaType": "demo.Plan",
            "spelling": "record",
            "layout": "ordered_pairs",
            "forwardCompatible": false,
            "schemaFingerprint": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
            "fields": [
              {
                "name": "id", "component": "id", "type": "string", "hashed": true, "bag": false,
                "bagKey": "", "absentAs": "nil", "hash": "none", "required": true
              },
              {
                "name": "note", "component": "note", "type": "string", "hashed": false,
                "bag": false, "bagKey": "", "absentAs": "nil", "hash": "none", "required": false
              }
            ]
          }
        ],
        "enums": [ ]
      }
      """.formatted(SETTINGS_HASH, PLANNING_HASH);

  private CliFixtures() {}

  /** What one run printed, decoded as UTF-8, and its exit code. */
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CodeAnatomyCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** A fresh copy of {@link #MANIFEST} to change. */
  static ObjectNode manifest() {
    try {
      return (ObjectNode) JSON.readTree(MANIFEST);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode schema(ObjectNode manifest) {
    return (ObjectNode) manifest.get("settingsSchemas").get(0);
  }

  static ObjectNode policy(ObjectNode manifest) {
    return (ObjectNode) manifest.get("policies").get(0);
  }

  static ObjectNode contract(ObjectNode manifest) {
    return (ObjectNode) manifest.get("contracts").get(0);
  }

  /** The manifest with the partitions default changed, as the compiler would write it. */
  static ObjectNode withDefault(ObjectNode manifest, String value, String settingsHash) {
    ObjectNode setting = (ObjectNode) schema(manifest).get("settings").get(0);
    setting.put("default", value);
    ObjectNode profile = (ObjectNode) policy(manifest).get("profiles").get(0);
    profile.put("settingsHash", settingsHash);
    ((ObjectNode) profile.get("effectiveSettings")).put("demo.exec.partitions", value);
    return manifest;
  }

  /** The manifest without the contract field {@code name}. */
  static ObjectNode withoutField(ObjectNode manifest, String name) {
    Iterator<JsonNode> fields = contract(manifest).get("fields").iterator();
    while (fields.hasNext()) {
      if (fields.next().path("name").asText().equals(name)) {
        fields.remove();
      }
    }
    return manifest;
  }

  /**
   * A lock written by hand: each manifest's entries become released versions, in order (a later
   * manifest with the same version of an item replaces it, as a compatible re-release does).
   *
   * @param retired items (by identity) to mark as retired
   */
  static ObjectNode lock(List<ObjectNode> releases, List<String> retired) {
    ObjectNode lock = JSON.createObjectNode();
    lock.put("format", "codeanatomy-lock/1");
    lock.put("contractSet", releases.get(0).path("contractSet").asText());
    Map<String, String> identities = Map.of(
        "settingsSchemas", "javaType", "policies", "name", "contracts", "name");
    for (String section : List.of("settingsSchemas", "policies", "contracts")) {
      ObjectNode items = lock.putObject(section);
      for (ObjectNode release : releases) {
        for (JsonNode entry : release.path(section)) {
          String name = entry.path(identities.get(section)).asText();
          ObjectNode item = items.has(name) ? (ObjectNode) items.get(name)
              : items.putObject(name).put("retired", retired.contains(name));
          ArrayNode versions = item.has("versions") ? (ArrayNode) item.get("versions")
              : item.putArray("versions");
          JsonNode last = versions.isEmpty() ? null : versions.get(versions.size() - 1);
          if (last != null && last.path("version").equals(entry.path("version"))) {
            versions.set(versions.size() - 1, entry.deepCopy());
          } else {
            versions.add(entry.deepCopy());
          }
        }
      }
    }
    return lock;
  }

  static ObjectNode lock(ObjectNode... releases) {
    return lock(List.of(releases), List.of());
  }

  static Path write(Path dir, String name, JsonNode json) {
    return write(dir, name, json.toPrettyString());
  }

  static Path write(Path dir, String name, String text) {
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The checked-in lock of the core contract set, next to this module. */
  static Path realLock() {
    return Path.of(System.getProperty("basedir", "."), "..", "contracts", "contracts.lock.json");
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

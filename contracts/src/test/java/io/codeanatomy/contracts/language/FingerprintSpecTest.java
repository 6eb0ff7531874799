package io.codeanatomy.contracts.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * docs/canonical-encoding.md, section 4, says exactly what a schema fingerprint hashes. This test
 * follows the page and nothing else: it builds each description from a manifest's entries by the
 * page's rules, encodes it with msgpack-core (an independent MessagePack implementation; map keys
 * sorted by their UTF-8 bytes as section 2 requires), and checks that SHA-256 of it is the
 * fingerprint the processor wrote, for every schema, policy and contract of the core and golden
 * manifests. An implementer in another language who follows the page gets the same fingerprints.
 */
class FingerprintSpecTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyCoreFingerprintFollowsTheSpec() throws IOException {
    try (InputStream in = FingerprintSpecTest.class.getClassLoader()
        .getResourceAsStream("META-INF/codeanatomy/contracts.manifest.json")) {
      checkAll(JSON.readTree(in));
    }
  }

  @Test
  void everyGoldenFingerprintFollowsTheSpec() throws IOException {
    Path golden = Path.of(System.getProperty("basedir", "."),
        "src/test/resources/golden/expected/META-INF/codeanatomy/contracts.manifest.json");
    checkAll(JSON.readTree(Files.readString(golden, StandardCharsets.UTF_8)));
  }

  private static void checkAll(JsonNode manifest) throws IOException {
    int checked = 0;
    for (JsonNode schema : manifest.get("settingsSchemas")) {
      assertEquals(schema.get("schemaFingerprint").asText(), sha256(schema(schema)),
          schema.get("javaType").asText());
      checked++;
    }
    for (JsonNode policy : manifest.get("policies")) {
      assertEquals(policy.get("schemaFingerprint").asText(), sha256(policy(policy)),
          policy.get("name").asText());
      checked++;
    }
    for (JsonNode contract : manifest.get("contracts")) {
      assertEquals(contract.get("schemaFingerprint").asText(), sha256(contract(contract)),
          contract.get("name").asText());
      checked++;
    }
    assertTrue(checked > 3, "the manifest has items to check");
  }

  private static Map<String, Object> schema(JsonNode schema) {
    List<JsonNode> settings = new ArrayList<>();
    schema.get("settings").forEach(settings::add);
    settings.sort(Comparator.comparing(s -> s.get("key").asText()));
    List<Object> described = new ArrayList<>();
    for (JsonNode s : settings) {
      String type = s.get("type").asText();
      if (type.equals("enum")) {
        List<String> texts = new ArrayList<>();
        s.get("allowedValues").forEach(v -> texts.add(v.asText()));
        type = "enum (" + String.join("|", texts) + ")";
      }
      Map<String, Object> setting = new LinkedHashMap<>();
      setting.put("default", textOrNil(s.get("default")));
      setting.put("feature_gate", s.get("featureGate").asBoolean());
      setting.put("key", s.get("key").asText());
      setting.put("max", textOrNil(s.get("max")));
      setting.put("min", textOrNil(s.get("min")));
      setting.put("planning_affecting", s.get("planningAffecting").asBoolean());
      setting.put("scope", s.get("scope").asText());
      setting.put("type", (s.get("optional").asBoolean() ? "optional " : "") + type);
      setting.put("unit", s.get("unit").asText());
      described.add(setting);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "settings_schema");
    root.put("namespace", schema.get("namespace").asText());
    root.put("settings", described);
    root.put("version", schema.get("version").asLong());
    return root;
  }

  private static Map<String, Object> policy(JsonNode policy) {
    List<Object> components = new ArrayList<>();
    for (JsonNode c : policy.get("components")) {
      Map<String, Object> component = new LinkedHashMap<>();
      component.put("namespace", c.get("namespace").asText());
      component.put("schema_fingerprint", c.get("schemaFingerprint").asText());
      component.put("version", c.get("schemaVersion").asLong());
      components.add(component);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("components", components);
    root.put("kind", "planning_policy");
    root.put("name", policy.get("name").asText());
    root.put("version", policy.get("version").asLong());
    return root;
  }

  private static Map<String, Object> contract(JsonNode contract) {
    List<Object> fields = new ArrayList<>();
    for (JsonNode f : contract.get("fields")) {
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("absent_as", f.get("absentAs").asText());
      field.put("bag", f.get("bag").asBoolean());
      field.put("name", f.get("name").asText());
      field.put("provenance", !f.get("hashed").asBoolean());
      field.put("type", f.get("type").asText());
      fields.add(field);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("fields", fields);
    root.put("forward_compatible", contract.get("forwardCompatible").asBoolean());
    root.put("kind", "contract");
    root.put("layout", contract.get("layout").asText());
    root.put("name", contract.get("name").asText());
    root.put("version", contract.get("version").asLong());
    return root;
  }

  private static Object textOrNil(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String sha256(Map<String, Object> description) throws IOException {
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      pack(packer, description);
      packer.flush();
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(packer.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void pack(MessageBufferPacker packer, Object value) throws IOException {
    if (value == null) {
      packer.packNil();
    } else if (value instanceof Boolean b) {
      packer.packBoolean(b);
    } else if (value instanceof Long n) {
      packer.packLong(n);
    } else if (value instanceof String s) {
      packer.packString(s);
    } else if (value instanceof List<?> list) {
      packer.packArrayHeader(list.size());
      for (Object element : list) {
        pack(packer, element);
      }
    } else {
      Map<String, Object> map = (Map<String, Object>) value;
      List<String> keys = new ArrayList<>(map.keySet());
      keys.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8)));
      packer.packMapHeader(keys.size());
      for (String key : keys) {
        packer.packString(key);
        pack(packer, map.get(key));
      }
    }
  }
}

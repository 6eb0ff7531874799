package io.codeanatomy.processor.emit.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.Fingerprints;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.ProfileResolution;
import io.codeanatomy.processor.model.ResolvedProfile;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingValues;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Builds and renders the manifest of a contract set. */
public final class ManifestEmitter {

  /** Where the manifest goes in the class output, and so in the jar. */
  public static final String RESOURCE = "META-INF/codeanatomy/contracts.manifest.json";

  /** The manifest format; bumped when the structure changes. */
  public static final String FORMAT = "codeanatomy-manifest/1";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ManifestEmitter() {}

  /** The manifest as a JSON tree, keys in a fixed order. */
  public static ObjectNode manifest(ContractSet set) {
    ObjectNode root = JSON.objectNode();
    root.put("format", FORMAT);
    root.put("contractSet", set.name());
    ArrayNode schemas = root.putArray("settingsSchemas");
    for (SettingsSchemaModel schema : set.localSchemas()) {
      schemas.add(schema(schema));
    }
    ArrayNode policies = root.putArray("policies");
    for (PolicyModel policy : set.policies()) {
      policies.add(policy(set, policy));
    }
    ArrayNode contracts = root.putArray("contracts");
    for (ContractModel contract : set.localContracts()) {
      contracts.add(contract(set, contract));
    }
    ArrayNode enums = root.putArray("enums");
    for (EnumModel model : set.enums()) {
      if (model.local()) {
        ObjectNode e = enums.addObject();
        e.put("javaType", model.type().qualifiedName());
        ArrayNode values = e.putArray("values");
        model.constants().forEach(c -> values.add(c.toLowerCase(Locale.ROOT)));
        ObjectNode attributes = e.putObject("attributes");
        model.attributes().forEach((name, byConstant) -> {
          ObjectNode a = attributes.putObject(name);
          byConstant.forEach((constant, value) -> a.put(constant.toLowerCase(Locale.ROOT), value));
        });
      }
    }
    return root;
  }

  /** The manifest as UTF-8 JSON with two-space indentation and {@code \n} line ends. */
  public static byte[] render(ObjectNode manifest) {
    // The default indenter uses the platform line separator; the manifest must not vary by OS.
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      String json = new ObjectMapper().writer(printer).writeValueAsString(manifest);
      return (json + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always renders", e);
    }
  }

  private static ObjectNode schema(SettingsSchemaModel schema) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", "settings_schema");
    node.put("namespace", schema.namespace());
    node.put("version", schema.version());
    node.put("javaType", schema.type().qualifiedName());
    node.put("schemaFingerprint", Fingerprints.schema(schema));
    ArrayNode settings = node.putArray("settings");
    for (SettingModel setting : schema.settings()) {
      ObjectNode s = settings.addObject();
      s.put("key", setting.key());
      s.put("component", setting.component());
      s.put("type", setting.type().kind().typeName());
      s.put("optional", setting.type().optional());
      if (!setting.type().enumTexts().isEmpty()) {
        ArrayNode allowed = s.putArray("allowedValues");
        setting.type().enumTexts().forEach(allowed::add);
      }
      putOptional(s, "default", setting.canonicalDefault());
      putOptional(s, "min", setting.min().map(m -> SettingValues.canonical(setting.type(), m)));
      putOptional(s, "max", setting.max().map(m -> SettingValues.canonical(setting.type(), m)));
      s.put("unit", setting.unit().name().toLowerCase(Locale.ROOT));
      s.put("scope", setting.scope().name().toLowerCase(Locale.ROOT));
      s.put("planningAffecting", setting.planningAffecting());
      s.put("featureGate", setting.featureGate());
      s.put("doc", setting.doc());
    }
    return node;
  }

  private static ObjectNode policy(ContractSet set, PolicyModel policy) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", "planning_policy");
    node.put("name", policy.name());
    node.put("version", policy.version());
    node.put("javaType", policy.type().qualifiedName());
    node.put("schemaFingerprint", Fingerprints.policy(set, policy));
    ArrayNode components = node.putArray("components");
    for (PolicyComponent component : policy.components()) {
      SettingsSchemaModel schema = set.schema(component.schema()).orElseThrow();
      ObjectNode c = components.addObject();
      c.put("name", component.name());
      c.put("namespace", schema.namespace());
      c.put("schemaVersion", schema.version());
      c.put("schemaFingerprint", Fingerprints.schema(schema));
    }
    ArrayNode profiles = node.putArray("profiles");
    for (ResolvedProfile profile : ProfileResolution.resolve(set, policy)) {
      ObjectNode p = profiles.addObject();
      p.put("name", profile.name());
      putOptional(p, "extends", profile.parent());
      p.put("doc", profile.doc());
      p.put("settingsHash", profile.settingsHash());
      p.put("planningEnvironmentHash", profile.planningEnvironmentHash());
      putOptional(p, "featureGateParityHash", profile.featureGateParityHash());
      ObjectNode effective = p.putObject("effectiveSettings");
      profile.effectiveSettings().forEach(effective::put);
    }
    return node;
  }

  private static ObjectNode contract(ContractSet set, ContractModel contract) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", "contract");
    node.put("name", contract.name());
    node.put("version", contract.version());
    node.put("javaType", contract.type().qualifiedName());
    node.put("spelling", contract.spelling().name().toLowerCase(Locale.ROOT));
    node.put("layout", contract.layout().name().toLowerCase(Locale.ROOT));
    node.put("forwardCompatible", contract.forwardCompatible());
    node.put("schemaFingerprint", Fingerprints.contract(set, contract));
    ArrayNode fields = node.putArray("fields");
    for (ContractField field : contract.fields()) {
      ObjectNode f = fields.addObject();
      f.put("name", field.name());
      f.put("component", field.component());
      f.put("type", Fingerprints.describe(set, field.type()));
      f.put("hashed", !field.provenance());
      f.put("bag", field.bag());
      f.put("bagKey", field.bagKey());
      f.put("absentAs", field.absentAsEmptyString() ? "empty_string" : "nil");
      f.put("hash", field.hash().name().toLowerCase(Locale.ROOT));
      f.put("required", required(contract, field));
      if (contract.spelling() == ContractModel.Spelling.PROTO) {
        f.put("protoNumber", field.protoNumber());
      }
    }
    return node;
  }

  /**
   * Whether a payload must carry the field: every field but an optional, and, in a protobuf
   * contract, a singular message (protobuf's JSON leaves an unset one out).
   */
  private static boolean required(ContractModel contract, ContractField field) {
    if (field.type() instanceof FieldType.OptionalType) {
      return false;
    }
    return !(contract.spelling() == ContractModel.Spelling.PROTO
        && field.type() instanceof FieldType.ContractRef);
  }

  private static void putOptional(ObjectNode node, String field, Optional<String> value) {
    if (value.isPresent()) {
      node.put(field, value.get());
    } else {
      node.putNull(field);
    }
  }
}

package io.codeanatomy.processor.model;

import io.codeanatomy.contracts.canonical.CanonicalWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema fingerprints: SHA-256 over the canonical encoding of what a contract means on the wire
 * and in hashes (keys, types, defaults, bounds, flags, versions). Documentation and Java names are
 * left out, so rewording a doc or renaming a component does not change the fingerprint; the
 * layout is written down in {@code docs/canonical-encoding.md}.
 */
public final class Fingerprints {

  private Fingerprints() {}

  public static String schema(SettingsSchemaModel schema) {
    List<Object> settings = new ArrayList<>();
    schema.settings().stream()
        .sorted(Comparator.comparing(SettingModel::key))
        .forEach(setting -> {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("key", setting.key());
          s.put("type", setting.type().description());
          s.put("default", setting.canonicalDefault().orElse(null));
          s.put("min", setting.min().map(m -> SettingValues.canonical(setting.type(), m)).orElse(null));
          s.put("max", setting.max().map(m -> SettingValues.canonical(setting.type(), m)).orElse(null));
          s.put("unit", setting.unit().name().toLowerCase(java.util.Locale.ROOT));
          s.put("scope", setting.scope().name().toLowerCase(java.util.Locale.ROOT));
          s.put("planning_affecting", setting.planningAffecting());
          s.put("feature_gate", setting.featureGate());
          settings.add(s);
        });
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "settings_schema");
    root.put("namespace", schema.namespace());
    root.put("version", schema.version());
    root.put("settings", settings);
    return new CanonicalWriter().writeValue(root).sha256Hex();
  }

  /**
   * A contract: its name, version, layout, and each field (name, type, markers) in declaration
   * order, which matters for {@code ORDERED_PAIRS}. A nested contract enters by its name and
   * fingerprint, so a change to it changes the fingerprint of every contract that nests it.
   */
  public static String contract(ContractSet set, ContractModel contract) {
    List<Object> fields = new ArrayList<>();
    for (ContractField field : contract.fields()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", field.name());
      f.put("type", describe(set, field.type()));
      f.put("provenance", field.provenance());
      f.put("bag", field.bag());
      f.put("absent_as", field.absentAsEmptyString() ? "empty_string" : "nil");
      fields.add(f);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "contract");
    root.put("name", contract.name());
    root.put("version", contract.version());
    root.put("layout", contract.layout().name().toLowerCase(java.util.Locale.ROOT));
    root.put("forward_compatible", contract.forwardCompatible());
    root.put("fields", fields);
    return new CanonicalWriter().writeValue(root).sha256Hex();
  }

  /** A field type in words, nested contracts by name and fingerprint instead of Java name. */
  public static String describe(ContractSet set, FieldType type) {
    if (type instanceof FieldType.ContractRef ref) {
      ContractModel nested = set.contract(ref.type()).orElseThrow();
      return "contract " + nested.name() + " " + contract(set, nested);
    } else if (type instanceof FieldType.ListType list) {
      return "list<" + describe(set, list.element()) + ">";
    } else if (type instanceof FieldType.MapType map) {
      return "map<string, " + describe(set, map.value()) + ">";
    } else if (type instanceof FieldType.OptionalType optional) {
      return "optional<" + describe(set, optional.element()) + ">";
    }
    return type.describe();
  }

  public static String policy(ContractSet set, PolicyModel policy) {
    List<Object> components = new ArrayList<>();
    for (PolicyComponent component : policy.components()) {
      SettingsSchemaModel schema = set.schema(component.schema()).orElseThrow();
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("namespace", schema.namespace());
      c.put("version", schema.version());
      c.put("schema_fingerprint", schema(schema));
      components.add(c);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "planning_policy");
    root.put("name", policy.name());
    root.put("version", policy.version());
    root.put("components", components);
    return new CanonicalWriter().writeValue(root).sha256Hex();
  }
}

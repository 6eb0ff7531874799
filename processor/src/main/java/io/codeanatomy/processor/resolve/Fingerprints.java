package io.codeanatomy.processor.resolve;

import io.codeanatomy.contracts.canonical.CanonicalWriter;
import io.codeanatomy.processor.model.FieldType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Schema fingerprints: SHA-256 over the canonical encoding of what a contract means on the wire
 * and in hashes (keys, types, defaults, bounds, flags, versions). Documentation and Java names are
 * left out, so rewording a doc or renaming a component does not change the fingerprint; the
 * layout is written down in {@code docs/canonical-encoding.md}, section 4.
 */
final class Fingerprints {

  private Fingerprints() {}

  static String schema(String namespace, int version, List<ResolvedSetting> settings) {
    List<Object> described = new ArrayList<>();
    settings.stream()
        .sorted(Comparator.comparing(ResolvedSetting::key))
        .forEach(setting -> {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("key", setting.key());
          s.put("type", setting.type().description());
          s.put("default", setting.defaultValue().orElse(null));
          s.put("min", setting.min().orElse(null));
          s.put("max", setting.max().orElse(null));
          s.put("unit", setting.unit().name().toLowerCase(Locale.ROOT));
          s.put("scope", setting.scope().name().toLowerCase(Locale.ROOT));
          s.put("planning_affecting", setting.planningAffecting());
          s.put("feature_gate", setting.featureGate());
          described.add(s);
        });
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "settings_schema");
    root.put("namespace", namespace);
    root.put("version", version);
    root.put("settings", described);
    return new CanonicalWriter().writeValue(root).sha256Hex();
  }

  /**
   * A contract: its name, version, layout, and each field (name, type, markers) in declaration
   * order, which matters for {@code ORDERED_PAIRS}. A nested contract enters by its name and
   * fingerprint ({@link #describe}), so a change to it changes the fingerprint of every contract
   * that nests it.
   */
  static String contract(String name, int version, String layout, boolean forwardCompatible,
      List<ResolvedField> fields) {
    List<Object> described = new ArrayList<>();
    for (ResolvedField field : fields) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", field.name());
      f.put("type", field.describedType());
      f.put("provenance", field.provenance());
      f.put("bag", field.bag());
      f.put("absent_as", field.absentAsEmptyString() ? "empty_string" : "nil");
      described.add(f);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "contract");
    root.put("name", name);
    root.put("version", version);
    root.put("layout", layout);
    root.put("forward_compatible", forwardCompatible);
    root.put("fields", described);
    return new CanonicalWriter().writeValue(root).sha256Hex();
  }

  /**
   * A field type in words, a nested contract by its name and fingerprint instead of its Java
   * name: {@code list<contract delta_input 1a2b...>}.
   */
  static String describe(FieldType type, Function<FieldType.ContractRef, ResolvedContract> nested) {
    if (type instanceof FieldType.ContractRef ref) {
      ResolvedContract contract = nested.apply(ref);
      return "contract " + contract.name() + " " + contract.fingerprint();
    } else if (type instanceof FieldType.ListType list) {
      return "list<" + describe(list.element(), nested) + ">";
    } else if (type instanceof FieldType.MapType map) {
      return "map<string, " + describe(map.value(), nested) + ">";
    } else if (type instanceof FieldType.OptionalType optional) {
      return "optional<" + describe(optional.element(), nested) + ">";
    }
    return type.describe();
  }

  static String policy(String name, int version, List<ResolvedPolicy.Component> components) {
    List<Object> described = new ArrayList<>();
    for (ResolvedPolicy.Component component : components) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("namespace", component.schema().namespace());
      c.put("version", component.schema().version());
      c.put("schema_fingerprint", component.schema().fingerprint());
      described.add(c);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "planning_policy");
    root.put("name", name);
    root.put("version", version);
    root.put("components", described);
    return new CanonicalWriter().writeValue(root).sha256Hex();
  }
}

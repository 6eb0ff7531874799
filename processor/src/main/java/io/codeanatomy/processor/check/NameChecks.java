package io.codeanatomy.processor.check;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.DUPLICATE_CONTRACT;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.GENERATED_NAME_CLASH;

import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.Origin;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.TypeRef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names across a whole contract set, which no single declaration can check: contract and policy
 * names must be unique (a reader finds a contract by name), and the names the processor generates
 * must be unique and must not clash with declared ones, in Java (one {@code XContract} per
 * record, the mixins' methods) and in the Rust module (types by their flat names).
 */
final class NameChecks {

  /** Methods every generated settings builder inherits that a one-argument setter could hide. */
  private static final Set<String> SCHEMA_BUILDER_METHODS =
      Set.of("set", "unset", "setAll", "replaceWith", "build");
  private static final Set<String> SCHEMA_MIXIN = Set.of("toBuilder", "toSettings");
  private static final Set<String> POLICY_MIXIN = Set.of("toBuilder", "effectiveSettings",
      "planningEnvironmentSettings", "settingsHash", "planningEnvironmentHash",
      "featureGateParityHash");
  private static final Set<String> CONTRACT_MIXIN = Set.of("toBuilder", "hash", "canonicalBytes");

  /**
   * Names the generated Rust module already has in its type namespace, which a declared type's
   * flat name would shadow or redefine: what it imports from std and from the runtime (modules
   * and items), the Rust prelude's types and traits, and the primitive types.
   * RustModuleNamesTest keeps the first part in step with the module's {@code use} lines.
   */
  static final Set<String> RUST_MODULE_NAMES = Set.of(
      // std and the runtime, as the module imports them
      "BTreeMap", "Duration", "canonical", "json", "json_mapping", "msgpack", "payload",
      "read_error", "wire", "text", "Checker", "EncodeError", "TextError", "Value", "Violations",
      "Writer", "PlanningPolicy", "Scope", "SettingDescriptor", "Unit", "UnknownProfile",
      "decode", "hash_value_as", "Contract", "DecodeError", "Json", "ReadError", "proto",
      "record", "binary",
      // the prelude (edition 2021)
      "Copy", "Send", "Sized", "Sync", "Unpin", "Drop", "Fn", "FnMut", "FnOnce", "Box",
      "ToOwned", "Clone", "PartialEq", "PartialOrd", "Eq", "Ord", "AsRef", "AsMut", "Into",
      "From", "Default", "Iterator", "Extend", "IntoIterator", "DoubleEndedIterator",
      "ExactSizeIterator", "Option", "Some", "None", "Result", "Ok", "Err", "String", "ToString",
      "Vec", "TryFrom", "TryInto", "FromIterator",
      // primitive types
      "bool", "char", "str", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32",
      "u64", "u128", "usize", "f32", "f64");

  private NameChecks() {}

  /** A declaration that gets generated names, with where it is. */
  private record Declared(TypeRef type, String what, Origin origin) {}

  static void check(ContractSet set, Problems problems) {
    uniqueContractNames(set, problems);
    uniquePolicyNames(set, problems);
    generatedJavaNames(set, problems);
    rustNames(set, problems);
    mixinsAndBuilders(set, problems);
  }

  private static void uniqueContractNames(ContractSet set, Problems problems) {
    Map<String, ContractModel> byName = new HashMap<>();
    for (ContractModel contract : set.contracts()) {
      ContractModel first = byName.putIfAbsent(contract.name(), contract);
      if (first != null && (contract.local() || first.local())) {
        ContractModel later = contract.local() ? contract : first;
        ContractModel other = later == contract ? first : contract;
        problems.report(DUPLICATE_CONTRACT, later.origin().attribute("name"),
            "contract " + contract.name() + " is declared twice: by " + describe(other)
                + " and by " + describe(later) + "; a reader finds a contract by its name, and "
                + "two spellings would hash differently: keep one, or rename the other");
      }
    }
  }

  private static void uniquePolicyNames(ContractSet set, Problems problems) {
    Map<String, PolicyModel> byName = new HashMap<>();
    for (PolicyModel policy : set.policies()) {
      PolicyModel first = byName.putIfAbsent(policy.name(), policy);
      if (first != null) {
        problems.report(DUPLICATE_CONTRACT, policy.origin().attribute("name"),
            "policy " + policy.name() + " is declared twice: by " + first.type() + " and by "
                + policy.type() + "; rename one");
      }
    }
  }

  private static String describe(ContractModel contract) {
    return (contract.spelling() == ContractModel.Spelling.PROTO ? "message " : "record ")
        + contract.type();
  }

  /**
   * Each local schema, policy and contract gets {@code <Flat>Contract} in its package; each local
   * enum with attributes {@code <Flat>Attributes}. None may be generated twice or be a declared
   * type.
   */
  private static void generatedJavaNames(ContractSet set, Problems problems) {
    Map<String, Declared> declared = new HashMap<>();
    for (Declared d : declarations(set, false)) {
      declared.put(d.type().qualifiedName(), d);
    }
    Map<String, Declared> generated = new HashMap<>();
    for (Declared d : declarations(set, true)) {
      String suffix = d.what().equals("enum") ? "Attributes" : "Contract";
      String name = d.type().generated(suffix).qualifiedName();
      Declared clash = declared.get(name);
      Declared twice = generated.putIfAbsent(name, d);
      if (clash != null) {
        problems.report(GENERATED_NAME_CLASH, d.origin(),
            d.what() + " " + d.type() + " would generate " + name + ", which is the name of the "
                + "declared " + clash.what() + "; rename one of them");
      } else if (twice != null) {
        problems.report(GENERATED_NAME_CLASH, d.origin(),
            d.what() + " " + d.type() + " and " + twice.what() + " " + twice.type()
                + " would both generate " + name + "; rename one of them");
      }
    }
  }

  /** Every type of the Rust module is named by its flat name; two may not share one. */
  private static void rustNames(ContractSet set, Problems problems) {
    Map<String, Declared> byFlatName = new LinkedHashMap<>();
    for (Declared d : declarations(set, false)) {
      if (RUST_MODULE_NAMES.contains(d.type().flatName()) && isLocal(set, d.type())) {
        problems.report(GENERATED_NAME_CLASH, d.origin(),
            d.what() + " " + d.type() + " would be the Rust type " + d.type().flatName() + " of "
                + set.name() + "_contracts.rs, which is already the name of a Rust type, trait "
                + "or module that the module uses; rename it");
        continue;
      }
      Declared first = byFlatName.putIfAbsent(d.type().flatName(), d);
      if (first != null && !first.type().equals(d.type())) {
        Declared later = isLocal(set, d.type()) ? d : first;
        Declared other = later == d ? first : d;
        problems.report(GENERATED_NAME_CLASH, later.origin(),
            later.what() + " " + later.type() + " and " + other.what() + " " + other.type()
                + " would both be the Rust type " + d.type().flatName() + " of "
                + set.name() + "_contracts.rs; rename one of them");
      }
    }
  }

  /**
   * A record that opts into its mixin cannot have a component named like a mixin method (its
   * accessor would clash), and a schema's setter cannot hide a method of the builder.
   */
  private static void mixinsAndBuilders(ContractSet set, Problems problems) {
    for (SettingsSchemaModel schema : set.localSchemas()) {
      for (SettingModel setting : schema.settings()) {
        if (SCHEMA_BUILDER_METHODS.contains(setting.component())) {
          problems.report(GENERATED_NAME_CLASH, setting.origin(), "component '"
              + setting.component() + "' would generate the setter " + setting.component()
              + "(...), which the generated builder already has; rename the component");
        } else if (schema.mixin() && SCHEMA_MIXIN.contains(setting.component())) {
          mixinClash(setting.component(), setting.origin(), problems);
        }
      }
    }
    for (PolicyModel policy : set.policies()) {
      if (policy.mixin()) {
        for (PolicyComponent component : policy.components()) {
          if (POLICY_MIXIN.contains(component.name())) {
            mixinClash(component.name(), component.origin(), problems);
          }
        }
      }
    }
    for (ContractModel contract : set.localContracts()) {
      if (contract.mixin()) {
        for (ContractField field : contract.fields()) {
          if (CONTRACT_MIXIN.contains(field.component())) {
            mixinClash(field.component(), field.origin(), problems);
          }
        }
      }
    }
  }

  private static void mixinClash(String component, Origin origin, Problems problems) {
    problems.report(GENERATED_NAME_CLASH, origin, "component '" + component + "' clashes with "
        + "the mixin's method " + component + "(): rename the component, or do not implement "
        + "the mixin");
  }

  private static boolean isLocal(ContractSet set, TypeRef type) {
    return set.localSchemas().stream().anyMatch(s -> s.type().equals(type))
        || set.policies().stream().anyMatch(p -> p.type().equals(type))
        || set.localContracts().stream().anyMatch(c -> c.type().equals(type))
        || set.enums().stream().anyMatch(e -> e.local() && e.type().equals(type));
  }

  /**
   * The declarations of the set: schemas, policies, contracts and enums; with {@code localOnly},
   * those declared in this compilation (the ones whose code is generated here).
   */
  private static List<Declared> declarations(ContractSet set, boolean localOnly) {
    java.util.ArrayList<Declared> all = new java.util.ArrayList<>();
    for (SettingsSchemaModel schema : set.schemas()) {
      if (!localOnly || schema.local()) {
        all.add(new Declared(schema.type(), "settings schema", schema.origin()));
      }
    }
    for (PolicyModel policy : set.policies()) {
      all.add(new Declared(policy.type(), "policy", policy.origin()));
    }
    for (ContractModel contract : set.contracts()) {
      if (!localOnly || contract.local()) {
        all.add(new Declared(contract.type(), "contract", contract.origin()));
      }
    }
    for (EnumModel model : set.enums()) {
      if ((!localOnly || model.local() && !model.attributes().isEmpty())
          && !model.constants().isEmpty()) {
        all.add(new Declared(model.type(), "enum",
            model.origins().get(model.constants().get(0))));
      }
    }
    return all;
  }
}

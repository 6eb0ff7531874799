package io.codeanatomy.examples.fuzz.gen;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated contract set: its declarations (what the generator chose) and their sources. The
 * declarations tell the harness which classes to load and which Rust types to check.
 *
 * @param seed the seed it was generated from
 * @param name the contract set name ({@code -Acodeanatomy.contractSet})
 * @param javaSources qualified class name -> source text
 * @param protos path under the proto root -> {@code .proto} text (empty without proto contracts)
 */
public record SetSpec(long seed, String name, List<EnumSpec> enums, List<SchemaSpec> schemas,
    List<PolicySpec> policies, List<ContractSpec> contracts, List<MessageSpec> messages,
    Map<String, String> javaSources, Map<String, String> protos) {

  /** A declared Java type: its package and simple names, outermost first. */
  public record TypeName(String packageName, List<String> simpleNames) {
    public String qualified() {
      return packageName + "." + String.join(".", simpleNames);
    }

    /** The name a class loader knows it by ({@code pkg.Outer$Inner}). */
    public String binary() {
      return packageName + "." + String.join("$", simpleNames);
    }

    /** The simple names joined: the Rust type and the stem of the generated Java class. */
    public String flat() {
      return String.join("", simpleNames);
    }

    /** The generated {@code <Flat>Contract} class. */
    public String contractClass() {
      return packageName + "." + flat() + "Contract";
    }

    /** The generated {@code <Flat>Attributes} class of an enum. */
    public String attributesClass() {
      return packageName + "." + flat() + "Attributes";
    }
  }

  /** A Java enum (of a setting or a contract field), with its {@code @Attribute} numbers. */
  public record EnumSpec(TypeName type, List<String> constants,
      Map<String, List<Double>> attributes) {}

  /** A {@code @SettingsSchema} record. */
  public record SchemaSpec(TypeName type, String namespace, int version, List<SettingSpec> settings,
      boolean mixin) {}

  /**
   * A {@code @Setting} component.
   *
   * @param key the full key
   * @param defaultValue the default value (null: unset by default); {@code defaultText} is how the
   *     annotation spells it
   */
  public record SettingSpec(String component, String key, boolean explicitKey, SettingType type,
      Object defaultValue, Optional<String> defaultText, Object min, Optional<String> minText,
      Object max, Optional<String> maxText, boolean bytesUnit, String scope,
      boolean planningAffecting, boolean featureGate, String doc) {}

  /** A {@code @PlanningPolicy} record. */
  public record PolicySpec(TypeName type, String name, int version,
      List<Map.Entry<String, SchemaSpec>> components, List<ProfileSpec> profiles, boolean mixin) {}

  /**
   * A {@code @Profile}.
   *
   * @param set overrides in declaration order: full key -> value as written
   * @param setValues the same overrides as values (for the oracle)
   */
  public record ProfileSpec(String name, Optional<String> parent, List<Map.Entry<String, String>> set,
      Map<String, Object> setValues, List<String> unset, String doc) {}

  /** A {@code @Contract} record. */
  public record ContractSpec(TypeName type, String name, int version, boolean orderedPairs,
      boolean forwardCompatible, List<FieldSpec> fields, boolean mixin) {}

  /** A component of a contract record. */
  public record FieldSpec(String component, FieldType type, boolean provenance, boolean bag,
      String bagKey, String absentAs, String hash) {}

  /** A protobuf message with the contract option. */
  public record MessageSpec(TypeName javaType, String protoName, String name, int version,
      boolean orderedPairs, boolean forwardCompatible) {}
}

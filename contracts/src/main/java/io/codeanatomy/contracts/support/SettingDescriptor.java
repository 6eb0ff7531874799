package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.annotations.Setting;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a key registry: everything declared about a setting.
 *
 * @param key the full key, {@code datafusion.execution.target_partitions}
 * @param type the value type: {@code boolean}, {@code int}, {@code long}, {@code double},
 *     {@code string}, {@code enum}, {@code duration}, {@code bytes} or {@code string_list}
 * @param optional whether the setting may be unset
 * @param defaultValue the default as canonical setting text; empty when unset by default
 * @param doc what the setting does
 * @param unit the unit of a numeric setting
 * @param scope where the engine applies it
 * @param planningAffecting whether it enters the planning-environment hash
 * @param featureGate whether it enters the feature-gate parity hash
 * @param min the smallest allowed value as setting text, if bounded
 * @param max the largest allowed value as setting text, if bounded
 * @param allowedValues for an enum, the accepted texts in declaration order; otherwise empty
 */
public record SettingDescriptor(
    String key,
    String type,
    boolean optional,
    Optional<String> defaultValue,
    String doc,
    Setting.Unit unit,
    Setting.Scope scope,
    boolean planningAffecting,
    boolean featureGate,
    Optional<String> min,
    Optional<String> max,
    List<String> allowedValues) {

  public SettingDescriptor {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    allowedValues = List.copyOf(allowedValues);
  }

  /**
   * A registry row from plain values: {@code null} for an unset default, minimum or maximum,
   * and an enum's allowed texts last. Generated key registries call this rather than the
   * constructor because it is not generic: javac resolves each row without type inference,
   * where {@code Optional.of}, {@code Optional.empty} and {@code List.of} arguments made rows a
   * third of the time of compiling a registry (docs/benchmarks.md).
   */
  public static SettingDescriptor of(String key, String type, boolean optional,
      String defaultValue, String doc, Setting.Unit unit, Setting.Scope scope,
      boolean planningAffecting, boolean featureGate, String min, String max,
      String... allowedValues) {
    return new SettingDescriptor(key, type, optional, Optional.ofNullable(defaultValue), doc,
        unit, scope, planningAffecting, featureGate, Optional.ofNullable(min),
        Optional.ofNullable(max), List.of(allowedValues));
  }

  /** The type in words, as error messages use it: {@code optional bytes}, {@code enum (off|warn)}. */
  public String typeDescription() {
    String base = allowedValues.isEmpty() ? type : type + " (" + String.join("|", allowedValues) + ")";
    return optional ? "optional " + base : base;
  }
}

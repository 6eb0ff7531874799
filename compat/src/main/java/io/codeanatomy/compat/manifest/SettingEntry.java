package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One setting of a schema. Texts are canonical setting text ({@code 64MiB} is {@code 67108864}).
 * Immutable.
 *
 * @param key the full key
 * @param component the record component that holds it
 * @param type {@code boolean int long double string enum duration bytes string_list}
 * @param optional whether it may be unset
 * @param allowedValues an enum's accepted texts in declaration order; empty (and left out of the
 *     JSON) for other types
 * @param defaultValue the default, or null when unset by default
 * @param min the lower bound, or null
 * @param max the upper bound, or null
 * @param unit the declared unit
 * @param scope where the engine applies it
 * @param planningAffecting whether it enters the planning-environment hash
 * @param featureGate whether it enters the feature-gate parity hash
 * @param doc its documentation, verbatim
 */
@JsonPropertyOrder({"key", "component", "type", "optional", "allowedValues", "default", "min",
    "max", "unit", "scope", "planningAffecting", "featureGate", "doc"})
public record SettingEntry(String key, String component, String type, boolean optional,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> allowedValues,
    @JsonProperty("default") @JsonInclude(JsonInclude.Include.ALWAYS) String defaultValue,
    @JsonInclude(JsonInclude.Include.ALWAYS) String min,
    @JsonInclude(JsonInclude.Include.ALWAYS) String max,
    Unit unit, Scope scope, boolean planningAffecting, boolean featureGate, String doc) {

  public SettingEntry {
    Entries.require("key", key);
    Entries.require("component", component);
    Entries.require("type", type);
    Entries.require("unit", unit);
    Entries.require("scope", scope);
    Entries.require("doc", doc);
    allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
  }

  /** The type in words as the rules compare it: {@code optional bytes}. */
  public String typeWithOptionality() {
    return (optional ? "optional " : "") + type;
  }

  /** Mirrors {@code Setting.Unit}. */
  public enum Unit {
    @JsonProperty("none") NONE,
    @JsonProperty("bytes") BYTES
  }

  /** Mirrors {@code Setting.Scope}. */
  public enum Scope {
    @JsonProperty("session") SESSION,
    @JsonProperty("runtime") RUNTIME,
    @JsonProperty("table") TABLE
  }
}

package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One resolved profile with the hashes the processor computed for it. Immutable.
 *
 * @param name the profile name
 * @param parent the profile it extends, or null
 * @param doc its documentation
 * @param settingsHash the settings hash of its effective settings
 * @param planningEnvironmentHash the settings hash of its planning-affecting settings
 * @param featureGateParityHash the feature-gate parity hash, or null when the policy has no gates
 * @param effectiveSettings every key that has a value, as canonical text, sorted
 */
@JsonPropertyOrder({"name", "extends", "doc", "settingsHash", "planningEnvironmentHash",
    "featureGateParityHash", "effectiveSettings"})
public record ProfileEntry(String name,
    @JsonProperty("extends") @JsonInclude(JsonInclude.Include.ALWAYS) String parent, String doc,
    String settingsHash, String planningEnvironmentHash,
    @JsonInclude(JsonInclude.Include.ALWAYS) String featureGateParityHash,
    SortedMap<String, String> effectiveSettings) {

  public ProfileEntry {
    Entries.require("name", name);
    Entries.require("doc", doc);
    Entries.require("settingsHash", settingsHash);
    Entries.require("planningEnvironmentHash", planningEnvironmentHash);
    Entries.require("effectiveSettings", effectiveSettings);
    effectiveSettings = Collections.unmodifiableSortedMap(new TreeMap<>(effectiveSettings));
  }

  public Optional<String> parentName() {
    return Optional.ofNullable(parent);
  }

  public Optional<String> featureGateParity() {
    return Optional.ofNullable(featureGateParityHash);
  }
}

package io.codeanatomy.processor.resolve;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A profile after resolution: what it assigns on top of its parent, its effective settings
 * (every key with a value, as canonical text) and the hashes over them, exactly as generated code
 * computes them at run time.
 *
 * @param name the profile name
 * @param parent the parent profile, if any
 * @param doc the profile's documentation
 * @param assignments what it sets and unsets on top of its parent (or the defaults), in the order
 *     it wrote them: overrides first, then unsets
 * @param effectiveSettings every key that has a value, sorted
 * @param settingsHash the settings hash of {@code effectiveSettings}
 * @param planningEnvironmentHash the settings hash of the planning-affecting settings only
 * @param featureGateParityHash the feature-gate parity hash, when the policy has feature gates
 */
public record ResolvedProfile(
    String name,
    Optional<String> parent,
    String doc,
    List<Assignment> assignments,
    SortedMap<String, String> effectiveSettings,
    String settingsHash,
    String planningEnvironmentHash,
    Optional<String> featureGateParityHash) {

  public ResolvedProfile {
    assignments = List.copyOf(assignments);
  }

  /**
   * One setting a profile sets (to canonical text) or unsets (empty value).
   *
   * @param component the position of the policy component that holds the setting
   * @param setting the setting
   * @param value its canonical text; empty to unset it
   */
  public record Assignment(int component, ResolvedSetting setting, Optional<String> value) {}
}

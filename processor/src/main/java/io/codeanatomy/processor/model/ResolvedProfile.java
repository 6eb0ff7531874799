package io.codeanatomy.processor.model;

import java.util.Optional;
import java.util.SortedMap;

/**
 * A profile after resolution: its effective settings (every key with a value, as canonical text)
 * and the hashes over them, exactly as generated code computes them at run time.
 *
 * @param name the profile name
 * @param parent the parent profile, if any
 * @param doc the profile's documentation
 * @param effectiveSettings every key that has a value, sorted
 * @param settingsHash the settings hash of {@code effectiveSettings}
 * @param planningEnvironmentHash the settings hash of the planning-affecting keys only
 * @param featureGateParityHash the feature-gate parity hash, when the policy has feature gates
 */
public record ResolvedProfile(
    String name,
    Optional<String> parent,
    String doc,
    SortedMap<String, String> effectiveSettings,
    String settingsHash,
    String planningEnvironmentHash,
    Optional<String> featureGateParityHash) {}

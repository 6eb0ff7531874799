package io.codeanatomy.contracts.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The named profiles of a planning policy: each resolved policy, and the settings hash the
 * processor computed for it at compile time (the policy's {@code settingsHash} must equal it;
 * the tests of every contract set check that). Immutable and safe to share between threads.
 *
 * @param <P> the policy record
 */
public final class PolicyProfiles<P extends Record> {

  private final String policy;
  private final List<String> names;
  private final Map<String, P> profiles;
  private final Map<String, String> expectedHashes;

  private PolicyProfiles(String policy, Map<String, P> profiles,
      Map<String, String> expectedHashes) {
    this.policy = policy;
    this.names = List.copyOf(profiles.keySet());
    this.profiles = Map.copyOf(profiles);
    this.expectedHashes = Map.copyOf(expectedHashes);
  }

  /** Collects the profiles of the policy named {@code policy}, in declaration order. */
  public static <P extends Record> Builder<P> builder(String policy) {
    return new Builder<>(Objects.requireNonNull(policy, "policy"));
  }

  /** The profile names, in declaration order. */
  public List<String> names() {
    return names;
  }

  /**
   * The profile named {@code name}.
   *
   * @throws UnknownProfileException naming the profiles that exist
   */
  public P profile(String name) {
    P profile = profiles.get(name);
    if (profile == null) {
      throw new UnknownProfileException(policy, name, names);
    }
    return profile;
  }

  /**
   * The settings hash the processor computed for profile {@code name} at compile time, as the
   * manifest records it.
   *
   * @throws UnknownProfileException naming the profiles that exist
   */
  public String expectedSettingsHash(String name) {
    String hash = expectedHashes.get(name);
    if (hash == null) {
      throw new UnknownProfileException(policy, name, names);
    }
    return hash;
  }

  /** Collects profiles; generated code adds each once, in declaration order. */
  public static final class Builder<P extends Record> {
    private final String policy;
    private final Map<String, P> profiles = new LinkedHashMap<>();
    private final Map<String, String> expectedHashes = new LinkedHashMap<>();

    private Builder(String policy) {
      this.policy = policy;
    }

    public Builder<P> add(String name, P profile, String expectedSettingsHash) {
      if (profiles.putIfAbsent(name, Objects.requireNonNull(profile, name)) != null) {
        throw new IllegalArgumentException("profile " + name + " of policy " + policy
            + " is added twice");
      }
      expectedHashes.put(name, Objects.requireNonNull(expectedSettingsHash, name));
      return this;
    }

    public PolicyProfiles<P> build() {
      return new PolicyProfiles<>(policy, profiles, expectedHashes);
    }
  }

  @Override
  public String toString() {
    return "profiles of policy " + policy + " " + new ArrayList<>(names);
  }
}

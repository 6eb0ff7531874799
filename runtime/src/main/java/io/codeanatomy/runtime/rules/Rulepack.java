package io.codeanatomy.runtime.rules;

import io.codeanatomy.contracts.relspec.RulepackProfile;
import io.codeanatomy.contracts.relspec.RulepackSnapshot;
import io.codeanatomy.contracts.relspec.RulepackSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules a session installed, per phase, in the order they run. Installing is idempotent by
 * name: a rule installed twice is there once. Immutable once built; overlays derive new ones.
 */
public final class Rulepack {

  private final RuleRegistry registry;
  private final RulepackProfile profile;
  private final Map<Phase, List<RuleDefinition>> installed;

  private Rulepack(RuleRegistry registry, RulepackProfile profile,
      Map<Phase, List<RuleDefinition>> installed) {
    this.registry = registry;
    this.profile = profile;
    Map<Phase, List<RuleDefinition>> copy = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      copy.put(phase, List.copyOf(installed.getOrDefault(phase, List.of())));
    }
    this.installed = Collections.unmodifiableMap(copy);
  }

  /**
   * The rulepack a planning-surface spec describes: its profile's rules, or the lists the spec
   * names explicitly (a non-empty list replaces the profile's for that phase).
   *
   * @throws IllegalArgumentException for an unknown profile or rule name, or a rule named in the
   *     wrong phase
   */
  public static Rulepack of(RuleRegistry registry, RulepackSpec spec) {
    RulepackProfile profile = profile(spec.profile());
    Map<Phase, List<String>> names = new EnumMap<>(RuleRegistry.profile(profile));
    if (!spec.analyzerRules().isEmpty()) {
      names.put(Phase.ANALYZER, spec.analyzerRules());
    }
    if (!spec.logicalRules().isEmpty()) {
      names.put(Phase.LOGICAL, spec.logicalRules());
    }
    if (!spec.physicalRules().isEmpty()) {
      names.put(Phase.PHYSICAL, spec.physicalRules());
    }
    Builder builder = new Builder(registry, profile);
    for (Phase phase : Phase.values()) {
      for (String name : names.getOrDefault(phase, List.of())) {
        builder.install(phase, name);
      }
    }
    return builder.build();
  }

  private static RulepackProfile profile(String text) {
    String normalized = text == null || text.isBlank() ? "default"
        : text.strip().toUpperCase(Locale.ROOT);
    try {
      RulepackProfile profile = RulepackProfile.valueOf(normalized.toUpperCase(Locale.ROOT));
      if (profile != RulepackProfile.UNRECOGNIZED
          && profile != RulepackProfile.RULEPACK_PROFILE_UNSPECIFIED) {
        return profile;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException("unknown rulepack profile '" + text
        + "': expected default, low_latency, replay or strict");
  }

  /** Installs rules one by one; installing a name twice keeps the first. */
  public static final class Builder {
    private final RuleRegistry registry;
    private final RulepackProfile profile;
    private final Map<Phase, LinkedHashMap<String, RuleDefinition>> rules =
        new EnumMap<>(Phase.class);

    public Builder(RuleRegistry registry, RulepackProfile profile) {
      this.registry = registry;
      this.profile = profile;
      for (Phase phase : Phase.values()) {
        rules.put(phase, new LinkedHashMap<>());
      }
    }

    /**
     * Installs the rule named {@code name} into {@code phase}; a second install of the same name
     * changes nothing.
     */
    public Builder install(Phase phase, String name) {
      RuleDefinition rule = registry.rule(name).orElseThrow(() -> new IllegalArgumentException(
          "unknown rule '" + name + "'; the registry has " + String.join(", ",
              registry.rules().keySet())));
      if (rule.phase() != phase) {
        throw new IllegalArgumentException("rule " + name + " is a " + rule.phase().text()
            + " rule, not a " + phase.text() + " one");
      }
      rules.get(phase).putIfAbsent(name, rule);
      return this;
    }

    public Rulepack build() {
      Map<Phase, List<RuleDefinition>> lists = new EnumMap<>(Phase.class);
      rules.forEach((phase, byName) -> lists.put(phase, new ArrayList<>(byName.values())));
      return new Rulepack(registry, profile, lists);
    }
  }

  public RulepackProfile profile() {
    return profile;
  }

  /** The registry its rules come from: every rule a session could install. */
  public RuleRegistry registry() {
    return registry;
  }

  /** The installed rules of a phase, in order. */
  public List<RuleDefinition> installed(Phase phase) {
    return installed.get(phase);
  }

  /** The installed rule names of every phase: the diagnostics of a session. */
  public Map<Phase, List<String>> installedNames() {
    Map<Phase, List<String>> names = new EnumMap<>(Phase.class);
    installed.forEach((phase, list) -> names.put(phase,
        list.stream().map(RuleDefinition::name).toList()));
    return Collections.unmodifiableMap(names);
  }

  /** The same rulepack with {@code rule} installed again: the idempotence check, and overlays. */
  public Rulepack reinstall(String rule) {
    RuleDefinition definition = registry.rule(rule).orElseThrow(() ->
        new IllegalArgumentException("unknown rule '" + rule + "'"));
    Builder builder = toBuilder();
    builder.install(definition.phase(), rule);
    return builder.build();
  }

  private Builder toBuilder() {
    Builder builder = new Builder(registry, profile);
    installed.forEach((phase, list) -> list.forEach(r -> builder.install(phase, r.name())));
    return builder;
  }

  /**
   * The rulepack an overlay describes: rules added (each to its own phase), rules excluded, and
   * each phase re-ordered by priority (default: position), stably.
   *
   * @throws IllegalArgumentException for a rule name the registry does not know
   */
  public Rulepack overlay(OverlayProfile overlay) {
    for (String name : overlay.excludeRules()) {
      registry.rule(name).orElseThrow(() -> new IllegalArgumentException(
          "the overlay excludes unknown rule '" + name + "'"));
    }
    for (String name : overlay.priorityOverrides().keySet()) {
      registry.rule(name).orElseThrow(() -> new IllegalArgumentException(
          "the overlay re-prioritizes unknown rule '" + name + "'"));
    }
    Builder builder = toBuilder();
    for (String name : overlay.additionalRules()) {
      RuleDefinition rule = registry.rule(name).orElseThrow(() -> new IllegalArgumentException(
          "the overlay adds unknown rule '" + name + "'"));
      builder.install(rule.phase(), name);
    }
    Rulepack added = builder.build();
    Map<Phase, List<RuleDefinition>> next = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      List<RuleDefinition> rules = new ArrayList<>(added.installed(phase));
      rules.removeIf(r -> overlay.excludeRules().contains(r.name()));
      List<RuleDefinition> positioned = List.copyOf(rules);
      rules.sort(Comparator.comparingInt(r -> overlay.priorityOverrides()
          .getOrDefault(r.name(), positioned.indexOf(r))));
      next.put(phase, rules);
    }
    return new Rulepack(registry, profile, next);
  }

  /** The rulepack snapshot whose hash enters plan fingerprints and identities. */
  public RulepackSnapshot snapshot() {
    return RulepackSnapshot.newBuilder()
        .setProfile(profile)
        .addAllAnalyzerRules(installedNames().get(Phase.ANALYZER))
        .addAllLogicalRules(installedNames().get(Phase.LOGICAL))
        .addAllPhysicalRules(installedNames().get(Phase.PHYSICAL))
        .build();
  }
}

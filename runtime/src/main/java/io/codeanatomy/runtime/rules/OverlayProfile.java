package io.codeanatomy.runtime.rules;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule experiment (docs/domain.md, section 5): rules to add, rules to leave out, new priorities
 * (a lower priority runs earlier within its phase), and whether planning records what each rule
 * did. Applied by {@code PlanningSession.overlay}, which derives a new session and leaves the base
 * one untouched.
 *
 * @param additionalRules rule names to install on top of the base rulepack
 * @param excludeRules rule names to leave out
 * @param priorityOverrides rule name to priority; a rule's default priority is its position
 * @param explainPerRule whether planning records a per-rule delta list
 */
public record OverlayProfile(List<String> additionalRules, List<String> excludeRules,
    Map<String, Integer> priorityOverrides, boolean explainPerRule) {

  public OverlayProfile {
    additionalRules = List.copyOf(additionalRules);
    excludeRules = List.copyOf(excludeRules);
    priorityOverrides = Map.copyOf(new TreeMap<>(priorityOverrides));
  }

  /** An overlay that only records per-rule deltas. */
  public static OverlayProfile explainOnly() {
    return new OverlayProfile(List.of(), List.of(), Map.of(), true);
  }

  public static OverlayProfile excluding(String... rules) {
    return new OverlayProfile(List.of(), List.of(rules), Map.of(), true);
  }
}

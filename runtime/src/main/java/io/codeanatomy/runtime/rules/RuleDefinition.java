package io.codeanatomy.runtime.rules;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptRule;

/**
 * A planning rule under its stable name: an analyzer check, or the Calcite rules a logical or
 * physical rule stands for. Names never change meaning: they enter rulepack snapshots and hashes.
 *
 * @param name the stable name, lower-case snake case
 * @param phase the phase it runs in
 * @param doc what it does
 * @param rules the Calcite rules (logical and physical phases)
 * @param check the check (analyzer phase)
 */
public record RuleDefinition(String name, Phase phase, String doc, List<RelOptRule> rules,
    PlanCheck check) {

  public RuleDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phase, "phase");
    rules = List.copyOf(rules);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("rule names are lower-case snake case: " + name);
    }
    if ((phase == Phase.ANALYZER) != (check != null) || (phase != Phase.ANALYZER) == rules.isEmpty()) {
      throw new IllegalArgumentException(name + ": an analyzer rule is a check, other rules "
          + "are Calcite rules");
    }
  }

  static RuleDefinition check(String name, String doc, PlanCheck check) {
    return new RuleDefinition(name, Phase.ANALYZER, doc, List.of(), check);
  }

  static RuleDefinition rewrite(String name, Phase phase, String doc, RelOptRule... rules) {
    return new RuleDefinition(name, phase, doc, List.of(rules), null);
  }
}

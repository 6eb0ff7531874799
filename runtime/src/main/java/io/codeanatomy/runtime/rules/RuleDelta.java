package io.codeanatomy.runtime.rules;

/**
 * What one rule did to one plan (docs/domain.md, section 5): whether it changed it, as the planner's own
 * events reported (a rule that fired and produced a new expression), and the plan after it.
 *
 * @param rule the rule's stable name
 * @param phase its phase
 * @param changed whether the plan changed
 * @param planAfter the plan after the rule, as text without per-run ids
 */
public record RuleDelta(String rule, Phase phase, boolean changed, String planAfter) {}

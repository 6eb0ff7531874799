package io.codeanatomy.runtime.rules;

/** A plan an analyzer rule refused: the message names the rule and the reason. */
public class PlanRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String rule;

  public PlanRejectedException(String rule, String reason) {
    super("rule " + rule + " refused the plan: " + reason);
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}

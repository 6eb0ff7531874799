package io.codeanatomy.contracts.support;

import java.util.List;

/**
 * Thrown by generated {@code build()} and {@code fromSettings} methods with <em>every</em> violated
 * constraint, so a caller fixes them all in one go rather than one per run.
 */
public final class ContractViolationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String subject;
  private final transient List<Violation> violations;

  /**
   * @param subject what was being built, for example {@code settings schema datafusion.execution}
   * @param violations at least one violation
   */
  public ContractViolationException(String subject, List<Violation> violations) {
    super(message(subject, violations));
    this.subject = subject;
    this.violations = List.copyOf(violations);
  }

  /** What was being built. */
  public String subject() {
    return subject;
  }

  /** Every violation, in the order found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(String subject, List<Violation> violations) {
    StringBuilder sb = new StringBuilder();
    sb.append(violations.size() == 1 ? "1 problem" : violations.size() + " problems")
        .append(" in ").append(subject).append(':');
    for (Violation v : violations) {
      sb.append("\n  - ").append(v);
    }
    return sb.toString();
  }
}

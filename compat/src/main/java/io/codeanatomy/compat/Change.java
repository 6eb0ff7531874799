package io.codeanatomy.compat;

import java.util.Objects;

/**
 * One incompatible change: the rule it breaks, where, the old and the new value, and what to do.
 *
 * @param rule the rule
 * @param subject what changed
 * @param oldValue the value in the lock (null when there was none)
 * @param newValue the value now (null when there is none)
 * @param what what happened, in words
 * @param consequence what follows from it (which profiles' hashes change), or null
 * @param advice what to do about it
 */
public record Change(CompatibilityRule rule, Subject subject, String oldValue, String newValue,
    String what, String consequence, String advice) {

  public Change(CompatibilityRule rule, Subject subject, String oldValue, String newValue,
      String what, String advice) {
    this(rule, subject, oldValue, newValue, what, null, advice);
  }

  public Change {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(advice, "advice");
  }

  /**
   * The message without the tag: {@code settings schema X, setting k: default changed from 8 to
   * 16; bump ...}.
   */
  public String message() {
    StringBuilder text = new StringBuilder(subject.describe()).append(": ").append(what);
    if (oldValue != null || newValue != null) {
      text.append(" (was ").append(oldValue == null ? "nothing" : oldValue).append(", now ")
          .append(newValue == null ? "nothing" : newValue).append(')');
    }
    if (consequence != null) {
      text.append("; ").append(consequence);
    }
    return text.append("; ").append(advice).toString();
  }

  /** The full line: {@code [CA201 DEFAULT_CHANGED] ...}. */
  public String render() {
    return rule.tag() + " " + message();
  }

  @Override
  public String toString() {
    return render();
  }
}

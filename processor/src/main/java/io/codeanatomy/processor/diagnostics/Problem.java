package io.codeanatomy.processor.diagnostics;

import io.codeanatomy.processor.model.Origin;
import java.util.Objects;

/**
 * One problem found in the contracts: its stable tag ({@code [CA010 DUPLICATE_KEY]}), where it
 * is, and a message that says what was expected and what came. Declaration problems carry a
 * {@link DiagnosticCode}; compatibility problems the tag of the compat rule they break.
 */
public record Problem(String tag, Origin origin, String message) {

  public Problem {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
  }

  public Problem(DiagnosticCode code, Origin origin, String message) {
    this(code.tag(), origin, message);
  }

  /** The text printed by javac: {@code [CA010 DUPLICATE_KEY] message}. */
  public String render() {
    return tag + " " + message;
  }

  @Override
  public String toString() {
    return render() + " (at " + origin.describe() + ")";
  }
}

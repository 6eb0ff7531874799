package io.codeanatomy.processor.diagnostics;

import io.codeanatomy.processor.model.Origin;
import java.util.Objects;

/**
 * One problem found in the contracts: a code, where it is, and a message that says what was
 * expected and what came.
 */
public record Problem(DiagnosticCode code, Origin origin, String message) {

  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
  }

  /** The text printed by javac: {@code [CA010 DUPLICATE_KEY] message}. */
  public String render() {
    return code.tag() + " " + message;
  }

  @Override
  public String toString() {
    return render() + " (at " + origin.describe() + ")";
  }
}

package io.codeanatomy.contracts.support;

import java.util.Objects;

/**
 * One violated constraint.
 *
 * @param path what is wrong: a full setting key, or a contract field name
 * @param message what is wrong with it, naming what was expected and what came
 */
public record Violation(String path, String message) {

  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}

package io.codeanatomy.compat;

/**
 * A manifest or lock that cannot be used: missing, unreadable, too large, not UTF-8, not JSON,
 * of another format, or holding something the writer would not write. The message is one line
 * that starts with the source (a file, a URL) and, for a value, names its JSON path, what was
 * expected and what came: {@code x.json: contracts[0].fields[1].hashed: expected a boolean, got
 * the string "yes"}. The only exception the readers throw for any input.
 */
public class CompatInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CompatInputException(String message) {
    super(message);
  }

  public CompatInputException(String message, Throwable cause) {
    super(message, cause);
  }
}

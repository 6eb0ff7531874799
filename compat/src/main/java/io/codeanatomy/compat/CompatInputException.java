package io.codeanatomy.compat;

/** A manifest or lock that cannot be read: missing, not JSON, or not of the expected format. */
public class CompatInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CompatInputException(String message) {
    super(message);
  }

  public CompatInputException(String message, Throwable cause) {
    super(message, cause);
  }
}

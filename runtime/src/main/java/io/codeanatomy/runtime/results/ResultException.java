package io.codeanatomy.runtime.results;

/** Results that cannot be written or read: the message names the file and what went wrong. */
public final class ResultException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ResultException(String message, Throwable cause) {
    super(message, cause);
  }
}

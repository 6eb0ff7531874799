package io.codeanatomy.spark;

/**
 * The Spark engine could not start: the master is unreachable, refused the application, or gave
 * it no executor in time. The message is one line naming the master and what happened.
 */
public final class EngineUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

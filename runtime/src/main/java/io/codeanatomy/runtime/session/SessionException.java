package io.codeanatomy.runtime.session;

/** A session that cannot be built from its spec: the message names what is wrong. */
public class SessionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SessionException(String message) {
    super(message);
  }
}

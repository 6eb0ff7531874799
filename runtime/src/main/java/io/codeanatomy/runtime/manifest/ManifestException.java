package io.codeanatomy.runtime.manifest;

/** A manifest that cannot be read: missing, not JSON, another format, or missing fields. */
public final class ManifestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}

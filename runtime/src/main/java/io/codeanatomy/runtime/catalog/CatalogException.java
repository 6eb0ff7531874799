package io.codeanatomy.runtime.catalog;

/** A table that cannot be registered or read: its message names the table and the problem. */
public class CatalogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}

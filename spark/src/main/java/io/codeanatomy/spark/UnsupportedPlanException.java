package io.codeanatomy.spark;

/**
 * A plan the Spark engine does not run: refused before anything executes, naming the relation,
 * function, table or type it met. A refused plan never produces rows, so it never produces wrong
 * ones.
 */
public final class UnsupportedPlanException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnsupportedPlanException(String message) {
    super(message);
  }

  public UnsupportedPlanException(String message, Throwable cause) {
    super(message, cause);
  }
}

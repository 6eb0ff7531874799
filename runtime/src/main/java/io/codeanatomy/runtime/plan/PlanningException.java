package io.codeanatomy.runtime.plan;

/** A query that cannot be planned: it does not parse, validate, pass the analyzer, or convert. */
public class PlanningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PlanningException(String message) {
    super(message);
  }

  public PlanningException(String message, Throwable cause) {
    super(message, cause);
  }
}

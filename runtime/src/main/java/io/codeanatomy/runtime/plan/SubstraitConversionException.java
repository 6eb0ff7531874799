package io.codeanatomy.runtime.plan;

/** A plan that isthmus cannot express in Substrait: the message says what it met. */
public class SubstraitConversionException extends PlanningException {

  private static final long serialVersionUID = 1L;

  public SubstraitConversionException(String message, Throwable cause) {
    super(message, cause);
  }
}

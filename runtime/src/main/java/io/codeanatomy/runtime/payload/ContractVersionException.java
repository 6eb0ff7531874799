package io.codeanatomy.runtime.payload;

/**
 * A payload of a contract, version or schema this build does not read: the message names both
 * sides, what this build expects and what the payload carries.
 */
public final class ContractVersionException extends PayloadException {

  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  public ContractVersionException(String contract, String expected, String actual) {
    super(contract, null, "this build reads " + expected + ", but the payload is " + actual);
    this.expected = expected;
    this.actual = actual;
  }

  /** What this build reads: {@code execution_package version 1 (schema 1a2b...)}. */
  public String expected() {
    return expected;
  }

  /** What the payload carries. */
  public String actual() {
    return actual;
  }
}

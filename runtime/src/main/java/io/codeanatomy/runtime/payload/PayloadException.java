package io.codeanatomy.runtime.payload;

/** A payload that cannot be read: its message names the contract, the field and the problem. */
public class PayloadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String contract;
  private final String field;

  /**
   * @param contract the contract being read
   * @param field the field at fault, or null when the payload as a whole is
   * @param problem what is wrong
   */
  public PayloadException(String contract, String field, String problem) {
    this(contract, field, problem, null);
  }

  public PayloadException(String contract, String field, String problem, Throwable cause) {
    super("cannot read " + contract + (field == null ? "" : " field " + field) + ": " + problem,
        cause);
    this.contract = contract;
    this.field = field;
  }

  /** The contract being read. */
  public String contract() {
    return contract;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}

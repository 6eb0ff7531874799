package io.codeanatomy.contracts.canonical;

/** A setting value whose text does not parse as its declared type. */
public final class SettingTextException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  /**
   * @param expected what would have parsed, in words ("an int", "one of off, warn, error")
   * @param actual the text that came, possibly null
   */
  public SettingTextException(String expected, String actual) {
    super("expected " + expected + ", got " + (actual == null ? "nothing" : "'" + actual + "'"));
    this.expected = expected;
    this.actual = actual;
  }

  /** What would have parsed, in words. */
  public String expected() {
    return expected;
  }

  /** The text that came. */
  public String actual() {
    return actual;
  }
}

package io.codeanatomy.contracts.canonical;

/**
 * Bytes that are not the canonical encoding of a value: truncated, not MessagePack, or
 * MessagePack in another form than the one canonical encoding (a larger integer format, float32,
 * unsorted map keys, invalid UTF-8). The message says what was expected, what came and at which
 * byte.
 */
public final class CanonicalFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int offset;
  private final String problem;

  public CanonicalFormatException(int offset, String problem) {
    super(problem + " (at byte " + offset + ")");
    this.offset = offset;
    this.problem = problem;
  }

  /** The byte offset where the problem was found. */
  public int offset() {
    return offset;
  }

  /** What is wrong, without the offset. */
  public String problem() {
    return problem;
  }
}

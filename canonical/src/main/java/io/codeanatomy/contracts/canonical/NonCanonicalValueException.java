package io.codeanatomy.contracts.canonical;

/**
 * A value that has no canonical encoding: NaN or an infinity, an unpaired surrogate, an integer
 * beyond 64 bits, an unordered collection. The message says what the value was and, when known,
 * where in the payload it sits ({@link #path()}, for example {@code $.fields.ratio}).
 */
public final class NonCanonicalValueException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String problem;
  private final String path;

  /** A problem with no known location yet. */
  public NonCanonicalValueException(String problem) {
    this(problem, null);
  }

  private NonCanonicalValueException(String problem, String path) {
    super(path == null ? problem : problem + " (at " + path + ")");
    this.problem = problem;
    this.path = path;
  }

  /** The same problem, located at {@code path} (a field name or a JSON-path-like location). */
  public NonCanonicalValueException at(String path) {
    return new NonCanonicalValueException(problem, path);
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  /** Where the value sits in the payload, or {@code null} when unknown. */
  public String path() {
    return path;
  }
}

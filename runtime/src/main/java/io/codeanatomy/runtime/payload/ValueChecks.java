package io.codeanatomy.runtime.payload;

import io.codeanatomy.contracts.canonical.NonCanonicalValueException;
import io.codeanatomy.contracts.support.Violation;
import java.util.List;

/**
 * What both sides of a codec require of a value: every declared constraint holds (hash fields are
 * digests, ...) and the value has a canonical encoding, so that it hashes (no NaN, no enum number
 * this build does not know, no unpaired surrogate). A writer refuses such a value, so a reader
 * refuses it too: nothing is read that could not be written back or hashed.
 */
final class ValueChecks {

  private ValueChecks() {}

  /** Checks a value that was read; the message names the field. */
  static <T> void read(ContractType<T> type, T value) {
    check(type, value, "");
  }

  /** Checks a value about to be written; the message names the field. */
  static <T> void write(ContractType<T> type, T value) {
    check(type, value, "cannot write an invalid value: ");
  }

  private static <T> void check(ContractType<T> type, T value, String prefix) {
    List<Violation> violations = type.validate(value);
    if (!violations.isEmpty()) {
      Violation first = violations.get(0);
      throw new PayloadException(type.name(), first.path(), prefix + first.message()
          + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
    }
    try {
      type.hash(value);
    } catch (NonCanonicalValueException e) {
      throw new PayloadException(type.name(), field(type, e.path()), prefix + e.problem(), e);
    }
  }

  /** {@code calibration_result.cost_ratio} is field {@code cost_ratio} of the payload. */
  private static String field(ContractType<?> type, String path) {
    if (path == null) {
      return null;
    }
    String own = type.name() + ".";
    return path.startsWith(own) ? path.substring(own.length()) : path;
  }
}

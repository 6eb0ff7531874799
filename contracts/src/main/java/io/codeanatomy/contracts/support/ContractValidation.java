package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.Sha256;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks that generated {@code validate} methods of contracts call: hash fields hold SHA-256
 * hex digests, and nested contracts are valid, each problem named by its path.
 */
public final class ContractValidation {

  private ContractValidation() {}

  /** A SHA-256 hex digest: exactly 64 lowercase hex characters (or "" when allowed). */
  public static void hash(Violations violations, String path, String value, boolean allowEmpty) {
    if (value == null) {
      violations.add(path, "must not be null");
    } else if (!(Sha256.isHex(value) || (allowEmpty && value.isEmpty()))) {
      violations.add(path, "expected a SHA-256 digest (64 lowercase hex characters"
          + (allowEmpty ? ", or empty" : "") + "), got '" + abbreviate(value) + "' ("
          + value.length() + " characters)");
    }
  }

  public static void hash(Violations violations, String path, Optional<String> value,
      boolean allowEmpty) {
    if (value == null) {
      violations.add(path, "must not be null");
    } else {
      value.ifPresent(v -> hash(violations, path, v, allowEmpty));
    }
  }

  /** Every element a digest. */
  public static void hashes(Violations violations, String path, Collection<String> values,
      boolean allowEmpty) {
    int i = 0;
    for (String value : values) {
      hash(violations, path + "[" + i++ + "]", value, allowEmpty);
    }
  }

  /** Every map value a digest. */
  public static void hashValues(Violations violations, String path, Map<String, String> values,
      boolean allowEmpty) {
    new java.util.TreeMap<>(values).forEach(
        (key, value) -> hash(violations, path + "[" + key + "]", value, allowEmpty));
  }

  /** A nested contract's violations, their paths prefixed with the field's. */
  public static <T> void nested(Violations violations, String path, T value,
      Function<T, List<Violation>> validate) {
    if (value == null) {
      violations.add(path, "must not be null");
      return;
    }
    for (Violation v : validate.apply(value)) {
      violations.add(path + "." + v.path(), v.message());
    }
  }

  /** The violations of every nested contract of a list. */
  public static <T> void nestedEach(Violations violations, String path, Collection<T> values,
      Function<T, List<Violation>> validate) {
    int i = 0;
    for (T value : values) {
      nested(violations, path + "[" + i++ + "]", value, validate);
    }
  }

  /** The violations of every nested contract of a map's values. */
  public static <T> void nestedValues(Violations violations, String path, Map<String, T> values,
      Function<T, List<Violation>> validate) {
    new java.util.TreeMap<>(values).forEach(
        (key, value) -> nested(violations, path + "[" + key + "]", value, validate));
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }
}

package io.codeanatomy.compat.manifest;

/** The constructors' checks: a manifest entry never holds a null where a value belongs. */
final class Entries {

  private Entries() {}

  static void require(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
  }

  static void requireKind(String expected, String kind) {
    if (!expected.equals(kind)) {
      throw new IllegalArgumentException("'kind' is " + (kind == null ? "missing"
          : "'" + kind + "'") + ", expected '" + expected + "'");
    }
  }
}

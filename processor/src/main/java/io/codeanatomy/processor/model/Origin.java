package io.codeanatomy.processor.model;

/**
 * Where a model element was declared. Diagnostics point at it; emitters never look at it. The
 * javac reader implements it over elements and annotation values; tests use {@link #of(String)}.
 */
public interface Origin {

  /** The same declaration, narrowed to one attribute of its annotation ({@code defaultValue}). */
  Origin attribute(String name);

  /** The same attribute, narrowed to one element of its array value. */
  Origin element(int index);

  /** A human description, for tests and internal errors. */
  String describe();

  /** An origin that is only a description, for models built by hand. */
  static Origin of(String description) {
    return new Origin() {
      @Override
      public Origin attribute(String name) {
        return of(description + "#" + name);
      }

      @Override
      public Origin element(int index) {
        return of(description + "[" + index + "]");
      }

      @Override
      public String describe() {
        return description;
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}

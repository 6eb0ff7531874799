package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Contract;

/**
 * An inclusive range.
 *
 * @param min the smallest allowed value
 * @param max the largest allowed value
 */
@Contract(name = "bound", version = 1)
public record Bound(long min, long max) implements BoundContract.Mixin {

  /** {@code value} moved into the range. */
  public long clamp(long value) {
    return Math.max(min, Math.min(max, value));
  }
}

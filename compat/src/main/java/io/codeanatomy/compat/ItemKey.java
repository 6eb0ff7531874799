package io.codeanatomy.compat;

import io.codeanatomy.compat.manifest.Entry;
import java.util.Comparator;
import java.util.Objects;

/**
 * One versioned item of a contract set: its kind and identity ({@code contract
 * execution_package}, {@code settings schema io.codeanatomy...ExecutionSettings}).
 */
public record ItemKey(Kind kind, String name) implements Comparable<ItemKey> {

  private static final Comparator<ItemKey> ORDER =
      Comparator.comparing(ItemKey::kind).thenComparing(ItemKey::name);

  public ItemKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The key of an entry: its kind and {@link Entry#identity()}. */
  public static ItemKey of(Entry entry) {
    return new ItemKey(Kind.of(entry), entry.identity());
  }

  @Override
  public int compareTo(ItemKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind.words() + " " + name;
  }
}

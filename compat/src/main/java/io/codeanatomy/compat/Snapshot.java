package io.codeanatomy.compat;

import io.codeanatomy.compat.manifest.Entry;
import io.codeanatomy.compat.manifest.Manifest;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The versioned items of one contract set at one moment: what a manifest declares, or the newest
 * version of everything in a lock. Immutable and safe to share between threads.
 *
 * @param contractSet the contract set's name
 * @param items every schema, policy and contract by key
 */
public record Snapshot(String contractSet, SortedMap<ItemKey, Entry> items) {

  public Snapshot {
    Objects.requireNonNull(contractSet, "contractSet");
    items = Collections.unmodifiableSortedMap(new TreeMap<>(items));
    items.forEach((key, entry) -> {
      if (!key.equals(ItemKey.of(entry))) {
        throw new IllegalArgumentException(key + " holds the entry of " + ItemKey.of(entry));
      }
    });
  }

  /**
   * The items a manifest declares.
   *
   * @throws CompatInputException when it declares one item twice (the strict reader refuses
   *     such a manifest; one built in code may still hold one)
   */
  public static Snapshot of(Manifest manifest) {
    SortedMap<ItemKey, Entry> items = new TreeMap<>();
    for (Entry entry : manifest.entries()) {
      ItemKey key = ItemKey.of(entry);
      if (items.putIfAbsent(key, entry) != null) {
        throw new CompatInputException("the manifest of contract set '" + manifest.contractSet()
            + "' declares " + key + " twice");
      }
    }
    return new Snapshot(manifest.contractSet(), items);
  }

  public Optional<Entry> item(ItemKey key) {
    return Optional.ofNullable(items.get(key));
  }
}

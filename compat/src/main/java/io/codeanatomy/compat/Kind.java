package io.codeanatomy.compat;

import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.Entry;
import io.codeanatomy.compat.manifest.PolicyEntry;
import io.codeanatomy.compat.manifest.SchemaEntry;
import java.util.Locale;

/** The three kinds of versioned item in a manifest, and how the manifest and the lock hold each. */
public enum Kind {
  /** A {@code @SettingsSchema}, identified by its Java type (namespaces may be shared). */
  SETTINGS_SCHEMA("settingsSchemas", "javaType", "settings schema", SchemaEntry.class),
  /** A {@code @PlanningPolicy}, identified by its name. */
  PLANNING_POLICY("policies", "name", "policy", PolicyEntry.class),
  /** A hashed contract (record or protobuf message), identified by its name. */
  CONTRACT("contracts", "name", "contract", ContractEntry.class);

  private final String section;
  private final String identity;
  private final String words;
  private final Class<? extends Entry> entryType;

  Kind(String section, String identity, String words, Class<? extends Entry> entryType) {
    this.section = section;
    this.identity = identity;
    this.words = words;
    this.entryType = entryType;
  }

  /** The kind of an entry. */
  public static Kind of(Entry entry) {
    for (Kind kind : values()) {
      if (kind.entryType.isInstance(entry)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no kind of entry " + entry.getClass());
  }

  /** The record that holds an entry of this kind. */
  public Class<? extends Entry> entryType() {
    return entryType;
  }

  /** The manifest array and lock object that hold items of this kind. */
  public String section() {
    return section;
  }

  /** The entry field that identifies an item across versions. */
  public String identity() {
    return identity;
  }

  /** The kind in words, for messages: {@code settings schema}. */
  public String words() {
    return words;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.codeanatomy.compat;

import java.util.Locale;

/** The three kinds of versioned item in a manifest, and how the manifest and the lock hold each. */
public enum Kind {
  /** A {@code @SettingsSchema}, identified by its Java type (namespaces may be shared). */
  SETTINGS_SCHEMA("settingsSchemas", "javaType", "settings schema"),
  /** A {@code @PlanningPolicy}, identified by its name. */
  PLANNING_POLICY("policies", "name", "policy"),
  /** A hashed contract (record or protobuf message), identified by its name. */
  CONTRACT("contracts", "name", "contract");

  private final String section;
  private final String identity;
  private final String words;

  Kind(String section, String identity, String words) {
    this.section = section;
    this.identity = identity;
    this.words = words;
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

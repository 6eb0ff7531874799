package io.codeanatomy.processor.model;

/** What a setting value is, independent of how Java spells it. */
public enum ValueKind {
  BOOLEAN("boolean"),
  INT("int"),
  LONG("long"),
  DOUBLE("double"),
  STRING("string"),
  ENUM("enum"),
  DURATION("duration"),
  BYTES("bytes"),
  STRING_LIST("string_list");

  private final String typeName;

  ValueKind(String typeName) {
    this.typeName = typeName;
  }

  /** The name used in descriptors, the manifest and docs. */
  public String typeName() {
    return typeName;
  }

  /** Whether values are ordered, so that {@code min}/{@code max} make sense. */
  public boolean isOrdered() {
    return this == INT || this == LONG || this == DOUBLE || this == DURATION || this == BYTES;
  }
}

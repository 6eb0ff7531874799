package io.codeanatomy.processor.model;

import java.util.Objects;

/**
 * One field of a {@code @Contract} record.
 *
 * @param component the record component name ({@code manifestHash})
 * @param name the field's name in payloads and hashes, snake case ({@code manifest_hash})
 * @param type the field type
 * @param provenance whether it is kept in payloads but left out of every hash
 * @param bag whether a list is order-insensitive (sorted by canonical bytes before hashing)
 * @param absent how an absent optional is encoded, as declared with {@code @AbsentAs}
 * @param origin the record component
 */
public record ContractField(
    String component,
    String name,
    FieldType type,
    boolean provenance,
    boolean bag,
    Absent absent,
    Origin origin) {

  public ContractField {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(absent, "absent");
    Objects.requireNonNull(origin, "origin");
  }

  /** Whether an absent value is encoded as the empty string (else nil). */
  public boolean absentAsEmptyString() {
    return absent == Absent.EMPTY_STRING;
  }

  /** How an absent optional value is encoded. */
  public enum Absent {
    /** Not declared: nil. */
    UNSPECIFIED,
    /** {@code @AbsentAs(NIL)}. */
    NIL,
    /** {@code @AbsentAs(EMPTY_STRING)}. */
    EMPTY_STRING
  }
}

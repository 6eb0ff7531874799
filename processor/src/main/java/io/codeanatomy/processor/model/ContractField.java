package io.codeanatomy.processor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One field of a {@code @Contract} record.
 *
 * @param component the record component name ({@code manifestHash})
 * @param name the field's name in payloads and hashes, snake case ({@code manifest_hash})
 * @param type the field type
 * @param provenance whether it is kept in payloads but left out of every hash
 * @param bag whether a list is order-insensitive (sorted before hashing)
 * @param bagKey for a bag of contracts, the string field that orders it; empty for none
 * @param absent how an absent optional is encoded, as declared with {@code @AbsentAs}
 * @param hash whether the field holds SHA-256 hex digests
 * @param protoNumber the protobuf field number of a proto contract's field; 0 for a record's
 * @param origin the record component
 * @param wire how a proto contract's field is laid out on the wire; empty for a record's
 */
public record ContractField(
    String component,
    String name,
    FieldType type,
    boolean provenance,
    boolean bag,
    String bagKey,
    Absent absent,
    HashRule hash,
    int protoNumber,
    Origin origin,
    Optional<ProtoWire> wire) {

  /** A field without wire details: a record's. */
  public ContractField(String component, String name, FieldType type, boolean provenance,
      boolean bag, String bagKey, Absent absent, HashRule hash, int protoNumber, Origin origin) {
    this(component, name, type, provenance, bag, bagKey, absent, hash, protoNumber, origin,
        Optional.empty());
  }

  public ContractField {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(bagKey, "bagKey");
    Objects.requireNonNull(absent, "absent");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(wire, "wire");
  }

  /** Whether an absent value is encoded as the empty string (else nil). */
  public boolean absentAsEmptyString() {
    return absent == Absent.EMPTY_STRING;
  }

  /** Whether a field holds SHA-256 hex digests. */
  public enum HashRule {
    /** Not a hash. */
    NONE,
    /** 64 lowercase hex characters. */
    HASH,
    /** 64 lowercase hex characters, or the empty string for "absent". */
    HASH_OR_EMPTY
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

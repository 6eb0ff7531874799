package io.codeanatomy.processor.model;

import java.util.List;

/**
 * A {@code @Contract} record: a payload whose hash is its identity.
 *
 * @param type the record
 * @param name the contract name
 * @param version the declared version
 * @param layout how it is laid out for hashing
 * @param forwardCompatible whether readers keep unknown fields instead of refusing the payload
 * @param fields the fields in component order
 * @param local whether it is declared in this compilation
 * @param mixin whether the record declares {@code implements <Record>Mixin}
 * @param spelling how the contract is declared: an annotated record or a protobuf message
 * @param origin the {@code @Contract} annotation, or the message in its {@code .proto} file
 */
public record ContractModel(
    TypeRef type,
    String name,
    int version,
    Layout layout,
    boolean forwardCompatible,
    List<ContractField> fields,
    boolean local,
    boolean mixin,
    Spelling spelling,
    Origin origin) {

  public ContractModel {
    fields = List.copyOf(fields);
  }

  /** The fields that enter the hash: every field but the provenance ones. */
  public List<ContractField> hashedFields() {
    return fields.stream().filter(f -> !f.provenance()).toList();
  }

  public ContractModel asExternal() {
    return new ContractModel(type, name, version, layout, forwardCompatible, fields, false, mixin,
        spelling, origin);
  }

  /** How a contract is declared; everything downstream of the model treats both alike. */
  public enum Spelling {
    /** A {@code @Contract} record: accessors are its components. */
    RECORD,
    /**
     * A protobuf message with the {@code codeanatomy.contract.v1.contract} option: accessors are
     * protoc's getters ({@code getX()}, {@code getXList()}, {@code getXMap()}, {@code hasX()}).
     */
    PROTO
  }

  /** Mirrors {@code Contract.Layout}. */
  public enum Layout { SORTED_MAP, ORDERED_PAIRS }
}

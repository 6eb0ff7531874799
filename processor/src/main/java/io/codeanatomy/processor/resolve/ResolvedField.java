package io.codeanatomy.processor.resolve;

import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.FieldType;
import java.util.Optional;

/**
 * A contract field, resolved.
 *
 * @param declared the field as declared
 * @param describedType its type in words as the manifest and fingerprints write it, nested
 *     contracts by name and fingerprint ({@code list<contract delta_input 1a2b...>})
 * @param required whether a payload must carry it: every field but an optional one and, in a
 *     protobuf contract, a singular message (protobuf's JSON leaves an unset one out)
 * @param bagKey for a bag of contracts ordered by one of their fields: that field
 */
public record ResolvedField(ContractField declared, String describedType, boolean required,
    Optional<BagKey> bagKey) {

  /**
   * The field of a bag's element contract that orders the bag.
   *
   * @param field the key field (a string or an enum)
   * @param element the element contract, whose spelling decides how the key is read (and
   *     whose other fields how protoc names its getter)
   */
  public record BagKey(ContractField field, ContractModel element) {

    /** How the element contract is declared. */
    public ContractModel.Spelling spelling() {
      return element.spelling();
    }
  }

  public String name() {
    return declared.name();
  }

  public String component() {
    return declared.component();
  }

  public FieldType type() {
    return declared.type();
  }

  public boolean provenance() {
    return declared.provenance();
  }

  public boolean bag() {
    return declared.bag();
  }

  public boolean absentAsEmptyString() {
    return declared.absentAsEmptyString();
  }

  public ContractField.HashRule hash() {
    return declared.hash();
  }

  /** The protobuf field number of a proto contract's field; 0 for a record's. */
  public int protoNumber() {
    return declared.protoNumber();
  }

  /** How a proto contract's field is laid out on the wire; empty for a record's. */
  public java.util.Optional<io.codeanatomy.processor.model.ProtoWire> wire() {
    return declared.wire();
  }
}

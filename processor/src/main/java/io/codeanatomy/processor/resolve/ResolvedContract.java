package io.codeanatomy.processor.resolve;

import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.TypeRef;
import java.util.List;
import java.util.Locale;

/**
 * A contract, resolved.
 *
 * @param declared the contract as declared
 * @param fingerprint its schema fingerprint
 * @param fields every field, in declaration order
 * @param hashedInWriteOrder the fields that enter the hash, in the order the canonical encoding
 *     writes them: declaration order for {@code ORDERED_PAIRS}, UTF-8 order of their names for
 *     {@code SORTED_MAP}
 */
public record ResolvedContract(ContractModel declared, String fingerprint,
    List<ResolvedField> fields, List<ResolvedField> hashedInWriteOrder) {

  public ResolvedContract {
    fields = List.copyOf(fields);
    hashedInWriteOrder = List.copyOf(hashedInWriteOrder);
  }

  public TypeRef type() {
    return declared.type();
  }

  public String name() {
    return declared.name();
  }

  public int version() {
    return declared.version();
  }

  public boolean local() {
    return declared.local();
  }

  public boolean forwardCompatible() {
    return declared.forwardCompatible();
  }

  public ContractModel.Layout layout() {
    return declared.layout();
  }

  /** The layout's name as the manifest and generated code write it: {@code ordered_pairs}. */
  public String layoutName() {
    return declared.layout().name().toLowerCase(Locale.ROOT);
  }

  public boolean orderedPairs() {
    return declared.layout() == ContractModel.Layout.ORDERED_PAIRS;
  }

  public ContractModel.Spelling spelling() {
    return declared.spelling();
  }

  public boolean record() {
    return declared.spelling() == ContractModel.Spelling.RECORD;
  }

  public boolean mixin() {
    return declared.mixin();
  }

  /** The fields that enter the hash, in declaration order. */
  public List<ResolvedField> hashedFields() {
    return fields.stream().filter(f -> !f.provenance()).toList();
  }
}

package io.codeanatomy.processor.resolve;

import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.TypeRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contract set after resolution: everything one compilation (or one round of it) declares,
 * and the declarations of dependencies that its policies and contracts use.
 *
 * @param name the contract set name (processor option {@code codeanatomy.contractSet})
 * @param schemas the settings schemas: local ones and those that local policies reference
 * @param policies the planning policies declared here
 * @param contracts the contracts: local ones and those that local contracts nest
 * @param enums the enums that settings and contracts use, with their attributes
 */
public record ResolvedSet(String name, List<ResolvedSchema> schemas,
    List<ResolvedPolicy> policies, List<ResolvedContract> contracts, List<EnumModel> enums) {

  public ResolvedSet {
    schemas = List.copyOf(schemas);
    policies = List.copyOf(policies);
    contracts = List.copyOf(contracts);
    enums = List.copyOf(enums);
  }

  /** The schemas declared in this compilation. */
  public List<ResolvedSchema> localSchemas() {
    return schemas.stream().filter(ResolvedSchema::local).toList();
  }

  /** The contracts declared in this compilation. */
  public List<ResolvedContract> localContracts() {
    return contracts.stream().filter(ResolvedContract::local).toList();
  }

  /** The enums declared in this compilation. */
  public List<EnumModel> localEnums() {
    return enums.stream().filter(EnumModel::local).toList();
  }

  /** Whether the set has anything to emit. */
  public boolean isEmpty() {
    return localSchemas().isEmpty() && policies.isEmpty() && localContracts().isEmpty();
  }

  public Optional<ResolvedSchema> schema(TypeRef type) {
    return schemas.stream().filter(s -> s.type().equals(type)).findFirst();
  }

  public Optional<ResolvedContract> contract(TypeRef type) {
    return contracts.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  public Optional<EnumModel> enumModel(TypeRef type) {
    return enums.stream().filter(e -> e.type().equals(type)).findFirst();
  }

  /**
   * The schemas a self-contained module of the set needs: local ones and those local policies
   * use, each once, in declaration order.
   */
  public List<ResolvedSchema> schemasWithDependencies() {
    Map<TypeRef, ResolvedSchema> ordered = new LinkedHashMap<>();
    localSchemas().forEach(s -> ordered.put(s.type(), s));
    for (ResolvedPolicy policy : policies) {
      policy.components().forEach(c -> ordered.putIfAbsent(c.schema().type(), c.schema()));
    }
    return List.copyOf(ordered.values());
  }

  /**
   * The contracts a self-contained module of the set needs: local ones and those they nest,
   * each once, nested ones first.
   */
  public List<ResolvedContract> contractsWithDependencies() {
    Map<TypeRef, ResolvedContract> ordered = new LinkedHashMap<>();
    for (ResolvedContract contract : localContracts()) {
      addWithNested(contract, ordered);
    }
    return List.copyOf(ordered.values());
  }

  private void addWithNested(ResolvedContract contract, Map<TypeRef, ResolvedContract> ordered) {
    if (ordered.containsKey(contract.type())) {
      return;
    }
    for (ResolvedField field : contract.fields()) {
      for (TypeRef nested : FieldTypes.nestedContracts(field.type())) {
        contract(nested).ifPresent(c -> addWithNested(c, ordered));
      }
    }
    ordered.put(contract.type(), contract);
  }

  /** Whether any of {@code contracts} holds a map. */
  public static boolean usesMap(List<ResolvedContract> contracts) {
    return contracts.stream().flatMap(c -> c.fields().stream())
        .anyMatch(f -> FieldTypes.any(f.type(), t -> t instanceof FieldType.MapType));
  }
}

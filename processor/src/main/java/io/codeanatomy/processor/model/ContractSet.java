package io.codeanatomy.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything one compilation declares: the unit that gets one manifest and one Rust module.
 *
 * @param name the contract set name (processor option {@code codeanatomy.contractSet})
 * @param schemas the settings schemas: local ones and those that local policies reference
 * @param policies the planning policies declared in this compilation
 * @param contracts the hashed contracts: local ones and those that local contracts nest
 * @param enums the enums that settings and contracts use, with their attributes
 */
public record ContractSet(String name, List<SettingsSchemaModel> schemas, List<PolicyModel> policies,
    List<ContractModel> contracts, List<EnumModel> enums) {

  public ContractSet {
    schemas = List.copyOf(schemas);
    policies = List.copyOf(policies);
    contracts = List.copyOf(contracts);
    enums = List.copyOf(enums);
  }

  public ContractSet(String name, List<SettingsSchemaModel> schemas, List<PolicyModel> policies) {
    this(name, schemas, policies, List.of(), List.of());
  }

  public Optional<EnumModel> enumModel(TypeRef type) {
    return enums.stream().filter(e -> e.type().equals(type)).findFirst();
  }

  public Optional<ContractModel> contract(TypeRef type) {
    return contracts.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** The contracts declared in this compilation. */
  public List<ContractModel> localContracts() {
    return contracts.stream().filter(ContractModel::local).toList();
  }

  /** Whether the set has anything to emit. */
  public boolean isEmpty() {
    return localSchemas().isEmpty() && policies.isEmpty() && localContracts().isEmpty();
  }

  public Optional<SettingsSchemaModel> schema(TypeRef type) {
    return schemas.stream().filter(s -> s.type().equals(type)).findFirst();
  }

  /** The schemas of a policy's components, in component order; unknown ones are skipped. */
  public List<SettingsSchemaModel> schemasOf(PolicyModel policy) {
    return policy.components().stream()
        .map(c -> schema(c.schema()))
        .flatMap(Optional::stream)
        .toList();
  }

  /** The settings schemas declared in this compilation. */
  public List<SettingsSchemaModel> localSchemas() {
    return schemas.stream().filter(SettingsSchemaModel::local).toList();
  }
}

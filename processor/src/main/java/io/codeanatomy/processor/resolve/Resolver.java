package io.codeanatomy.processor.resolve;

import io.codeanatomy.contracts.canonical.Utf8;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingValues;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolution step: turns a checked contract set into the {@link ResolvedSet} the emitters
 * read. Every canonical text, fingerprint and profile is computed here, once; a resolver keeps
 * what it computed for the later rounds and the end of the compilation. Not thread-safe (a
 * processor runs on one thread).
 */
public final class Resolver {

  private final Map<TypeRef, List<ResolvedSetting>> settings = new HashMap<>();
  private final Map<TypeRef, String> schemaFingerprints = new HashMap<>();
  private final Map<TypeRef, ResolvedContract> contracts = new HashMap<>();
  private final Map<PolicyModel, ResolvedPolicy> policies = new HashMap<>();

  /**
   * Resolves a contract set whose declarations passed the checks.
   *
   * @throws IllegalStateException when the set holds what the checks refuse (an unknown key, a
   *     default that does not parse): a bug in the checks, not in the contracts
   */
  public ResolvedSet resolve(ContractSet set) {
    // Only what the emitters use: local declarations and the dependencies of local policies and
    // contracts. A declaration seen as external (a dependency's, an earlier round's, or one with
    // problems) is not resolved for its own sake: it may not even parse.
    Set<TypeRef> used = new HashSet<>();
    set.policies().forEach(p -> p.components().forEach(c -> used.add(c.schema())));
    List<ResolvedSchema> schemas = new ArrayList<>();
    for (SettingsSchemaModel schema : set.schemas()) {
      if (schema.local() || used.contains(schema.type())) {
        schemas.add(schema(schema));
      }
    }
    List<ResolvedPolicy> resolvedPolicies = new ArrayList<>();
    for (PolicyModel policy : set.policies()) {
      resolvedPolicies.add(policies.computeIfAbsent(policy, p -> policy(set, p)));
    }
    List<ResolvedContract> resolvedContracts = new ArrayList<>();
    for (ContractModel contract : set.contracts()) {
      if (contract.local()) {
        resolvedContracts.add(contract(set, contract));
      }
    }
    // The contracts local ones nest, resolved on the way (a nested one's fingerprint is part of
    // the nesting one's).
    for (ContractModel contract : set.contracts()) {
      if (!contract.local() && contracts.containsKey(contract.type())) {
        resolvedContracts.add(contract(set, contract));
      }
    }
    return new ResolvedSet(set.name(), schemas, resolvedPolicies, resolvedContracts, set.enums());
  }

  private ResolvedSchema schema(SettingsSchemaModel schema) {
    List<ResolvedSetting> resolved = settings.computeIfAbsent(schema.type(),
        type -> settingsOf(schema));
    String fingerprint = schemaFingerprints.computeIfAbsent(schema.type(),
        type -> Fingerprints.schema(schema.namespace(), schema.version(), resolved));
    return new ResolvedSchema(schema, fingerprint, resolved);
  }

  private static List<ResolvedSetting> settingsOf(SettingsSchemaModel schema) {
    List<ResolvedSetting> resolved = new ArrayList<>();
    for (SettingModel setting : schema.settings()) {
      resolved.add(new ResolvedSetting(setting, resolved.size(),
          Names.relativeKey(schema, setting), Names.keyConstant(schema, setting),
          setting.defaultText().map(text -> SettingValues.canonical(setting.type(), text)),
          setting.min().map(text -> SettingValues.canonical(setting.type(), text)),
          setting.max().map(text -> SettingValues.canonical(setting.type(), text))));
    }
    return resolved;
  }

  private ResolvedPolicy policy(ContractSet set, PolicyModel policy) {
    List<ResolvedPolicy.Component> components = new ArrayList<>();
    for (PolicyComponent component : policy.components()) {
      SettingsSchemaModel schema = set.schema(component.schema()).orElseThrow(() ->
          new IllegalStateException("policy " + policy.name() + " uses " + component.schema()
              + ", which the set does not hold"));
      components.add(new ResolvedPolicy.Component(component.name(), components.size(),
          schema(schema)));
    }
    return new ResolvedPolicy(policy,
        Fingerprints.policy(policy.name(), policy.version(), components), components,
        ProfileResolution.resolve(components, policy.profiles()));
  }

  private ResolvedContract contract(ContractSet set, ContractModel contract) {
    ResolvedContract known = contracts.get(contract.type());
    if (known != null) {
      // The same declaration seen from another round keeps its resolution; only whether it is
      // local to the round differs.
      return known.declared().equals(contract) ? known
          : new ResolvedContract(contract, known.fingerprint(), known.fields(),
              known.hashedInWriteOrder());
    }
    List<ResolvedField> fields = new ArrayList<>();
    for (ContractField field : contract.fields()) {
      String described = Fingerprints.describe(field.type(), ref -> nested(set, contract, ref));
      fields.add(new ResolvedField(field, described, required(contract, field),
          bagKey(set, field)));
    }
    List<ResolvedField> writeOrder = new ArrayList<>(fields.stream()
        .filter(f -> !f.provenance()).toList());
    if (contract.layout() == ContractModel.Layout.SORTED_MAP) {
      writeOrder.sort((a, b) -> Utf8.compare(a.name(), b.name()));
    }
    ResolvedContract resolved = new ResolvedContract(contract,
        Fingerprints.contract(contract.name(), contract.version(),
            contract.layout().name().toLowerCase(java.util.Locale.ROOT),
            contract.forwardCompatible(), fields),
        fields, writeOrder);
    contracts.put(contract.type(), resolved);
    return resolved;
  }

  private ResolvedContract nested(ContractSet set, ContractModel outer,
      FieldType.ContractRef ref) {
    ContractModel nested = set.contract(ref.type()).orElseThrow(() -> new IllegalStateException(
        "contract " + outer.name() + " nests " + ref.type() + ", which the set does not hold"));
    return contract(set, nested);
  }

  /**
   * Whether a payload must carry the field: every field but an optional and, in a protobuf
   * contract, a singular message (protobuf's JSON leaves an unset one out).
   */
  private static boolean required(ContractModel contract, ContractField field) {
    if (field.type() instanceof FieldType.OptionalType) {
      return false;
    }
    return !(contract.spelling() == ContractModel.Spelling.PROTO
        && field.type() instanceof FieldType.ContractRef);
  }

  private static Optional<ResolvedField.BagKey> bagKey(ContractSet set, ContractField field) {
    if (!field.bag() || field.bagKey().isEmpty()
        || !(field.type() instanceof FieldType.ListType list)
        || !(list.element() instanceof FieldType.ContractRef ref)) {
      return Optional.empty();
    }
    ContractModel element = set.contract(ref.type()).orElseThrow();
    return element.fields().stream().filter(f -> f.name().equals(field.bagKey())).findFirst()
        .map(key -> new ResolvedField.BagKey(key, element));
  }
}

package io.codeanatomy.processor.lock;

import io.codeanatomy.compat.Subject;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.Origin;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.ProfileModel;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.resolve.ResolvedContract;
import io.codeanatomy.processor.resolve.ResolvedPolicy;
import io.codeanatomy.processor.resolve.ResolvedSchema;
import io.codeanatomy.processor.resolve.ResolvedSet;
import java.util.Optional;

/**
 * Finds the declaration a change is about: the member (field, setting, profile, component) when
 * it still exists, else the item; narrowed to the annotation attribute at fault. Empty for an
 * item that is no longer declared.
 */
final class ChangeLocator {

  private final ResolvedSet set;

  ChangeLocator(ResolvedSet set) {
    this.set = set;
  }

  Optional<Origin> locate(Subject subject) {
    Optional<Origin> origin = switch (subject.item().kind()) {
      case CONTRACT -> contract(subject);
      case SETTINGS_SCHEMA -> schema(subject);
      case PLANNING_POLICY -> policy(subject);
    };
    return origin.map(o -> subject.aspect() == null ? o : o.attribute(subject.aspect()));
  }

  private Optional<Origin> contract(Subject subject) {
    Optional<ContractModel> contract = set.localContracts().stream()
        .map(ResolvedContract::declared)
        .filter(c -> c.name().equals(subject.item().name())).findFirst();
    if (contract.isEmpty()) {
      return Optional.empty();
    }
    if (subject.member() != null) {
      Optional<Origin> field = contract.get().fields().stream()
          .filter(f -> f.name().equals(subject.member())).findFirst()
          .map(ContractField::origin);
      if (field.isPresent()) {
        return field;
      }
    }
    return Optional.of(contract.get().origin());
  }

  private Optional<Origin> schema(Subject subject) {
    Optional<SettingsSchemaModel> schema = set.localSchemas().stream()
        .map(ResolvedSchema::declared)
        .filter(s -> s.type().qualifiedName().equals(subject.item().name())).findFirst();
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    if (subject.member() != null) {
      Optional<Origin> setting = schema.get().settings().stream()
          .filter(s -> s.key().equals(subject.member())).findFirst()
          .map(SettingModel::origin);
      if (setting.isPresent()) {
        return setting;
      }
    }
    return Optional.of(schema.get().origin());
  }

  private Optional<Origin> policy(Subject subject) {
    Optional<PolicyModel> policy = set.policies().stream()
        .map(ResolvedPolicy::declared)
        .filter(p -> p.name().equals(subject.item().name())).findFirst();
    if (policy.isEmpty()) {
      return Optional.empty();
    }
    if ("profile".equals(subject.memberKind())) {
      Optional<Origin> profile = policy.get().profiles().stream()
          .filter(p -> p.name().equals(subject.member())).findFirst()
          .map(ProfileModel::origin);
      if (profile.isPresent()) {
        return profile;
      }
    } else if ("component".equals(subject.memberKind())) {
      Optional<Origin> component = policy.get().components().stream()
          .filter(c -> c.name().equals(subject.member())).findFirst()
          .map(PolicyComponent::origin);
      if (component.isPresent()) {
        return component;
      }
    }
    return Optional.of(policy.get().origin());
  }
}

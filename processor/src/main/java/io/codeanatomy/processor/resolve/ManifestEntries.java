package io.codeanatomy.processor.resolve;

import io.codeanatomy.compat.manifest.ComponentEntry;
import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.EnumEntry;
import io.codeanatomy.compat.manifest.FieldEntry;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.PolicyEntry;
import io.codeanatomy.compat.manifest.ProfileEntry;
import io.codeanatomy.compat.manifest.SchemaEntry;
import io.codeanatomy.compat.manifest.SettingEntry;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.EnumModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The manifest of a resolved set, as compat's typed entries: what the manifest emitter writes and
 * what the lock check compares with the lock.
 */
public final class ManifestEntries {

  private ManifestEntries() {}

  /** The manifest of everything the set declares. */
  public static Manifest manifest(ResolvedSet set) {
    return new Manifest(Manifest.FORMAT, set.name(),
        set.localSchemas().stream().map(ManifestEntries::schema).toList(),
        set.policies().stream().map(ManifestEntries::policy).toList(),
        set.localContracts().stream().map(ManifestEntries::contract).toList(),
        set.localEnums().stream().map(ManifestEntries::enumEntry).toList());
  }

  public static SchemaEntry schema(ResolvedSchema schema) {
    List<SettingEntry> settings = new ArrayList<>();
    for (ResolvedSetting setting : schema.settings()) {
      settings.add(new SettingEntry(setting.key(), setting.component(),
          setting.type().kind().typeName(), setting.optional(), setting.type().enumTexts(),
          setting.defaultValue().orElse(null), setting.min().orElse(null),
          setting.max().orElse(null),
          SettingEntry.Unit.valueOf(setting.unit().name()),
          SettingEntry.Scope.valueOf(setting.scope().name()), setting.planningAffecting(),
          setting.featureGate(), setting.doc()));
    }
    return new SchemaEntry(SchemaEntry.KIND, schema.namespace(), schema.version(),
        schema.type().qualifiedName(), schema.fingerprint(), settings);
  }

  public static PolicyEntry policy(ResolvedPolicy policy) {
    List<ComponentEntry> components = new ArrayList<>();
    for (ResolvedPolicy.Component component : policy.components()) {
      components.add(new ComponentEntry(component.name(), component.schema().namespace(),
          component.schema().version(), component.schema().fingerprint()));
    }
    List<ProfileEntry> profiles = new ArrayList<>();
    for (ResolvedProfile profile : policy.profiles()) {
      profiles.add(new ProfileEntry(profile.name(), profile.parent().orElse(null), profile.doc(),
          profile.settingsHash(), profile.planningEnvironmentHash(),
          profile.featureGateParityHash().orElse(null), profile.effectiveSettings()));
    }
    return new PolicyEntry(PolicyEntry.KIND, policy.name(), policy.version(),
        policy.type().qualifiedName(), policy.fingerprint(), components, profiles);
  }

  public static ContractEntry contract(ResolvedContract contract) {
    List<FieldEntry> fields = new ArrayList<>();
    boolean proto = contract.spelling() == ContractModel.Spelling.PROTO;
    for (ResolvedField field : contract.fields()) {
      fields.add(new FieldEntry(field.name(), field.component(), field.describedType(),
          !field.provenance(), field.bag(), field.declared().bagKey(),
          field.absentAsEmptyString() ? FieldEntry.AbsentAs.EMPTY_STRING : FieldEntry.AbsentAs.NIL,
          hashRule(field.hash()), field.required(),
          proto ? Integer.valueOf(field.declared().protoNumber()) : null));
    }
    return new ContractEntry(ContractEntry.KIND, contract.name(), contract.version(),
        contract.type().qualifiedName(),
        proto ? ContractEntry.Spelling.PROTO : ContractEntry.Spelling.RECORD,
        contract.orderedPairs() ? ContractEntry.Layout.ORDERED_PAIRS
            : ContractEntry.Layout.SORTED_MAP,
        contract.forwardCompatible(), contract.fingerprint(), fields);
  }

  private static FieldEntry.HashRule hashRule(ContractField.HashRule rule) {
    return switch (rule) {
      case NONE -> FieldEntry.HashRule.NONE;
      case HASH -> FieldEntry.HashRule.HASH;
      case HASH_OR_EMPTY -> FieldEntry.HashRule.HASH_OR_EMPTY;
    };
  }

  public static EnumEntry enumEntry(EnumModel model) {
    Map<String, Map<String, Double>> attributes = new LinkedHashMap<>();
    model.attributes().forEach((name, byConstant) -> {
      Map<String, Double> byText = new LinkedHashMap<>();
      byConstant.forEach((constant, value) -> byText.put(constant.toLowerCase(Locale.ROOT), value));
      attributes.put(name, byText);
    });
    return new EnumEntry(model.type().qualifiedName(),
        model.constants().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList(), attributes);
  }
}

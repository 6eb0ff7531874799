package io.codeanatomy.processor.model;

import io.codeanatomy.contracts.canonical.SettingsHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Resolves the profiles of a checked policy: each starts from its parent's effective settings (or
 * from the declared defaults) and applies its overrides and unsets in order.
 */
public final class ProfileResolution {

  private ProfileResolution() {}

  /** The declared defaults of the given schemas, as canonical text; unset optional keys omitted. */
  public static SortedMap<String, String> defaults(List<SettingsSchemaModel> schemas) {
    SortedMap<String, String> settings = new TreeMap<>();
    for (SettingsSchemaModel schema : schemas) {
      for (SettingModel setting : schema.settings()) {
        setting.canonicalDefault().ifPresent(value -> settings.put(setting.key(), value));
      }
    }
    return settings;
  }

  /** Every setting of the policy, by full key, in component then declaration order. */
  public static Map<String, SettingModel> settingsByKey(ContractSet set, PolicyModel policy) {
    Map<String, SettingModel> byKey = new LinkedHashMap<>();
    for (SettingsSchemaModel schema : set.schemasOf(policy)) {
      for (SettingModel setting : schema.settings()) {
        byKey.putIfAbsent(setting.key(), setting);
      }
    }
    return byKey;
  }

  /**
   * Resolves every profile of a policy that passed the checks, in declaration order.
   *
   * @throws IllegalStateException if the policy did not pass the checks (unknown parent, cycle)
   */
  public static List<ResolvedProfile> resolve(ContractSet set, PolicyModel policy) {
    Map<String, SettingModel> settings = settingsByKey(set, policy);
    SortedMap<String, String> defaults = defaults(set.schemasOf(policy));
    Map<String, ProfileModel> declared = new LinkedHashMap<>();
    policy.profiles().forEach(p -> declared.putIfAbsent(p.name(), p));

    Map<String, SortedMap<String, String>> effective = new LinkedHashMap<>();
    List<ResolvedProfile> resolved = new ArrayList<>();
    for (ProfileModel profile : declared.values()) {
      SortedMap<String, String> values = effective(profile, declared, settings, defaults, effective,
          new HashSet<>());
      resolved.add(resolved(profile, values, settings));
    }
    return resolved;
  }

  private static SortedMap<String, String> effective(
      ProfileModel profile,
      Map<String, ProfileModel> declared,
      Map<String, SettingModel> settings,
      SortedMap<String, String> defaults,
      Map<String, SortedMap<String, String>> done,
      Set<String> visiting) {
    SortedMap<String, String> known = done.get(profile.name());
    if (known != null) {
      return known;
    }
    if (!visiting.add(profile.name())) {
      throw new IllegalStateException("profile cycle through " + profile.name());
    }
    SortedMap<String, String> values;
    if (profile.parent().isPresent()) {
      ProfileModel parent = declared.get(profile.parent().get());
      if (parent == null) {
        throw new IllegalStateException("unknown parent " + profile.parent().get());
      }
      values = new TreeMap<>(effective(parent, declared, settings, defaults, done, visiting));
    } else {
      values = new TreeMap<>(defaults);
    }
    for (ProfileModel.Entry override : profile.overrides()) {
      String key = override.key().orElseThrow();
      values.put(key, SettingValues.canonical(settings.get(key).type(), override.value()));
    }
    for (ProfileModel.Entry unset : profile.unsets()) {
      values.remove(unset.text().strip());
    }
    SortedMap<String, String> result = Collections.unmodifiableSortedMap(values);
    done.put(profile.name(), result);
    return result;
  }

  private static ResolvedProfile resolved(
      ProfileModel profile, SortedMap<String, String> values, Map<String, SettingModel> settings) {
    SortedMap<String, String> planning = new TreeMap<>();
    SortedMap<String, String> gates = new TreeMap<>();
    values.forEach((key, value) -> {
      SettingModel setting = settings.get(key);
      if (setting.planningAffecting()) {
        planning.put(key, value);
      }
      if (setting.featureGate()) {
        gates.put(key, value);
      }
    });
    boolean hasGates = settings.values().stream().anyMatch(SettingModel::featureGate);
    return new ResolvedProfile(
        profile.name(),
        profile.parent(),
        profile.doc(),
        values,
        SettingsHash.of(values),
        SettingsHash.of(planning),
        hasGates ? Optional.of(SettingsHash.featureGateParity(gates)) : Optional.empty());
  }
}

package io.codeanatomy.processor.resolve;

import io.codeanatomy.contracts.canonical.SettingsHash;
import io.codeanatomy.processor.model.ProfileModel;
import io.codeanatomy.processor.model.SettingValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Resolves the profiles of a checked policy: each starts from its parent's effective settings (or
 * from the declared defaults) and applies its overrides, then its unsets, in the order written.
 */
final class ProfileResolution {

  private ProfileResolution() {}

  /** Which component holds a key, and its setting. */
  private record Owner(int component, ResolvedSetting setting) {}

  /**
   * Every profile of {@code profiles} (the policy's declarations, which passed the checks), in
   * declaration order.
   *
   * @throws IllegalStateException for a profile the checks should have refused (an unknown
   *     parent or key, a cycle)
   */
  static List<ResolvedProfile> resolve(List<ResolvedPolicy.Component> components,
      List<ProfileModel> profiles) {
    Map<String, Owner> owners = new LinkedHashMap<>();
    SortedMap<String, String> defaults = new TreeMap<>();
    boolean hasGates = false;
    for (ResolvedPolicy.Component component : components) {
      for (ResolvedSetting setting : component.schema().settings()) {
        owners.putIfAbsent(setting.key(), new Owner(component.position(), setting));
        setting.defaultValue().ifPresent(value -> defaults.put(setting.key(), value));
        hasGates |= setting.featureGate();
      }
    }
    Map<String, ProfileModel> declared = new LinkedHashMap<>();
    profiles.forEach(p -> declared.putIfAbsent(p.name(), p));
    Map<String, ResolvedProfile> done = new LinkedHashMap<>();
    for (ProfileModel profile : declared.values()) {
      resolve(profile, declared, owners, defaults, hasGates, done, new ArrayList<>());
    }
    return declared.keySet().stream().map(done::get).toList();
  }

  private static ResolvedProfile resolve(ProfileModel profile, Map<String, ProfileModel> declared,
      Map<String, Owner> owners, SortedMap<String, String> defaults, boolean hasGates,
      Map<String, ResolvedProfile> done, List<String> visiting) {
    ResolvedProfile known = done.get(profile.name());
    if (known != null) {
      return known;
    }
    if (visiting.contains(profile.name())) {
      throw new IllegalStateException("profile cycle through " + profile.name());
    }
    visiting.add(profile.name());
    SortedMap<String, String> values;
    if (profile.parent().isPresent()) {
      ProfileModel parent = declared.get(profile.parent().get());
      if (parent == null) {
        throw new IllegalStateException("unknown parent " + profile.parent().get());
      }
      values = new TreeMap<>(resolve(parent, declared, owners, defaults, hasGates, done,
          visiting).effectiveSettings());
    } else {
      values = new TreeMap<>(defaults);
    }
    List<ResolvedProfile.Assignment> assignments = new ArrayList<>();
    for (ProfileModel.Entry override : profile.overrides()) {
      Owner owner = owner(owners, override.key().orElseThrow());
      String canonical = SettingValues.canonical(owner.setting().type(), override.value());
      values.put(owner.setting().key(), canonical);
      assignments.add(new ResolvedProfile.Assignment(owner.component(), owner.setting(),
          Optional.of(canonical)));
    }
    for (ProfileModel.Entry unset : profile.unsets()) {
      Owner owner = owner(owners, unset.text().strip());
      values.remove(owner.setting().key());
      assignments.add(new ResolvedProfile.Assignment(owner.component(), owner.setting(),
          Optional.empty()));
    }
    SortedMap<String, String> planning = new TreeMap<>();
    SortedMap<String, String> gates = new TreeMap<>();
    values.forEach((key, value) -> {
      ResolvedSetting setting = owners.get(key).setting();
      if (setting.planningAffecting()) {
        planning.put(key, value);
      }
      if (setting.featureGate()) {
        gates.put(key, value);
      }
    });
    ResolvedProfile resolved = new ResolvedProfile(profile.name(), profile.parent(),
        profile.doc(), assignments, Collections.unmodifiableSortedMap(values),
        SettingsHash.of(values), SettingsHash.of(planning),
        hasGates ? Optional.of(SettingsHash.featureGateParity(gates)) : Optional.empty());
    done.put(profile.name(), resolved);
    visiting.remove(profile.name());
    return resolved;
  }

  private static Owner owner(Map<String, Owner> owners, String key) {
    Owner owner = owners.get(key);
    if (owner == null) {
      throw new IllegalStateException("no component declares " + key);
    }
    return owner;
  }
}

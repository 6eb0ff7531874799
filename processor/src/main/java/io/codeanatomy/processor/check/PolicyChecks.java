package io.codeanatomy.processor.check;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.DUPLICATE_KEY;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.DUPLICATE_OVERRIDE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.DUPLICATE_PROFILE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.GENERATED_NAME_CLASH;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INVALID_NAME;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INVALID_PROFILE_NAME;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.MALFORMED_OVERRIDE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.PROFILE_CYCLE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.PROFILE_VALUE_OUT_OF_RANGE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNKNOWN_PARENT_PROFILE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNKNOWN_PROFILE_KEY;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNPARSABLE_PROFILE_VALUE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNSET_REQUIRED_SETTING;

import io.codeanatomy.contracts.canonical.NearestName;
import io.codeanatomy.contracts.canonical.SettingTextException;
import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.ProfileModel;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingValues;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks one planning policy: its name, its components' keys, and every profile. */
final class PolicyChecks {

  private PolicyChecks() {}

  static void check(ContractSet set, PolicyModel policy, Problems problems) {
    if (!Names.isLowerSnake(policy.name())) {
      problems.report(INVALID_NAME, policy.origin().attribute("name"),
          "policy name '" + policy.name() + "' must be lower-case snake case ([a-z][a-z0-9_]*)");
    }
    Map<String, SettingModel> settings = checkComponentKeys(set, policy, problems);
    Map<String, ProfileModel> profiles = checkProfileNames(policy, problems);
    boolean keysKnown = set.schemasOf(policy).stream().allMatch(SettingsSchemaModel::complete);
    for (ProfileModel profile : policy.profiles()) {
      checkParent(profile, profiles, problems);
      if (keysKnown) {
        checkOverrides(profile, settings, problems);
      }
    }
    checkCycles(profiles, problems);
  }

  private static Map<String, SettingModel> checkComponentKeys(
      ContractSet set, PolicyModel policy, Problems problems) {
    Map<String, SettingModel> settings = new LinkedHashMap<>();
    Map<String, PolicyComponent> owner = new HashMap<>();
    for (PolicyComponent component : policy.components()) {
      Optional<SettingsSchemaModel> schema = set.schema(component.schema());
      if (schema.isEmpty()) {
        continue; // reported by the reader
      }
      for (SettingModel setting : schema.get().settings()) {
        PolicyComponent first = owner.putIfAbsent(setting.key(), component);
        if (first != null && first != component) {
          problems.report(DUPLICATE_KEY, component.origin(),
              "key " + setting.key() + " of component '" + component.name()
                  + "' is already declared by component '" + first.name() + "'");
        } else {
          settings.putIfAbsent(setting.key(), setting);
        }
      }
    }
    return settings;
  }

  private static Map<String, ProfileModel> checkProfileNames(PolicyModel policy, Problems problems) {
    Map<String, ProfileModel> byName = new LinkedHashMap<>();
    Map<String, ProfileModel> byConstant = new HashMap<>();
    for (ProfileModel profile : policy.profiles()) {
      if (!Names.isProfileName(profile.name())) {
        problems.report(INVALID_PROFILE_NAME, profile.origin().attribute("name"),
            "profile name '" + profile.name() + "' must be lower-case ASCII letters, digits, "
                + "'_' and '-', starting with a letter");
        continue;
      }
      if (byName.putIfAbsent(profile.name(), profile) != null) {
        problems.report(DUPLICATE_PROFILE, profile.origin().attribute("name"),
            "profile '" + profile.name() + "' is declared twice in policy " + policy.name());
        continue;
      }
      String constant = Names.profileConstant(profile.name());
      ProfileModel other = byConstant.putIfAbsent(constant, profile);
      if (other != null || Names.RESERVED_PROFILE_CONSTANTS.contains(constant)) {
        problems.report(GENERATED_NAME_CLASH, profile.origin().attribute("name"),
            "profile '" + profile.name() + "' would generate the constant " + constant
                + (other != null ? ", as profile '" + other.name() + "' does" : ", which is reserved")
                + "; rename it");
      }
    }
    return byName;
  }

  private static void checkParent(
      ProfileModel profile, Map<String, ProfileModel> profiles, Problems problems) {
    if (profile.parent().isPresent() && !profiles.containsKey(profile.parent().get())) {
      String parent = profile.parent().get();
      String nearest = NearestName.of(parent, profiles.keySet());
      problems.report(UNKNOWN_PARENT_PROFILE, profile.origin().attribute("extendsProfile"),
          "profile '" + profile.name() + "' extends '" + parent + "', which this policy does not "
              + "declare; declared profiles: " + String.join(", ", profiles.keySet())
              + (nearest != null ? " (did you mean '" + nearest + "'?)" : ""));
    }
  }

  private static void checkOverrides(
      ProfileModel profile, Map<String, SettingModel> settings, Problems problems) {
    Set<String> seen = new HashSet<>();
    for (ProfileModel.Entry override : profile.overrides()) {
      Optional<String> key = override.key();
      if (key.isEmpty() || key.get().isEmpty()) {
        problems.report(MALFORMED_OVERRIDE, override.origin(),
            "override '" + override.text() + "' of profile '" + profile.name()
                + "' must be full.key=value");
        continue;
      }
      SettingModel setting = knownSetting(profile, key.get(), override, settings, problems);
      if (setting == null) {
        continue;
      }
      if (!seen.add(key.get())) {
        problems.report(DUPLICATE_OVERRIDE, override.origin(),
            "profile '" + profile.name() + "' sets " + key.get() + " more than once");
        continue;
      }
      checkValue(profile, setting, override, problems);
    }
    for (ProfileModel.Entry unset : profile.unsets()) {
      String key = unset.text().strip();
      SettingModel setting = knownSetting(profile, key, unset, settings, problems);
      if (setting == null) {
        continue;
      }
      if (!seen.add(key)) {
        problems.report(DUPLICATE_OVERRIDE, unset.origin(),
            "profile '" + profile.name() + "' sets or unsets " + key + " more than once");
      } else if (!setting.type().optional()) {
        problems.report(UNSET_REQUIRED_SETTING, unset.origin(),
            "profile '" + profile.name() + "' unsets " + key + ", but it is "
                + setting.type().description() + " and must have a value");
      }
    }
  }

  private static SettingModel knownSetting(ProfileModel profile, String key,
      ProfileModel.Entry entry, Map<String, SettingModel> settings, Problems problems) {
    SettingModel setting = settings.get(key);
    if (setting == null) {
      String nearest = NearestName.of(key, settings.keySet());
      problems.report(UNKNOWN_PROFILE_KEY, entry.origin(),
          "profile '" + profile.name() + "' names key " + key + ", which no settings schema of "
              + "this policy declares" + (nearest != null ? "; did you mean " + nearest + "?" : ""));
    }
    return setting;
  }

  private static void checkValue(
      ProfileModel profile, SettingModel setting, ProfileModel.Entry override, Problems problems) {
    String canonical;
    try {
      canonical = SettingValues.canonical(setting.type(), override.value());
    } catch (SettingTextException e) {
      problems.report(UNPARSABLE_PROFILE_VALUE, override.origin(),
          "profile '" + profile.name() + "' sets " + setting.key() + " to a value that does not "
              + "parse as " + setting.type().description() + ": " + e.getMessage());
      return;
    }
    try {
      String problem = SettingValues.rangeProblem(setting, canonical);
      if (problem != null) {
        problems.report(PROFILE_VALUE_OUT_OF_RANGE, override.origin(),
            "profile '" + profile.name() + "' sets " + setting.key() + " to " + canonical
                + ", but it " + problem);
      }
    } catch (SettingTextException e) {
      // The bounds themselves are invalid; SchemaChecks reports that at the setting.
    }
  }

  /**
   * One report per cycle, at the member declared last: reading the declarations top-down, its
   * {@code extendsProfile} is the edge that closes the cycle.
   */
  private static void checkCycles(Map<String, ProfileModel> profiles, Problems problems) {
    List<String> order = new ArrayList<>(profiles.keySet());
    Set<String> reported = new HashSet<>();
    for (ProfileModel start : profiles.values()) {
      if (reported.contains(start.name())) {
        continue;
      }
      List<String> chain = new ArrayList<>();
      ProfileModel current = start;
      while (current != null && !chain.contains(current.name())) {
        chain.add(current.name());
        current = current.parent().map(profiles::get).orElse(null);
      }
      if (current == null) {
        continue;
      }
      List<String> cycle = chain.subList(chain.indexOf(current.name()), chain.size());
      if (!reported.addAll(cycle)) {
        continue;
      }
      String closing = cycle.stream().max((a, b) -> order.indexOf(a) - order.indexOf(b))
          .orElseThrow();
      List<String> path = new ArrayList<>();
      String name = closing;
      do {
        path.add(name);
        name = profiles.get(name).parent().orElseThrow();
      } while (!name.equals(closing));
      path.add(closing);
      problems.report(PROFILE_CYCLE, profiles.get(closing).origin().attribute("extendsProfile"),
          "profiles extend each other in a cycle: " + String.join(" -> ", path));
    }
  }
}

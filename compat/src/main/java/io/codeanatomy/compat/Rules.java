package io.codeanatomy.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.contracts.canonical.SettingText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules, applied to two manifest entries of one item: the newest version in the lock and the
 * current declaration. Collects every change that breaks a rule, whether or not the version went
 * up; {@link Compatibility} decides what a bump allows.
 */
final class Rules {

  private static final Pattern NESTED_FINGERPRINT = Pattern.compile("(contract \\S+) [0-9a-f]{64}");
  private static final Pattern ENUM = Pattern.compile("enum \\(([^)]*)\\)");
  private static final int LISTED = 6;

  private final ItemKey key;
  private final int lockedVersion;
  private final Compatibility.Context context;
  private final List<Change> changes = new ArrayList<>();

  Rules(ItemKey key, int lockedVersion, Compatibility.Context context) {
    this.key = key;
    this.lockedVersion = lockedVersion;
    this.context = context;
  }

  List<Change> changes() {
    return changes;
  }

  void compare(ObjectNode old, ObjectNode now) {
    switch (key.kind()) {
      case CONTRACT -> contract(old, now);
      case SETTINGS_SCHEMA -> schema(old, now);
      case PLANNING_POLICY -> policy(old, now);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // contracts

  private void contract(ObjectNode old, ObjectNode now) {
    javaType(old, now);
    if (!old.path("layout").equals(now.path("layout"))) {
      report(CompatibilityRule.LAYOUT_CHANGED, Subject.of(key).withAspect("layout"),
          old.path("layout").asText(), now.path("layout").asText(),
          "the hash layout changed: every hash of it changes");
    }
    Map<String, JsonNode> before = byName(old.path("fields"), "name");
    Map<String, JsonNode> after = byName(now.path("fields"), "name");
    Map<Integer, String> numbers = new TreeMap<>();
    before.forEach((name, f) -> {
      if (f.path("protoNumber").isInt()) {
        numbers.put(f.path("protoNumber").asInt(), name);
      }
    });
    before.forEach((name, was) -> {
      JsonNode is = after.get(name);
      Subject field = Subject.member(key, "field", name);
      if (is == null) {
        report(CompatibilityRule.FIELD_REMOVED, field, was.path("type").asText(), null,
            "removed: payloads written before carry it"
                + (was.path("hashed").asBoolean() ? ", and every hash of the contract changes"
                    : ""));
        return;
      }
      component(field, was, is);
      type(field, was.path("type").asText(), is.path("type").asText());
      marker(field, "hashed", was, is, "provenance (whether it enters the hash)");
      marker(field, "bag", was, is, "bag (whether its order counts)");
      marker(field, "bagKey", was, is, "bag key");
      marker(field, "absentAs", was, is, "absent-as (how absent is hashed)");
      String hashBefore = was.path("hash").asText("none");
      String hashAfter = is.path("hash").asText("none");
      if (strictness(hashAfter) > strictness(hashBefore)) {
        report(CompatibilityRule.HASH_RULE_TIGHTENED, field, hashBefore, hashAfter,
            "values written before may not be digests");
      }
      if (was.path("protoNumber").isInt() && is.path("protoNumber").isInt()
          && was.path("protoNumber").asInt() != is.path("protoNumber").asInt()) {
        report(CompatibilityRule.PROTO_NUMBER_CHANGED, field,
            was.path("protoNumber").asText(), is.path("protoNumber").asText(),
            "its field number changed: binary payloads written before read as another field");
      }
    });
    after.forEach((name, is) -> {
      Subject field = Subject.member(key, "field", name);
      if (is.path("protoNumber").isInt()) {
        String owner = numbers.get(is.path("protoNumber").asInt());
        if (owner != null && !owner.equals(name) && !after.containsKey(owner)) {
          report(CompatibilityRule.PROTO_NUMBER_CHANGED, field, owner, name,
              "field number " + is.path("protoNumber").asInt() + " belonged to " + owner
                  + ": binary payloads written before read it as " + name);
        }
      }
      if (before.containsKey(name)) {
        return;
      }
      if (is.path("hashed").asBoolean()) {
        report(CompatibilityRule.HASHED_FIELD_ADDED, field, null, is.path("type").asText(),
            "added to the hash: every hash of the contract changes");
      } else if (is.path("required").asBoolean()) {
        report(CompatibilityRule.REQUIRED_FIELD_ADDED, field, null, is.path("type").asText(),
            "added as a required field: payloads written before lack it");
      }
    });
  }

  private static int strictness(String hashRule) {
    return switch (hashRule) {
      case "hash" -> 2;
      case "hash_or_empty" -> 1;
      default -> 0;
    };
  }

  private void marker(Subject field, String name, JsonNode was, JsonNode is, String words) {
    if (!was.path(name).equals(is.path(name))) {
      report(CompatibilityRule.HASH_MARKER_CHANGED, field, text(was.path(name)),
          text(is.path(name)), "its " + words + " changed: every hash of the contract changes");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // settings schemas

  private void schema(ObjectNode old, ObjectNode now) {
    Map<String, JsonNode> before = byName(old.path("settings"), "key");
    Map<String, JsonNode> after = byName(now.path("settings"), "key");
    before.forEach((settingKey, was) -> {
      JsonNode is = after.get(settingKey);
      Subject setting = Subject.member(key, "setting", settingKey);
      if (is == null) {
        report(CompatibilityRule.FIELD_REMOVED, setting, was.path("type").asText(), null,
            "removed: settings written before carry it, and the hash of every profile that had "
                + "a value for it changes");
        return;
      }
      component(setting, was, is);
      String typeBefore = settingType(was);
      String typeAfter = settingType(is);
      if (!typeBefore.equals(typeAfter)) {
        report(CompatibilityRule.TYPE_CHANGED, setting, typeBefore, typeAfter,
            "its type changed: values written before may not parse");
      } else {
        List<String> removed = new ArrayList<>();
        was.path("allowedValues").forEach(v -> removed.add(v.asText()));
        is.path("allowedValues").forEach(v -> removed.remove(v.asText()));
        if (!removed.isEmpty()) {
          report(CompatibilityRule.ENUM_VALUE_REMOVED, setting, String.join("|", removed), null,
              "values it accepted are gone: settings written before may not parse");
        }
      }
      if (!was.path("default").equals(is.path("default"))) {
        List<String> profiles = profilesChangedBy(settingKey);
        report(CompatibilityRule.DEFAULT_CHANGED, setting.withAspect("defaultValue"),
            text(was.path("default")), text(is.path("default")), "its default changed",
            profiles.isEmpty() ? null : "the settings hash of "
                + (profiles.size() == 1 ? "profile " : "profiles ") + String.join(", ", profiles)
                + " changes with it");
      }
      range(setting, "min", was, is, typeAfter, +1);
      range(setting, "max", was, is, typeAfter, -1);
      flag(setting, "planningAffecting", was, is,
          "the planning-environment hash of every profile changes");
      flag(setting, "featureGate", was, is, "the feature-gate parity hash changes");
    });
    after.forEach((settingKey, is) -> {
      if (!before.containsKey(settingKey) && !is.path("optional").asBoolean()) {
        report(CompatibilityRule.REQUIRED_FIELD_ADDED, Subject.member(key, "setting", settingKey),
            null, is.path("default").asText(),
            "added as a required setting: settings written before lack it, and every profile "
                + "now has a value for it");
      }
    });
  }

  private static String settingType(JsonNode setting) {
    return (setting.path("optional").asBoolean() ? "optional " : "")
        + setting.path("type").asText();
  }

  private void flag(Subject setting, String name, JsonNode was, JsonNode is, String effect) {
    if (was.path(name).asBoolean() != is.path(name).asBoolean()) {
      report(CompatibilityRule.PLANNING_FLAG_CHANGED, setting.withAspect(name),
          was.path(name).asText(), is.path(name).asText(), name + " changed: " + effect);
    }
  }

  /**
   * Reports a bound that narrows the accepted values: {@code direction} +1 for a min (raising it
   * narrows), -1 for a max.
   */
  private void range(Subject setting, String bound, JsonNode was, JsonNode is, String type,
      int direction) {
    JsonNode before = was.path(bound);
    JsonNode after = is.path(bound);
    if (after.isNull() || after.isMissingNode() || before.equals(after)) {
      return;
    }
    boolean narrowed = before.isNull() || before.isMissingNode()
        || Integer.signum(compareBound(type, after.asText(), before.asText())) == direction;
    if (narrowed) {
      report(CompatibilityRule.RANGE_NARROWED, setting.withAspect(bound), text(before),
          after.asText(), "its " + bound + " narrows the values it accepts");
    }
  }

  /** Compares two bounds in the canonical text of their type. */
  private int compareBound(String type, String a, String b) {
    try {
      if (type.endsWith("duration")) {
        return SettingText.parseDuration(a).compareTo(SettingText.parseDuration(b));
      }
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (RuntimeException e) {
      // The processor writes canonical bounds; anything else is a hand-edited file.
      throw new CompatInputException(key + ": the bounds '" + b + "' and '" + a + "' of a "
          + type + " setting do not compare (" + e.getMessage() + ")", e);
    }
  }

  /** The profiles whose effective value of {@code settingKey} differs from the lock's. */
  private List<String> profilesChangedBy(String settingKey) {
    TreeSet<String> names = new TreeSet<>();
    context.current().items().forEach((item, policy) -> {
      if (item.kind() != Kind.PLANNING_POLICY) {
        return;
      }
      ObjectNode locked = context.locked().items().get(item);
      Map<String, JsonNode> before = locked == null ? Map.of()
          : byName(locked.path("profiles"), "name");
      byName(policy.path("profiles"), "name").forEach((profile, now) -> {
        JsonNode was = before.get(profile);
        if (was != null && now.path("effectiveSettings").has(settingKey)
            && !was.path("effectiveSettings").path(settingKey)
                .equals(now.path("effectiveSettings").path(settingKey))) {
          names.add(item.name() + "/" + profile);
        }
      });
    });
    return List.copyOf(names);
  }

  // ---------------------------------------------------------------------------------------------
  // policies

  private void policy(ObjectNode old, ObjectNode now) {
    javaType(old, now);
    Map<String, JsonNode> before = byName(old.path("components"), "name");
    Map<String, JsonNode> after = byName(now.path("components"), "name");
    before.forEach((name, was) -> {
      if (after.containsKey(name)) {
        return;
      }
      JsonNode renamed = after.values().stream()
          .filter(c -> !before.containsKey(c.path("name").asText()))
          .filter(c -> c.path("namespace").equals(was.path("namespace"))
              && c.path("schemaFingerprint").equals(was.path("schemaFingerprint")))
          .findFirst().orElse(null);
      if (renamed != null) {
        report(CompatibilityRule.ACCESSOR_RENAMED,
            Subject.member(key, "component", renamed.path("name").asText()), name,
            renamed.path("name").asText(), "renamed: its accessor and builder method change");
      } else {
        report(CompatibilityRule.FIELD_REMOVED, Subject.member(key, "component", name),
            was.path("namespace").asText(), null,
            "removed: its builder method is gone and its settings leave every profile");
      }
    });
    Map<String, JsonNode> profilesBefore = byName(old.path("profiles"), "name");
    Map<String, JsonNode> profilesAfter = byName(now.path("profiles"), "name");
    profilesBefore.forEach((name, was) -> {
      JsonNode is = profilesAfter.get(name);
      Subject profile = Subject.member(key, "profile", name);
      if (is == null) {
        report(CompatibilityRule.PROFILE_CHANGED, profile, short12(was.path("settingsHash")), null,
            "removed: whoever selects it by name fails");
        return;
      }
      boolean hashes = !was.path("settingsHash").equals(is.path("settingsHash"))
          || !was.path("planningEnvironmentHash").equals(is.path("planningEnvironmentHash"))
          || !was.path("featureGateParityHash").equals(is.path("featureGateParityHash"));
      if (hashes) {
        report(CompatibilityRule.PROFILE_CHANGED, profile,
            "settings hash " + short12(was.path("settingsHash")),
            "settings hash " + short12(is.path("settingsHash")),
            "its effective settings changed: " + settingsDiff(was.path("effectiveSettings"),
                is.path("effectiveSettings")));
      }
    });
  }

  private static String settingsDiff(JsonNode before, JsonNode after) {
    TreeSet<String> keys = new TreeSet<>();
    before.fieldNames().forEachRemaining(keys::add);
    after.fieldNames().forEachRemaining(keys::add);
    List<String> diffs = new ArrayList<>();
    for (String k : keys) {
      JsonNode was = before.path(k);
      JsonNode is = after.path(k);
      if (!was.equals(is)) {
        diffs.add(k + " " + (was.isMissingNode() ? "(unset)" : was.asText()) + " -> "
            + (is.isMissingNode() ? "(unset)" : is.asText()));
      }
    }
    if (diffs.isEmpty()) {
      return "the same values, another encoding";
    }
    String listed = String.join(", ", diffs.subList(0, Math.min(LISTED, diffs.size())));
    return diffs.size() > LISTED ? listed + " and " + (diffs.size() - LISTED) + " more" : listed;
  }

  private static String short12(JsonNode hash) {
    String text = hash.asText();
    return text.length() > 12 ? text.substring(0, 12) : text;
  }

  // ---------------------------------------------------------------------------------------------
  // shared

  private void javaType(ObjectNode old, ObjectNode now) {
    if (!old.path("javaType").equals(now.path("javaType"))) {
      report(CompatibilityRule.TYPE_RENAMED, Subject.of(key), old.path("javaType").asText(),
          now.path("javaType").asText(), "its Java type moved: code that uses it and its "
              + "generated classes no longer compiles");
    }
  }

  private void component(Subject member, JsonNode was, JsonNode is) {
    if (!was.path("component").equals(is.path("component"))) {
      report(CompatibilityRule.ACCESSOR_RENAMED, member, was.path("component").asText(),
          is.path("component").asText(), "its record component was renamed: the accessor and "
              + "builder method that user code calls change");
    }
  }

  /**
   * Type strings of the manifest. A nested contract is checked by its own rules; what counts here
   * is whether it went to a new version, which changes the hashes of every contract nesting it.
   */
  private void type(Subject field, String before, String after) {
    Matcher nested = NESTED_FINGERPRINT.matcher(after);
    while (nested.find()) {
      String name = nested.group(1).substring("contract ".length());
      ObjectNode was = context.locked().items().get(new ItemKey(Kind.CONTRACT, name));
      ObjectNode is = context.current().items().get(new ItemKey(Kind.CONTRACT, name));
      if (was != null && is != null && was.path("version").asInt() != is.path("version").asInt()
          && before.contains(nested.group(1) + " ")) {
        report(CompatibilityRule.NESTED_CONTRACT_CHANGED, field,
            name + " version " + was.path("version").asInt(),
            name + " version " + is.path("version").asInt(),
            "the contract it nests changed version: every hash of this contract changes");
      }
    }
    String was = NESTED_FINGERPRINT.matcher(before).replaceAll("$1");
    String is = NESTED_FINGERPRINT.matcher(after).replaceAll("$1");
    if (was.equals(is)) {
      return;
    }
    List<String> enumsBefore = enums(was);
    List<String> enumsAfter = enums(is);
    if (!ENUM.matcher(was).replaceAll("enum").equals(ENUM.matcher(is).replaceAll("enum"))) {
      report(CompatibilityRule.TYPE_CHANGED, field, was, is,
          "its type changed: values written before may not read");
      return;
    }
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < enumsBefore.size(); i++) {
      List<String> now = List.of(enumsAfter.get(i).split("\\|"));
      for (String value : enumsBefore.get(i).split("\\|")) {
        if (!now.contains(value)) {
          removed.add(value);
        }
      }
    }
    if (!removed.isEmpty()) {
      report(CompatibilityRule.ENUM_VALUE_REMOVED, field, String.join("|", removed), null,
          "enum values it accepted are gone: payloads written before may not read");
    }
  }

  private static List<String> enums(String type) {
    List<String> groups = new ArrayList<>();
    Matcher m = ENUM.matcher(type);
    while (m.find()) {
      groups.add(m.group(1));
    }
    return groups;
  }

  private static Map<String, JsonNode> byName(JsonNode array, String field) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    array.forEach(e -> map.put(e.path(field).asText(), e));
    return map;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? "(none)" : node.asText();
  }

  private void report(CompatibilityRule rule, Subject subject, String oldValue, String newValue,
      String what) {
    report(rule, subject, oldValue, newValue, what, null);
  }

  private void report(CompatibilityRule rule, Subject subject, String oldValue, String newValue,
      String what, String consequence) {
    String advice = rule.bumpAllows()
        ? "bump the version of the " + key.kind().words() + " to " + (lockedVersion + 1)
            + ", or revert the change"
        : "revert the change";
    changes.add(new Change(rule, subject, Objects.toString(oldValue, null), newValue, what,
        consequence, advice));
  }
}

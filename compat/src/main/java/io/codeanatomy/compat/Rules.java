package io.codeanatomy.compat;

import io.codeanatomy.compat.manifest.ComponentEntry;
import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.Entry;
import io.codeanatomy.compat.manifest.FieldEntry;
import io.codeanatomy.compat.manifest.ManifestJson;
import io.codeanatomy.compat.manifest.PolicyEntry;
import io.codeanatomy.compat.manifest.ProfileEntry;
import io.codeanatomy.compat.manifest.SchemaEntry;
import io.codeanatomy.compat.manifest.SettingEntry;
import io.codeanatomy.contracts.canonical.SettingText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules, applied to two entries of one item: the newest version in the lock and the current
 * declaration. Collects every change that breaks a rule, whether or not the version went up;
 * {@link Compatibility} decides what a bump allows. {@link EarlierReleases} checks the current
 * declaration against the releases before the newest.
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

  void compare(Entry old, Entry now) {
    if (old instanceof ContractEntry was && now instanceof ContractEntry is) {
      contract(was, is);
    } else if (old instanceof SchemaEntry was && now instanceof SchemaEntry is) {
      schema(was, is);
    } else if (old instanceof PolicyEntry was && now instanceof PolicyEntry is) {
      policy(was, is);
    } else {
      throw new IllegalArgumentException(key + ": entries of two kinds");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // contracts

  private void contract(ContractEntry old, ContractEntry now) {
    javaType(old, now);
    if (old.layout() != now.layout()) {
      report(CompatibilityRule.LAYOUT_CHANGED, Subject.of(key).withAspect("layout"),
          ManifestJson.jsonName(old.layout()), ManifestJson.jsonName(now.layout()),
          "the hash layout changed: every hash of it changes");
    }
    Map<String, FieldEntry> before = byName(old.fields(), FieldEntry::name);
    Map<String, FieldEntry> after = byName(now.fields(), FieldEntry::name);
    Map<Integer, String> numbers = new TreeMap<>();
    before.forEach((name, f) -> {
      if (f.protoNumber() != null) {
        numbers.put(f.protoNumber(), name);
      }
    });
    before.forEach((name, was) -> {
      FieldEntry is = after.get(name);
      Subject field = Subject.member(key, "field", name);
      if (is == null) {
        report(CompatibilityRule.FIELD_REMOVED, field, was.type(), null,
            "removed: payloads written before carry it"
                + (was.hashed() ? ", and every hash of the contract changes" : ""));
        return;
      }
      component(field, was.component(), is.component());
      type(field, was.type(), is.type());
      marker(field, String.valueOf(was.hashed()), String.valueOf(is.hashed()),
          "provenance (whether it enters the hash)");
      marker(field, String.valueOf(was.bag()), String.valueOf(is.bag()),
          "bag (whether its order counts)");
      marker(field, was.bagKey(), is.bagKey(), "bag key");
      marker(field, ManifestJson.jsonName(was.absentAs()), ManifestJson.jsonName(is.absentAs()),
          "absent-as (how absent is hashed)");
      if (is.hash().stricterThan(was.hash())) {
        report(CompatibilityRule.HASH_RULE_TIGHTENED, field, ManifestJson.jsonName(was.hash()),
            ManifestJson.jsonName(is.hash()), "values written before may not be digests");
      }
      if (was.protoNumber() != null && is.protoNumber() != null
          && !was.protoNumber().equals(is.protoNumber())) {
        report(CompatibilityRule.PROTO_NUMBER_CHANGED, field,
            String.valueOf(was.protoNumber()), String.valueOf(is.protoNumber()),
            "its field number changed: binary payloads written before read as another field");
      }
    });
    after.forEach((name, is) -> {
      Subject field = Subject.member(key, "field", name);
      if (is.protoNumber() != null) {
        String owner = numbers.get(is.protoNumber());
        if (owner != null && !owner.equals(name) && !after.containsKey(owner)) {
          report(CompatibilityRule.PROTO_NUMBER_CHANGED, field, owner, name,
              "field number " + is.protoNumber() + " belonged to " + owner
                  + ": binary payloads written before read it as " + name);
        }
      }
      if (before.containsKey(name)) {
        return;
      }
      if (is.hashed()) {
        report(CompatibilityRule.HASHED_FIELD_ADDED, field, null, is.type(),
            "added to the hash: every hash of the contract changes");
      } else if (is.required()) {
        report(CompatibilityRule.REQUIRED_FIELD_ADDED, field, null, is.type(),
            "added as a required field: payloads written before lack it");
      }
    });
  }

  private void marker(Subject field, String was, String is, String words) {
    if (!was.equals(is)) {
      report(CompatibilityRule.HASH_MARKER_CHANGED, field, was, is,
          "its " + words + " changed: every hash of the contract changes");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // settings schemas

  private void schema(SchemaEntry old, SchemaEntry now) {
    Map<String, SettingEntry> before = byName(old.settings(), SettingEntry::key);
    Map<String, SettingEntry> after = byName(now.settings(), SettingEntry::key);
    before.forEach((settingKey, was) -> {
      SettingEntry is = after.get(settingKey);
      Subject setting = Subject.member(key, "setting", settingKey);
      if (is == null) {
        report(CompatibilityRule.FIELD_REMOVED, setting, was.type(), null,
            "removed: settings written before carry it, and the hash of every profile that had "
                + "a value for it changes");
        return;
      }
      component(setting, was.component(), is.component());
      String typeBefore = was.typeWithOptionality();
      String typeAfter = is.typeWithOptionality();
      if (!typeBefore.equals(typeAfter)) {
        report(CompatibilityRule.TYPE_CHANGED, setting, typeBefore, typeAfter,
            "its type changed: values written before may not parse");
      } else {
        List<String> removed = removedValues(was, is);
        if (!removed.isEmpty()) {
          report(CompatibilityRule.ENUM_VALUE_REMOVED, setting, String.join("|", removed), null,
              "values it accepted are gone: settings written before may not parse");
        }
      }
      if (!Objects.equals(was.defaultValue(), is.defaultValue())) {
        List<String> profiles = profilesChangedBy(settingKey);
        report(CompatibilityRule.DEFAULT_CHANGED, setting.withAspect("defaultValue"),
            text(was.defaultValue()), text(is.defaultValue()), "its default changed",
            profiles.isEmpty() ? null : "the settings hash of "
                + (profiles.size() == 1 ? "profile " : "profiles ") + String.join(", ", profiles)
                + " changes with it");
      }
      if (was.type().equals(is.type())) {
        // Bounds of two types do not compare; the type change is reported above.
        range(setting, "min", was.min(), is.min(), is.type());
        range(setting, "max", was.max(), is.max(), is.type());
      }
      flag(setting, "planningAffecting", was.planningAffecting(), is.planningAffecting(),
          "the planning-environment hash of every profile changes");
      flag(setting, "featureGate", was.featureGate(), is.featureGate(),
          "the feature-gate parity hash changes");
    });
    after.forEach((settingKey, is) -> {
      if (!before.containsKey(settingKey) && !is.optional()) {
        report(CompatibilityRule.REQUIRED_FIELD_ADDED, Subject.member(key, "setting", settingKey),
            null, String.valueOf(is.defaultValue()),
            "added as a required setting: settings written before lack it, and every profile "
                + "now has a value for it");
      }
    });
  }

  /** The allowed values of {@code was} that {@code is} no longer has. */
  static List<String> removedValues(SettingEntry was, SettingEntry is) {
    List<String> removed = new ArrayList<>(was.allowedValues());
    removed.removeAll(is.allowedValues());
    return removed;
  }

  private void flag(Subject setting, String name, boolean was, boolean is, String effect) {
    if (was != is) {
      report(CompatibilityRule.PLANNING_FLAG_CHANGED, setting.withAspect(name),
          String.valueOf(was), String.valueOf(is), name + " changed: " + effect);
    }
  }

  /** Reports a bound that narrows the accepted values. */
  private void range(Subject setting, String bound, String before, String after, String type) {
    if (narrows(key, bound, before, after, type)) {
      report(CompatibilityRule.RANGE_NARROWED, setting.withAspect(bound), text(before), after,
          "its " + bound + " narrows the values it accepts");
    }
  }

  /**
   * Whether bound {@code after} accepts fewer values than {@code before} did (null: no bound).
   *
   * @param bound {@code min} (raising it narrows) or {@code max} (lowering it narrows)
   */
  static boolean narrows(ItemKey key, String bound, String before, String after, String type) {
    if (after == null || after.equals(before)) {
      return false;
    }
    int direction = "min".equals(bound) ? +1 : -1;
    return before == null
        || Integer.signum(compareBound(key, type, after, before)) == direction;
  }

  /** Compares two bounds in the canonical text of their type. */
  private static int compareBound(ItemKey key, String type, String a, String b) {
    try {
      if (type.equals("duration")) {
        return SettingText.parseDuration(a).compareTo(SettingText.parseDuration(b));
      }
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (RuntimeException e) {
      // The reader refuses bounds that are not canonical; an entry built in code may hold one.
      throw new CompatInputException(key + ": the bounds '" + b + "' and '" + a + "' of a "
          + type + " setting do not compare (" + e.getMessage() + ")", e);
    }
  }

  /** The profiles whose effective value of {@code settingKey} differs from the lock's. */
  private List<String> profilesChangedBy(String settingKey) {
    TreeSet<String> names = new TreeSet<>();
    context.current().items().forEach((item, entry) -> {
      if (!(entry instanceof PolicyEntry policy)) {
        return;
      }
      Map<String, ProfileEntry> before = context.locked().items().get(item)
          instanceof PolicyEntry locked ? byName(locked.profiles(), ProfileEntry::name) : Map.of();
      for (ProfileEntry now : policy.profiles()) {
        ProfileEntry was = before.get(now.name());
        if (was != null && now.effectiveSettings().containsKey(settingKey)
            && !Objects.equals(was.effectiveSettings().get(settingKey),
                now.effectiveSettings().get(settingKey))) {
          names.add(item.name() + "/" + now.name());
        }
      }
    });
    return List.copyOf(names);
  }

  // ---------------------------------------------------------------------------------------------
  // policies

  private void policy(PolicyEntry old, PolicyEntry now) {
    javaType(old, now);
    Map<String, ComponentEntry> before = byName(old.components(), ComponentEntry::name);
    Map<String, ComponentEntry> after = byName(now.components(), ComponentEntry::name);
    before.forEach((name, was) -> {
      if (after.containsKey(name)) {
        return;
      }
      ComponentEntry renamed = after.values().stream()
          .filter(c -> !before.containsKey(c.name()))
          .filter(c -> c.namespace().equals(was.namespace())
              && c.schemaFingerprint().equals(was.schemaFingerprint()))
          .findFirst().orElse(null);
      if (renamed != null) {
        report(CompatibilityRule.ACCESSOR_RENAMED,
            Subject.member(key, "component", renamed.name()), name, renamed.name(),
            "renamed: its accessor and builder method change");
      } else {
        report(CompatibilityRule.FIELD_REMOVED, Subject.member(key, "component", name),
            was.namespace(), null,
            "removed: its builder method is gone and its settings leave every profile");
      }
    });
    Map<String, ProfileEntry> profilesAfter = byName(now.profiles(), ProfileEntry::name);
    for (ProfileEntry was : old.profiles()) {
      ProfileEntry is = profilesAfter.get(was.name());
      Subject profile = Subject.member(key, "profile", was.name());
      if (is == null) {
        report(CompatibilityRule.PROFILE_CHANGED, profile, short12(was.settingsHash()), null,
            "removed: whoever selects it by name fails");
        continue;
      }
      boolean hashes = !was.settingsHash().equals(is.settingsHash())
          || !was.planningEnvironmentHash().equals(is.planningEnvironmentHash())
          || !Objects.equals(was.featureGateParityHash(), is.featureGateParityHash());
      if (hashes) {
        report(CompatibilityRule.PROFILE_CHANGED, profile,
            "settings hash " + short12(was.settingsHash()),
            "settings hash " + short12(is.settingsHash()),
            "its effective settings changed: " + settingsDiff(was.effectiveSettings(),
                is.effectiveSettings()));
      }
    }
  }

  private static String settingsDiff(SortedMap<String, String> before,
      SortedMap<String, String> after) {
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<String> diffs = new ArrayList<>();
    for (String k : keys) {
      String was = before.get(k);
      String is = after.get(k);
      if (!Objects.equals(was, is)) {
        diffs.add(k + " " + (was == null ? "(unset)" : was) + " -> "
            + (is == null ? "(unset)" : is));
      }
    }
    if (diffs.isEmpty()) {
      return "the same values, another encoding";
    }
    String listed = String.join(", ", diffs.subList(0, Math.min(LISTED, diffs.size())));
    return diffs.size() > LISTED ? listed + " and " + (diffs.size() - LISTED) + " more" : listed;
  }

  private static String short12(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  // ---------------------------------------------------------------------------------------------
  // shared

  private void javaType(Entry old, Entry now) {
    if (!old.javaType().equals(now.javaType())) {
      report(CompatibilityRule.TYPE_RENAMED, Subject.of(key), old.javaType(), now.javaType(),
          "its Java type moved: code that uses it and its generated classes no longer compiles");
    }
  }

  private void component(Subject member, String was, String is) {
    if (!was.equals(is)) {
      report(CompatibilityRule.ACCESSOR_RENAMED, member, was, is, "its record component was "
          + "renamed: the accessor and builder method that user code calls change");
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
      Entry was = context.locked().items().get(new ItemKey(Kind.CONTRACT, name));
      Entry is = context.current().items().get(new ItemKey(Kind.CONTRACT, name));
      if (was != null && is != null && was.version() != is.version()
          && before.contains(nested.group(1) + " ")) {
        report(CompatibilityRule.NESTED_CONTRACT_CHANGED, field,
            name + " version " + was.version(), name + " version " + is.version(),
            "the contract it nests changed version: every hash of this contract changes");
      }
    }
    TypeChange change = typeChange(before, after);
    if (change == null) {
      return;
    }
    if (change.rule() == CompatibilityRule.TYPE_CHANGED) {
      report(CompatibilityRule.TYPE_CHANGED, field, change.before(), change.after(),
          "its type changed: values written before may not read");
    } else {
      report(CompatibilityRule.ENUM_VALUE_REMOVED, field, change.before(), null,
          "enum values it accepted are gone: payloads written before may not read");
    }
  }

  /**
   * How a field's type changed, nested contracts compared by name: {@code TYPE_CHANGED} with
   * both types, {@code ENUM_VALUE_REMOVED} with the values that are gone, or null when nothing
   * a reader notices changed.
   */
  record TypeChange(CompatibilityRule rule, String before, String after) {}

  static TypeChange typeChange(String before, String after) {
    String was = NESTED_FINGERPRINT.matcher(before).replaceAll("$1");
    String is = NESTED_FINGERPRINT.matcher(after).replaceAll("$1");
    if (was.equals(is)) {
      return null;
    }
    if (!ENUM.matcher(was).replaceAll("enum").equals(ENUM.matcher(is).replaceAll("enum"))) {
      return new TypeChange(CompatibilityRule.TYPE_CHANGED, was, is);
    }
    List<String> enumsBefore = enums(was);
    List<String> enumsAfter = enums(is);
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < enumsBefore.size(); i++) {
      List<String> now = List.of(enumsAfter.get(i).split("\\|"));
      for (String value : enumsBefore.get(i).split("\\|")) {
        if (!now.contains(value)) {
          removed.add(value);
        }
      }
    }
    return removed.isEmpty() ? null
        : new TypeChange(CompatibilityRule.ENUM_VALUE_REMOVED, String.join("|", removed), null);
  }

  private static List<String> enums(String type) {
    List<String> groups = new ArrayList<>();
    Matcher m = ENUM.matcher(type);
    while (m.find()) {
      groups.add(m.group(1));
    }
    return groups;
  }

  /** Members by name, in declaration order. */
  static <T> Map<String, T> byName(List<T> members, Function<T, String> name) {
    Map<String, T> map = new LinkedHashMap<>();
    members.forEach(m -> map.put(name.apply(m), m));
    return map;
  }

  static String text(String value) {
    return value == null ? "(none)" : value;
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
    changes.add(new Change(rule, subject, oldValue, newValue, what, consequence, advice));
  }
}

package io.codeanatomy.compat;

import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.Entry;
import io.codeanatomy.compat.manifest.FieldEntry;
import io.codeanatomy.compat.manifest.ManifestJson;
import io.codeanatomy.compat.manifest.SchemaEntry;
import io.codeanatomy.compat.manifest.SettingEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The current declaration of an item against the releases before its newest one: a member that
 * comes back must come back as those releases had it. The rules compare each change with the
 * newest release only; a field removed in version 2 (a bump) and declared again in version 3
 * with another type passes each step, yet a reader that accepts version 1 would read version 1's
 * values as the new type. So every field or setting the newest release lacks (and, for a
 * protobuf contract, every field number it does not use) is compared with every earlier release
 * that had it, by the rules about payloads and settings written then:
 * {@code CA103 TYPE_CHANGED}, {@code CA104 PROTO_NUMBER_CHANGED} (by name and by number),
 * {@code CA105 ENUM_VALUE_REMOVED}, {@code CA107 RANGE_NARROWED} and
 * {@code CA108 HASH_RULE_TIGHTENED}. A version bump does not excuse these: the version of an old
 * payload is the old one, whatever the current version is. Members the newest release declares
 * are not compared again: the rules judged them when they changed.
 * ({@code docs/compatibility-rules.md}, "Against every release".)
 */
final class EarlierReleases {

  /** Where the releases a conflict is with go in its texts. */
  private static final Object RELEASES = new Object();

  private final ItemKey key;
  /** Each conflict once, with the releases it conflicts with, in the order found. */
  private final Map<Conflict, List<Integer>> conflicts = new LinkedHashMap<>();

  private EarlierReleases(ItemKey key) {
    this.key = key;
  }

  /** One conflict; its texts are parts, {@link #RELEASES} where the releases go. */
  private record Conflict(CompatibilityRule rule, Subject subject, String oldValue,
      String newValue, List<Object> what, List<Object> advice) {}

  private static List<Object> text(Object... parts) {
    return List.of(parts);
  }

  private static String render(List<Object> parts, String releases) {
    StringBuilder text = new StringBuilder();
    parts.forEach(part -> text.append(part == RELEASES ? releases : part));
    return text.toString();
  }

  /**
   * The changes of {@code now} against {@code earlier}.
   *
   * @param earlier released versions to compare with, oldest first
   * @param newest the release the rules compared {@code now} with: members it declares are not
   *     compared again; null when there is none (a retired item declared again)
   */
  static List<Change> check(ItemKey key, List<Entry> earlier, Entry newest, Entry now) {
    EarlierReleases check = new EarlierReleases(key);
    if (now instanceof ContractEntry contract) {
      check.contract(earlier, (ContractEntry) newest, contract);
    } else if (now instanceof SchemaEntry schema) {
      check.schema(earlier, (SchemaEntry) newest, schema);
    }
    // A policy holds no payload: its components and profiles are the newest release's business.
    return check.changes();
  }

  private void contract(List<Entry> earlier, ContractEntry newest, ContractEntry now) {
    Set<String> newestNames = newest == null ? Set.of()
        : newest.fields().stream().map(FieldEntry::name).collect(Collectors.toSet());
    Set<Integer> newestNumbers = newest == null ? Set.of()
        : newest.fields().stream().map(FieldEntry::protoNumber)
            .filter(n -> n != null).collect(Collectors.toSet());
    for (FieldEntry is : now.fields()) {
      Subject field = Subject.member(key, "field", is.name());
      for (Entry entry : earlier) {
        ContractEntry release = (ContractEntry) entry;
        if (!newestNames.contains(is.name())) {
          release.field(is.name()).ifPresent(was -> field(release, field, was, is));
        }
        if (is.protoNumber() != null && !newestNumbers.contains(is.protoNumber())) {
          release.fields().stream()
              .filter(f -> is.protoNumber().equals(f.protoNumber()))
              .filter(f -> !f.name().equals(is.name()))
              .findFirst()
              .ifPresent(owner -> add(release, new Conflict(
                  CompatibilityRule.PROTO_NUMBER_CHANGED, field, owner.name(), is.name(),
                  text("field number " + is.protoNumber() + " belonged to " + owner.name()
                      + " in ", RELEASES, ": binary payloads of that version read it as "
                      + is.name()),
                  text("use a field number that no released version used"))));
        }
      }
    }
  }

  private void field(ContractEntry release, Subject field, FieldEntry was, FieldEntry is) {
    List<Object> advice = text("declare it as ", RELEASES, " had it, or under a new name");
    Rules.TypeChange type = Rules.typeChange(was.type(), is.type());
    if (type != null && type.rule() == CompatibilityRule.TYPE_CHANGED) {
      add(release, new Conflict(CompatibilityRule.TYPE_CHANGED, field, type.before(),
          type.after(), text("declared again with another type than ", RELEASES, " had: "
              + "payloads of that version may not read, or read as something else"), advice));
    } else if (type != null) {
      add(release, new Conflict(CompatibilityRule.ENUM_VALUE_REMOVED, field, type.before(), null,
          text("declared again without enum values that ", RELEASES, " accepted: payloads of "
              + "that version may not read"), advice));
    }
    if (is.hash().stricterThan(was.hash())) {
      add(release, new Conflict(CompatibilityRule.HASH_RULE_TIGHTENED, field,
          ManifestJson.jsonName(was.hash()), ManifestJson.jsonName(is.hash()),
          text("declared again with a stricter hash rule than ", RELEASES, " had: values of "
              + "that version may not be digests"), advice));
    }
    if (was.protoNumber() != null && is.protoNumber() != null
        && !was.protoNumber().equals(is.protoNumber())) {
      add(release, new Conflict(CompatibilityRule.PROTO_NUMBER_CHANGED, field,
          String.valueOf(was.protoNumber()), String.valueOf(is.protoNumber()),
          text("declared again with another field number than ", RELEASES, " had: binary "
              + "payloads of that version read it as another field"), advice));
    }
  }

  private void schema(List<Entry> earlier, SchemaEntry newest, SchemaEntry now) {
    Set<String> newestKeys = newest == null ? Set.of()
        : newest.settings().stream().map(SettingEntry::key).collect(Collectors.toSet());
    for (SettingEntry is : now.settings()) {
      if (newestKeys.contains(is.key())) {
        continue;
      }
      Subject setting = Subject.member(key, "setting", is.key());
      List<Object> advice = text("declare it as ", RELEASES, " had it, or under a new key");
      for (Entry entry : earlier) {
        SchemaEntry release = (SchemaEntry) entry;
        SettingEntry was = release.setting(is.key()).orElse(null);
        if (was == null) {
          continue;
        }
        if (!was.typeWithOptionality().equals(is.typeWithOptionality())) {
          add(release, new Conflict(CompatibilityRule.TYPE_CHANGED, setting,
              was.typeWithOptionality(), is.typeWithOptionality(),
              text("declared again with another type than ", RELEASES, " had: settings "
                  + "written for that version may not parse"), advice));
        } else if (!Rules.removedValues(was, is).isEmpty()) {
          add(release, new Conflict(CompatibilityRule.ENUM_VALUE_REMOVED, setting,
              String.join("|", Rules.removedValues(was, is)), null,
              text("declared again without values that ", RELEASES, " accepted: settings "
                  + "written for that version may not parse"), advice));
        }
        if (was.type().equals(is.type())) {
          bound(release, setting.withAspect("min"), "min", was.min(), is.min(), is.type(),
              advice);
          bound(release, setting.withAspect("max"), "max", was.max(), is.max(), is.type(),
              advice);
        }
      }
    }
  }

  private void bound(SchemaEntry release, Subject subject, String bound, String was, String is,
      String type, List<Object> advice) {
    if (Rules.narrows(key, bound, was, is, type)) {
      add(release, new Conflict(CompatibilityRule.RANGE_NARROWED, subject, Rules.text(was), is,
          text("declared again with a " + bound + " that narrows the values ", RELEASES,
              " accepted: settings written for that version may be refused"), advice));
    }
  }

  private void add(Entry release, Conflict conflict) {
    conflicts.computeIfAbsent(conflict, c -> new ArrayList<>()).add(release.version());
  }

  private List<Change> changes() {
    List<Change> changes = new ArrayList<>();
    conflicts.forEach((conflict, versions) -> {
      String releases = releases(versions);
      changes.add(new Change(conflict.rule(), conflict.subject(), conflict.oldValue(),
          conflict.newValue(), render(conflict.what(), releases), null,
          "a version bump does not excuse this: " + render(conflict.advice(), releases)));
    });
    return changes;
  }

  /** {@code released version 1}, {@code released versions 1 and 2}, {@code ... 1, 2 and 3}. */
  static String releases(List<Integer> versions) {
    if (versions.size() == 1) {
      return "released version " + versions.get(0);
    }
    List<String> texts = versions.stream().map(String::valueOf).toList();
    return "released versions " + String.join(", ", texts.subList(0, texts.size() - 1))
        + " and " + texts.get(texts.size() - 1);
  }
}

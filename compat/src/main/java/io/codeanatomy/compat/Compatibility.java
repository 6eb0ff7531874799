package io.codeanatomy.compat;

import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.Entry;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.PolicyEntry;
import io.codeanatomy.compat.manifest.ProfileEntry;
import io.codeanatomy.compat.manifest.SchemaEntry;
import io.codeanatomy.compat.manifest.SettingEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a contract set with its lock: each item with the newest version of its history, by the
 * rules of {@link CompatibilityRule}, and with the releases before it ({@link EarlierReleases}). A
 * change that breaks a rule is allowed when the item's version went up (and the rule allows a
 * bump); everything else is reported. Notes say what is declared but not released yet.
 *
 * <p>Pure: it reads its arguments, returns a report, and neither prints nor writes. Stateless and
 * thread-safe.
 */
public final class Compatibility {

  private Compatibility() {}

  /**
   * The result of a comparison. Immutable.
   *
   * @param changes every incompatible change, in a stable order
   * @param notes what is compatible but worth saying: new items, bumped versions not yet
   *     released, compatible changes not yet recorded in the lock
   */
  public record Report(List<Change> changes, List<String> notes) {
    public Report {
      changes = List.copyOf(changes);
      notes = List.copyOf(notes);
    }

    public boolean compatible() {
      return changes.isEmpty();
    }
  }

  /**
   * Checks a manifest against {@code lock}: {@link #check(Lock, Snapshot, boolean)} of its items.
   *
   * @throws CompatInputException when the lock is of another contract set, or the manifest
   *     declares an item twice
   */
  public static Report check(Lock lock, Manifest current, boolean releasing) {
    return check(lock, Snapshot.of(current), releasing);
  }

  /**
   * Checks {@code current} against {@code lock}.
   *
   * @param releasing whether the lock is about to be rewritten ({@code codeanatomy.lock.update}):
   *     then an item that is no longer declared is retired instead of reported
   * @throws CompatInputException when the lock is of another contract set
   */
  public static Report check(Lock lock, Snapshot current, boolean releasing) {
    if (!lock.contractSet().equals(current.contractSet())) {
      throw new CompatInputException("the lock is of contract set '" + lock.contractSet()
          + "', but this is contract set '" + current.contractSet() + "'");
    }
    Context context = new Context(lock.latest(), current);
    List<Change> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    current.items().forEach((key, entry) -> {
      Lock.History history = lock.histories().get(key);
      int now = entry.version();
      if (history == null) {
        notes.add(key + " version " + now + " is new: it enters the lock when released");
      } else if (history.retired() && now <= history.latestVersion()) {
        changes.add(new Change(CompatibilityRule.VERSION_DECREASED, Subject.version(key),
            String.valueOf(history.latestVersion()), String.valueOf(now),
            "it was retired at version " + history.latestVersion() + "; a revival must not "
                + "reuse a released version",
            "use version " + (history.latestVersion() + 1)));
      } else if (history.retired()) {
        // Everything of a revived item comes back: all of it meets every release it had.
        changes.addAll(EarlierReleases.check(key, history.versions(), null, entry));
        notes.add(key + " is revived at version " + now);
      } else {
        compare(key, history, entry, context, changes, notes);
      }
    });
    if (!releasing) {
      lock.histories().forEach((key, history) -> {
        if (!history.retired() && !current.items().containsKey(key)) {
          changes.add(new Change(CompatibilityRule.REMOVED, Subject.of(key),
              "version " + history.latestVersion(), null, "no longer declared",
              "declare it again, or retire it deliberately by rewriting the lock "
                  + "(-Dcodeanatomy.lock.update=true)"));
        }
      });
    }
    return new Report(changes, notes);
  }

  /**
   * Compares two locks, or a lock and a manifest: every version released in {@code old} must be
   * unchanged in {@code next} (history is never rewritten), the newest versions must be
   * compatible as {@link #check} has it, and every version {@code next} released beyond
   * {@code old} must agree with the releases before it ({@link EarlierReleases}).
   */
  public static Report diff(Lock old, Lock next) {
    Set<Change> changes = new LinkedHashSet<>();
    old.histories().forEach((key, history) -> {
      Lock.History later = next.histories().get(key);
      List<Entry> versions = history.versions();
      for (int i = 0; i < versions.size(); i++) {
        Entry released = versions.get(i);
        int version = released.version();
        boolean newest = i == versions.size() - 1;
        Entry now = later == null ? null : later.version(version).orElse(null);
        if (later == null) {
          changes.add(new Change(CompatibilityRule.HISTORY_REWRITTEN, Subject.of(key),
              "version " + version, null, "its history was dropped from the lock",
              "restore it; retire an item instead of deleting it"));
          break;
        } else if (now == null) {
          changes.add(new Change(CompatibilityRule.HISTORY_REWRITTEN, Subject.version(key),
              "version " + version, null, "released version " + version + " was dropped",
              "restore it: released versions stay in the lock"));
        } else if (!newest && !now.equals(released)) {
          changes.add(new Change(CompatibilityRule.HISTORY_REWRITTEN, Subject.version(key),
              null, null, "released version " + version + " was changed",
              "restore it and release the change as a new version"));
        }
      }
    });
    Report latest = check(old, next.latest(), true);
    changes.addAll(latest.changes());
    next.histories().forEach((key, history) -> {
      Lock.History before = old.histories().get(key);
      int known = before == null ? 0 : before.latestVersion();
      List<Entry> versions = history.versions();
      for (int i = 1; i < versions.size(); i++) {
        if (versions.get(i).version() > known) {
          changes.addAll(EarlierReleases.check(key, versions.subList(0, i - 1),
              versions.get(i - 1), versions.get(i)));
        }
      }
      if (history.retired() && (before == null || !before.retired())) {
        changes.add(new Change(CompatibilityRule.REMOVED, Subject.of(key),
            "version " + history.latestVersion(), null, "retired",
            "a retired item breaks its readers: keep it, or accept the break deliberately"));
      }
    });
    return new Report(List.copyOf(changes), latest.notes());
  }

  // ---------------------------------------------------------------------------------------------

  /** The lock's newest versions and the current declarations, for rules that look across items. */
  record Context(Snapshot locked, Snapshot current) {}

  private static void compare(ItemKey key, Lock.History history, Entry entry,
      Context context, List<Change> changes, List<String> notes) {
    int now = entry.version();
    int latest = history.latestVersion();
    if (now < latest) {
      changes.add(new Change(CompatibilityRule.VERSION_DECREASED, Subject.version(key),
          String.valueOf(latest), String.valueOf(now), "the version went down",
          "versions only go up: use " + latest + ", or " + (latest + 1) + " with a change"));
      return;
    }
    Rules rules = new Rules(key, latest, context);
    rules.compare(history.latest(), entry);
    // Conflicts with earlier releases are reported whatever the version: a bump does not excuse
    // them.
    List<Change> lasting = EarlierReleases.check(key, history.earlier(), history.latest(), entry);
    if (now > latest) {
      if (normalized(history.latest()).equals(normalized(entry))) {
        changes.add(new Change(CompatibilityRule.BUMP_WITHOUT_CHANGE, Subject.version(key),
            String.valueOf(latest), String.valueOf(now),
            "the version went up, but nothing that a version covers changed",
            "keep version " + latest));
      } else {
        for (Change change : rules.changes()) {
          if (!change.rule().bumpAllows()) {
            changes.add(change);
          }
        }
        changes.addAll(lasting);
        notes.add(key + " version " + now + " is not released yet (the lock has " + latest
            + "): rewrite the lock with -Dcodeanatomy.lock.update=true when it is");
      }
      return;
    }
    changes.addAll(rules.changes());
    changes.addAll(lasting);
    if (rules.changes().isEmpty() && lasting.isEmpty()
        && !normalized(history.latest()).equals(normalized(entry))) {
      notes.add(key + " has compatible changes that the lock does not record yet");
    }
  }

  /** An entry without what no version covers: the version itself, its fingerprint and docs. */
  static Entry normalized(Entry entry) {
    if (entry instanceof SchemaEntry schema) {
      return new SchemaEntry(schema.kind(), schema.namespace(), 0, schema.javaType(), "",
          schema.settings().stream().map(Compatibility::withoutDoc).toList());
    }
    if (entry instanceof PolicyEntry policy) {
      return new PolicyEntry(policy.kind(), policy.name(), 0, policy.javaType(), "",
          policy.components(), policy.profiles().stream().map(Compatibility::withoutDoc).toList());
    }
    ContractEntry contract = (ContractEntry) entry;
    return new ContractEntry(contract.kind(), contract.name(), 0, contract.javaType(),
        contract.spelling(), contract.layout(), contract.forwardCompatible(), "",
        contract.fields());
  }

  private static SettingEntry withoutDoc(SettingEntry s) {
    return new SettingEntry(s.key(), s.component(), s.type(), s.optional(), s.allowedValues(),
        s.defaultValue(), s.min(), s.max(), s.unit(), s.scope(), s.planningAffecting(),
        s.featureGate(), "");
  }

  private static ProfileEntry withoutDoc(ProfileEntry p) {
    return new ProfileEntry(p.name(), p.parent(), "", p.settingsHash(),
        p.planningEnvironmentHash(), p.featureGateParityHash(), p.effectiveSettings());
  }
}

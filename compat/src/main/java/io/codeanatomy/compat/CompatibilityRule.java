package io.codeanatomy.compat;

import java.util.Locale;

/**
 * Every compatibility rule, with a stable id. Ids never change meaning and are never reused;
 * {@code docs/compatibility-rules.md} explains each one with an example (a test keeps the two in
 * step). A change that breaks no rule needs no version bump.
 */
public enum CompatibilityRule {
  REMOVED(101, RuleClass.WIRE, false,
      "a contract, settings schema or policy of the lock is no longer declared"),
  FIELD_REMOVED(102, RuleClass.WIRE, true,
      "a contract field or a setting was removed"),
  TYPE_CHANGED(103, RuleClass.WIRE, true,
      "a field's or setting's type changed (optional or not included)"),
  PROTO_NUMBER_CHANGED(104, RuleClass.WIRE, true,
      "a protobuf field's number changed, or a number now belongs to another field"),
  ENUM_VALUE_REMOVED(105, RuleClass.WIRE, true,
      "an enum value that a field or setting accepted is gone"),
  REQUIRED_FIELD_ADDED(106, RuleClass.WIRE, true,
      "a field or setting was added that payloads and settings written before lack"),
  RANGE_NARROWED(107, RuleClass.WIRE, true,
      "a setting's min was raised or its max lowered: values valid before may be refused"),
  HASH_RULE_TIGHTENED(108, RuleClass.WIRE, true,
      "a field became a hash, or stopped allowing the empty string"),
  DEFAULT_CHANGED(201, RuleClass.HASH, true,
      "a setting's default changed"),
  HASHED_FIELD_ADDED(202, RuleClass.HASH, true,
      "a field that enters the hash was added to a contract"),
  LAYOUT_CHANGED(203, RuleClass.HASH, true,
      "a contract's hash layout changed"),
  HASH_MARKER_CHANGED(204, RuleClass.HASH, true,
      "a field's provenance, bag, bag key or absent-as changed"),
  PLANNING_FLAG_CHANGED(205, RuleClass.HASH, true,
      "a setting's planning-affecting or feature-gate flag changed"),
  PROFILE_CHANGED(206, RuleClass.HASH, true,
      "a profile's effective settings (and so its hashes) changed, or a profile was removed"),
  NESTED_CONTRACT_CHANGED(207, RuleClass.HASH, true,
      "a contract that a field nests went to a new version: the nesting contract's hashes change"),
  ACCESSOR_RENAMED(301, RuleClass.SOURCE, true,
      "a record component was renamed: its accessor and builder method change"),
  TYPE_RENAMED(302, RuleClass.SOURCE, true,
      "the Java type of a contract or policy was renamed or moved: its generated classes move"),
  VERSION_DECREASED(401, RuleClass.VERSION, false,
      "the version is lower than the lock's newest"),
  BUMP_WITHOUT_CHANGE(402, RuleClass.VERSION, false,
      "the version was bumped but nothing changed"),
  HISTORY_REWRITTEN(403, RuleClass.VERSION, false,
      "a released version in the lock was changed or dropped");

  private final int number;
  private final RuleClass ruleClass;
  private final boolean bumpAllows;
  private final String summary;

  CompatibilityRule(int number, RuleClass ruleClass, boolean bumpAllows, String summary) {
    this.number = number;
    this.ruleClass = ruleClass;
    this.bumpAllows = bumpAllows;
    this.summary = summary;
  }

  /** The stable id: {@code CA201}. */
  public String id() {
    return String.format(Locale.ROOT, "CA%03d", number);
  }

  /** The message prefix, {@code [CA201 DEFAULT_CHANGED]}. */
  public String tag() {
    return "[" + id() + " " + name() + "]";
  }

  public RuleClass ruleClass() {
    return ruleClass;
  }

  /** Whether a version bump of the item makes the change compatible. */
  public boolean bumpAllows() {
    return bumpAllows;
  }

  /** What the rule catches, in one line. */
  public String summary() {
    return summary;
  }
}

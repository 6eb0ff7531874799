package io.codeanatomy.processor.diagnostics;

/**
 * Every problem the processor reports, with a stable id. Ids never change meaning and are never
 * reused; {@code docs/diagnostics.md} explains each one with an example (a test keeps the two in
 * step). {@code CA0xx}: declarations; {@code CA9xx}: the processor itself. The compatibility
 * rules ({@code CA1xx} to {@code CA4xx}) are {@code io.codeanatomy.compat.CompatibilityRule}.
 */
public enum DiagnosticCode {
  NOT_A_RECORD(1, "a contract annotation is on something other than a record"),
  MISSING_VERSION(2, "the version attribute is not given"),
  NON_POSITIVE_VERSION(3, "the version is zero or negative"),
  INVALID_NAMESPACE(4, "a settings namespace is not dot-separated lower-case segments"),
  INVALID_NAME(5, "a policy or contract name is not lower-case snake case"),
  CONFLICTING_ANNOTATIONS(6, "a record carries more than one of @SettingsSchema, @PlanningPolicy, @Contract"),
  INACCESSIBLE_TYPE(7, "a contract record or a type it uses is private, so generated code cannot see it"),
  INVALID_KEY(9, "a setting key is not dot-separated lower-case segments"),
  DUPLICATE_KEY(10, "two settings share a full key"),
  NON_ASCII_KEY(11, "a setting key contains non-ASCII characters"),
  UNSUPPORTED_TYPE(12, "a component's Java type cannot carry a setting or contract value"),
  UNPARSABLE_DEFAULT(13, "a default does not parse as the setting's type"),
  DEFAULT_OUT_OF_RANGE(14, "a default lies outside min/max"),
  SETTING_OUTSIDE_SCHEMA(15, "@Setting on a component of a record that is not a @SettingsSchema"),
  MISSING_DEFAULT(16, "a non-optional setting has no default"),
  INVALID_BOUND(17, "min/max does not parse, is on an unordered type, or min > max"),
  MISSING_SETTING_ANNOTATION(18, "a component of a settings schema has no @Setting"),
  FEATURE_GATE_NOT_BOOLEAN(19, "featureGate = true on a setting that is not a boolean"),
  NOT_A_SETTINGS_SCHEMA(20, "a component of a policy is not a @SettingsSchema record"),
  UNIT_MISMATCH(21, "unit = BYTES on a setting that is not a long"),
  GENERATED_NAME_CLASH(22, "two declarations would generate the same Java or Rust name, or a "
      + "generated name would clash with a declared one"),
  UNKNOWN_PROFILE_KEY(30, "a profile sets or unsets a key the policy does not declare"),
  UNPARSABLE_PROFILE_VALUE(31, "a profile value does not parse as the setting's type"),
  PROFILE_VALUE_OUT_OF_RANGE(32, "a profile value lies outside min/max"),
  UNKNOWN_PARENT_PROFILE(33, "extendsProfile names a profile the policy does not declare"),
  PROFILE_CYCLE(34, "profiles extend each other in a cycle"),
  DUPLICATE_PROFILE(35, "two profiles of a policy share a name"),
  MALFORMED_OVERRIDE(36, "a profile override is not key=value"),
  DUPLICATE_OVERRIDE(37, "a profile sets or unsets the same key twice"),
  PROFILE_OUTSIDE_POLICY(38, "@Profile on a type that is not a @PlanningPolicy"),
  INVALID_PROFILE_NAME(39, "a profile name is not lower-case letters, digits, '_' and '-'"),
  UNSET_REQUIRED_SETTING(40, "a profile unsets a setting that is not optional"),
  CONFLICTING_MARKERS(41, "@Provenance combined with @Bag or @AbsentAs on one field"),
  BAG_NOT_A_LIST(42, "@Bag on a field that is not a List"),
  ABSENT_AS_NOT_OPTIONAL(43, "@AbsentAs on a field that is not optional"),
  RECURSIVE_CONTRACT(44, "a contract contains itself, directly or through other contracts"),
  DUPLICATE_FIELD(45, "two components of a contract have the same field name"),
  MARKER_OUTSIDE_CONTRACT(46, "@Provenance, @Bag or @AbsentAs on a component of a record that is not a @Contract"),
  BAG_KEY_INVALID(47, "@Bag(key) names no string field of the bag's element contract"),
  HASH_NOT_TEXT(48, "@Hash on a field that does not hold strings"),
  MISSING_ATTRIBUTE(49, "an enum constant lacks an @Attribute that another constant gives"),
  DUPLICATE_CONTRACT(50, "two contracts (or two policies) of one compilation share a name"),
  INVALID_OPTION(901, "a processor option (-A) has an invalid value"),
  UNREADABLE_DESCRIPTOR_SET(902, "a descriptor set named by -Acodeanatomy.descriptorSets cannot be read"),
  UNREADABLE_LOCK(903, "the lock named by -Acodeanatomy.lock cannot be read or written"),
  UNKNOWN_OPTION(904, "a -Acodeanatomy.* option the processor does not know (a warning)"),
  INTERNAL_ERROR(999, "the processor failed; this is a bug in the processor");

  private final int number;
  private final String summary;

  DiagnosticCode(int number, String summary) {
    this.number = number;
    this.summary = summary;
  }

  /** The stable id: {@code CA010}. */
  public String id() {
    return String.format(java.util.Locale.ROOT, "CA%03d", number);
  }

  /** What the code means, in one line. */
  public String summary() {
    return summary;
  }

  /** The message prefix, {@code [CA010 DUPLICATE_KEY]}. */
  public String tag() {
    return "[" + id() + " " + name() + "]";
  }
}

package io.codeanatomy.processor.read;

import java.util.Set;

/**
 * The contract language's annotations by name: the processor never links against the contracts
 * jar (which it compiles), as Dagger and AutoValue do.
 */
public final class AnnotationNames {

  public static final String PACKAGE = "io.codeanatomy.contracts.annotations";
  public static final String SETTINGS_SCHEMA = PACKAGE + ".SettingsSchema";
  public static final String SETTING = PACKAGE + ".Setting";
  public static final String PLANNING_POLICY = PACKAGE + ".PlanningPolicy";
  public static final String PROFILE = PACKAGE + ".Profile";
  public static final String PROFILES = PACKAGE + ".Profiles";
  public static final String CONTRACT = PACKAGE + ".Contract";
  public static final String PROVENANCE = PACKAGE + ".Provenance";
  public static final String BAG = PACKAGE + ".Bag";
  public static final String ABSENT_AS = PACKAGE + ".AbsentAs";
  public static final String HASH = PACKAGE + ".Hash";
  public static final String ATTRIBUTE = PACKAGE + ".Attribute";
  public static final String ATTRIBUTES = PACKAGE + ".Attributes";

  /** Every annotation the processor handles. */
  public static final Set<String> ALL = Set.of(SETTINGS_SCHEMA, SETTING, PLANNING_POLICY, PROFILE,
      PROFILES, CONTRACT, PROVENANCE, BAG, ABSENT_AS, HASH, ATTRIBUTE, ATTRIBUTES);

  private AnnotationNames() {}
}

package io.codeanatomy.processor.emit.java;

import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.resolve.ResolvedPolicy;
import io.codeanatomy.processor.resolve.ResolvedProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits {@code <Policy>Contract} for a planning policy: the policy's table (its components'
 * tables), the settings snapshots and hashes, one constant per profile (built from its parent
 * with the settings the profile assigns, as canonical text), the profile catalog with the
 * settings hash the processor computed for each, the builder, and the mixin when the record asks
 * for it. One file per policy, written with {@link JavaWriter} like the schema's.
 */
final class PolicyEmitter {

  private static final String SUPPORT = JavaNames.SUPPORT;

  private PolicyEmitter() {}

  static JavaSource emit(ResolvedPolicy policy) {
    return JavaSource.of(policy.type().generated("Contract"), () -> render(policy));
  }

  static String render(ResolvedPolicy policy) {
    String companion = Members.companionName(policy.type());
    JavaWriter w = Members.companionWriter(policy.type(), policy.mixin());
    String record = w.name(policy.type());
    for (ResolvedPolicy.Component component : policy.components()) {
      // the contract's own types take their simple names first, library types give way
      w.name(component.schema().type());
      companionOf(w, component);
    }
    String string = w.name("java.lang", "String");
    String stringSet = w.name("java.util", "Set") + "<" + string + ">";
    String stringList = w.name("java.util", "List") + "<" + string + ">";
    boolean gates = policy.hasFeatureGates();

    w.javadoc("Planning policy {@code " + policy.name() + "} (version " + policy.version()
        + "), declared by {@link " + record + "}: its named\n"
        + "profiles, the key registry of every component, the settings snapshots and their\n"
        + "hashes (as {@code docs/canonical-encoding.md} specifies them), and the builder.\n");
    w.add("public final class " + companion + " {\n").indent();
    Members members = new Members(w);
    members.constant(string, "POLICY_NAME", JavaSyntax.literal(policy.name()), "The policy name.");
    members.constant("int", "POLICY_VERSION", Integer.toString(policy.version()),
        "The declared policy version.");
    members.constant(string, "SCHEMA_FINGERPRINT", JavaSyntax.literal(policy.fingerprint()),
        "SHA-256 of the policy's canonical description, as in the manifest.");
    table(w, members, policy, record, companion);
    members.constant(w.name("java.util", "List") + "<" + w.name(SUPPORT, "SettingDescriptor")
        + ">", "DESCRIPTORS", "TABLE.descriptors()",
        "Every setting of every component, in component order.");
    members.constant(stringList, "KEYS", "TABLE.keys()",
        "Every key of every component, in component order.");
    members.constant(stringSet, "PLANNING_AFFECTING_KEYS", "TABLE.planningAffectingKeys()",
        "The keys that enter the planning-environment snapshot and hash.");
    if (gates) {
      members.constant(stringSet, "FEATURE_GATE_KEYS", "TABLE.featureGateKeys()",
          "The keys of the feature gates.");
    }
    for (ResolvedProfile profile : policy.parentsFirst()) {
      profile(w, members, record, profile);
    }
    catalog(w, members, policy, record);
    members.constant(stringList, "PROFILE_NAMES", "PROFILES.names()",
        "The profile names, in declaration order.");

    members.privateConstructor(companion);
    members.method("public static ", stringList, "profileNames", null, null,
        "return PROFILE_NAMES;", "The profile names, in declaration order.");
    members.delegate("profile", record, string, "name", "PROFILES.profile(name)",
        "The profile named {@code name}.\n\n@throws UnknownProfileException naming the profiles "
            + "that exist");
    members.delegate("expectedSettingsHash", string, string, "name",
        "PROFILES.expectedSettingsHash(name)",
        "The settings hash the processor computed for profile {@code name} at compile time, as\n"
            + "the manifest records it; the policy's {@code settingsHash} must equal it.\n\n"
            + "@throws UnknownProfileException naming the profiles that exist");
    members.method("public static ", "Builder", "builder", null, null, "return TABLE.builder();",
        "A builder with every declared default filled in.");
    members.delegate("from", "Builder", record, "policy", "TABLE.builder(policy)",
        "A builder holding the values of {@code policy}.");
    members.method("public static ", record, "defaults", null, null, "return TABLE.defaults();",
        "The declared defaults of every component.");
    members.delegate("descriptor", w.name("java.util", "Optional") + "<"
            + w.name(SUPPORT, "SettingDescriptor") + ">", string, "key", "TABLE.descriptor(key)",
        "The registry row of {@code key}, if any component declares it.");
    for (Snapshot snapshot : snapshots(gates)) {
      members.delegate(snapshot.name(), snapshot.returns(w), record, "policy",
          "TABLE." + snapshot.name() + "(policy)", snapshot.doc());
    }
    members.delegate("fromSettings", record, Members.textMap(w), "settings",
        "TABLE.fromSettings(settings)",
        "Parses a complete settings map, such as {@link #effectiveSettings} returns.\n\n"
            + "@throws ContractViolationException with every problem, each naming its key and the\n"
            + "    expected type");
    members.delegate("validate", w.name("java.util", "List") + "<" + w.name(SUPPORT, "Violation")
            + ">", record, "policy", "TABLE.validate(policy)",
        "Every declared constraint of every component that {@code policy} violates.");
    components(w, members, policy, record);
    builderType(w, members, policy, record);
    if (policy.mixin()) {
      mixin(w, members, record, companion, gates);
    }
    w.unindent().add("}\n");
    return w.finish("Generated by codeanatomy-processor from " + policy.type().qualifiedName()
        + ". Do not edit.");
  }

  /** The table: the tables of the policy's components. */
  private static void table(JavaWriter w, Members members, ResolvedPolicy policy, String record,
      String companion) {
    members.tableStart("The policy's table: the tables of its components, in component order.",
        w.name(SUPPORT, "PolicyTable"), record, "POLICY_NAME", companion, "components",
        w.name(SUPPORT, "SettingsTable") + "<?, ?>");
    for (int i = 0; i < policy.components().size(); i++) {
      if (i > 0) {
        w.add(",").wrap();
      }
      w.add(companionOf(w, policy.components().get(i)) + ".TABLE");
    }
    w.add("});\n");
  }

  private static String companionOf(JavaWriter w, ResolvedPolicy.Component component) {
    return w.name(component.schema().type().generated("Contract"));
  }

  /** One settings snapshot or hash of a policy, as a static method and a mixin method. */
  private record Snapshot(String name, boolean text, String doc) {
    String returns(JavaWriter w) {
      return text ? Members.sortedTextMap(w) : w.name("java.lang", "String");
    }
  }

  private static List<Snapshot> snapshots(boolean gates) {
    List<Snapshot> snapshots = new ArrayList<>(List.of(
        new Snapshot("effectiveSettings", true,
            "Every setting of {@code policy} that has a value, as setting text, sorted by key:\n"
                + "defaults materialized, unset optional settings left out."),
        new Snapshot("planningEnvironmentSettings", true,
            "The planning-affecting settings of {@code policy}: what enters the\n"
                + "planning-environment hash and every plan fingerprint."),
        new Snapshot("settingsHash", false,
            "The settings hash of {@code policy}: SHA-256 of the canonical array of\n"
                + "{@code [key, value]} pairs of its effective settings, sorted by key."),
        new Snapshot("planningEnvironmentHash", false,
            "The settings hash of the planning-affecting settings of {@code policy}.")));
    if (gates) {
      snapshots.add(new Snapshot("featureGates", true,
          "The feature gates of {@code policy}, as text."));
      snapshots.add(new Snapshot("featureGateParityHash", false,
          "The feature-gate parity hash: SHA-256 of {@code key=value} for every gate, sorted by\n"
              + "key and joined with {@code |}."));
    }
    return snapshots;
  }

  /**
   * A profile constant: its parent (or the defaults) with the settings it assigns, as the
   * canonical text the processor checked. Constants are declared parents first, so each parent
   * is initialized before its children.
   */
  private static void profile(JavaWriter w, Members members, String record,
      ResolvedProfile profile) {
    members.next();
    String doc = profile.doc().isEmpty() ? "" : " " + JavaSyntax.javadoc(profile.doc());
    w.javadoc("Profile {@code " + profile.name() + "}"
        + profile.parent().map(p -> " (extends {@code " + p + "})").orElse("") + "." + doc
        + "\n");
    w.add("public static final " + record + " " + Names.profileConstant(profile.name()) + " = "
        + profile.parent().map(p -> "from(" + Names.profileConstant(p) + ")").orElse("builder()"));
    w.indent().indent();
    for (ResolvedProfile.Assignment assignment : profile.assignments()) {
      if (assignment.value().isPresent()) {
        w.add("\n.set(" + JavaSyntax.literal(assignment.setting().key()) + ", "
            + JavaSyntax.literal(assignment.value().get()) + ")");
      } else {
        w.add("\n.unset(" + JavaSyntax.literal(assignment.setting().key()) + ")");
      }
    }
    w.add("\n.build()").unindent().unindent().add(";\n");
  }

  /** The profile catalog, with the settings hash the processor computed for each profile. */
  private static void catalog(JavaWriter w, Members members, ResolvedPolicy policy,
      String record) {
    members.next();
    String profiles = w.name(SUPPORT, "PolicyProfiles");
    w.add("private static final " + profiles + "<" + record + "> PROFILES = " + profiles + ".<"
        + record + ">builder(POLICY_NAME)").indent().indent();
    for (ResolvedProfile profile : policy.profiles()) {
      w.add("\n.add(" + JavaSyntax.literal(profile.name()) + ", "
          + Names.profileConstant(profile.name()) + ", "
          + JavaSyntax.literal(profile.settingsHash()) + ")");
    }
    w.add("\n.build()").unindent().unindent().add(";\n");
  }

  /** The policy's components in order, and the policy from them. */
  private static void components(JavaWriter w, Members members, ResolvedPolicy policy,
      String record) {
    List<String> reads = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    for (ResolvedPolicy.Component component : policy.components()) {
      reads.add("policy." + component.name() + "()");
      arguments.add("(" + w.name(component.schema().type()) + ") components["
          + component.position() + "]");
    }
    members.components("components", record, "policy", reads, "components", arguments, false);
  }

  private static void builderType(JavaWriter w, Members outer, ResolvedPolicy policy,
      String record) {
    outer.next();
    w.javadoc("Builds {@link " + record + "}: every setting starts at its declared default; a "
        + "component\nis replaced or edited in place, any key of any component set by text; and\n"
        + "{@code build()} reports every violated constraint of every component at once.\n");
    w.add("public static final class Builder extends " + w.name(SUPPORT, "PolicyBuilder") + "<"
        + record + ", Builder> {\n").indent();
    Members members = new Members(w);
    members.constructor("private ", "Builder", "super(TABLE);");
    for (ResolvedPolicy.Component component : policy.components()) {
      String name = component.name();
      String componentBuilder = companionOf(w, component) + ".Builder";
      members.method("public ", "Builder", name, w.name(component.schema().type()), name,
          "return replace(" + component.position() + ", " + name + ");",
          "Replaces every setting of component {@code " + name + "}.");
      members.next();
      w.javadoc("Edits component {@code " + name + "} in place: {@code ." + name
          + "(c -> c.someSetting(value))}.\n");
      members.header("public ", "Builder", name,
          w.name("java.util.function", "Consumer") + "<" + componentBuilder + ">", "edit");
      w.add("edit.accept((" + componentBuilder + ") component(" + component.position() + "));\n");
      w.add("return this;\n");
      members.end();
    }
    w.unindent().add("}\n");
  }

  private static void mixin(JavaWriter w, Members outer, String record, String companion,
      boolean gates) {
    outer.next();
    Members members = Members.mixin(w, record, companion);
    members.method("default ", "Builder", "toBuilder", null, null,
        "return " + companion + ".from((" + record + ") this);",
        "A builder holding this policy's values.");
    for (Snapshot snapshot : snapshots(gates)) {
      if (snapshot.name().equals("featureGates")) {
        continue; // a policy's component is often called that: the mixin leaves it out
      }
      members.method("default ", snapshot.returns(w), snapshot.name(), null, null,
          "return " + companion + "." + snapshot.name() + "((" + record + ") this);",
          snapshot.doc().lines().findFirst().orElse("") + " ({@link " + companion + "#"
              + snapshot.name() + "}).");
    }
    w.unindent().add("}\n");
  }
}

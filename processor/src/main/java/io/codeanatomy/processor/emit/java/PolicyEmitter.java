package io.codeanatomy.processor.emit.java;

import static javax.lang.model.element.Modifier.DEFAULT;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
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
 * for it. One file per policy.
 */
final class PolicyEmitter {

  private PolicyEmitter() {}

  static JavaFile emit(ResolvedPolicy policy) {
    ClassName record = JavaNames.of(policy.type());
    ClassName companion = JavaNames.companion(policy.type());
    ClassName builder = companion.nestedClass("Builder");
    boolean gates = policy.hasFeatureGates();
    TypeSpec.Builder type = TypeSpec.classBuilder(companion)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("Planning policy {@code $L} (version $L), declared by {@link $T}: its named\n"
                + "profiles, the key registry of every component, the settings snapshots and their\n"
                + "hashes (as {@code docs/canonical-encoding.md} specifies them), and the builder.\n",
            policy.name(), policy.version(), record);
    type.addField(JavaNames.constant(JavaNames.STRING, "POLICY_NAME",
        CodeBlock.of("$S", policy.name()), "The policy name."));
    type.addField(JavaNames.constant(TypeName.INT, "POLICY_VERSION",
        CodeBlock.of("$L", policy.version()), "The declared policy version."));
    type.addField(JavaNames.constant(JavaNames.STRING, "SCHEMA_FINGERPRINT",
        CodeBlock.of("$S", policy.fingerprint()),
        "SHA-256 of the policy's canonical description, as in the manifest."));

    // Explicit type arguments and an array: see SchemaEmitter's table.
    CodeBlock.Builder table = CodeBlock.builder()
        .add("new $T<$T, $T>(POLICY_NAME,$W$T::components,$W$T::construct,$W$T::new,$Wnew $T[] {",
            JavaNames.POLICY_TABLE, record, builder, companion, companion, builder,
            ParameterizedTypeName.get(JavaNames.SETTINGS_TABLE,
                com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class),
                com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class)));
    for (int i = 0; i < policy.components().size(); i++) {
      table.add(i == 0 ? "$T.TABLE" : ",$W$T.TABLE",
          JavaNames.companion(policy.components().get(i).schema().type()));
    }
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(JavaNames.POLICY_TABLE, record,
            builder), "TABLE", PUBLIC, STATIC, FINAL)
        .addJavadoc("The policy's table: the tables of its components, in component order.\n")
        .initializer(table.add("})").build())
        .build());
    type.addField(FieldSpec.builder(JavaNames.DESCRIPTOR_LIST, "DESCRIPTORS", PUBLIC, STATIC,
            FINAL)
        .addJavadoc("Every setting of every component, in component order.\n")
        .initializer("TABLE.descriptors()")
        .build());
    type.addField(FieldSpec.builder(JavaNames.STRING_LIST, "KEYS", PUBLIC, STATIC, FINAL)
        .addJavadoc("Every key of every component, in component order.\n")
        .initializer("TABLE.keys()")
        .build());
    type.addField(FieldSpec.builder(JavaNames.STRING_SET, "PLANNING_AFFECTING_KEYS", PUBLIC,
            STATIC, FINAL)
        .addJavadoc("The keys that enter the planning-environment snapshot and hash.\n")
        .initializer("TABLE.planningAffectingKeys()")
        .build());
    if (gates) {
      type.addField(FieldSpec.builder(JavaNames.STRING_SET, "FEATURE_GATE_KEYS", PUBLIC, STATIC,
              FINAL)
          .addJavadoc("The keys of the feature gates.\n")
          .initializer("TABLE.featureGateKeys()")
          .build());
    }
    for (ResolvedProfile profile : policy.parentsFirst()) {
      type.addField(profile(record, profile));
    }
    CodeBlock.Builder catalog = CodeBlock.builder()
        .add("$T.<$T>builder(POLICY_NAME)", JavaNames.POLICY_PROFILES, record)
        .indent().indent();
    for (ResolvedProfile profile : policy.profiles()) {
      catalog.add("\n.add($S, $N, $S)", profile.name(), Names.profileConstant(profile.name()),
          profile.settingsHash());
    }
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(JavaNames.POLICY_PROFILES, record),
            "PROFILES", PRIVATE, STATIC, FINAL)
        .initializer(catalog.add("\n.build()").unindent().unindent().build())
        .build());
    type.addField(FieldSpec.builder(JavaNames.STRING_LIST, "PROFILE_NAMES", PUBLIC, STATIC, FINAL)
        .addJavadoc("The profile names, in declaration order.\n")
        .initializer("PROFILES.names()")
        .build());

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    type.addMethod(MethodSpec.methodBuilder("profileNames")
        .addJavadoc("The profile names, in declaration order.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.STRING_LIST)
        .addStatement("return PROFILE_NAMES")
        .build());
    type.addMethod(JavaNames.delegate("profile", record, JavaNames.STRING, "name",
        "PROFILES.profile(name)",
        "The profile named {@code name}.\n\n@throws UnknownProfileException naming the profiles "
            + "that exist"));
    type.addMethod(JavaNames.delegate("expectedSettingsHash", JavaNames.STRING, JavaNames.STRING,
        "name", "PROFILES.expectedSettingsHash(name)",
        "The settings hash the processor computed for profile {@code name} at compile time, as\n"
            + "the manifest records it; the policy's {@code settingsHash} must equal it.\n\n"
            + "@throws UnknownProfileException naming the profiles that exist"));
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addJavadoc("A builder with every declared default filled in.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(builder)
        .addStatement("return TABLE.builder()")
        .build());
    type.addMethod(JavaNames.delegate("from", builder, record, "policy", "TABLE.builder(policy)",
        "A builder holding the values of {@code policy}."));
    type.addMethod(MethodSpec.methodBuilder("defaults")
        .addJavadoc("The declared defaults of every component.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(record)
        .addStatement("return TABLE.defaults()")
        .build());
    type.addMethod(JavaNames.delegate("descriptor",
        ParameterizedTypeName.get(JavaNames.OPTIONAL, JavaNames.SETTING_DESCRIPTOR),
        JavaNames.STRING, "key", "TABLE.descriptor(key)",
        "The registry row of {@code key}, if any component declares it."));
    for (Snapshot snapshot : snapshots(gates)) {
      type.addMethod(JavaNames.delegate(snapshot.name(), snapshot.returns(), record, "policy",
          "TABLE." + snapshot.name() + "(policy)", snapshot.doc()));
    }
    type.addMethod(JavaNames.delegate("fromSettings", record, JavaNames.TEXT_MAP, "settings",
        "TABLE.fromSettings(settings)",
        "Parses a complete settings map, such as {@link #effectiveSettings} returns.\n\n"
            + "@throws ContractViolationException with every problem, each naming its key and the\n"
            + "    expected type"));
    type.addMethod(JavaNames.delegate("validate", JavaNames.VIOLATION_LIST, record, "policy",
        "TABLE.validate(policy)",
        "Every declared constraint of every component that {@code policy} violates."));
    type.addMethod(components(policy, record));
    type.addMethod(construct(policy, record));
    type.addType(builderType(policy, record, builder));
    if (policy.mixin()) {
      TypeSpec.Builder mixin = JavaNames.mixin(record, companion)
          .addMethod(MethodSpec.methodBuilder("toBuilder")
              .addJavadoc("A builder holding this policy's values.\n")
              .addModifiers(PUBLIC, DEFAULT)
              .returns(builder)
              .addStatement("return $T.from(($T) this)", companion, record)
              .build());
      for (Snapshot snapshot : snapshots(gates)) {
        if (snapshot.name().equals("featureGates")) {
          continue; // a policy's component is often called that: the mixin leaves it out
        }
        mixin.addMethod(MethodSpec.methodBuilder(snapshot.name())
            .addJavadoc("$L ({@link $T#$N}).\n", snapshot.doc().lines().findFirst().orElse(""),
                companion, snapshot.name())
            .addModifiers(PUBLIC, DEFAULT)
            .returns(snapshot.returns())
            .addStatement("return $T.$N(($T) this)", companion, snapshot.name(), record)
            .build());
      }
      type.addType(mixin.build());
    }
    return JavaNames.file(companion, type, policy.type().qualifiedName());
  }

  /** One settings snapshot or hash of a policy, as a static method and a mixin method. */
  private record Snapshot(String name, TypeName returns, String doc) {}

  private static List<Snapshot> snapshots(boolean gates) {
    List<Snapshot> snapshots = new ArrayList<>(List.of(
        new Snapshot("effectiveSettings", JavaNames.SORTED_TEXT_MAP,
            "Every setting of {@code policy} that has a value, as setting text, sorted by key:\n"
                + "defaults materialized, unset optional settings left out."),
        new Snapshot("planningEnvironmentSettings", JavaNames.SORTED_TEXT_MAP,
            "The planning-affecting settings of {@code policy}: what enters the\n"
                + "planning-environment hash and every plan fingerprint."),
        new Snapshot("settingsHash", JavaNames.STRING,
            "The settings hash of {@code policy}: SHA-256 of the canonical array of\n"
                + "{@code [key, value]} pairs of its effective settings, sorted by key."),
        new Snapshot("planningEnvironmentHash", JavaNames.STRING,
            "The settings hash of the planning-affecting settings of {@code policy}.")));
    if (gates) {
      snapshots.add(new Snapshot("featureGates", JavaNames.SORTED_TEXT_MAP,
          "The feature gates of {@code policy}, as text."));
      snapshots.add(new Snapshot("featureGateParityHash", JavaNames.STRING,
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
  private static FieldSpec profile(ClassName record, ResolvedProfile profile) {
    CodeBlock.Builder init = CodeBlock.builder()
        .add(profile.parent().map(p -> CodeBlock.of("from($N)", Names.profileConstant(p)))
            .orElseGet(() -> CodeBlock.of("builder()")))
        .indent().indent();
    for (ResolvedProfile.Assignment assignment : profile.assignments()) {
      if (assignment.value().isPresent()) {
        init.add("\n.set($S, $L)", assignment.setting().key(),
            JavaSyntax.string(assignment.value().get()));
      } else {
        init.add("\n.unset($S)", assignment.setting().key());
      }
    }
    init.add("\n.build()").unindent().unindent();
    String doc = profile.doc().isEmpty() ? "" : " " + JavaSyntax.javadoc(profile.doc());
    return FieldSpec.builder(record, Names.profileConstant(profile.name()), PUBLIC, STATIC, FINAL)
        .addJavadoc("Profile {@code $L}$L.$L\n", profile.name(),
            profile.parent().map(p -> " (extends {@code " + p + "})").orElse(""), doc)
        .initializer(init.build())
        .build();
  }

  private static MethodSpec components(ResolvedPolicy policy, ClassName record) {
    List<CodeBlock> reads = new ArrayList<>();
    for (ResolvedPolicy.Component component : policy.components()) {
      reads.add(CodeBlock.of("policy.$N()", component.name()));
    }
    return MethodSpec.methodBuilder("components")
        .addModifiers(PRIVATE, STATIC)
        .returns(JavaNames.OBJECT_ARRAY)
        .addParameter(record, "policy")
        .addStatement("return new Object[] {$L}", JavaNames.wrapped(reads))
        .build();
  }

  private static MethodSpec construct(ResolvedPolicy policy, ClassName record) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (ResolvedPolicy.Component component : policy.components()) {
      arguments.add(CodeBlock.of("($T) components[$L]", JavaNames.of(component.schema().type()),
          component.position()));
    }
    return MethodSpec.methodBuilder("construct")
        .addModifiers(PRIVATE, STATIC)
        .returns(record)
        .addParameter(JavaNames.OBJECT_ARRAY, "components")
        .addStatement("return new $T($L)", record, JavaNames.wrapped(arguments))
        .build();
  }

  private static TypeSpec builderType(ResolvedPolicy policy, ClassName record,
      ClassName builder) {
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addModifiers(PUBLIC, STATIC, FINAL)
        .superclass(ParameterizedTypeName.get(JavaNames.POLICY_BUILDER, record, builder))
        .addJavadoc("Builds {@link $T}: every setting starts at its declared default; a component\n"
            + "is replaced or edited in place, any key of any component set by text; and\n"
            + "{@code build()} reports every violated constraint of every component at once.\n",
            record)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(PRIVATE)
            .addStatement("super(TABLE)")
            .build());
    for (ResolvedPolicy.Component component : policy.components()) {
      ClassName schema = JavaNames.of(component.schema().type());
      ClassName componentBuilder = JavaNames.companion(component.schema().type())
          .nestedClass("Builder");
      type.addMethod(MethodSpec.methodBuilder(component.name())
          .addJavadoc("Replaces every setting of component {@code $L}.\n", component.name())
          .addModifiers(PUBLIC)
          .returns(builder)
          .addParameter(schema, component.name())
          .addStatement("return replace($L, $N)", component.position(), component.name())
          .build());
      type.addMethod(MethodSpec.methodBuilder(component.name())
          .addJavadoc("Edits component {@code $L} in place: {@code .$L(c -> c.someSetting(value))}.\n",
              component.name(), component.name())
          .addModifiers(PUBLIC)
          .returns(builder)
          .addParameter(ParameterizedTypeName.get(JavaNames.CONSUMER, componentBuilder), "edit")
          .addStatement("edit.accept(($T) component($L))", componentBuilder,
              component.position())
          .addStatement("return this")
          .build());
    }
    return type.build();
  }
}

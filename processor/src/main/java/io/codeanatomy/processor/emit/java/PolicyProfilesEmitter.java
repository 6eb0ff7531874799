package io.codeanatomy.processor.emit.java;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.ProfileModel;
import io.codeanatomy.processor.model.ResolvedProfile;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingValues;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Emits {@code <Policy>Profiles}: one constant per profile, built from its parent with its own
 * overrides as typed setter calls, the catalog lookups, and the settings hash the processor
 * expects each profile to have.
 */
final class PolicyProfilesEmitter {

  private PolicyProfilesEmitter() {}

  static JavaFile emit(ContractSet set, PolicyModel policy, List<ResolvedProfile> resolved) {
    ClassName record = JavaNames.of(policy.type());
    ClassName profiles = JavaNames.profiles(policy.type());
    ClassName builder = JavaNames.builder(policy.type());
    TypeSpec.Builder type = TypeSpec.classBuilder(profiles)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("The named profiles of planning policy {@code $L} (version $L), declared on\n"
                + "{@link $T}. Each constant is the fully resolved policy of one profile.\n",
            policy.name(), policy.version(), record);

    Map<String, Owner> owners = owners(set, policy);
    for (ProfileModel profile : parentsFirst(policy)) {
      CodeBlock.Builder init = CodeBlock.builder();
      init.add(profile.parent()
          .map(p -> CodeBlock.of("$T.from($N)", builder, Names.profileConstant(p)))
          .orElseGet(() -> CodeBlock.of("$T.builder()", builder)));
      init.indent();
      for (PolicyComponent component : policy.components()) {
        List<CodeBlock> calls = calls(profile, component, owners);
        if (!calls.isEmpty()) {
          init.add("\n.$N($N -> $N", component.name(), component.name(), component.name());
          init.indent();
          for (CodeBlock call : calls) {
            init.add("\n$L", call);
          }
          init.add(")").unindent();
        }
      }
      init.add("\n.build()").unindent();
      String doc = profile.doc().isEmpty() ? "" : " " + JavaSyntax.javadoc(profile.doc());
      type.addField(FieldSpec.builder(record, Names.profileConstant(profile.name()), PUBLIC, STATIC,
              FINAL)
          .addJavadoc("Profile {@code $L}$L.$L\n", profile.name(),
              profile.parent().map(p -> " (extends {@code " + p + "})").orElse(""), doc)
          .initializer(init.build())
          .build());
    }

    CodeBlock.Builder names = CodeBlock.builder().add("$T.of(", JavaNames.LIST);
    for (int i = 0; i < resolved.size(); i++) {
      names.add(i == 0 ? "$S" : ", $S", resolved.get(i).name());
    }
    type.addField(FieldSpec.builder(JavaNames.STRING_LIST, "PROFILE_NAMES", PUBLIC, STATIC, FINAL)
        .addJavadoc("The profile names, in declaration order.\n")
        .initializer(names.add(")").build())
        .build());

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    type.addMethod(MethodSpec.methodBuilder("profileNames")
        .addJavadoc("The profile names, in declaration order.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.STRING_LIST)
        .addStatement("return PROFILE_NAMES")
        .build());
    CodeBlock unknown = CodeBlock.of("throw new $T($S, name, PROFILE_NAMES)",
        JavaNames.UNKNOWN_PROFILE, policy.name());
    type.addMethod(MethodSpec.methodBuilder("profile")
        .addJavadoc("The profile named {@code name}.\n\n"
            + "@throws $T naming the profiles that exist\n", JavaNames.UNKNOWN_PROFILE)
        .addModifiers(PUBLIC, STATIC)
        .returns(record)
        .addParameter(String.class, "name")
        .addCode(byName(resolved, profile -> CodeBlock.of("$N",
            Names.profileConstant(profile.name())), unknown))
        .build());
    // A switch, not a Map.ofEntries(Map.entry(...), ...): javac infers the types of every
    // entry, which cost a quarter of the time of compiling a Profiles class (docs/benchmarks.md).
    type.addMethod(MethodSpec.methodBuilder("expectedSettingsHash")
        .addJavadoc("The settings hash the processor computed for profile {@code name} at compile\n"
            + "time, as the manifest records it; the policy's {@code settingsHash} must equal it.\n\n"
            + "@throws $T naming the profiles that exist\n", JavaNames.UNKNOWN_PROFILE)
        .addModifiers(PUBLIC, STATIC)
        .returns(String.class)
        .addParameter(String.class, "name")
        .addCode(byName(resolved, profile -> CodeBlock.of("$S", profile.settingsHash()), unknown))
        .build());
    return JavaNames.file(profiles, type, policy.type().qualifiedName());
  }

  /**
   * {@code return switch (name) { case "a" -> value; ... default -> throw ...; };}, or the throw
   * alone for a policy without profiles (a switch expression needs a case that yields).
   */
  private static CodeBlock byName(List<ResolvedProfile> profiles,
      Function<ResolvedProfile, CodeBlock> value, CodeBlock unknown) {
    if (profiles.isEmpty()) {
      return CodeBlock.builder().addStatement("$L", unknown).build();
    }
    CodeBlock.Builder lookup = CodeBlock.builder().add("return switch (name) {\n").indent();
    for (ResolvedProfile profile : profiles) {
      lookup.add("case $S -> $L;\n", profile.name(), value.apply(profile));
    }
    return lookup.add("default -> $L;\n", unknown).unindent().add("};\n").build();
  }

  /** Which component and setting a key belongs to. */
  private record Owner(PolicyComponent component, SettingModel setting) {}

  private static Map<String, Owner> owners(ContractSet set, PolicyModel policy) {
    Map<String, Owner> owners = new LinkedHashMap<>();
    for (PolicyComponent component : policy.components()) {
      SettingsSchemaModel schema = set.schema(component.schema()).orElseThrow();
      for (SettingModel setting : schema.settings()) {
        owners.putIfAbsent(setting.key(), new Owner(component, setting));
      }
    }
    return owners;
  }

  /** The setter calls of one profile on one component, in the order the profile wrote them. */
  private static List<CodeBlock> calls(
      ProfileModel profile, PolicyComponent component, Map<String, Owner> owners) {
    List<CodeBlock> calls = new ArrayList<>();
    for (ProfileModel.Entry override : profile.overrides()) {
      Owner owner = owners.get(override.key().orElseThrow());
      if (owner.component() == component) {
        SettingModel setting = owner.setting();
        String canonical = SettingValues.canonical(setting.type(), override.value());
        calls.add(CodeBlock.of(".$N($L)", setting.component(),
            JavaSyntax.literal(setting.type(), canonical)));
      }
    }
    for (ProfileModel.Entry unset : profile.unsets()) {
      Owner owner = owners.get(unset.text().strip());
      if (owner.component() == component) {
        SettingModel setting = owner.setting();
        calls.add(CodeBlock.of(".$N($L)", setting.component(),
            JavaSyntax.componentLiteral(setting.type(), Optional.empty())));
      }
    }
    return calls;
  }

  /** Profiles ordered so that each comes after its parent (static initializers run in order). */
  private static List<ProfileModel> parentsFirst(PolicyModel policy) {
    Map<String, ProfileModel> byName = new LinkedHashMap<>();
    policy.profiles().forEach(p -> byName.putIfAbsent(p.name(), p));
    Set<String> placed = new LinkedHashSet<>();
    List<ProfileModel> ordered = new ArrayList<>();
    for (ProfileModel profile : byName.values()) {
      place(profile, byName, placed, ordered);
    }
    return ordered;
  }

  private static void place(ProfileModel profile, Map<String, ProfileModel> byName,
      Set<String> placed, List<ProfileModel> ordered) {
    if (placed.contains(profile.name())) {
      return;
    }
    profile.parent().map(byName::get).ifPresent(parent -> place(parent, byName, placed, ordered));
    placed.add(profile.name());
    ordered.add(profile);
  }
}

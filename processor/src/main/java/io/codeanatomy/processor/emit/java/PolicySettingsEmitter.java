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
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.Fingerprints;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Emits {@code <Policy>Settings}: the key registry of every component, the effective and
 * planning-environment settings, the settings hash, the feature-gate parity hash, and parsing a
 * complete settings map back into the policy.
 */
final class PolicySettingsEmitter {

  private PolicySettingsEmitter() {}

  static JavaFile emit(ContractSet set, PolicyModel policy) {
    ClassName record = JavaNames.of(policy.type());
    ClassName settings = JavaNames.policySettings(policy.type());
    List<SettingsSchemaModel> schemas = set.schemasOf(policy);
    boolean hasGates = schemas.stream().flatMap(s -> s.settings().stream())
        .anyMatch(SettingModel::featureGate);

    TypeSpec.Builder type = TypeSpec.classBuilder(settings)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("The settings of planning policy {@code $L} (version $L), declared by\n"
                + "{@link $T}: the key registry of every component, the settings snapshots and\n"
                + "their hashes (as {@code docs/canonical-encoding.md} specifies them).\n",
            policy.name(), policy.version(), record);
    type.addField(FieldSpec.builder(String.class, "POLICY_NAME", PUBLIC, STATIC, FINAL)
        .addJavadoc("The policy name.\n")
        .initializer("$S", policy.name())
        .build());
    type.addField(FieldSpec.builder(TypeName.INT, "POLICY_VERSION", PUBLIC, STATIC, FINAL)
        .addJavadoc("The declared policy version.\n")
        .initializer("$L", policy.version())
        .build());
    type.addField(FieldSpec.builder(String.class, "SCHEMA_FINGERPRINT", PUBLIC, STATIC, FINAL)
        .addJavadoc("SHA-256 of the policy's canonical description, as in the manifest.\n")
        .initializer("$S", Fingerprints.policy(set, policy))
        .build());

    CodeBlock.Builder all = CodeBlock.builder().add("$T.of(", ClassName.get("java.util.stream", "Stream"));
    for (int i = 0; i < policy.components().size(); i++) {
      all.add(i == 0 ? "$T.DESCRIPTORS" : ", $T.DESCRIPTORS",
          JavaNames.keys(policy.components().get(i).schema()));
    }
    all.add(")\n    .flatMap($T::stream)\n    .toList()", JavaNames.LIST);
    type.addField(FieldSpec.builder(JavaNames.DESCRIPTOR_LIST, "DESCRIPTORS", PUBLIC, STATIC, FINAL)
        .addJavadoc("Every setting of every component, in component order.\n")
        .initializer(all.build())
        .build());
    type.addField(FieldSpec.builder(JavaNames.STRING_LIST, "KEYS", PUBLIC, STATIC, FINAL)
        .addJavadoc("Every key of every component, in component order.\n")
        .initializer("DESCRIPTORS.stream().map($T::key).toList()", JavaNames.SETTING_DESCRIPTOR)
        .build());
    type.addField(keySet("PLANNING_AFFECTING_KEYS", set, policy, SettingModel::planningAffecting,
        "The keys that enter the planning-environment snapshot and hash."));
    if (hasGates) {
      type.addField(keySet("FEATURE_GATE_KEYS", set, policy, SettingModel::featureGate,
          "The keys of the feature gates."));
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());

    type.addMethod(MethodSpec.methodBuilder("descriptor")
        .addJavadoc("The registry row of {@code key}, if any component declares it.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(ParameterizedTypeName.get(JavaNames.OPTIONAL, JavaNames.SETTING_DESCRIPTOR))
        .addParameter(String.class, "key")
        .addStatement("return DESCRIPTORS.stream().filter(d -> d.key().equals(key)).findFirst()")
        .build());

    MethodSpec.Builder effective = MethodSpec.methodBuilder("effectiveSettings")
        .addJavadoc("Every setting of {@code policy} that has a value, as setting text, sorted by\n"
            + "key: defaults materialized, unset optional settings left out.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.SORTED_TEXT_MAP)
        .addParameter(record, "policy")
        .addStatement("$T settings = new $T<>()", JavaNames.SORTED_TEXT_MAP, JavaNames.TREE_MAP);
    for (PolicyComponent component : policy.components()) {
      effective.addStatement("settings.putAll($T.toSettings(policy.$N()))",
          JavaNames.keys(component.schema()), component.name());
    }
    type.addMethod(effective
        .addStatement("return $T.unmodifiableSortedMap(settings)", JavaNames.COLLECTIONS)
        .build());

    type.addMethod(filtered("planningEnvironmentSettings", "PLANNING_AFFECTING_KEYS", record,
        "The planning-affecting settings of {@code policy}: what enters the planning-environment\n"
            + "hash and every plan fingerprint.\n"));
    type.addMethod(hash("settingsHash", "effectiveSettings", record,
        "The settings hash of {@code policy}: SHA-256 of the canonical array of {@code [key, value]}\n"
            + "pairs of its effective settings, sorted by key.\n"));
    type.addMethod(hash("planningEnvironmentHash", "planningEnvironmentSettings", record,
        "The settings hash of the planning-affecting settings of {@code policy}.\n"));
    if (hasGates) {
      type.addMethod(filtered("featureGates", "FEATURE_GATE_KEYS", record,
          "The feature gates of {@code policy}, as text.\n"));
      type.addMethod(MethodSpec.methodBuilder("featureGateParityHash")
          .addJavadoc("The feature-gate parity hash: SHA-256 of {@code key=value} for every gate,\n"
              + "sorted by key and joined with {@code |}.\n")
          .addModifiers(PUBLIC, STATIC)
          .returns(String.class)
          .addParameter(record, "policy")
          .addStatement("return $T.featureGateParity(featureGates(policy))", JavaNames.SETTINGS_HASH)
          .build());
    }
    type.addMethod(MethodSpec.methodBuilder("fromSettings")
        .addJavadoc("Parses a complete settings map, such as {@link #effectiveSettings} returns.\n\n"
            + "@throws $T with every problem, each naming its key and the expected type\n",
            ClassName.get(JavaNames.SUPPORT, "ContractViolationException"))
        .addModifiers(PUBLIC, STATIC)
        .returns(record)
        .addParameter(JavaNames.TEXT_MAP, "settings")
        .addStatement("return $T.builder().replaceWith(settings).build()",
            JavaNames.builder(policy.type()))
        .build());
    return JavaNames.file(settings, type, policy.type().qualifiedName());
  }

  private static FieldSpec keySet(String name, ContractSet set, PolicyModel policy,
      Predicate<SettingModel> filter, String doc) {
    List<CodeBlock> keys = new ArrayList<>();
    for (PolicyComponent component : policy.components()) {
      SettingsSchemaModel schema = set.schema(component.schema()).orElseThrow();
      for (SettingModel setting : schema.settings()) {
        if (filter.test(setting)) {
          keys.add(CodeBlock.of("$T.$N", JavaNames.keys(schema.type()),
              Names.keyConstant(schema, setting)));
        }
      }
    }
    CodeBlock initializer = keys.isEmpty()
        ? CodeBlock.of("$T.of()", JavaNames.SET)
        : CodeBlock.of("$T.of(\n$>$L$<)", JavaNames.SET, CodeBlock.join(keys, ",\n"));
    return FieldSpec.builder(ParameterizedTypeName.get(JavaNames.SET, JavaNames.STRING), name,
            PUBLIC, STATIC, FINAL)
        .addJavadoc("$L\n", doc)
        .initializer(initializer)
        .build();
  }

  private static MethodSpec filtered(String name, String keys, ClassName record, String doc) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(doc)
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.SORTED_TEXT_MAP)
        .addParameter(record, "policy")
        .addStatement("$T settings = new $T<>(effectiveSettings(policy))", JavaNames.SORTED_TEXT_MAP,
            JavaNames.TREE_MAP)
        .addStatement("settings.keySet().retainAll($N)", keys)
        .addStatement("return $T.unmodifiableSortedMap(settings)", JavaNames.COLLECTIONS)
        .build();
  }

  private static MethodSpec hash(String name, String snapshot, ClassName record, String doc) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(doc)
        .addModifiers(PUBLIC, STATIC)
        .returns(String.class)
        .addParameter(record, "policy")
        .addStatement("return $T.of($N(policy))", JavaNames.SETTINGS_HASH, snapshot)
        .build();
  }
}

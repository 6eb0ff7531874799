package io.codeanatomy.processor.emit.java;

import static javax.lang.model.element.Modifier.DEFAULT;
import static javax.lang.model.element.Modifier.PUBLIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.TypeRef;

/**
 * Emits {@code <Record>Mixin}: instance methods a contract record gets by declaring
 * {@code implements <Record>Mixin}. Records cannot be extended, and a processor cannot add methods
 * to a class it did not generate, so the record opts in; every method delegates to the generated
 * static API. The interface is sealed to the record, so the casts in it always hold.
 */
final class MixinEmitter {

  private MixinEmitter() {}

  static JavaFile schema(SettingsSchemaModel schema) {
    TypeSpec.Builder type = start(schema.type());
    ClassName record = JavaNames.of(schema.type());
    type.addMethod(toBuilder(schema.type()));
    type.addMethod(MethodSpec.methodBuilder("toSettings")
        .addJavadoc("This record's values as setting text ({@link $T#toSettings}).\n",
            JavaNames.keys(schema.type()))
        .addModifiers(PUBLIC, DEFAULT)
        .returns(JavaNames.SORTED_TEXT_MAP)
        .addStatement("return $T.toSettings(($T) this)", JavaNames.keys(schema.type()), record)
        .build());
    return file(schema.type(), type);
  }

  static JavaFile policy(PolicyModel policy, boolean hasFeatureGates) {
    TypeSpec.Builder type = start(policy.type());
    ClassName record = JavaNames.of(policy.type());
    ClassName settings = JavaNames.policySettings(policy.type());
    type.addMethod(toBuilder(policy.type()));
    type.addMethod(delegate("effectiveSettings", JavaNames.SORTED_TEXT_MAP, settings, record,
        "Every setting that has a value, as text, sorted by key"));
    type.addMethod(delegate("planningEnvironmentSettings", JavaNames.SORTED_TEXT_MAP, settings,
        record, "The planning-affecting settings, as text, sorted by key"));
    type.addMethod(delegate("settingsHash", JavaNames.STRING, settings, record,
        "The settings hash of the effective settings"));
    type.addMethod(delegate("planningEnvironmentHash", JavaNames.STRING, settings, record,
        "The settings hash of the planning-affecting settings"));
    if (hasFeatureGates) {
      type.addMethod(delegate("featureGateParityHash", JavaNames.STRING, settings, record,
          "The feature-gate parity hash"));
    }
    return file(policy.type(), type);
  }

  static JavaFile contract(io.codeanatomy.processor.model.ContractModel contract) {
    TypeSpec.Builder type = start(contract.type());
    ClassName record = JavaNames.of(contract.type());
    ClassName codec = ContractCodecEmitter.codec(contract.type());
    type.addMethod(toBuilder(contract.type()));
    type.addMethod(delegate("hash", JavaNames.STRING, codec, record,
        "The contract's hash: SHA-256 of its canonical bytes"));
    type.addMethod(delegate("canonicalBytes", com.palantir.javapoet.ArrayTypeName.of(
        com.palantir.javapoet.TypeName.BYTE), codec, record, "The canonical bytes that are hashed"));
    return file(contract.type(), type);
  }

  private static TypeSpec.Builder start(TypeRef record) {
    return TypeSpec.interfaceBuilder(JavaNames.mixin(record))
        .addModifiers(PUBLIC, javax.lang.model.element.Modifier.SEALED)
        .addPermittedSubclass(JavaNames.of(record))
        .addJavadoc("Instance methods for {@link $T}; the record opts in with\n"
            + "{@code implements $L}.\n",
            JavaNames.of(record), JavaNames.mixin(record).simpleName());
  }

  private static MethodSpec toBuilder(TypeRef record) {
    return MethodSpec.methodBuilder("toBuilder")
        .addJavadoc("A builder holding this record's values.\n")
        .addModifiers(PUBLIC, DEFAULT)
        .returns(JavaNames.builder(record))
        .addStatement("return $T.from(($T) this)", JavaNames.builder(record), JavaNames.of(record))
        .build();
  }

  private static MethodSpec delegate(String name, com.palantir.javapoet.TypeName returns,
      ClassName target, ClassName record, String doc) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc("$L ({@link $T#$N}).\n", doc, target, name)
        .addModifiers(PUBLIC, DEFAULT)
        .returns(returns)
        .addStatement("return $T.$N(($T) this)", target, name, record)
        .build();
  }

  private static JavaFile file(TypeRef record, TypeSpec.Builder type) {
    ClassName mixin = JavaNames.mixin(record);
    return JavaNames.file(mixin, type, record.qualifiedName());
  }
}

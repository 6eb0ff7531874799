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
import io.codeanatomy.processor.model.Fingerprints;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingValues;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.ValueKind;
import io.codeanatomy.processor.model.ValueType;
import java.util.Locale;
import java.util.Optional;

/**
 * Emits {@code <Schema>Keys}: the key constants, the key registry, {@code toSettings},
 * {@code fromSettings} and {@code validate}.
 */
final class SchemaKeysEmitter {

  private SchemaKeysEmitter() {}

  static JavaFile emit(SettingsSchemaModel schema) {
    ClassName record = JavaNames.of(schema.type());
    ClassName keys = JavaNames.keys(schema.type());
    TypeSpec.Builder type = TypeSpec.classBuilder(keys)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("Keys of the settings schema {@code $L} (version $L), declared by {@link $T}:\n"
                + "key constants, the key registry, and conversion to and from {@code key -> text}\n"
                + "settings maps.\n",
            schema.namespace(), schema.version(), record);

    type.addField(constant(TypeName.get(String.class), "SCHEMA_NAMESPACE",
        CodeBlock.of("$S", schema.namespace()), "The key namespace."));
    type.addField(constant(TypeName.INT, "SCHEMA_VERSION",
        CodeBlock.of("$L", schema.version()), "The declared schema version."));
    type.addField(constant(TypeName.get(String.class), "SCHEMA_FINGERPRINT",
        CodeBlock.of("$S", Fingerprints.schema(schema)),
        "SHA-256 of the schema's canonical description, as in the manifest."));
    type.addField(FieldSpec.builder(String.class, "SUBJECT", PRIVATE, STATIC, FINAL)
        .initializer("$S", "settings schema " + schema.namespace())
        .build());

    for (SettingModel setting : schema.settings()) {
      type.addField(FieldSpec.builder(String.class, Names.keyConstant(schema, setting), PUBLIC,
              STATIC, FINAL)
          .addJavadoc("{@code $L} ($L): $L\n", setting.key(), setting.type().description(),
              JavaSyntax.javadoc(setting.doc()))
          .initializer("$S", setting.key())
          .build());
    }

    CodeBlock.Builder descriptors = CodeBlock.builder().add("$T.of(", JavaNames.LIST).indent();
    for (int i = 0; i < schema.settings().size(); i++) {
      descriptors.add(i == 0 ? "\n$L" : ",\n$L", descriptor(schema, schema.settings().get(i)));
    }
    type.addField(FieldSpec.builder(JavaNames.DESCRIPTOR_LIST, "DESCRIPTORS", PUBLIC, STATIC, FINAL)
        .addJavadoc("Every setting of the schema, in declaration order.\n")
        .initializer(descriptors.unindent().add(")").build())
        .build());

    CodeBlock.Builder keyList = CodeBlock.builder().add("$T.of(", JavaNames.LIST);
    for (int i = 0; i < schema.settings().size(); i++) {
      keyList.add(i == 0 ? "$N" : ", $N", Names.keyConstant(schema, schema.settings().get(i)));
    }
    type.addField(FieldSpec.builder(JavaNames.STRING_LIST, "KEYS", PUBLIC, STATIC, FINAL)
        .addJavadoc("Every key of the schema, in declaration order.\n")
        .initializer(keyList.add(")").build())
        .build());

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    type.addMethod(isKey(schema));
    type.addMethod(descriptorLookup());
    type.addMethod(toSettings(schema, record));
    type.addMethod(fromSettings(schema, record));
    type.addMethod(validate(schema, record));
    return JavaNames.file(keys, type, schema.type().qualifiedName());
  }

  private static FieldSpec constant(TypeName type, String name, CodeBlock value, String doc) {
    return FieldSpec.builder(type, name, PUBLIC, STATIC, FINAL)
        .addJavadoc("$L\n", doc)
        .initializer(value)
        .build();
  }

  /**
   * One registry row, through {@code SettingDescriptor.of}: plain values and {@code null} for
   * unset, which javac resolves without type inference (see that method).
   */
  private static CodeBlock descriptor(SettingsSchemaModel schema, SettingModel setting) {
    ValueType type = setting.type();
    CodeBlock.Builder allowed = CodeBlock.builder();
    for (String text : type.enumTexts()) {
      allowed.add(", $S", text);
    }
    return CodeBlock.builder()
        .add("$T.of($N, $S, $L, $L,\n", JavaNames.SETTING_DESCRIPTOR,
            Names.keyConstant(schema, setting), type.kind().typeName(), type.optional(),
            textOrNull(setting.canonicalDefault()))
        .indent().indent()
        .add("$S,\n", setting.doc())
        .add("$T.$L, $T.$L, $L, $L,\n", JavaNames.SETTING_UNIT, setting.unit().name(),
            JavaNames.SETTING_SCOPE, setting.scope().name(), setting.planningAffecting(),
            setting.featureGate())
        .add("$L, $L$L)", textOrNull(setting.min().map(m -> SettingValues.canonical(type, m))),
            textOrNull(setting.max().map(m -> SettingValues.canonical(type, m))), allowed.build())
        .unindent().unindent()
        .build();
  }

  private static CodeBlock textOrNull(Optional<String> text) {
    return text.map(t -> CodeBlock.of("$S", t)).orElseGet(() -> CodeBlock.of("null"));
  }

  private static MethodSpec isKey(SettingsSchemaModel schema) {
    CodeBlock.Builder cases = CodeBlock.builder().add("return switch (key) {\n").indent();
    for (SettingModel setting : schema.settings()) {
      cases.add("case $N -> true;\n", Names.keyConstant(schema, setting));
    }
    cases.add("default -> false;\n").unindent().add("};\n");
    return MethodSpec.methodBuilder("isKey")
        .addJavadoc("Whether {@code key} is a key of this schema.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(TypeName.BOOLEAN)
        .addParameter(String.class, "key")
        .addCode(cases.build())
        .build();
  }

  private static MethodSpec descriptorLookup() {
    return MethodSpec.methodBuilder("descriptor")
        .addJavadoc("The registry row of {@code key}, if it is a key of this schema.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(ParameterizedTypeName.get(JavaNames.OPTIONAL, JavaNames.SETTING_DESCRIPTOR))
        .addParameter(String.class, "key")
        .addStatement("return DESCRIPTORS.stream().filter(d -> d.key().equals(key)).findFirst()")
        .build();
  }

  private static MethodSpec toSettings(SettingsSchemaModel schema, ClassName record) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("toSettings")
        .addJavadoc("The values of {@code settings} as setting text, sorted by key. Every key that\n"
            + "has a value is present; unset optional settings are left out.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.SORTED_TEXT_MAP)
        .addParameter(record, "settings")
        .addStatement("$T out = new $T<>()", JavaNames.SORTED_TEXT_MAP, JavaNames.TREE_MAP);
    for (SettingModel setting : schema.settings()) {
      String constant = Names.keyConstant(schema, setting);
      ValueType type = setting.type();
      if (type.optional()) {
        method.addStatement("settings.$N().ifPresent(value -> out.put($N, $L))",
            setting.component(), constant, JavaSyntax.format(type, CodeBlock.of("value")));
      } else {
        method.addStatement("out.put($N, $L)", constant,
            JavaSyntax.format(type, CodeBlock.of("settings.$N()", setting.component())));
      }
    }
    return method.addStatement("return $T.unmodifiableSortedMap(out)", JavaNames.COLLECTIONS)
        .build();
  }

  private static MethodSpec fromSettings(SettingsSchemaModel schema, ClassName record) {
    return MethodSpec.methodBuilder("fromSettings")
        .addJavadoc("Parses a complete settings map, such as {@link #toSettings} returns: every\n"
            + "required key must be present, absent optional keys are unset, unknown keys are\n"
            + "refused.\n\n"
            + "@throws $T with every problem, each naming its key and the expected type\n",
            ClassName.get("io.codeanatomy.contracts.support", "ContractViolationException"))
        .addModifiers(PUBLIC, STATIC)
        .returns(record)
        .addParameter(JavaNames.TEXT_MAP, "settings")
        .addStatement("return $T.builder().replaceWith(settings).build()",
            JavaNames.builder(schema.type()))
        .build();
  }

  private static MethodSpec validate(SettingsSchemaModel schema, ClassName record) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("validate")
        .addJavadoc("Every declared constraint that {@code settings} violates; empty when valid.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.VIOLATION_LIST)
        .addParameter(record, "settings")
        .addStatement("$T violations = new $T(SUBJECT)", JavaNames.VIOLATIONS, JavaNames.VIOLATIONS);
    for (SettingModel setting : schema.settings()) {
      validateSetting(method, schema, setting);
    }
    return method.addStatement("return violations.list()").build();
  }

  private static void validateSetting(
      MethodSpec.Builder method, SettingsSchemaModel schema, SettingModel setting) {
    String constant = Names.keyConstant(schema, setting);
    ValueType type = setting.type();
    CodeBlock value = CodeBlock.of("settings.$N()", setting.component());
    if (type.form() == JavaForm.PRIMITIVE || type.form() == JavaForm.REFERENCE) {
      CodeBlock check = valueCheck(setting, constant, value);
      if (check != null) {
        method.addStatement(check);
      } else if (type.form() == JavaForm.REFERENCE) {
        method.addStatement("violations.notNull($N, $L)", constant, value);
      }
      return;
    }
    method.addStatement("violations.notNull($N, $L)", constant, value);
    CodeBlock inner = valueCheck(setting, constant,
        CodeBlock.of("$L.$N()", value, JavaSyntax.optionalGetter(type.form())));
    if (inner != null) {
      method.beginControlFlow("if ($L != null && $L.isPresent())", value, value)
          .addStatement(inner)
          .endControlFlow();
    }
  }

  /** The check of one (inner) value beyond null-ness, or null when there is none. */
  private static CodeBlock valueCheck(SettingModel setting, String constant, CodeBlock value) {
    ValueType type = setting.type();
    ValueKind kind = type.kind();
    CodeBlock min = bound(setting, setting.min());
    CodeBlock max = bound(setting, setting.max());
    boolean bounded = setting.min().isPresent() || setting.max().isPresent();
    return switch (kind) {
      case INT, LONG, BYTES -> bounded
          ? CodeBlock.of("violations.rangeLong($N, $L, $L, $L)", constant, value, min, max)
          : null;
      case DOUBLE -> CodeBlock.of("violations.rangeDouble($N, $L, $L, $L)", constant, value, min, max);
      case DURATION -> CodeBlock.of("violations.rangeDuration($N, $L, $L, $L)", constant, value, min,
          max);
      case STRING_LIST -> CodeBlock.of("violations.listElements($N, $L)", constant, value);
      case BOOLEAN, STRING, ENUM -> null;
    };
  }

  private static CodeBlock bound(SettingModel setting, Optional<String> text) {
    if (text.isEmpty()) {
      return CodeBlock.of("null");
    }
    String canonical = SettingValues.canonical(setting.type(), text.get());
    return switch (setting.type().kind()) {
      case INT, LONG, BYTES -> CodeBlock.of("$LL", canonical);
      default -> JavaSyntax.literal(setting.type(), canonical);
    };
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}

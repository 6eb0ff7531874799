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
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingValues;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits {@code <Schema>Builder}: declared defaults filled in, one setter per setting, setting by
 * text, and a {@code build()} that reports every violated constraint at once.
 */
final class SchemaBuilderEmitter {

  private SchemaBuilderEmitter() {}

  static JavaFile emit(SettingsSchemaModel schema) {
    ClassName record = JavaNames.of(schema.type());
    ClassName builder = JavaNames.builder(schema.type());
    ClassName keys = JavaNames.keys(schema.type());
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("Builds {@link $T} (settings schema {@code $L}): every setting starts at its\n"
                + "declared default, and {@link #build()} reports every violated constraint at once.\n",
            record, schema.namespace());

    for (SettingModel setting : schema.settings()) {
      type.addField(FieldSpec.builder(JavaSyntax.type(setting.type()), setting.component(), PRIVATE)
          .initializer(JavaSyntax.componentLiteral(setting.type(), setting.canonicalDefault()))
          .build());
    }
    TypeName problems = ParameterizedTypeName.get(JavaNames.MAP, JavaNames.STRING, JavaNames.VIOLATION);
    type.addField(FieldSpec.builder(problems, "textProblems", PRIVATE, FINAL)
        .addJavadoc("Problems of text given to {@link #set}, by key; reported by {@link #build()}.\n")
        .initializer("new $T<>()", JavaNames.LINKED_HASH_MAP)
        .build());

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addJavadoc("A builder with every declared default filled in.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(builder)
        .addStatement("return new $T()", builder)
        .build());
    type.addMethod(from(schema, record, builder));
    type.addMethod(MethodSpec.methodBuilder("defaults")
        .addJavadoc("The declared defaults.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(record)
        .addStatement("return builder().build()")
        .build());
    for (SettingModel setting : schema.settings()) {
      setters(type, schema, setting, builder);
    }
    type.addMethod(set(schema, builder, keys));
    type.addMethod(unset(schema, builder, keys));
    type.addMethod(setAll(builder));
    type.addMethod(replaceWith(builder, keys));
    type.addMethod(build(schema, record, keys));
    return JavaNames.file(builder, type, schema.type().qualifiedName());
  }

  private static MethodSpec from(SettingsSchemaModel schema, ClassName record, ClassName builder) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("from")
        .addJavadoc("A builder holding the values of {@code settings}.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(builder)
        .addParameter(record, "settings")
        .addStatement("$T builder = new $T()", builder, builder);
    for (SettingModel setting : schema.settings()) {
      method.addStatement("builder.$N = settings.$N()", setting.component(), setting.component());
    }
    return method.addStatement("return builder").build();
  }

  private static void setters(
      TypeSpec.Builder type, SettingsSchemaModel schema, SettingModel setting, ClassName builder) {
    ValueType valueType = setting.type();
    String name = setting.component();
    CodeBlock doc = CodeBlock.of("Sets {@code $L}: $L\n\n<p>$L\n", setting.key(),
        JavaSyntax.javadoc(setting.doc()), JavaSyntax.javadoc(facts(setting)));
    type.addMethod(MethodSpec.methodBuilder(name)
        .addJavadoc(doc)
        .addModifiers(PUBLIC)
        .returns(builder)
        .addParameter(JavaSyntax.type(valueType), name)
        .addStatement("this.$N = $N", name, name)
        .addStatement("return this")
        .build());
    if (valueType.optional()) {
      type.addMethod(MethodSpec.methodBuilder(name)
          .addJavadoc("Sets {@code $L} to a value; see {@link #$N($T)}.\n", setting.key(), name,
              erasure(JavaSyntax.type(valueType)))
          .addModifiers(PUBLIC)
          .returns(builder)
          .addParameter(JavaSyntax.valueType(valueType), name)
          .addStatement("this.$N = $L", name, JavaSyntax.wrap(valueType.form(), CodeBlock.of("$N", name)))
          .addStatement("return this")
          .build());
    }
  }

  private static TypeName erasure(TypeName type) {
    return type instanceof ParameterizedTypeName p ? p.rawType() : type;
  }

  /** "Default 8; at least 1; planning-affecting." */
  static String facts(SettingModel setting) {
    List<String> facts = new ArrayList<>();
    facts.add("Type " + setting.type().description());
    facts.add(setting.canonicalDefault().map(d -> "default " + (d.isEmpty() ? "\"\"" : d))
        .orElse("unset by default"));
    setting.min().ifPresent(m -> facts.add("at least " + SettingValues.canonical(setting.type(), m)));
    setting.max().ifPresent(m -> facts.add("at most " + SettingValues.canonical(setting.type(), m)));
    if (setting.planningAffecting()) {
      facts.add("affects planning");
    }
    if (setting.featureGate()) {
      facts.add("feature gate");
    }
    return String.join("; ", facts) + ".";
  }

  private static MethodSpec set(SettingsSchemaModel schema, ClassName builder, ClassName keys) {
    CodeBlock.Builder cases = CodeBlock.builder();
    for (SettingModel setting : schema.settings()) {
      ValueType type = setting.type();
      cases.addStatement("case $T.$N -> this.$N = $L", keys, Names.keyConstant(schema, setting),
          setting.component(), JavaSyntax.wrap(type.form(), JavaSyntax.parse(type, "text")));
    }
    cases.addStatement("default -> textProblems.put(key, $T.unknownKeyViolation(key, $T.KEYS))",
        JavaNames.VIOLATIONS, keys);
    return MethodSpec.methodBuilder("set")
        .addJavadoc("Sets a setting from its text ({@code 64MiB}, {@code 2m}, {@code warn}), as a\n"
            + "settings map or a profile writes it. A problem with the key or the text is\n"
            + "reported by {@link #build()}, together with every other problem.\n")
        .addModifiers(PUBLIC)
        .returns(builder)
        .addParameter(String.class, "key")
        .addParameter(String.class, "text")
        .addStatement("textProblems.remove(key)")
        .beginControlFlow("try")
        .beginControlFlow("switch (key)")
        .addCode(cases.build())
        .endControlFlow()
        .nextControlFlow("catch ($T e)", JavaNames.SETTING_TEXT_EXCEPTION)
        .addStatement("textProblems.put(key, new $T(key, e.getMessage()))", JavaNames.VIOLATION)
        .endControlFlow()
        .addStatement("return this")
        .build();
  }

  private static MethodSpec unset(SettingsSchemaModel schema, ClassName builder, ClassName keys) {
    CodeBlock.Builder cases = CodeBlock.builder();
    List<CodeBlock> required = new ArrayList<>();
    for (SettingModel setting : schema.settings()) {
      String constant = Names.keyConstant(schema, setting);
      if (setting.type().optional()) {
        cases.addStatement("case $T.$N -> this.$N = $L", keys, constant, setting.component(),
            JavaSyntax.componentLiteral(setting.type(), java.util.Optional.empty()));
      } else {
        required.add(CodeBlock.of("$T.$N", keys, constant));
      }
    }
    if (!required.isEmpty()) {
      cases.addStatement("case $L -> textProblems.put(key, new $T(key, $S))",
          CodeBlock.join(required, ",\n    "), JavaNames.VIOLATION,
          "cannot be unset: it is required");
    }
    cases.addStatement("default -> textProblems.put(key, $T.unknownKeyViolation(key, $T.KEYS))",
        JavaNames.VIOLATIONS, keys);
    return MethodSpec.methodBuilder("unset")
        .addJavadoc("Leaves an optional setting unset. A required or unknown key is reported by\n"
            + "{@link #build()}.\n")
        .addModifiers(PUBLIC)
        .returns(builder)
        .addParameter(String.class, "key")
        .addStatement("textProblems.remove(key)")
        .beginControlFlow("switch (key)")
        .addCode(cases.build())
        .endControlFlow()
        .addStatement("return this")
        .build();
  }

  private static MethodSpec setAll(ClassName builder) {
    return MethodSpec.methodBuilder("setAll")
        .addJavadoc("Sets every entry of {@code settings} by text, in key order; keys not in the map\n"
            + "keep their values.\n")
        .addModifiers(PUBLIC)
        .returns(builder)
        .addParameter(JavaNames.TEXT_MAP, "settings")
        .addStatement("new $T<>(settings).forEach(this::set)", JavaNames.TREE_MAP)
        .addStatement("return this")
        .build();
  }

  private static MethodSpec replaceWith(ClassName builder, ClassName keys) {
    return MethodSpec.methodBuilder("replaceWith")
        .addJavadoc("Replaces every value with those of a complete settings map: a required key\n"
            + "missing from the map, and every key the schema does not declare, is reported by\n"
            + "{@link #build()}; an optional key missing from the map is unset.\n")
        .addModifiers(PUBLIC)
        .returns(builder)
        .addParameter(JavaNames.TEXT_MAP, "settings")
        .beginControlFlow("for ($T descriptor : $T.DESCRIPTORS)", JavaNames.SETTING_DESCRIPTOR, keys)
        .addStatement("String key = descriptor.key()")
        .beginControlFlow("if (settings.containsKey(key))")
        .addStatement("set(key, settings.get(key))")
        .nextControlFlow("else if (descriptor.optional())")
        .addStatement("unset(key)")
        .nextControlFlow("else")
        .addStatement("textProblems.put(key, new $T(key, $S + descriptor.typeDescription()))",
            JavaNames.VIOLATION, "missing: expected ")
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("for (String key : new $T<>(settings.keySet()))",
            ClassName.get("java.util", "TreeSet"))
        .beginControlFlow("if (!$T.isKey(key))", keys)
        .addStatement("textProblems.put(key, $T.unknownKeyViolation(key, $T.KEYS))",
            JavaNames.VIOLATIONS, keys)
        .endControlFlow()
        .endControlFlow()
        .addStatement("return this")
        .build();
  }

  private static MethodSpec build(SettingsSchemaModel schema, ClassName record, ClassName keys) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (SettingModel setting : schema.settings()) {
      arguments.add(CodeBlock.of("$N", setting.component()));
    }
    return MethodSpec.methodBuilder("build")
        .addJavadoc("Builds the settings.\n\n"
            + "@throws $T with every problem: text that did not parse, unknown or missing keys,\n"
            + "    values out of range, missing values\n",
            ClassName.get(JavaNames.SUPPORT, "ContractViolationException"))
        .addModifiers(PUBLIC)
        .returns(record)
        .addStatement("$T settings = new $T($L)", record, record, CodeBlock.join(arguments, ", "))
        .addStatement("$T violations = new $T($S)", JavaNames.VIOLATIONS, JavaNames.VIOLATIONS,
            "settings schema " + schema.namespace())
        .addStatement("violations.addAll(textProblems.values())")
        .addStatement("violations.addAll($T.validate(settings))", keys)
        .addStatement("violations.throwIfAny()")
        .addStatement("return settings")
        .build();
  }

}

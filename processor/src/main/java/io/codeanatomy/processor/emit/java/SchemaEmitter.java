package io.codeanatomy.processor.emit.java;

import static javax.lang.model.element.Modifier.DEFAULT;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.codeanatomy.processor.model.ValueKind;
import io.codeanatomy.processor.model.ValueType;
import io.codeanatomy.processor.resolve.ResolvedSchema;
import io.codeanatomy.processor.resolve.ResolvedSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Emits {@code <Schema>Contract} for a settings schema: the key constants, the schema's table
 * (one {@code SettingColumn} per setting, which the support library reads to parse, render and
 * validate values), the static conversions, the builder with one typed setter per setting, and
 * the mixin when the record asks for it. One file per schema, and no per-setting switch: what
 * javac compiles grows by a few short lines per setting (docs/benchmarks.md).
 */
final class SchemaEmitter {

  private SchemaEmitter() {}

  static JavaFile emit(ResolvedSchema schema) {
    ClassName record = JavaNames.of(schema.type());
    ClassName companion = JavaNames.companion(schema.type());
    ClassName builder = companion.nestedClass("Builder");
    TypeSpec.Builder type = TypeSpec.classBuilder(companion)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("Settings schema {@code $L} (version $L), declared by {@link $T}: its keys, its\n"
                + "table of settings, conversion to and from {@code key -> text} settings maps,\n"
                + "validation and the builder.\n",
            schema.namespace(), schema.version(), record);

    type.addField(JavaNames.constant(JavaNames.STRING, "SCHEMA_NAMESPACE",
        CodeBlock.of("$S", schema.namespace()), "The key namespace."));
    type.addField(JavaNames.constant(TypeName.INT, "SCHEMA_VERSION",
        CodeBlock.of("$L", schema.version()), "The declared schema version."));
    type.addField(JavaNames.constant(JavaNames.STRING, "SCHEMA_FINGERPRINT",
        CodeBlock.of("$S", schema.fingerprint()),
        "SHA-256 of the schema's canonical description, as in the manifest."));
    for (ResolvedSetting setting : schema.settings()) {
      type.addField(FieldSpec.builder(JavaNames.STRING, setting.keyConstant(), PUBLIC, STATIC,
              FINAL)
          .addJavadoc("Key {@code $L} ($L); see {@link Builder#$N}.\n", setting.key(),
              setting.type().description(), setting.component())
          .initializer("$S", setting.key())
          .build());
    }

    // Explicit type arguments and an array rather than a diamond and varargs: javac then checks
    // each argument once instead of inferring the table's types through all of them.
    CodeBlock.Builder columns = CodeBlock.builder()
        .add("new $T<$T, $T>($S,$W$T::values,$W$T::construct,$W$T::new,$Wnew $T[] {$>",
            JavaNames.SETTINGS_TABLE, record, builder, "settings schema " + schema.namespace(),
            companion, companion, builder, JavaNames.SETTING_COLUMN)
        .indent().indent();
    for (int i = 0; i < schema.settings().size(); i++) {
      columns.add(i == 0 ? "\n$L" : ",\n$L", column(schema.settings().get(i)));
    }
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(JavaNames.SETTINGS_TABLE, record,
            builder), "TABLE", PUBLIC, STATIC, FINAL)
        .addJavadoc("The schema's table: every setting's registry row and how the record holds\n"
            + "its value. Policies made of this schema read it.\n")
        .initializer(columns.add("$<})").unindent().unindent().build())
        .build());
    type.addField(FieldSpec.builder(JavaNames.DESCRIPTOR_LIST, "DESCRIPTORS", PUBLIC, STATIC,
            FINAL)
        .addJavadoc("Every setting of the schema, in declaration order.\n")
        .initializer("TABLE.descriptors()")
        .build());
    type.addField(FieldSpec.builder(JavaNames.STRING_LIST, "KEYS", PUBLIC, STATIC, FINAL)
        .addJavadoc("Every key of the schema, in declaration order.\n")
        .initializer("TABLE.keys()")
        .build());

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    type.addMethod(JavaNames.delegate("isKey", TypeName.BOOLEAN, JavaNames.STRING, "key",
        "TABLE.isKey(key)", "Whether {@code key} is a key of this schema."));
    type.addMethod(JavaNames.delegate("descriptor",
        ParameterizedTypeName.get(JavaNames.OPTIONAL, JavaNames.SETTING_DESCRIPTOR),
        JavaNames.STRING, "key", "TABLE.descriptor(key)",
        "The registry row of {@code key}, if it is a key of this schema."));
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addJavadoc("A builder with every declared default filled in.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(builder)
        .addStatement("return TABLE.builder()")
        .build());
    type.addMethod(JavaNames.delegate("from", builder, record, "settings",
        "TABLE.builder(settings)", "A builder holding the values of {@code settings}."));
    type.addMethod(MethodSpec.methodBuilder("defaults")
        .addJavadoc("The declared defaults.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(record)
        .addStatement("return TABLE.defaults()")
        .build());
    type.addMethod(JavaNames.delegate("toSettings", JavaNames.SORTED_TEXT_MAP, record, "settings",
        "TABLE.toSettings(settings)",
        "The values of {@code settings} as setting text, sorted by key. Every key that has a\n"
            + "value is present; unset optional settings are left out."));
    type.addMethod(JavaNames.delegate("fromSettings", record, JavaNames.TEXT_MAP, "settings",
        "TABLE.fromSettings(settings)",
        "Parses a complete settings map, such as {@link #toSettings} returns: every required key\n"
            + "must be present, absent optional keys are unset, unknown keys are refused.\n\n"
            + "@throws ContractViolationException with every problem, each naming its key"));
    type.addMethod(JavaNames.delegate("validate", JavaNames.VIOLATION_LIST, record, "settings",
        "TABLE.validate(settings)",
        "Every declared constraint that {@code settings} violates; empty when valid."));
    type.addMethod(values(schema, record));
    type.addMethod(construct(schema, record));
    type.addType(builderType(schema, record, companion, builder));
    if (schema.mixin()) {
      type.addType(mixin(record, companion, builder));
    }
    return JavaNames.file(companion, type, schema.type().qualifiedName());
  }

  /**
   * One column: the {@code SettingColumn} factory of the component's shape with the setting's
   * row as plain values ({@code null} for unset).
   */
  private static CodeBlock column(ResolvedSetting setting) {
    ValueType type = setting.type();
    CodeBlock key = CodeBlock.of("$N", setting.keyConstant());
    CodeBlock defaultValue = textOrNull(setting.defaultValue());
    CodeBlock doc = JavaSyntax.string(setting.doc());
    CodeBlock scope = CodeBlock.of("$T.$L", JavaNames.SETTING_SCOPE, setting.scope().name());
    if (type.kind() == ValueKind.ENUM) {
      return CodeBlock.of("$T.$L($T.class, $L, $L,\n$>$>$L,\n$L, $L)$<$<", JavaNames.SETTING_COLUMN,
          type.optional() ? "optionalEnum" : "ofEnum", JavaNames.of(type.enumType().orElseThrow()),
          key, defaultValue, doc, scope, setting.planningAffecting());
    }
    CodeBlock rest = CodeBlock.of("$T.$L, $L, $L, $L, $L, $L", JavaNames.SETTING_UNIT,
        setting.unit().name(), scope, setting.planningAffecting(), setting.featureGate(),
        textOrNull(setting.min()), textOrNull(setting.max()));
    String typeName = type.kind().typeName();
    return switch (type.form()) {
      case PRIMITIVE, REFERENCE -> CodeBlock.of("$T.of($L, $S, $L,\n$>$>$L,\n$L)$<$<",
          JavaNames.SETTING_COLUMN, key, typeName, defaultValue, doc, rest);
      case OPTIONAL -> CodeBlock.of("$T.optional($L, $S, $L,\n$>$>$L,\n$L)$<$<",
          JavaNames.SETTING_COLUMN, key, typeName, defaultValue, doc, rest);
      case OPTIONAL_LONG -> CodeBlock.of("$T.optionalLong($L, $S, $L,\n$>$>$L,\n$L)$<$<",
          JavaNames.SETTING_COLUMN, key, typeName, defaultValue, doc, rest);
      case OPTIONAL_INT -> CodeBlock.of("$T.optionalInt($L, $L,\n$>$>$L,\n$L)$<$<",
          JavaNames.SETTING_COLUMN, key, defaultValue, doc, rest);
      case OPTIONAL_DOUBLE -> CodeBlock.of("$T.optionalDouble($L, $L,\n$>$>$L,\n$L)$<$<",
          JavaNames.SETTING_COLUMN, key, defaultValue, doc, rest);
    };
  }

  private static CodeBlock textOrNull(Optional<String> text) {
    return text.map(JavaSyntax::string).orElseGet(() -> CodeBlock.of("null"));
  }

  /** The record's component values, in component order. */
  private static MethodSpec values(ResolvedSchema schema, ClassName record) {
    List<CodeBlock> reads = new ArrayList<>();
    for (ResolvedSetting setting : schema.settings()) {
      reads.add(CodeBlock.of("settings.$N()", setting.component()));
    }
    return MethodSpec.methodBuilder("values")
        .addModifiers(PRIVATE, STATIC)
        .returns(JavaNames.OBJECT_ARRAY)
        .addParameter(record, "settings")
        .addStatement("return new Object[] {$L}", JavaNames.wrapped(reads))
        .build();
  }

  /** The record of component values, each cast back to the component's type. */
  private static MethodSpec construct(ResolvedSchema schema, ClassName record) {
    List<CodeBlock> arguments = new ArrayList<>();
    boolean unchecked = false;
    for (ResolvedSetting setting : schema.settings()) {
      TypeName type = JavaSyntax.type(setting.type());
      unchecked |= type instanceof ParameterizedTypeName;
      arguments.add(CodeBlock.of("($T) values[$L]", type, setting.position()));
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder("construct")
        .addModifiers(PRIVATE, STATIC)
        .returns(record)
        .addParameter(JavaNames.OBJECT_ARRAY, "values")
        .addStatement("return new $T($L)", record, JavaNames.wrapped(arguments));
    if (unchecked) {
      // The table holds each component value as what the record component declares.
      method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "$S", "unchecked").build());
    }
    return method.build();
  }

  private static TypeSpec builderType(ResolvedSchema schema, ClassName record,
      ClassName companion, ClassName builder) {
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addModifiers(PUBLIC, STATIC, FINAL)
        .superclass(ParameterizedTypeName.get(JavaNames.SETTINGS_BUILDER, record, builder))
        .addJavadoc("Builds {@link $T}: every setting starts at its declared default, settings can\n"
            + "be set by key and text ({@code set}, {@code setAll}, {@code replaceWith}), and\n"
            + "{@code build()} reports every violated constraint at once.\n", record)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(PRIVATE)
            .addStatement("super(TABLE)")
            .build());
    for (ResolvedSetting setting : schema.settings()) {
      ValueType valueType = setting.type();
      String name = setting.component();
      type.addMethod(MethodSpec.methodBuilder(name)
          .addJavadoc("Sets {@code $L}: $L\n\n<p>$L\n", setting.key(),
              JavaSyntax.javadoc(setting.doc()), JavaSyntax.javadoc(facts(setting)))
          .addModifiers(PUBLIC)
          .returns(builder)
          .addParameter(JavaSyntax.type(valueType), name)
          .addStatement("return put($L, $N)", setting.position(), name)
          .build());
      if (valueType.optional()) {
        TypeName optional = JavaSyntax.type(valueType);
        type.addMethod(MethodSpec.methodBuilder(name)
            .addJavadoc("Sets {@code $L} to a value; see {@link #$N($T)}.\n", setting.key(), name,
                optional instanceof ParameterizedTypeName p ? p.rawType() : optional)
            .addModifiers(PUBLIC)
            .returns(builder)
            .addParameter(JavaSyntax.valueType(valueType), name)
            .addStatement("return put($L, $L)", setting.position(),
                JavaSyntax.wrap(valueType.form(), CodeBlock.of("$N", name)))
            .build());
      }
    }
    return type.build();
  }

  /** "Type int; default 8; at least 1; affects planning." */
  static String facts(ResolvedSetting setting) {
    List<String> facts = new ArrayList<>();
    facts.add("Type " + setting.type().description());
    facts.add(setting.defaultValue().map(d -> "default " + (d.isEmpty() ? "\"\"" : d))
        .orElse("unset by default"));
    setting.min().ifPresent(m -> facts.add("at least " + m));
    setting.max().ifPresent(m -> facts.add("at most " + m));
    if (setting.planningAffecting()) {
      facts.add("affects planning");
    }
    if (setting.featureGate()) {
      facts.add("feature gate");
    }
    return String.join("; ", facts) + ".";
  }

  private static TypeSpec mixin(ClassName record, ClassName companion, ClassName builder) {
    return JavaNames.mixin(record, companion)
        .addMethod(MethodSpec.methodBuilder("toBuilder")
            .addJavadoc("A builder holding this record's values.\n")
            .addModifiers(PUBLIC, DEFAULT)
            .returns(builder)
            .addStatement("return $T.from(($T) this)", companion, record)
            .build())
        .addMethod(MethodSpec.methodBuilder("toSettings")
            .addJavadoc("This record's values as setting text ({@link $T#toSettings}).\n",
                companion)
            .addModifiers(PUBLIC, DEFAULT)
            .returns(JavaNames.SORTED_TEXT_MAP)
            .addStatement("return $T.toSettings(($T) this)", companion, record)
            .build())
        .build();
  }
}

package io.codeanatomy.processor.emit.java;

import io.codeanatomy.processor.model.JavaForm;
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
 * javac compiles grows by a few short lines per setting (docs/benchmarks.md). Written with
 * {@link JavaWriter}, which says why this class is not rendered by JavaPoet.
 */
final class SchemaEmitter {

  private static final String SUPPORT = JavaNames.SUPPORT;

  private SchemaEmitter() {}

  static JavaSource emit(ResolvedSchema schema) {
    return JavaSource.of(schema.type().generated("Contract"), () -> render(schema));
  }

  static String render(ResolvedSchema schema) {
    String companion = Members.companionName(schema.type());
    JavaWriter w = Members.companionWriter(schema.type(), schema.mixin());
    String record = w.name(schema.type());
    for (ResolvedSetting setting : schema.settings()) {
      // the contract's own types take their simple names first, library types give way
      setting.type().enumType().ifPresent(w::name);
    }
    String string = w.name("java.lang", "String");

    w.javadoc("Settings schema {@code " + schema.namespace() + "} (version " + schema.version()
        + "), declared by {@link " + record + "}: its keys, its\n"
        + "table of settings, conversion to and from {@code key -> text} settings maps,\n"
        + "validation and the builder.\n");
    w.add("public final class " + companion + " {\n").indent();
    Members members = new Members(w);
    members.constant(string, "SCHEMA_NAMESPACE", JavaSyntax.literal(schema.namespace()),
        "The key namespace.");
    members.constant("int", "SCHEMA_VERSION", Integer.toString(schema.version()),
        "The declared schema version.");
    members.constant(string, "SCHEMA_FINGERPRINT", JavaSyntax.literal(schema.fingerprint()),
        "SHA-256 of the schema's canonical description, as in the manifest.");
    for (ResolvedSetting setting : schema.settings()) {
      members.constant(string, setting.keyConstant(), JavaSyntax.literal(setting.key()),
          "Key {@code " + setting.key() + "} (" + setting.type().description()
              + "); see {@link Builder#" + setting.component() + "}.");
    }
    table(w, members, schema, record, companion);
    members.constant(w.name("java.util", "List") + "<" + w.name(SUPPORT, "SettingDescriptor")
        + ">", "DESCRIPTORS", "TABLE.descriptors()",
        "Every setting of the schema, in declaration order.");
    members.constant(w.name("java.util", "List") + "<" + string + ">", "KEYS", "TABLE.keys()",
        "Every key of the schema, in declaration order.");

    members.privateConstructor(companion);
    members.delegate("isKey", "boolean", string, "key", "TABLE.isKey(key)",
        "Whether {@code key} is a key of this schema.");
    members.delegate("descriptor", w.name("java.util", "Optional") + "<"
            + w.name(SUPPORT, "SettingDescriptor") + ">", string, "key", "TABLE.descriptor(key)",
        "The registry row of {@code key}, if it is a key of this schema.");
    members.method("public static ", "Builder", "builder", null, null, "return TABLE.builder();",
        "A builder with every declared default filled in.");
    members.delegate("from", "Builder", record, "settings", "TABLE.builder(settings)",
        "A builder holding the values of {@code settings}.");
    members.method("public static ", record, "defaults", null, null, "return TABLE.defaults();",
        "The declared defaults.");
    members.delegate("toSettings", Members.sortedTextMap(w), record, "settings",
        "TABLE.toSettings(settings)",
        "The values of {@code settings} as setting text, sorted by key. Every key that has a\n"
            + "value is present; unset optional settings are left out.");
    members.delegate("fromSettings", record, Members.textMap(w), "settings",
        "TABLE.fromSettings(settings)",
        "Parses a complete settings map, such as {@link #toSettings} returns: every required key\n"
            + "must be present, absent optional keys are unset, unknown keys are refused.\n\n"
            + "@throws ContractViolationException with every problem, each naming its key");
    members.delegate("validate", w.name("java.util", "List") + "<" + w.name(SUPPORT, "Violation")
            + ">", record, "settings", "TABLE.validate(settings)",
        "Every declared constraint that {@code settings} violates; empty when valid.");
    components(w, members, schema, record);
    builderType(w, members, schema, record);
    if (schema.mixin()) {
      mixin(w, members, record, companion);
    }
    w.unindent().add("}\n");
    return w.finish("Generated by codeanatomy-processor from " + schema.type().qualifiedName()
        + ". Do not edit.");
  }

  /** The table: one column per setting. */
  private static void table(JavaWriter w, Members members, ResolvedSchema schema, String record,
      String companion) {
    members.tableStart("The schema's table: every setting's registry row and how the record "
            + "holds\nits value. Policies made of this schema read it.",
        w.name(SUPPORT, "SettingsTable"),
        record, JavaSyntax.literal("settings schema " + schema.namespace()), companion, "values",
        w.name(SUPPORT, "SettingColumn"));
    w.indent().indent().indent();
    for (int i = 0; i < schema.settings().size(); i++) {
      w.add(i == 0 ? "\n" : ",\n");
      column(w, schema.settings().get(i));
    }
    w.unindent().add("})").unindent().unindent().add(";\n");
  }

  /**
   * One column: the {@code SettingColumn} factory of the component's shape with the setting's
   * row as plain values ({@code null} for unset).
   */
  private static void column(JavaWriter w, ResolvedSetting setting) {
    ValueType type = setting.type();
    String column = w.name(SUPPORT, "SettingColumn");
    String key = setting.keyConstant();
    String defaultValue = literalOrNull(setting.defaultValue());
    String doc = JavaSyntax.literal(setting.doc());
    String scope = w.name(JavaNames.ANNOTATIONS, "Setting", "Scope") + "." + setting.scope().name();
    if (type.kind() == ValueKind.ENUM) {
      w.add(column + "." + (type.optional() ? "optionalEnum" : "ofEnum") + "("
          + w.name(type.enumType().orElseThrow()) + ".class, " + key + ", " + defaultValue + ",\n");
      w.indent().indent().add(doc + ",\n" + scope + ", " + setting.planningAffecting() + ")");
      w.unindent().unindent();
      return;
    }
    String rest = w.name(JavaNames.ANNOTATIONS, "Setting", "Unit") + "." + setting.unit().name()
        + ", " + scope + ", " + setting.planningAffecting() + ", " + setting.featureGate() + ", "
        + literalOrNull(setting.min()) + ", " + literalOrNull(setting.max());
    String typeName = JavaSyntax.literal(type.kind().typeName());
    String head = switch (type.form()) {
      case PRIMITIVE, REFERENCE -> ".of(" + key + ", " + typeName + ", ";
      case OPTIONAL -> ".optional(" + key + ", " + typeName + ", ";
      case OPTIONAL_LONG -> ".optionalLong(" + key + ", " + typeName + ", ";
      case OPTIONAL_INT -> ".optionalInt(" + key + ", ";
      case OPTIONAL_DOUBLE -> ".optionalDouble(" + key + ", ";
    };
    w.add(column + head + defaultValue + ",\n");
    w.indent().indent().add(doc + ",\n" + rest + ")");
    w.unindent().unindent();
  }

  private static String literalOrNull(Optional<String> text) {
    return text.map(JavaSyntax::literal).orElse("null");
  }

  /**
   * The record's component values in component order, and the record from them, each value cast
   * back to the component's type.
   */
  private static void components(JavaWriter w, Members members, ResolvedSchema schema,
      String record) {
    List<String> reads = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    boolean unchecked = false;
    for (ResolvedSetting setting : schema.settings()) {
      reads.add("settings." + setting.component() + "()");
      unchecked |= generic(setting.type());
      arguments.add("(" + JavaSyntax.type(w, setting.type()) + ") values[" + setting.position()
          + "]");
    }
    members.components("values", record, "settings", reads, "values", arguments, unchecked);
  }

  /** Whether a setting's Java type has type arguments, so that a cast to it is unchecked. */
  private static boolean generic(ValueType type) {
    return type.form() == JavaForm.OPTIONAL || type.kind() == ValueKind.STRING_LIST;
  }

  private static void builderType(JavaWriter w, Members outer, ResolvedSchema schema,
      String record) {
    outer.next();
    w.javadoc("Builds {@link " + record + "}: every setting starts at its declared default, "
        + "settings can\nbe set by key and text ({@code set}, {@code setAll}, "
        + "{@code replaceWith}), and\n"
        + "{@code build()} reports every violated constraint at once.\n");
    w.add("public static final class Builder extends " + w.name(SUPPORT, "SettingsBuilder") + "<"
        + record + ", Builder> {\n").indent();
    Members members = new Members(w);
    members.constructor("private ", "Builder", "super(TABLE);");
    for (ResolvedSetting setting : schema.settings()) {
      ValueType valueType = setting.type();
      String name = setting.component();
      members.method("public ", "Builder", name, JavaSyntax.type(w, valueType), name,
          "return put(" + setting.position() + ", " + name + ");",
          "Sets {@code " + setting.key() + "}: " + JavaSyntax.javadoc(setting.doc()) + "\n\n<p>"
              + JavaSyntax.javadoc(facts(setting)));
      if (valueType.optional()) {
        members.method("public ", "Builder", name, JavaSyntax.valueType(w, valueType), name,
            "return put(" + setting.position() + ", "
                + JavaSyntax.wrap(w, valueType.form(), name) + ");",
            "Sets {@code " + setting.key() + "} to a value; see {@link #" + name + "("
                + JavaSyntax.rawType(w, valueType) + ")}.");
      }
    }
    w.unindent().add("}\n");
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

  private static void mixin(JavaWriter w, Members outer, String record, String companion) {
    outer.next();
    Members members = Members.mixin(w, record, companion);
    members.method("default ", "Builder", "toBuilder", null, null,
        "return " + companion + ".from((" + record + ") this);",
        "A builder holding this record's values.");
    members.method("default ", Members.sortedTextMap(w), "toSettings", null, null,
        "return " + companion + ".toSettings((" + record + ") this);",
        "This record's values as setting text ({@link " + companion + "#toSettings}).");
    w.unindent().add("}\n");
  }
}

package io.codeanatomy.processor.emit.java;

import static javax.lang.model.element.Modifier.DEFAULT;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.resolve.ResolvedContract;
import io.codeanatomy.processor.resolve.ResolvedField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Emits {@code <Record>Contract} for a contract: its name, version, layout and schema
 * fingerprint, its canonical bytes and hash (docs/canonical-encoding.md, section 3), its
 * validation, its {@code ContractCodec}, and, for a record (a protobuf message has protoc's
 * builder and cannot implement a mixin), the builder and the mixin. One file per contract.
 */
final class ContractEmitter {

  private ContractEmitter() {}

  static JavaFile emit(ResolvedContract contract) {
    ClassName record = JavaNames.of(contract.type());
    ClassName companion = JavaNames.companion(contract.type());
    TypeSpec.Builder type = TypeSpec.classBuilder(companion)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("Contract {@code $L} (version $L, layout {@code $L}), declared by {@link $T}:\n"
                + "its canonical bytes and hash, validation$L. Fields marked {@code @Provenance}\n"
                + "are left out of the hash.\n",
            contract.name(), contract.version(), contract.layoutName(), record,
            contract.record() ? " and builder" : "");
    type.addField(JavaNames.constant(JavaNames.STRING, "CONTRACT_NAME",
        CodeBlock.of("$S", contract.name()), "The contract name."));
    type.addField(JavaNames.constant(TypeName.INT, "CONTRACT_VERSION",
        CodeBlock.of("$L", contract.version()), "The declared contract version."));
    type.addField(JavaNames.constant(JavaNames.STRING, "LAYOUT",
        CodeBlock.of("$S", contract.layoutName()), "How the record is laid out for hashing."));
    type.addField(JavaNames.constant(JavaNames.STRING, "SCHEMA_FINGERPRINT",
        CodeBlock.of("$S", contract.fingerprint()),
        "SHA-256 of the contract's canonical description, as in the manifest."));
    type.addField(JavaNames.constant(TypeName.BOOLEAN, "FORWARD_COMPATIBLE",
        CodeBlock.of("$L", contract.forwardCompatible()),
        "Whether readers keep fields they do not know (else they refuse the payload)."));
    type.addField(JavaNames.constant(JavaNames.STRING_LIST, "FIELDS", names(contract.fields()),
        "Every field name, in declaration order."));
    type.addField(JavaNames.constant(JavaNames.STRING_LIST, "HASHED_FIELDS",
        names(contract.hashedFields()), "The fields that enter the hash, in declaration order."));
    type.addField(JavaNames.constant(ParameterizedTypeName.get(JavaNames.CONTRACT_CODEC, record),
        "CODEC", CodeBlock.of("$T.of($T.class, CONTRACT_NAME, CONTRACT_VERSION, "
                + "SCHEMA_FINGERPRINT,$WLAYOUT, FORWARD_COMPATIBLE, FIELDS, HASHED_FIELDS, "
                + "$T::write,$W$T::validate)", JavaNames.CONTRACT_CODEC, record, companion,
            companion),
        "The contract's codec, as readers and the contract set's catalog use it."));
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());

    type.addMethod(MethodSpec.methodBuilder("canonicalBytes")
        .addJavadoc("The canonical bytes whose SHA-256 is the contract's hash.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(ArrayTypeName.of(TypeName.BYTE))
        .addParameter(record, "value")
        .addStatement("return CODEC.canonicalBytes(value)")
        .build());
    type.addMethod(MethodSpec.methodBuilder("hash")
        .addJavadoc("The contract's hash: SHA-256 of its canonical bytes, lowercase hex.\n\n"
            + "@throws ContractViolationException naming the field, for a null where a value is\n"
            + "    required\n"
            + "@throws NonCanonicalValueException naming the field, for NaN, an infinity or text\n"
            + "    that is not Unicode\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.STRING)
        .addParameter(record, "value")
        .addStatement("return CODEC.hash(value)")
        .build());

    MethodSpec.Builder write = MethodSpec.methodBuilder("write")
        .addModifiers(PUBLIC, STATIC)
        .addParameter(JavaNames.CANONICAL_WRITER, "writer")
        .addParameter(record, "value");
    if (contract.orderedPairs()) {
      write.addJavadoc("Writes the hashed form: the {@code [name, value]} pairs of the hashed\n"
              + "fields, in declaration order.\n")
          .addStatement("writeBody(writer, value)");
    } else {
      write.addJavadoc("Writes the hashed form: the envelope {@code {contract, fields, version}}.\n")
          .addStatement("writer.writeMapHeader(3)")
          .addStatement("writer.writeString($S)", "contract")
          .addStatement("writer.writeString(CONTRACT_NAME)")
          .addStatement("writer.writeString($S)", "fields")
          .addStatement("writeBody(writer, value)")
          .addStatement("writer.writeString($S)", "version")
          .addStatement("writer.writeInt(CONTRACT_VERSION)");
    }
    type.addMethod(write.build());
    type.addMethod(writeBody(contract, record));
    type.addMethod(validate(contract, record));
    if (contract.record()) {
      ClassName builder = companion.nestedClass("Builder");
      type.addMethod(MethodSpec.methodBuilder("builder")
          .addJavadoc("An empty builder: lists, maps and optionals start empty.\n")
          .addModifiers(PUBLIC, STATIC)
          .returns(builder)
          .addStatement("return new $T()", builder)
          .build());
      type.addMethod(JavaNames.delegate("from", builder, record, "value",
          "new Builder().load(value)", "A builder holding the values of {@code value}."));
      type.addType(builderType(contract, record, builder));
      if (contract.mixin()) {
        type.addType(JavaNames.mixin(record, companion)
            .addMethod(MethodSpec.methodBuilder("toBuilder")
                .addJavadoc("A builder holding this record's values.\n")
                .addModifiers(PUBLIC, DEFAULT)
                .returns(builder)
                .addStatement("return $T.from(($T) this)", companion, record)
                .build())
            .addMethod(MethodSpec.methodBuilder("hash")
                .addJavadoc("The contract's hash: SHA-256 of its canonical bytes ({@link $T#hash}).\n",
                    companion)
                .addModifiers(PUBLIC, DEFAULT)
                .returns(JavaNames.STRING)
                .addStatement("return $T.hash(($T) this)", companion, record)
                .build())
            .addMethod(MethodSpec.methodBuilder("canonicalBytes")
                .addJavadoc("The canonical bytes that are hashed ({@link $T#canonicalBytes}).\n",
                    companion)
                .addModifiers(PUBLIC, DEFAULT)
                .returns(ArrayTypeName.of(TypeName.BYTE))
                .addStatement("return $T.canonicalBytes(($T) this)", companion, record)
                .build())
            .build());
      }
    }
    return JavaNames.file(companion, type, contract.type().qualifiedName());
  }

  private static CodeBlock names(List<ResolvedField> fields) {
    List<CodeBlock> names = new ArrayList<>();
    fields.forEach(f -> names.add(CodeBlock.of("$S", f.name())));
    return CodeBlock.of("$T.of($L)", JavaNames.LIST, JavaNames.wrapped(names));
  }

  /** The body: a map of the hashed fields (sorted), or their pairs (in order). */
  private static MethodSpec writeBody(ResolvedContract contract, ClassName record) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("writeBody")
        .addJavadoc("Writes the body, without an envelope: how this contract is written when it is\n"
            + "nested in another.\n")
        .addModifiers(PUBLIC, STATIC)
        .addParameter(JavaNames.CANONICAL_WRITER, "writer")
        .addParameter(record, "value")
        .addStatement("$T.required($S, value)", JavaNames.CONTRACT_ENCODING, contract.name());
    boolean pairs = contract.orderedPairs();
    method.addStatement(pairs ? "writer.writeArrayHeader($L)" : "writer.writeMapHeader($L)",
        contract.hashedInWriteOrder().size());
    for (ResolvedField field : contract.hashedInWriteOrder()) {
      if (pairs) {
        method.addStatement("writer.writeArrayHeader(2)");
      }
      method.addStatement("writer.writeString($S)", field.name());
      Context context = new Context(contract.spelling(), pairs);
      method.addStatement(write(context, field.type(), "writer",
          accessor(contract.declared(), field.declared(), "value"),
          contract.name() + "." + field.name(), field, 0));
    }
    return method.build();
  }

  /** What the code of one field's value depends on besides its type. */
  private record Context(ContractModel.Spelling spelling, boolean pairs) {
    boolean proto() {
      return spelling == ContractModel.Spelling.PROTO;
    }
  }

  /**
   * The expression reading a field of {@code value}, a {@code contract}: the record component,
   * or protoc's getter ({@code getX()}, {@code getXList()}, {@code getXMap()}, named as protoc
   * names them; a proto3 optional as an {@code Optional*}; bytes as {@code byte[]}).
   */
  private static CodeBlock accessor(ContractModel contract, ContractField field, String value) {
    if (contract.spelling() == ContractModel.Spelling.RECORD) {
      return CodeBlock.of("$N.$N()", value, field.component());
    }
    String name = ProtocNames.accessor(field, contract.fields());
    FieldType type = field.type();
    if (type instanceof FieldType.ListType) {
      return CodeBlock.of("$N.get$LList()", value, name);
    }
    if (type instanceof FieldType.MapType) {
      return CodeBlock.of("$N.get$LMap()", value, name);
    }
    if (type instanceof FieldType.OptionalType optional) {
      ClassName holder = switch (optional.form()) {
        case OPTIONAL_INT -> JavaNames.OPTIONAL_INT;
        case OPTIONAL_LONG -> JavaNames.OPTIONAL_LONG;
        case OPTIONAL_DOUBLE -> JavaNames.OPTIONAL_DOUBLE;
        default -> JavaNames.OPTIONAL;
      };
      CodeBlock present = bytes(optional.element())
          ? CodeBlock.of("$N.get$L().toByteArray()", value, name)
          : CodeBlock.of("$N.get$L()", value, name);
      // Parenthesized, with the type argument spelled out, so that the expression has its type
      // wherever it stands, also as the receiver of ifPresent (no target type there).
      CodeBlock empty = optional.form() == JavaForm.OPTIONAL
          ? CodeBlock.of("$T.<$T>empty()", holder, javaType(optional.element(), true))
          : CodeBlock.of("$T.empty()", holder);
      return CodeBlock.of("($N.has$L() ? $T.of($L) : $L)", value, name, holder, present, empty);
    }
    if (bytes(type)) {
      return CodeBlock.of("$N.get$L().toByteArray()", value, name);
    }
    return CodeBlock.of("$N.get$L()", value, name);
  }

  private static boolean bytes(FieldType type) {
    return type instanceof FieldType.Scalar s && s.kind() == FieldType.ScalarKind.BYTES;
  }

  /**
   * The statement (without semicolon) that writes {@code value} of {@code type}. Lists, maps and
   * optionals pass a lambda that writes their elements; {@code depth} names its parameters.
   * {@code field} is the declaring field at depth 0 (its bag and absent markers), else null.
   */
  private static CodeBlock write(Context context, FieldType type, String writer, CodeBlock value,
      String path, ResolvedField field, int depth) {
    ClassName encoding = JavaNames.CONTRACT_ENCODING;
    if (type instanceof FieldType.Scalar scalar) {
      return switch (scalar.kind()) {
        case BOOLEAN -> CodeBlock.of("$T.bool($N, $L)", encoding, writer, value);
        case INT, LONG -> CodeBlock.of("$T.integer($N, $L)", encoding, writer, value);
        case DOUBLE -> CodeBlock.of("$T.float64($N, $S, $L)", encoding, writer, path, value);
        case STRING -> CodeBlock.of("$T.string($N, $S, $L)", encoding, writer, path, value);
        // A proto list element is a ByteString; everything else reaching here is a byte[].
        case BYTES -> depth > 0 && context.proto()
            ? CodeBlock.of("$T.bytes($N, $S, $L.toByteArray())", encoding, writer, path, value)
            : CodeBlock.of("$T.bytes($N, $S, $L)", encoding, writer, path, value);
      };
    }
    if (type instanceof FieldType.EnumType) {
      return CodeBlock.of("$T.enumText($N, $S, $L)", encoding, writer, path, value);
    }
    if (type instanceof FieldType.ContractRef ref) {
      return CodeBlock.of("$T.writeBody($N, $L)", JavaNames.companion(ref.type()), writer, value);
    }
    String w = "w" + depth;
    String e = "e" + depth;
    boolean bag = field != null && field.bag();
    if (type instanceof FieldType.ListType list) {
      CodeBlock element = write(context, list.element(), w, CodeBlock.of("$N", e), path + "[]",
          null, depth + 1);
      if (bag) {
        return CodeBlock.of("$T.bag($N, $S, $L,\n$>$>($N, $N) -> $L,\n$L$<$<)", encoding,
            writer, path, value, w, e, element, bagOrder(list.element(), field));
      }
      return CodeBlock.of("$T.list($N, $S, $L,\n$>$>($N, $N) -> $L$<$<)", encoding, writer, path,
          value, w, e, element);
    }
    if (type instanceof FieldType.MapType map) {
      return CodeBlock.of("$T.$L($N, $S, $L,\n$>$>($N, $N) -> $L$<$<)", encoding,
          context.pairs() ? "pairs" : "map", writer, path, value, w, e,
          write(context, map.value(), w, CodeBlock.of("$N", e), path + "[]", null, depth + 1));
    }
    FieldType.OptionalType optional = (FieldType.OptionalType) type;
    boolean absentAsEmpty = field != null && field.absentAsEmptyString();
    return switch (optional.form()) {
      case OPTIONAL_INT -> CodeBlock.of("$T.optionalInt($N, $S, $L, $L)", encoding, writer, path,
          value, absentAsEmpty);
      case OPTIONAL_LONG -> CodeBlock.of("$T.optionalLong($N, $S, $L, $L)", encoding, writer,
          path, value, absentAsEmpty);
      case OPTIONAL_DOUBLE -> CodeBlock.of("$T.optionalDouble($N, $S, $L, $L)", encoding, writer,
          path, value, absentAsEmpty);
      // A proto3 optional of bytes is already a byte[] here (the accessor converts it).
      default -> CodeBlock.of("$T.optional($N, $S, $L, $L,\n$>$>($N, $N) -> $L$<$<)", encoding,
          writer, path, value, absentAsEmpty, w, e,
          write(new Context(ContractModel.Spelling.RECORD, context.pairs()),
              optional.element(), w, CodeBlock.of("$N", e), path, null, depth + 1));
    };
  }

  /**
   * The order of a bag: text (strings, enums), value (numbers, booleans), a key field of its
   * contracts, or null (canonical bytes).
   */
  private static CodeBlock bagOrder(FieldType element, ResolvedField field) {
    ClassName encoding = JavaNames.CONTRACT_ENCODING;
    ClassName comparator = ClassName.get(Comparator.class);
    if (element instanceof FieldType.Scalar scalar) {
      return switch (scalar.kind()) {
        case STRING -> CodeBlock.of("$T.byText()", encoding);
        case INT, LONG, DOUBLE, BOOLEAN -> CodeBlock.of("$T.byValue()", encoding);
        case BYTES -> CodeBlock.of("null");
      };
    }
    if (element instanceof FieldType.EnumType) {
      // An enum is written as its text, so it sorts as text does.
      return CodeBlock.of("$T.comparing(k -> $T.formatEnum(k), $T.byText())", comparator,
          JavaNames.SETTING_TEXT, encoding);
    }
    if (field.bagKey().isPresent()) {
      ResolvedField.BagKey key = field.bagKey().get();
      CodeBlock access = accessor(key.element(), key.field(), "k");
      CodeBlock text = key.field().type() instanceof FieldType.EnumType
          ? CodeBlock.of("$T.formatEnum($L)", JavaNames.SETTING_TEXT, access) : access;
      return CodeBlock.of("$T.comparing(k -> $L, $T.byText())", comparator, text, encoding);
    }
    return CodeBlock.of("null");
  }

  /** {@code validate}: nulls (records), hash fields, and nested contracts, each by path. */
  private static MethodSpec validate(ResolvedContract contract, ClassName record) {
    ClassName validation = JavaNames.CONTRACT_VALIDATION;
    MethodSpec.Builder method = MethodSpec.methodBuilder("validate")
        .addJavadoc("Every constraint {@code value} violates: $L hash fields that are not SHA-256\n"
            + "digests, and the violations of nested contracts, each named by its path.\n",
            contract.record() ? "missing values," : "")
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.VIOLATION_LIST)
        .addParameter(record, "value")
        .addStatement("$T violations = new $T($S)", JavaNames.VIOLATIONS, JavaNames.VIOLATIONS,
            "contract " + contract.name());
    for (ResolvedField field : contract.fields()) {
      CodeBlock access = accessor(contract.declared(), field.declared(), "value");
      FieldType type = field.type();
      CodeBlock.Builder checks = CodeBlock.builder();
      if (field.hash() != ContractField.HashRule.NONE) {
        boolean allowEmpty = field.hash() == ContractField.HashRule.HASH_OR_EMPTY;
        String check = type instanceof FieldType.ListType ? "hashes"
            : type instanceof FieldType.MapType ? "hashValues" : "hash";
        checks.addStatement("$T.$L(violations, $S, $L, $L)", validation, check, field.name(),
            access, allowEmpty);
      }
      nestedCheck(checks, validation, type, field.name(), access);
      boolean nullable = contract.record()
          && !(type instanceof FieldType.Scalar s && s.form() == JavaForm.PRIMITIVE);
      if (nullable) {
        method.addStatement("violations.notNull($S, $L)", field.name(), access);
        if (!checks.isEmpty()) {
          method.beginControlFlow("if ($L != null)", access).addCode(checks.build())
              .endControlFlow();
        }
      } else {
        method.addCode(checks.build());
      }
    }
    return method.addStatement("return violations.list()").build();
  }

  private static void nestedCheck(CodeBlock.Builder method, ClassName validation, FieldType type,
      String path, CodeBlock access) {
    if (type instanceof FieldType.ContractRef ref) {
      method.addStatement("$T.nested(violations, $S, $L, $T::validate)", validation, path, access,
          JavaNames.companion(ref.type()));
    } else if (type instanceof FieldType.ListType list
        && list.element() instanceof FieldType.ContractRef ref) {
      method.addStatement("$T.nestedEach(violations, $S, $L, $T::validate)", validation, path,
          access, JavaNames.companion(ref.type()));
    } else if (type instanceof FieldType.MapType map
        && map.value() instanceof FieldType.ContractRef ref) {
      method.addStatement("$T.nestedValues(violations, $S, $L, $T::validate)", validation, path,
          access, JavaNames.companion(ref.type()));
    } else if (type instanceof FieldType.OptionalType optional
        && optional.element() instanceof FieldType.ContractRef ref) {
      method.addStatement("$L.ifPresent(v -> $T.nested(violations, $S, v, $T::validate))", access,
          validation, path, JavaNames.companion(ref.type()));
    }
  }

  /**
   * The builder of a contract record: lists, maps and optionals start empty, every other field
   * must be set (a primitive starts at zero), and {@code build()} reports every missing or null
   * value at once. Lists and maps are copied, so the built record is immutable.
   */
  private static TypeSpec builderType(ResolvedContract contract, ClassName record,
      ClassName builder) {
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addModifiers(PUBLIC, STATIC, FINAL)
        .addJavadoc("Builds {@link $T} (contract {@code $L}): lists, maps and optionals start\n"
                + "empty; {@link #build()} reports every missing value at once. Not thread-safe.\n",
            record, contract.name());
    for (ResolvedField field : contract.fields()) {
      FieldSpec.Builder spec = FieldSpec.builder(javaType(field.type(), false), field.component(),
          PRIVATE);
      CodeBlock initial = initial(field.type());
      if (initial != null) {
        spec.initializer(initial);
      }
      type.addField(spec.build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    MethodSpec.Builder load = MethodSpec.methodBuilder("load")
        .addModifiers(PRIVATE)
        .returns(builder)
        .addParameter(record, "value");
    for (ResolvedField field : contract.fields()) {
      load.addStatement("this.$N = value.$N()", field.component(), field.component());
    }
    type.addMethod(load.addStatement("return this").build());
    for (ResolvedField field : contract.fields()) {
      type.addMethod(MethodSpec.methodBuilder(field.component())
          .addJavadoc("Sets {@code $L}$L.\n", field.name(),
              field.provenance() ? " (provenance: kept in payloads, left out of the hash)" : "")
          .addModifiers(PUBLIC)
          .returns(builder)
          .addParameter(javaType(field.type(), false), field.component())
          .addStatement("this.$N = $N", field.component(), field.component())
          .addStatement("return this")
          .build());
    }
    MethodSpec.Builder build = MethodSpec.methodBuilder("build")
        .addJavadoc("Builds the record.\n\n@throws ContractViolationException naming every field "
            + "that is missing or null\n")
        .addModifiers(PUBLIC)
        .returns(record)
        .addStatement("$T violations = new $T($S)", JavaNames.VIOLATIONS, JavaNames.VIOLATIONS,
            "contract " + contract.name());
    List<CodeBlock> arguments = new ArrayList<>();
    for (ResolvedField field : contract.fields()) {
      if (!isPrimitive(field.type())) {
        build.addStatement("violations.notNull($S, this.$N)", field.name(), field.component());
      }
      if (field.type() instanceof FieldType.ListType || field.type() instanceof FieldType.MapType) {
        build.addStatement("violations.noNullElements($S, this.$N)", field.name(),
            field.component());
      }
      arguments.add(copy(field));
    }
    build.addStatement("violations.throwIfAny()")
        .addStatement("$T value = new $T($L)", record, record, JavaNames.wrapped(arguments))
        // Qualified: a component named validate gives the builder a setter that hides it.
        .addStatement("violations.addAll($T.validate(value))",
            JavaNames.companion(contract.type()))
        .addStatement("violations.throwIfAny()")
        .addStatement("return value");
    return type.addMethod(build.build()).build();
  }

  private static boolean isPrimitive(FieldType type) {
    return type instanceof FieldType.Scalar scalar && scalar.form() == JavaForm.PRIMITIVE;
  }

  /** The starting value: empty for lists, maps and optionals; none (null or zero) otherwise. */
  private static CodeBlock initial(FieldType type) {
    if (type instanceof FieldType.ListType) {
      return CodeBlock.of("$T.of()", JavaNames.LIST);
    }
    if (type instanceof FieldType.MapType) {
      return CodeBlock.of("$T.of()", JavaNames.MAP);
    }
    if (type instanceof FieldType.OptionalType optional) {
      return CodeBlock.of("$T.empty()", switch (optional.form()) {
        case OPTIONAL_INT -> JavaNames.OPTIONAL_INT;
        case OPTIONAL_LONG -> JavaNames.OPTIONAL_LONG;
        case OPTIONAL_DOUBLE -> JavaNames.OPTIONAL_DOUBLE;
        default -> JavaNames.OPTIONAL;
      });
    }
    return null;
  }

  /**
   * The argument passed to the record: lists and maps copied so the record stays immutable. The
   * builder's fields are read through {@code this}, as {@code build()} has locals of its own
   * ({@code violations}, {@code value}) that a component may be named like.
   */
  private static CodeBlock copy(ResolvedField field) {
    if (field.type() instanceof FieldType.ListType) {
      return CodeBlock.of("$T.copyOf(this.$N)", JavaNames.LIST, field.component());
    }
    if (field.type() instanceof FieldType.MapType) {
      return CodeBlock.of("$T.copyOf(this.$N)", JavaNames.MAP, field.component());
    }
    return CodeBlock.of("this.$N", field.component());
  }

  /** The Java type of a field as the record component spells it. */
  private static TypeName javaType(FieldType type, boolean element) {
    if (type instanceof FieldType.Scalar scalar) {
      boolean boxed = element || scalar.form() == JavaForm.REFERENCE;
      return switch (scalar.kind()) {
        case BOOLEAN -> boxed ? ClassName.get(Boolean.class) : TypeName.BOOLEAN;
        case INT -> boxed ? ClassName.get(Integer.class) : TypeName.INT;
        case LONG -> boxed ? ClassName.get(Long.class) : TypeName.LONG;
        case DOUBLE -> boxed ? ClassName.get(Double.class) : TypeName.DOUBLE;
        case STRING -> JavaNames.STRING;
        case BYTES -> ArrayTypeName.of(TypeName.BYTE);
      };
    }
    if (type instanceof FieldType.EnumType enumType) {
      return JavaNames.of(enumType.type());
    }
    if (type instanceof FieldType.ContractRef ref) {
      return JavaNames.of(ref.type());
    }
    if (type instanceof FieldType.ListType list) {
      return ParameterizedTypeName.get(JavaNames.LIST, javaType(list.element(), true));
    }
    if (type instanceof FieldType.MapType map) {
      return ParameterizedTypeName.get(JavaNames.MAP, JavaNames.STRING,
          javaType(map.value(), true));
    }
    FieldType.OptionalType optional = (FieldType.OptionalType) type;
    return switch (optional.form()) {
      case OPTIONAL_INT -> JavaNames.OPTIONAL_INT;
      case OPTIONAL_LONG -> JavaNames.OPTIONAL_LONG;
      case OPTIONAL_DOUBLE -> JavaNames.OPTIONAL_DOUBLE;
      default -> ParameterizedTypeName.get(JavaNames.OPTIONAL, javaType(optional.element(), true));
    };
  }
}

package io.codeanatomy.processor.emit.java;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.codeanatomy.contracts.canonical.Utf8;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.Fingerprints;
import io.codeanatomy.processor.model.JavaForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Emits {@code <Record>Contract}: the contract's name, version, layout and schema fingerprint, and
 * its canonical bytes and hash (docs/canonical-encoding.md, section 3).
 */
final class ContractCodecEmitter {

  static final ClassName WRITER = ClassName.get(JavaNames.CANONICAL, "CanonicalWriter");
  static final ClassName ENCODING = ClassName.get(JavaNames.SUPPORT, "ContractEncoding");

  private ContractCodecEmitter() {}

  static ClassName codec(io.codeanatomy.processor.model.TypeRef type) {
    return JavaNames.of(type.generated("Contract"));
  }

  static com.palantir.javapoet.JavaFile emit(ContractSet set, ContractModel contract) {
    ClassName record = JavaNames.of(contract.type());
    ClassName codec = codec(contract.type());
    String layout = contract.layout().name().toLowerCase(Locale.ROOT);
    TypeSpec.Builder type = TypeSpec.classBuilder(codec)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("Contract {@code $L} (version $L, layout {@code $L}), declared by {@link $T}:\n"
                + "its canonical bytes and hash. Fields marked {@code @Provenance} are left out.\n",
            contract.name(), contract.version(), layout, record);
    type.addField(constant(TypeName.get(String.class), "CONTRACT_NAME",
        CodeBlock.of("$S", contract.name()), "The contract name."));
    type.addField(constant(TypeName.INT, "CONTRACT_VERSION",
        CodeBlock.of("$L", contract.version()), "The declared contract version."));
    type.addField(constant(TypeName.get(String.class), "LAYOUT", CodeBlock.of("$S", layout),
        "How the record is laid out for hashing."));
    type.addField(constant(TypeName.get(String.class), "SCHEMA_FINGERPRINT",
        CodeBlock.of("$S", Fingerprints.contract(set, contract)),
        "SHA-256 of the contract's canonical description, as in the manifest."));
    type.addField(constant(TypeName.BOOLEAN, "FORWARD_COMPATIBLE",
        CodeBlock.of("$L", contract.forwardCompatible()),
        "Whether readers keep fields they do not know (else they refuse the payload)."));
    type.addField(constant(JavaNames.STRING_LIST, "FIELDS", names(contract.fields()),
        "Every field name, in declaration order."));
    type.addField(constant(JavaNames.STRING_LIST, "HASHED_FIELDS", names(contract.hashedFields()),
        "The fields that enter the hash, in declaration order."));
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());

    type.addMethod(MethodSpec.methodBuilder("canonicalBytes")
        .addJavadoc("The canonical bytes whose SHA-256 is the contract's hash.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(byte[].class)
        .addParameter(record, "value")
        .addStatement("$T writer = new $T()", WRITER, WRITER)
        .addStatement("write(writer, value)")
        .addStatement("return writer.toByteArray()")
        .build());
    type.addMethod(MethodSpec.methodBuilder("hash")
        .addJavadoc("The contract's hash: SHA-256 of its canonical bytes, lowercase hex.\n\n"
                + "@throws $T naming the field, for a null where a value is required\n"
                + "@throws $T naming the field, for NaN, an infinity or text that is not Unicode\n",
            ClassName.get(JavaNames.SUPPORT, "ContractViolationException"),
            ClassName.get(JavaNames.CANONICAL, "NonCanonicalValueException"))
        .addModifiers(PUBLIC, STATIC)
        .returns(String.class)
        .addParameter(record, "value")
        .addStatement("$T writer = new $T()", WRITER, WRITER)
        .addStatement("write(writer, value)")
        .addStatement("return writer.sha256Hex()")
        .build());

    MethodSpec.Builder write = MethodSpec.methodBuilder("write")
        .addModifiers(PUBLIC, STATIC)
        .addParameter(WRITER, "writer")
        .addParameter(record, "value");
    if (contract.layout() == ContractModel.Layout.SORTED_MAP) {
      write.addJavadoc("Writes the hashed form: the envelope {@code {contract, fields, version}}.\n")
          .addStatement("writer.writeMapHeader(3)")
          .addStatement("writer.writeString($S)", "contract")
          .addStatement("writer.writeString(CONTRACT_NAME)")
          .addStatement("writer.writeString($S)", "fields")
          .addStatement("writeBody(writer, value)")
          .addStatement("writer.writeString($S)", "version")
          .addStatement("writer.writeInt(CONTRACT_VERSION)");
    } else {
      write.addJavadoc("Writes the hashed form: the {@code [name, value]} pairs of the hashed\n"
              + "fields, in declaration order.\n")
          .addStatement("writeBody(writer, value)");
    }
    type.addMethod(write.build());
    type.addMethod(writeBody(set, contract, record));
    type.addMethod(validate(set, contract, record));
    return JavaNames.file(codec, type, contract.type().qualifiedName());
  }

  private static FieldSpec constant(TypeName type, String name, CodeBlock value, String doc) {
    return FieldSpec.builder(type, name, PUBLIC, STATIC, FINAL)
        .addJavadoc("$L\n", doc)
        .initializer(value)
        .build();
  }

  private static CodeBlock names(List<ContractField> fields) {
    List<CodeBlock> names = new ArrayList<>();
    fields.forEach(f -> names.add(CodeBlock.of("$S", f.name())));
    return CodeBlock.of("$T.of($L)", JavaNames.LIST, CodeBlock.join(names, ", "));
  }

  /** The body: a map of the hashed fields (sorted), or their pairs (in order). */
  private static MethodSpec writeBody(ContractSet set, ContractModel contract, ClassName record) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("writeBody")
        .addJavadoc("Writes the body, without an envelope: how this contract is written when it is\n"
            + "nested in another.\n")
        .addModifiers(PUBLIC, STATIC)
        .addParameter(WRITER, "writer")
        .addParameter(record, "value")
        .addStatement("$T.required($S, value)", ENCODING, contract.name());
    List<ContractField> fields = new ArrayList<>(contract.hashedFields());
    boolean pairs = contract.layout() == ContractModel.Layout.ORDERED_PAIRS;
    if (pairs) {
      method.addStatement("writer.writeArrayHeader($L)", fields.size());
    } else {
      fields.sort((a, b) -> Utf8.compare(a.name(), b.name()));
      method.addStatement("writer.writeMapHeader($L)", fields.size());
    }
    for (ContractField field : fields) {
      if (pairs) {
        method.addStatement("writer.writeArrayHeader(2)");
      }
      method.addStatement("writer.writeString($S)", field.name());
      Context context = new Context(set, contract.spelling(), pairs);
      method.addStatement(write(context, field.type(), "writer", accessor(contract, field, "value"),
          contract.name() + "." + field.name(), field, 0));
    }
    return method.build();
  }

  /** What the code of one field's value depends on besides its type. */
  record Context(ContractSet set, ContractModel.Spelling spelling, boolean pairs) {
    boolean proto() {
      return spelling == ContractModel.Spelling.PROTO;
    }
  }

  /**
   * The expression reading a field of {@code value}: the record component, or protoc's getter
   * ({@code getX()}, {@code getXList()}, {@code getXMap()}; a proto3 optional as an
   * {@code Optional*}; bytes as {@code byte[]}).
   */
  static CodeBlock accessor(ContractModel contract, ContractField field, String value) {
    if (contract.spelling() == ContractModel.Spelling.RECORD) {
      return CodeBlock.of("$N.$N()", value, field.component());
    }
    String name = field.component().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
        + field.component().substring(1);
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
      return CodeBlock.of("$N.has$L() ? $T.of($L) : $T.empty()", value, name, holder, present,
          holder);
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
  static CodeBlock write(Context context, FieldType type, String writer, CodeBlock value,
      String path, ContractField field, int depth) {
    if (type instanceof FieldType.Scalar scalar) {
      return switch (scalar.kind()) {
        case BOOLEAN -> CodeBlock.of("$T.bool($N, $L)", ENCODING, writer, value);
        case INT, LONG -> CodeBlock.of("$T.integer($N, $L)", ENCODING, writer, value);
        case DOUBLE -> CodeBlock.of("$T.float64($N, $S, $L)", ENCODING, writer, path, value);
        case STRING -> CodeBlock.of("$T.string($N, $S, $L)", ENCODING, writer, path, value);
        // A proto list element is a ByteString; everything else reaching here is a byte[].
        case BYTES -> depth > 0 && context.proto()
            ? CodeBlock.of("$T.bytes($N, $S, $L.toByteArray())", ENCODING, writer, path, value)
            : CodeBlock.of("$T.bytes($N, $S, $L)", ENCODING, writer, path, value);
      };
    }
    if (type instanceof FieldType.EnumType) {
      return CodeBlock.of("$T.enumText($N, $S, $L)", ENCODING, writer, path, value);
    }
    if (type instanceof FieldType.ContractRef ref) {
      return CodeBlock.of("$T.writeBody($N, $L)", codec(ref.type()), writer, value);
    }
    String w = "w" + depth;
    String e = "e" + depth;
    boolean bag = field != null && field.bag();
    if (type instanceof FieldType.ListType list) {
      CodeBlock element = write(context, list.element(), w, CodeBlock.of("$N", e), path + "[]",
          null, depth + 1);
      if (bag) {
        return CodeBlock.of("$T.bag($N, $S, $L,\n$>$>($N, $N) -> $L,\n$L$<$<)", ENCODING,
            writer, path, value, w, e, element, bagOrder(context, list.element(), field));
      }
      return CodeBlock.of("$T.list($N, $S, $L,\n$>$>($N, $N) -> $L$<$<)", ENCODING, writer, path,
          value, w, e, element);
    }
    if (type instanceof FieldType.MapType map) {
      return CodeBlock.of("$T.$L($N, $S, $L,\n$>$>($N, $N) -> $L$<$<)", ENCODING,
          context.pairs() ? "pairs" : "map", writer, path, value, w, e,
          write(context, map.value(), w, CodeBlock.of("$N", e), path + "[]", null, depth + 1));
    }
    FieldType.OptionalType optional = (FieldType.OptionalType) type;
    boolean absentAsEmpty = field != null && field.absentAsEmptyString();
    return switch (optional.form()) {
      case OPTIONAL_INT -> CodeBlock.of("$T.optionalInt($N, $S, $L, $L)", ENCODING, writer, path,
          value, absentAsEmpty);
      case OPTIONAL_LONG -> CodeBlock.of("$T.optionalLong($N, $S, $L, $L)", ENCODING, writer, path,
          value, absentAsEmpty);
      case OPTIONAL_DOUBLE -> CodeBlock.of("$T.optionalDouble($N, $S, $L, $L)", ENCODING, writer,
          path, value, absentAsEmpty);
      // A proto3 optional of bytes is already a byte[] here (the accessor converts it).
      default -> CodeBlock.of("$T.optional($N, $S, $L, $L,\n$>$>($N, $N) -> $L$<$<)", ENCODING,
          writer, path, value, absentAsEmpty, w, e,
          write(new Context(context.set(), ContractModel.Spelling.RECORD, context.pairs()),
              optional.element(), w, CodeBlock.of("$N", e), path, null, depth + 1));
    };
  }

  /**
   * The order of a bag: text (strings, enums), value (numbers, booleans), a key field of its
   * contracts, or null (canonical bytes).
   */
  private static CodeBlock bagOrder(Context context, FieldType element, ContractField field) {
    if (element instanceof FieldType.Scalar scalar) {
      return switch (scalar.kind()) {
        case STRING -> CodeBlock.of("$T.byText()", ENCODING);
        case INT, LONG, DOUBLE, BOOLEAN -> CodeBlock.of("$T.byValue()", ENCODING);
        case BYTES -> CodeBlock.of("null");
      };
    }
    if (element instanceof FieldType.EnumType) {
      // An enum is written as its text, so it sorts as text does.
      return CodeBlock.of("$T.comparing(k -> $T.formatEnum(k), $T.byText())",
          ClassName.get(java.util.Comparator.class), JavaNames.SETTING_TEXT, ENCODING);
    }
    if (element instanceof FieldType.ContractRef ref && !field.bagKey().isEmpty()) {
      ContractModel nested = context.set().contract(ref.type()).orElseThrow();
      ContractField key = nested.fields().stream()
          .filter(f -> f.name().equals(field.bagKey())).findFirst().orElseThrow();
      CodeBlock text = key.type() instanceof FieldType.EnumType
          ? CodeBlock.of("$T.formatEnum($L)", JavaNames.SETTING_TEXT, accessor(nested, key, "k"))
          : accessor(nested, key, "k");
      return CodeBlock.of("$T.comparing(k -> $L, $T.byText())",
          ClassName.get(java.util.Comparator.class), text, ENCODING);
    }
    return CodeBlock.of("null");
  }

  /** {@code validate}: nulls (records), hash fields, and nested contracts, each by path. */
  private static MethodSpec validate(ContractSet set, ContractModel contract, ClassName record) {
    ClassName validation = ClassName.get(JavaNames.SUPPORT, "ContractValidation");
    MethodSpec.Builder method = MethodSpec.methodBuilder("validate")
        .addJavadoc("Every constraint {@code value} violates: $L hash fields that are not SHA-256\n"
            + "digests, and the violations of nested contracts, each named by its path.\n",
            contract.spelling() == ContractModel.Spelling.RECORD ? "missing values," : "")
        .addModifiers(PUBLIC, STATIC)
        .returns(JavaNames.VIOLATION_LIST)
        .addParameter(record, "value")
        .addStatement("$T violations = new $T($S)", JavaNames.VIOLATIONS, JavaNames.VIOLATIONS,
            "contract " + contract.name());
    for (ContractField field : contract.fields()) {
      CodeBlock access = accessor(contract, field, "value");
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
      boolean nullable = contract.spelling() == ContractModel.Spelling.RECORD
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
          codec(ref.type()));
    } else if (type instanceof FieldType.ListType list
        && list.element() instanceof FieldType.ContractRef ref) {
      method.addStatement("$T.nestedEach(violations, $S, $L, $T::validate)", validation, path,
          access, codec(ref.type()));
    } else if (type instanceof FieldType.MapType map
        && map.value() instanceof FieldType.ContractRef ref) {
      method.addStatement("$T.nestedValues(violations, $S, $L, $T::validate)", validation, path,
          access, codec(ref.type()));
    } else if (type instanceof FieldType.OptionalType optional
        && optional.element() instanceof FieldType.ContractRef ref) {
      method.addStatement("$L.ifPresent(v -> $T.nested(violations, $S, v, $T::validate))", access,
          validation, path, codec(ref.type()));
    }
  }

  /** The Java type of a field as the record component spells it. */
  static TypeName javaType(FieldType type, boolean element) {
    if (type instanceof FieldType.Scalar scalar) {
      boolean boxed = element || scalar.form() == JavaForm.REFERENCE;
      return switch (scalar.kind()) {
        case BOOLEAN -> boxed ? ClassName.get(Boolean.class) : TypeName.BOOLEAN;
        case INT -> boxed ? ClassName.get(Integer.class) : TypeName.INT;
        case LONG -> boxed ? ClassName.get(Long.class) : TypeName.LONG;
        case DOUBLE -> boxed ? ClassName.get(Double.class) : TypeName.DOUBLE;
        case STRING -> JavaNames.STRING;
        case BYTES -> com.palantir.javapoet.ArrayTypeName.of(TypeName.BYTE);
      };
    }
    if (type instanceof FieldType.EnumType enumType) {
      return JavaNames.of(enumType.type());
    }
    if (type instanceof FieldType.ContractRef ref) {
      return JavaNames.of(ref.type());
    }
    if (type instanceof FieldType.ListType list) {
      return com.palantir.javapoet.ParameterizedTypeName.get(JavaNames.LIST,
          javaType(list.element(), true));
    }
    if (type instanceof FieldType.MapType map) {
      return com.palantir.javapoet.ParameterizedTypeName.get(JavaNames.MAP, JavaNames.STRING,
          javaType(map.value(), true));
    }
    FieldType.OptionalType optional = (FieldType.OptionalType) type;
    return switch (optional.form()) {
      case OPTIONAL_INT -> JavaNames.OPTIONAL_INT;
      case OPTIONAL_LONG -> JavaNames.OPTIONAL_LONG;
      case OPTIONAL_DOUBLE -> JavaNames.OPTIONAL_DOUBLE;
      default -> com.palantir.javapoet.ParameterizedTypeName.get(JavaNames.OPTIONAL,
          javaType(optional.element(), true));
    };
  }
}

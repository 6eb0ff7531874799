package io.codeanatomy.processor.emit.java;

import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.JavaForm;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits {@code <Record>Builder} for a contract: lists, maps and optionals start empty, every other
 * field must be set (a primitive starts at zero), and {@code build()} reports every missing or
 * null value at once. Lists and maps are copied, so the built record is immutable.
 */
final class ContractBuilderEmitter {

  private ContractBuilderEmitter() {}

  static JavaFile emit(ContractModel contract) {
    ClassName record = JavaNames.of(contract.type());
    ClassName builder = JavaNames.builder(contract.type());
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addModifiers(PUBLIC, javax.lang.model.element.Modifier.FINAL)
        .addJavadoc("Builds {@link $T} (contract {@code $L}): lists, maps and optionals start\n"
                + "empty; {@link #build()} reports every missing value at once.\n",
            record, contract.name());
    for (ContractField field : contract.fields()) {
      TypeName javaType = ContractCodecEmitter.javaType(field.type(), false);
      FieldSpec.Builder spec = FieldSpec.builder(javaType, field.component(), PRIVATE);
      CodeBlock initial = initial(field.type());
      if (initial != null) {
        spec.initializer(initial);
      }
      type.addField(spec.build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addJavadoc("An empty builder.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(builder)
        .addStatement("return new $T()", builder)
        .build());
    MethodSpec.Builder from = MethodSpec.methodBuilder("from")
        .addJavadoc("A builder holding the values of {@code value}.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(builder)
        .addParameter(record, "value")
        .addStatement("$T builder = new $T()", builder, builder);
    for (ContractField field : contract.fields()) {
      from.addStatement("builder.$N = value.$N()", field.component(), field.component());
    }
    type.addMethod(from.addStatement("return builder").build());

    for (ContractField field : contract.fields()) {
      TypeName javaType = ContractCodecEmitter.javaType(field.type(), false);
      type.addMethod(MethodSpec.methodBuilder(field.component())
          .addJavadoc("Sets {@code $L}$L.\n", field.name(),
              field.provenance() ? " (provenance: kept in payloads, left out of the hash)" : "")
          .addModifiers(PUBLIC)
          .returns(builder)
          .addParameter(javaType, field.component())
          .addStatement("this.$N = $N", field.component(), field.component())
          .addStatement("return this")
          .build());
    }

    MethodSpec.Builder build = MethodSpec.methodBuilder("build")
        .addJavadoc("Builds the record.\n\n@throws $T naming every field that is missing or null\n",
            ClassName.get(JavaNames.SUPPORT, "ContractViolationException"))
        .addModifiers(PUBLIC)
        .returns(record)
        .addStatement("$T violations = new $T($S)", JavaNames.VIOLATIONS, JavaNames.VIOLATIONS,
            "contract " + contract.name());
    List<CodeBlock> arguments = new ArrayList<>();
    for (ContractField field : contract.fields()) {
      if (!isPrimitive(field.type())) {
        build.addStatement("violations.notNull($S, $N)", field.name(), field.component());
      }
      if (field.type() instanceof FieldType.ListType || field.type() instanceof FieldType.MapType) {
        build.addStatement("violations.noNullElements($S, $N)", field.name(), field.component());
      }
      arguments.add(copy(field));
    }
    build.addStatement("violations.throwIfAny()")
        .addStatement("$T value = new $T($L)", record, record, CodeBlock.join(arguments, ", "))
        .addStatement("violations.addAll($T.validate(value))",
            ContractCodecEmitter.codec(contract.type()))
        .addStatement("violations.throwIfAny()")
        .addStatement("return value");
    type.addMethod(build.build());
    return JavaNames.file(builder, type, contract.type().qualifiedName());
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
      return switch (optional.form()) {
        case OPTIONAL_INT -> CodeBlock.of("$T.empty()", JavaNames.OPTIONAL_INT);
        case OPTIONAL_LONG -> CodeBlock.of("$T.empty()", JavaNames.OPTIONAL_LONG);
        case OPTIONAL_DOUBLE -> CodeBlock.of("$T.empty()", JavaNames.OPTIONAL_DOUBLE);
        default -> CodeBlock.of("$T.empty()", JavaNames.OPTIONAL);
      };
    }
    return null;
  }

  /** The argument passed to the record: lists and maps copied so the record stays immutable. */
  private static CodeBlock copy(ContractField field) {
    if (field.type() instanceof FieldType.ListType) {
      return CodeBlock.of("$T.copyOf($N)", JavaNames.LIST, field.component());
    }
    if (field.type() instanceof FieldType.MapType) {
      return CodeBlock.of("$T.copyOf($N)", JavaNames.MAP, field.component());
    }
    return CodeBlock.of("$N", field.component());
  }
}

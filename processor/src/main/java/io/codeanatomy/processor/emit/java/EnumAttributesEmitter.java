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
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Emits {@code <Enum>Attributes}: for each {@code @Attribute} of an enum's constants, a lookup
 * method and the whole map, the same numbers the Rust module's {@code impl} returns.
 */
final class EnumAttributesEmitter {

  private EnumAttributesEmitter() {}

  static JavaFile emit(EnumModel model) {
    ClassName enumType = JavaNames.of(model.type());
    ClassName attributes = JavaNames.of(model.type().generated("Attributes"));
    TypeSpec.Builder type = TypeSpec.classBuilder(attributes)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("The {@code @Attribute} numbers of {@link $T}, declared on its constants.\n",
            enumType);
    for (Map.Entry<String, Map<String, Double>> attribute : model.attributes().entrySet()) {
      String name = attribute.getKey();
      List<CodeBlock> entries = new ArrayList<>();
      CodeBlock.Builder cases = CodeBlock.builder().add("return switch (value) {\n").indent();
      for (String constant : model.constants()) {
        double number = attribute.getValue().get(constant);
        entries.add(CodeBlock.of("$T.entry($T.$N, $Ld)", JavaNames.MAP, enumType, constant,
            Double.toString(number)));
        cases.add("case $N -> $Ld;\n", constant, Double.toString(number));
      }
      cases.unindent().add("};\n");
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(JavaNames.MAP, enumType,
              ClassName.get(Double.class)), name.toUpperCase(Locale.ROOT), PUBLIC, STATIC, FINAL)
          .addJavadoc("{@code $L} of every constant.\n", name)
          .initializer("$T.ofEntries(\n$>$L$<)", JavaNames.MAP, CodeBlock.join(entries, ",\n"))
          .build());
      type.addMethod(MethodSpec.methodBuilder(Names.camelCase(name, false))
          .addJavadoc("{@code $L} of {@code value}.\n", name)
          .addModifiers(PUBLIC, STATIC)
          .returns(TypeName.DOUBLE)
          .addParameter(enumType, "value")
          .addCode(cases.build())
          .build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    return JavaNames.file(attributes, type, model.type().qualifiedName());
  }
}

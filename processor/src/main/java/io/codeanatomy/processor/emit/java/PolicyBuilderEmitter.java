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
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits {@code <Policy>Builder}: one nested schema builder per component, setting any key of any
 * component by text, and a {@code build()} that reports the problems of every component at once.
 */
final class PolicyBuilderEmitter {

  private PolicyBuilderEmitter() {}

  static JavaFile emit(ContractSet set, PolicyModel policy) {
    ClassName record = JavaNames.of(policy.type());
    ClassName builder = JavaNames.builder(policy.type());
    ClassName settings = JavaNames.policySettings(policy.type());
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addModifiers(PUBLIC, FINAL)
        .addJavadoc("Builds {@link $T} (planning policy {@code $L}): every setting starts at its\n"
                + "declared default, and {@link #build()} reports every violated constraint of\n"
                + "every component at once.\n",
            record, policy.name());

    for (PolicyComponent component : policy.components()) {
      ClassName componentBuilder = JavaNames.builder(component.schema());
      type.addField(FieldSpec.builder(componentBuilder, component.name(), PRIVATE)
          .initializer("$T.builder()", componentBuilder)
          .build());
    }
    TypeName problems = ParameterizedTypeName.get(JavaNames.MAP, JavaNames.STRING, JavaNames.VIOLATION);
    type.addField(FieldSpec.builder(problems, "textProblems", PRIVATE, FINAL)
        .addJavadoc("Keys given to {@link #set} or {@link #unset} that no component declares.\n")
        .initializer("new $T<>()", JavaNames.LINKED_HASH_MAP)
        .build());

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addJavadoc("A builder with every declared default filled in.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(builder)
        .addStatement("return new $T()", builder)
        .build());
    MethodSpec.Builder from = MethodSpec.methodBuilder("from")
        .addJavadoc("A builder holding the values of {@code policy}.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(builder)
        .addParameter(record, "policy")
        .addStatement("$T builder = new $T()", builder, builder);
    for (PolicyComponent component : policy.components()) {
      from.addStatement("builder.$N = $T.from(policy.$N())", component.name(),
          JavaNames.builder(component.schema()), component.name());
    }
    type.addMethod(from.addStatement("return builder").build());
    type.addMethod(MethodSpec.methodBuilder("defaults")
        .addJavadoc("The declared defaults of every component.\n")
        .addModifiers(PUBLIC, STATIC)
        .returns(record)
        .addStatement("return builder().build()")
        .build());

    for (PolicyComponent component : policy.components()) {
      ClassName schema = JavaNames.of(component.schema());
      ClassName componentBuilder = JavaNames.builder(component.schema());
      type.addMethod(MethodSpec.methodBuilder(component.name())
          .addJavadoc("Replaces every setting of component {@code $L}.\n", component.name())
          .addModifiers(PUBLIC)
          .returns(builder)
          .addParameter(schema, component.name())
          .addStatement("this.$N = $T.from($N)", component.name(), componentBuilder,
              component.name())
          .addStatement("return this")
          .build());
      type.addMethod(MethodSpec.methodBuilder(component.name())
          .addJavadoc("Edits component {@code $L} in place: "
              + "{@code .$L(c -> c.someSetting(value))}.\n", component.name(), component.name())
          .addModifiers(PUBLIC)
          .returns(builder)
          .addParameter(ParameterizedTypeName.get(JavaNames.CONSUMER, componentBuilder), "edit")
          .addStatement("edit.accept(this.$N)", component.name())
          .addStatement("return this")
          .build());
    }
    type.addMethod(route(policy, builder, settings, "set",
        "Sets any setting of any component from its text; problems are reported by\n"
            + "{@link #build()}.\n", true));
    type.addMethod(route(policy, builder, settings, "unset",
        "Leaves an optional setting of any component unset; problems are reported by\n"
            + "{@link #build()}.\n", false));
    type.addMethod(MethodSpec.methodBuilder("setAll")
        .addJavadoc("Sets every entry of {@code settings} by text, in key order.\n")
        .addModifiers(PUBLIC)
        .returns(builder)
        .addParameter(JavaNames.TEXT_MAP, "settings")
        .addStatement("new $T<>(settings).forEach(this::set)", JavaNames.TREE_MAP)
        .addStatement("return this")
        .build());
    type.addMethod(replaceWith(set, policy, builder, settings));
    type.addMethod(build(policy, record));
    return JavaNames.file(builder, type, policy.type().qualifiedName());
  }

  private static MethodSpec route(PolicyModel policy, ClassName builder, ClassName settings,
      String name, String doc, boolean withText) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addJavadoc(doc)
        .addModifiers(PUBLIC)
        .returns(builder)
        .addParameter(String.class, "key");
    if (withText) {
      method.addParameter(String.class, "text");
    }
    String arguments = withText ? "key, text" : "key";
    method.addStatement("textProblems.remove(key)");
    boolean first = true;
    for (PolicyComponent component : policy.components()) {
      String condition = "$T.isKey(key)";
      if (first) {
        method.beginControlFlow("if (" + condition + ")", JavaNames.keys(component.schema()));
        first = false;
      } else {
        method.nextControlFlow("else if (" + condition + ")", JavaNames.keys(component.schema()));
      }
      method.addStatement("$N.$N($L)", component.name(), name, arguments);
    }
    if (first) {
      method.addStatement("textProblems.put(key, $T.unknownKeyViolation(key, $T.KEYS))",
          JavaNames.VIOLATIONS, settings);
    } else {
      method.nextControlFlow("else")
          .addStatement("textProblems.put(key, $T.unknownKeyViolation(key, $T.KEYS))",
              JavaNames.VIOLATIONS, settings)
          .endControlFlow();
    }
    return method.addStatement("return this").build();
  }

  private static MethodSpec replaceWith(
      ContractSet set, PolicyModel policy, ClassName builder, ClassName settings) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("replaceWith")
        .addJavadoc("Replaces every value with those of a complete settings map (see the\n"
            + "components' {@code replaceWith}); keys no component declares are reported by\n"
            + "{@link #build()}.\n")
        .addModifiers(PUBLIC)
        .returns(builder)
        .addParameter(JavaNames.TEXT_MAP, "settings");
    for (PolicyComponent component : policy.components()) {
      method.addStatement("$T $N = new $T<>()", JavaNames.TEXT_MAP, component.name() + "Settings",
          JavaNames.TREE_MAP);
    }
    method.beginControlFlow("for (String key : new $T<>(settings.keySet()))",
        ClassName.get("java.util", "TreeSet"));
    boolean first = true;
    for (PolicyComponent component : policy.components()) {
      String condition = "$T.isKey(key)";
      if (first) {
        method.beginControlFlow("if (" + condition + ")", JavaNames.keys(component.schema()));
        first = false;
      } else {
        method.nextControlFlow("else if (" + condition + ")", JavaNames.keys(component.schema()));
      }
      method.addStatement("$N.put(key, settings.get(key))", component.name() + "Settings");
    }
    if (!first) {
      method.nextControlFlow("else");
    }
    method.addStatement("textProblems.put(key, $T.unknownKeyViolation(key, $T.KEYS))",
        JavaNames.VIOLATIONS, settings);
    if (!first) {
      method.endControlFlow();
    }
    method.endControlFlow();
    for (PolicyComponent component : policy.components()) {
      method.addStatement("this.$N.replaceWith($N)", component.name(), component.name() + "Settings");
    }
    return method.addStatement("return this").build();
  }

  private static MethodSpec build(PolicyModel policy, ClassName record) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("build")
        .addJavadoc("Builds the policy.\n\n"
            + "@throws $T with every problem of every component\n",
            ClassName.get(JavaNames.SUPPORT, "ContractViolationException"))
        .addModifiers(PUBLIC)
        .returns(record)
        .addStatement("$T violations = new $T($S)", JavaNames.VIOLATIONS, JavaNames.VIOLATIONS,
            "planning policy " + policy.name())
        .addStatement("violations.addAll(textProblems.values())");
    List<CodeBlock> arguments = new ArrayList<>();
    for (PolicyComponent component : policy.components()) {
      method.addStatement("$T $N = violations.collect(this.$N::build)",
          JavaNames.of(component.schema()), component.name(), component.name());
      arguments.add(CodeBlock.of("$N", component.name()));
    }
    return method.addStatement("violations.throwIfAny()")
        .addStatement("return new $T($L)", record, CodeBlock.join(arguments, ", "))
        .build();
  }
}

package io.codeanatomy.processor.emit.java;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PUBLIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.TypeRef;
import io.codeanatomy.processor.resolve.ResolvedContract;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits {@code <Set>ContractCatalog}: the codec of every contract the set declares, found by
 * readers through {@code ServiceLoader} (the processor registers it in
 * {@code META-INF/services}), so that nothing loads a generated class by a derived name.
 */
public final class CatalogEmitter {

  /** The service file that registers catalogs. */
  public static final String SERVICE_FILE =
      "META-INF/services/" + JavaNames.CONTRACT_CATALOG.canonicalName();

  private CatalogEmitter() {}

  /**
   * The catalog's class: in the deepest package that holds every contract of the set (the first
   * contract's package when they share none), named after the set: {@code core ->
   * CoreContractCatalog}.
   */
  public static ClassName className(String contractSet, List<ResolvedContract> contracts) {
    return ClassName.get(commonPackage(contracts.stream().map(c -> c.type()).toList()),
        Names.camelCase(contractSet, true) + "ContractCatalog");
  }

  static JavaFile emit(String contractSet, List<ResolvedContract> contracts) {
    ClassName name = className(contractSet, contracts);
    List<CodeBlock> codecs = new ArrayList<>();
    for (ResolvedContract contract : contracts) {
      codecs.add(CodeBlock.of("$T.CODEC", JavaNames.companion(contract.type())));
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addModifiers(PUBLIC, FINAL)
        .addSuperinterface(JavaNames.CONTRACT_CATALOG)
        .addJavadoc("The contracts of contract set {@code $L}, for readers that find contracts by\n"
            + "type or name ({@code ContractCatalog.onClassPath}).\n", contractSet)
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("For {@code ServiceLoader}.\n")
            .addModifiers(PUBLIC)
            .build())
        .addMethod(MethodSpec.methodBuilder("contractSet")
            .addAnnotation(Override.class)
            .addModifiers(PUBLIC)
            .returns(JavaNames.STRING)
            .addStatement("return $S", contractSet)
            .build())
        .addMethod(MethodSpec.methodBuilder("codecs")
            .addAnnotation(Override.class)
            .addModifiers(PUBLIC)
            .returns(ParameterizedTypeName.get(JavaNames.LIST,
                ParameterizedTypeName.get(JavaNames.CONTRACT_CODEC,
                    WildcardTypeName.subtypeOf(Object.class))))
            .addStatement("return $T.of($L)", JavaNames.LIST, JavaNames.wrapped(codecs))
            .build());
    return JavaNames.file(name, type, "contract set " + contractSet);
  }

  private static String commonPackage(List<TypeRef> types) {
    String common = types.get(0).packageName();
    for (TypeRef type : types) {
      while (!common.isEmpty() && !(type.packageName().equals(common)
          || type.packageName().startsWith(common + "."))) {
        int dot = common.lastIndexOf('.');
        common = dot < 0 ? "" : common.substring(0, dot);
      }
    }
    return common.isEmpty() ? types.get(0).packageName() : common;
  }
}

package io.codeanatomy.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Architecture guardrails of the runtime: one fingerprint pathway, one producer of Substrait
 * bytes, and no reliance on the internals of Calcite or isthmus.
 */
class GuardrailsTest {

  private static final String PLAN = "io.codeanatomy.runtime.plan..";

  private static JavaClasses runtime;

  @BeforeAll
  static void importRuntime() {
    runtime = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.codeanatomy.runtime");
  }

  @Test
  void onlyThePlanPackageMakesFingerprintsAndIdentities() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage(PLAN)
        .should().callMethod(io.codeanatomy.contracts.relspec.PlanFingerprintContract.class,
            "hash", io.codeanatomy.contracts.relspec.PlanFingerprint.class)
        .orShould().callMethod(io.codeanatomy.contracts.relspec.PlanIdentityContract.class,
            "hash", io.codeanatomy.contracts.relspec.PlanIdentity.class)
        .orShould().callMethod(io.codeanatomy.contracts.relspec.PlanFingerprintContract.class,
            "canonicalBytes", io.codeanatomy.contracts.relspec.PlanFingerprint.class)
        .because("the plan package is the only fingerprint pathway (docs/plan-identity.md)");
    rule.check(runtime);
  }

  @Test
  void onlyThePlanPackageProducesSubstrait() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage(PLAN)
        .should().dependOnClassesThat().resideInAnyPackage("io.substrait.plan..",
            "io.substrait.relation..", "io.substrait.extension..", "io.substrait.expression..")
        .orShould().dependOnClassesThat().belongToAnyOf(io.substrait.isthmus.SubstraitRelVisitor
            .class, io.substrait.isthmus.SqlToSubstrait.class,
            io.substrait.isthmus.ConverterProvider.class, io.substrait.proto.Plan.class)
        .because("Substrait bytes come from one place, normalized (SubstraitPlans)");
    rule.check(runtime);
  }

  @Test
  void substraitsPlatformCharsetCatalogIsNeverTouched() {
    ArchRule rule = noClasses()
        .should().dependOnClassesThat().haveFullyQualifiedName(
            "io.substrait.extension.DefaultExtensionCatalog")
        .orShould().callConstructor(io.substrait.isthmus.ConverterProvider.class)
        .orShould().callConstructor(io.substrait.plan.PlanProtoConverter.class)
        .orShould().callConstructor(io.substrait.isthmus.SqlToSubstrait.class)
        .because("substrait-java reads its default extensions in the platform charset; "
            + "SubstraitExtensions reads them as UTF-8");
    rule.check(runtime);
  }

  @Test
  void nothingImportsInternalPackagesOfCalciteOrIsthmus() {
    DescribedPredicate<JavaClass> internal = JavaClass.Predicates.resideInAnyPackage(
            "org.apache.calcite..impl..", "org.apache.calcite..internal..",
            "io.substrait..impl..", "io.substrait..internal..", "io.substrait..shaded..",
            "org.apache.calcite.util.javac..")
        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(
            "org.apache.calcite.schema.impl")));
    ArchRule rule = noClasses().should().dependOnClassesThat(internal)
        .because("only the public API of Calcite and isthmus is used (schema.impl is Calcite's "
            + "documented adapter API)");
    rule.check(runtime);
  }
}

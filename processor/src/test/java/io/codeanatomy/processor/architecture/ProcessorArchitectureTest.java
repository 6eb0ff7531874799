package io.codeanatomy.processor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor's data flows one way: read -> model -> check -> resolve -> emit, with the lock
 * check beside the checks and only the reporting package printing (docs/architecture.md).
 */
class ProcessorArchitectureTest {

  private static final String ROOT = "io.codeanatomy.processor";
  private static JavaClasses processor;

  @BeforeAll
  static void importProcessor() {
    processor = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void theModelReachesNothingElseOfTheProcessor() {
    noClasses().that().resideInAPackage(ROOT + ".model..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".read..", ROOT + ".check..",
            ROOT + ".resolve..", ROOT + ".emit..", ROOT + ".lock..", ROOT + ".report..",
            ROOT + ".diagnostics..")
        .because("the model is plain records and pure derivations, testable without javac")
        .check(processor);
  }

  @Test
  void emittersReadOnlyTheResolvedModel() {
    noClasses().that().resideInAPackage(ROOT + ".emit..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".read..", ROOT + ".check..",
            ROOT + ".lock..", ROOT + ".report..", ROOT + ".diagnostics..")
        .orShould().dependOnClassesThat().resideInAnyPackage("com.sun.source..")
        .orShould().dependOnClassesThat().areAssignableTo("javax.lang.model.element.Element")
        .orShould().dependOnClassesThat().areAssignableTo(
            "javax.lang.model.element.AnnotationMirror")
        .because("emitters turn the resolved model into files; they never check, print or look "
            + "at elements (JavaPoet's Modifier constants are all they use of javax.lang.model)")
        .check(processor);
  }

  @Test
  void resolutionAndChecksDoNotPrintOrEmit() {
    noClasses().that().resideInAnyPackage(ROOT + ".resolve..", ROOT + ".check..",
            ROOT + ".lock..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".emit..", ROOT + ".report..",
            ROOT + ".read..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(
            "javax.annotation.processing.Messager")
        .because("checks return their problems and the resolution its model; only the "
            + "reporting package prints")
        .check(processor);
  }

  @Test
  void onlyTheReportingPackageAndTheProcessorTalkToTheMessager() {
    noClasses().that().resideOutsideOfPackages(ROOT + ".report..")
        .and().doNotHaveFullyQualifiedName(ROOT + ".ContractProcessor")
        .should().callMethod("javax.annotation.processing.Messager", "printMessage",
            "javax.tools.Diagnostic$Kind", "java.lang.CharSequence")
        .check(processor);
  }
}

package io.codeanatomy.processor;

import io.codeanatomy.processor.diagnostics.Problem;
import io.codeanatomy.processor.read.JavacOrigin;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationValue;
import javax.tools.Diagnostic;

/** Prints problems as javac errors at their origin: the annotation value when there is one. */
final class DiagnosticPrinter {

  private DiagnosticPrinter() {}

  static void print(Messager messager, Problem problem) {
    if (!(problem.origin() instanceof JavacOrigin origin)) {
      messager.printMessage(Diagnostic.Kind.ERROR, problem.render());
      return;
    }
    Optional<AnnotationValue> value = origin.value();
    if (value.isPresent()) {
      messager.printMessage(Diagnostic.Kind.ERROR, problem.render(), origin.element(),
          origin.mirror(), value.get());
    } else if (origin.mirror() != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, problem.render(), origin.element(),
          origin.mirror());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, problem.render(), origin.element());
    }
  }
}

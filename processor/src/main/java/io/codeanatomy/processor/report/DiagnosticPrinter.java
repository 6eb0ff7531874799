package io.codeanatomy.processor.report;

import io.codeanatomy.processor.diagnostics.Problem;
import io.codeanatomy.processor.model.Origin;
import io.codeanatomy.processor.read.JavacOrigin;
import io.codeanatomy.processor.read.ProtoOrigin;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationValue;
import javax.tools.Diagnostic;

/**
 * Prints problems as javac errors at their origin. Positions come from the source tree when the
 * compiler is javac ({@link SourceLocator}): {@code Messager} alone cannot place a diagnostic on a
 * record component, nor inside a repeated annotation. Elsewhere it falls back to the Messager's
 * element, annotation and value.
 */
public final class DiagnosticPrinter {

  private final Messager messager;
  private final SourceLocator locator;

  public DiagnosticPrinter(ProcessingEnvironment env) {
    this.messager = env.getMessager();
    this.locator = SourceLocator.create(env);
  }

  public void print(Problem problem) {
    print(problem.origin(), problem.render());
  }

  /** An error with its text already rendered ({@code [CA201 DEFAULT_CHANGED] ...}), at origin. */
  public void print(Origin where, String text) {
    if (where instanceof ProtoOrigin proto) {
      // No javac element to point at: the .proto position leads the text, as compilers print it.
      messager.printMessage(Diagnostic.Kind.ERROR, proto.location() + ": " + text);
      return;
    }
    if (!(where instanceof JavacOrigin origin)) {
      messager.printMessage(Diagnostic.Kind.ERROR, text);
      return;
    }
    if (locator != null && locator.print(origin, text)) {
      return;
    }
    Optional<AnnotationValue> value = origin.value();
    if (value.isPresent()) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, origin.element(), origin.mirror(),
          value.get());
    } else if (origin.mirror() != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, origin.element(), origin.mirror());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, text, origin.element());
    }
  }

  /** A note that belongs to no element: what the lock check found compatible. */
  public void note(String message) {
    messager.printMessage(Diagnostic.Kind.NOTE, message);
  }

  /** A warning that belongs to no element: an option the processor does not know. */
  public void warn(String message) {
    messager.printMessage(Diagnostic.Kind.WARNING, message);
  }

  /** An error that belongs to no element (a processor option, an internal failure). */
  public void print(String message) {
    messager.printMessage(Diagnostic.Kind.ERROR, message);
  }
}

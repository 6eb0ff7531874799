package io.codeanatomy.processor.report;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.codeanatomy.processor.read.JavacOrigin;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Finds the source tree of an origin with javac's public tree API ({@code com.sun.source}) and
 * prints a diagnostic there: the array element, else the attribute's value, else the annotation,
 * else the declaration.
 */
final class SourceLocator {

  private final Trees trees;

  private SourceLocator(Trees trees) {
    this.trees = trees;
  }

  /** A locator, or null when the compiler is not javac (then the Messager places diagnostics). */
  static SourceLocator create(ProcessingEnvironment env) {
    try {
      return new SourceLocator(Trees.instance(env));
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  /** Prints at the origin's tree; returns false when the origin has no source tree. */
  boolean print(JavacOrigin origin, String message) {
    TreePath declaration = declaration(origin.element());
    if (declaration == null) {
      return false;
    }
    TreePath target = declaration;
    if (origin.annotation() != null) {
      TreePath annotation = annotation(declaration, origin.annotation(), origin.occurrence());
      if (annotation != null) {
        target = annotation;
        if (origin.attribute() != null) {
          TreePath value = attribute(annotation, origin.attribute(), origin.index());
          if (value != null) {
            target = value;
          }
        }
      }
    }
    trees.printMessage(Diagnostic.Kind.ERROR, message, target.getLeaf(),
        target.getCompilationUnit());
    return true;
  }

  /**
   * The declaration's tree. A record component has none of its own in javac; its tree is the
   * record's private field of the same name, written in the record header.
   */
  private TreePath declaration(Element element) {
    Element target = element;
    if (element.getKind() == ElementKind.RECORD_COMPONENT) {
      target = ElementFilter.fieldsIn(element.getEnclosingElement().getEnclosedElements()).stream()
          .filter(f -> f.getSimpleName().contentEquals(element.getSimpleName()))
          .findFirst().map(Element.class::cast).orElse(null);
    }
    return target == null ? null : trees.getPath(target);
  }

  /** The {@code occurrence}-th annotation of the type, directly or inside a container. */
  private TreePath annotation(TreePath declaration, String type, int occurrence) {
    ModifiersTree modifiers = switch (declaration.getLeaf().getKind()) {
      case CLASS, RECORD, INTERFACE, ENUM, ANNOTATION_TYPE ->
          ((ClassTree) declaration.getLeaf()).getModifiers();
      case VARIABLE -> ((VariableTree) declaration.getLeaf()).getModifiers();
      default -> null;
    };
    if (modifiers == null) {
      return null;
    }
    TreePath modifiersPath = new TreePath(declaration, modifiers);
    List<TreePath> found = new ArrayList<>();
    for (AnnotationTree annotation : modifiers.getAnnotations()) {
      TreePath path = new TreePath(modifiersPath, annotation);
      if (isOfType(path, annotation, type)) {
        found.add(path);
        continue;
      }
      // A container written out by hand: @Profiles({@Profile(...), ...}).
      for (ExpressionTree argument : annotation.getArguments()) {
        ExpressionTree value = argument instanceof AssignmentTree a ? a.getExpression() : argument;
        if (value instanceof NewArrayTree array && array.getInitializers() != null) {
          TreePath arrayPath = argument == array
              ? new TreePath(path, array)
              : new TreePath(new TreePath(path, argument), array);
          for (ExpressionTree item : array.getInitializers()) {
            if (item instanceof AnnotationTree nested
                && isOfType(new TreePath(arrayPath, nested), nested, type)) {
              found.add(new TreePath(arrayPath, nested));
            }
          }
        }
      }
    }
    return occurrence < found.size() ? found.get(occurrence) : null;
  }

  private boolean isOfType(TreePath path, AnnotationTree annotation, String type) {
    Element element = trees.getElement(new TreePath(path, annotation.getAnnotationType()));
    if (element instanceof TypeElement t) {
      return t.getQualifiedName().contentEquals(type);
    }
    // javac leaves an annotation unattributed where it does not apply: a RECORD_COMPONENT-only
    // annotation copied onto the record's field. Match it by how the source spells the name.
    String written = annotation.getAnnotationType().toString();
    return written.equals(type) || written.equals(type.substring(type.lastIndexOf('.') + 1));
  }

  /** The value tree of an attribute, or of one element of an array value. */
  private static TreePath attribute(TreePath annotation, String name, int index) {
    AnnotationTree tree = (AnnotationTree) annotation.getLeaf();
    for (ExpressionTree argument : tree.getArguments()) {
      ExpressionTree value;
      if (argument instanceof AssignmentTree assignment) {
        if (!(assignment.getVariable() instanceof IdentifierTree id)
            || !id.getName().contentEquals(name)) {
          continue;
        }
        value = assignment.getExpression();
      } else if (name.equals("value")) {
        value = argument;
      } else {
        continue;
      }
      TreePath valuePath = argument == value
          ? new TreePath(annotation, argument)
          : new TreePath(new TreePath(annotation, argument), value);
      if (index >= 0 && value instanceof NewArrayTree array && array.getInitializers() != null
          && index < array.getInitializers().size()) {
        Tree item = array.getInitializers().get(index);
        return new TreePath(valuePath, item);
      }
      return valuePath;
    }
    return null;
  }
}

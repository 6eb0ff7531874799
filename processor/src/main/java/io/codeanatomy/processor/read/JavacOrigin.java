package io.codeanatomy.processor.read;

import io.codeanatomy.processor.model.Origin;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * An origin in javac's terms: an element; optionally one of its annotations (by type and by
 * occurrence, since {@code @Profile} repeats); one attribute of it; one element of an array
 * attribute. The diagnostic printer places a problem at the narrowest of them found in the
 * source.
 *
 * @param element the annotated element (a record, or a record component)
 * @param mirror the annotation as javac models it, or null
 * @param annotation the annotation's qualified name, or null
 * @param occurrence which annotation of that type on the element, counting from 0
 * @param attribute the attribute name, or null
 * @param index the index in an array attribute, or -1
 */
public record JavacOrigin(Element element, AnnotationMirror mirror, String annotation,
    int occurrence, String attribute, int index) implements Origin {

  public static JavacOrigin of(Element element) {
    return new JavacOrigin(element, null, null, 0, null, -1);
  }

  public static JavacOrigin of(Element element, AnnotationMirror mirror, String annotation) {
    return new JavacOrigin(element, mirror, annotation, 0, null, -1);
  }

  /** An annotation that may repeat on the element: the {@code occurrence}-th of its type. */
  public static JavacOrigin repeated(
      Element element, AnnotationMirror mirror, String annotation, int occurrence) {
    return new JavacOrigin(element, mirror, annotation, occurrence, null, -1);
  }

  @Override
  public Origin attribute(String name) {
    return new JavacOrigin(element, mirror, annotation, occurrence, name, -1);
  }

  @Override
  public Origin element(int i) {
    return new JavacOrigin(element, mirror, annotation, occurrence, attribute, i);
  }

  /** The annotation value javac models for the attribute, when the source wrote one. */
  public Optional<AnnotationValue> value() {
    if (mirror == null || attribute == null) {
      return Optional.empty();
    }
    Optional<AnnotationValue> value = Mirrors.explicit(mirror, attribute);
    if (value.isEmpty() || index < 0) {
      return value;
    }
    List<? extends AnnotationValue> items = Mirrors.list(value.get());
    return index < items.size() ? Optional.of(items.get(index)) : value;
  }

  @Override
  public String describe() {
    return element + (annotation != null ? " @" + annotation + "#" + occurrence : "")
        + (attribute != null ? "." + attribute : "") + (index >= 0 ? "[" + index + "]" : "");
  }
}

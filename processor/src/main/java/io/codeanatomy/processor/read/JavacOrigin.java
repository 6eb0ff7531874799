package io.codeanatomy.processor.read;

import io.codeanatomy.processor.model.Origin;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * An origin in javac's terms: an element, optionally one of its annotations, one attribute of
 * that annotation and one element of an array attribute. javac places the diagnostic at the
 * narrowest of them that exists in the source.
 */
public record JavacOrigin(
    Element element, AnnotationMirror mirror, String attribute, int index) implements Origin {

  public static JavacOrigin of(Element element) {
    return new JavacOrigin(element, null, null, -1);
  }

  public static JavacOrigin of(Element element, AnnotationMirror mirror) {
    return new JavacOrigin(element, mirror, null, -1);
  }

  @Override
  public Origin attribute(String name) {
    return new JavacOrigin(element, mirror, name, -1);
  }

  @Override
  public Origin element(int i) {
    return new JavacOrigin(element, mirror, attribute, i);
  }

  /** The annotation value to point at, when the source wrote it. */
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
    return element + (mirror != null ? " @" + mirror.getAnnotationType() : "")
        + (attribute != null ? "." + attribute : "") + (index >= 0 ? "[" + index + "]" : "");
  }
}

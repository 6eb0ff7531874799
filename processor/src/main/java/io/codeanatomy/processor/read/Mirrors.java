package io.codeanatomy.processor.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/** Reads annotation mirrors by annotation and attribute name. */
final class Mirrors {

  private final Elements elements;
  /**
   * The values of the mirror read last, by attribute name: a reader asks for one attribute after
   * another of the same annotation, and javac computes the defaulted values anew on every call.
   */
  private AnnotationMirror lastMirror;
  private Map<String, AnnotationValue> lastValues;

  Mirrors(Elements elements) {
    this.elements = elements;
  }

  /** The annotation named {@code qualifiedName} on {@code element}, if present. */
  static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value written explicitly for {@code attribute}, if the source wrote one. */
  static Optional<AnnotationValue> explicit(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The value of {@code attribute}, written or defaulted. */
  AnnotationValue value(AnnotationMirror mirror, String attribute) {
    if (mirror != lastMirror) {
      Map<String, AnnotationValue> values = new HashMap<>();
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
          : elements.getElementValuesWithDefaults(mirror).entrySet()) {
        values.put(e.getKey().getSimpleName().toString(), e.getValue());
      }
      lastMirror = mirror;
      lastValues = values;
    }
    AnnotationValue value = lastValues.get(attribute);
    if (value == null) {
      throw new IllegalArgumentException("no attribute " + attribute + " on " + mirror);
    }
    return value;
  }

  String string(AnnotationMirror mirror, String attribute) {
    return (String) value(mirror, attribute).getValue();
  }

  boolean bool(AnnotationMirror mirror, String attribute) {
    return (Boolean) value(mirror, attribute).getValue();
  }

  int integer(AnnotationMirror mirror, String attribute) {
    return (Integer) value(mirror, attribute).getValue();
  }

  /** The constant name of an enum-valued attribute ({@code BYTES}). */
  String enumConstant(AnnotationMirror mirror, String attribute) {
    return ((VariableElement) value(mirror, attribute).getValue()).getSimpleName().toString();
  }

  /** The strings of a {@code String[]} attribute. */
  List<String> strings(AnnotationMirror mirror, String attribute) {
    List<String> out = new ArrayList<>();
    for (AnnotationValue v : list(value(mirror, attribute))) {
      out.add((String) v.getValue());
    }
    return out;
  }

  /** The nested annotations of an annotation-array attribute. */
  List<AnnotationMirror> annotations(AnnotationMirror mirror, String attribute) {
    List<AnnotationMirror> out = new ArrayList<>();
    for (AnnotationValue v : list(value(mirror, attribute))) {
      out.add((AnnotationMirror) v.getValue());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<? extends AnnotationValue> list(AnnotationValue value) {
    Object v = value.getValue();
    return v instanceof List<?> ? (List<? extends AnnotationValue>) v : List.of(value);
  }
}

package io.codeanatomy.processor.read;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.MARKER_OUTSIDE_CONTRACT;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.RECURSIVE_CONTRACT;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNSUPPORTED_TYPE;

import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads {@code @Contract} records into the model, following nested contracts (from this
 * compilation or from dependencies' class files).
 */
public final class ContractRecordReader {

  private static final String SUPPORTED = "boolean, int, long, double, String, byte[], an enum, "
      + "a @Contract record, List<T>, Map<String, T>, Optional<T>, OptionalInt, OptionalLong, "
      + "OptionalDouble";

  private final ContractReader records;
  private final Mirrors mirrors;
  private final Problems problems;
  private final Map<String, Optional<ContractModel>> contracts = new LinkedHashMap<>();
  private final Set<String> reading = new LinkedHashSet<>();

  ContractRecordReader(ContractReader records, Mirrors mirrors, Problems problems) {
    this.records = records;
    this.mirrors = mirrors;
    this.problems = problems;
  }

  /** Adds contracts read from descriptor sets, so that records can nest them. */
  public void addProtoContracts(List<ContractModel> protos) {
    for (ContractModel proto : protos) {
      contracts.put(proto.type().qualifiedName(), Optional.of(proto));
    }
  }

  /** Every contract read so far, local or from dependencies. */
  public List<ContractModel> contracts() {
    return contracts.values().stream().flatMap(Optional::stream).toList();
  }

  /** Reads a {@code @Contract} record (once; later calls return the same model). */
  public Optional<ContractModel> read(Element element) {
    return read((TypeElement) element, records.isLocal(element));
  }

  private Optional<ContractModel> read(TypeElement element, boolean local) {
    String name = element.getQualifiedName().toString();
    Optional<ContractModel> known = contracts.get(name);
    if (known != null) {
      return known;
    }
    Optional<ContractModel> contract = doRead(element, local);
    contracts.put(name, contract);
    return contract;
  }

  private Optional<ContractModel> doRead(TypeElement element, boolean local) {
    AnnotationMirror mirror = Mirrors.find(element, AnnotationNames.CONTRACT).orElseThrow();
    JavacOrigin origin = JavacOrigin.of(element, mirror, AnnotationNames.CONTRACT);
    if (!records.isUsableRecord(element, origin, "@Contract")
        || records.hasConflicts(element, origin, AnnotationNames.CONTRACT)) {
      return Optional.empty();
    }
    String qualified = element.getQualifiedName().toString();
    reading.add(qualified);
    try {
      List<ContractField> fields = new ArrayList<>();
      boolean complete = true;
      for (RecordComponentElement component : element.getRecordComponents()) {
        Optional<ContractField> field = readField(component);
        field.ifPresent(fields::add);
        complete &= field.isPresent();
      }
      if (!complete) {
        return Optional.empty();
      }
      return Optional.of(new ContractModel(
          records.typeRef(element),
          mirrors.string(mirror, "name"),
          records.version(mirror, origin),
          ContractModel.Layout.valueOf(mirrors.enumConstant(mirror, "layout")),
          mirrors.bool(mirror, "forwardCompatible"),
          fields,
          local,
          ContractReader.declaresMixin(element, records.typeRef(element)),
          ContractModel.Spelling.RECORD,
          origin));
    } finally {
      reading.remove(qualified);
    }
  }

  private Optional<ContractField> readField(RecordComponentElement component) {
    JavacOrigin origin = JavacOrigin.of(component);
    Optional<FieldType> type = fieldType(component.asType(), component, false);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    Optional<AnnotationMirror> absentAs = Mirrors.find(component, AnnotationNames.ABSENT_AS);
    Optional<AnnotationMirror> bag = Mirrors.find(component, AnnotationNames.BAG);
    Optional<AnnotationMirror> hash = Mirrors.find(component, AnnotationNames.HASH);
    return Optional.of(new ContractField(
        component.getSimpleName().toString(),
        Names.snakeCase(component.getSimpleName().toString()),
        type.get(),
        Mirrors.find(component, AnnotationNames.PROVENANCE).isPresent(),
        bag.isPresent(),
        bag.map(m -> mirrors.string(m, "key")).orElse(""),
        absentAs.map(m -> ContractField.Absent.valueOf(mirrors.enumConstant(m, "value")))
            .orElse(ContractField.Absent.UNSPECIFIED),
        hash.map(m -> mirrors.bool(m, "allowEmpty")
                ? ContractField.HashRule.HASH_OR_EMPTY : ContractField.HashRule.HASH)
            .orElse(ContractField.HashRule.NONE),
        0,
        origin));
  }

  /**
   * The field type of a Java type, or empty (with a problem reported) when unsupported.
   * {@code element} is true inside a list, map or optional, where only reference types occur.
   */
  private Optional<FieldType> fieldType(TypeMirror type, RecordComponentElement component,
      boolean element) {
    switch (type.getKind()) {
      case BOOLEAN:
        return scalar(FieldType.ScalarKind.BOOLEAN, JavaForm.PRIMITIVE);
      case INT:
        return scalar(FieldType.ScalarKind.INT, JavaForm.PRIMITIVE);
      case LONG:
        return scalar(FieldType.ScalarKind.LONG, JavaForm.PRIMITIVE);
      case DOUBLE:
        return scalar(FieldType.ScalarKind.DOUBLE, JavaForm.PRIMITIVE);
      case ARRAY:
        if (((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) {
          return scalar(FieldType.ScalarKind.BYTES, JavaForm.REFERENCE);
        }
        return unsupported(type, component);
      case DECLARED:
        break;
      default:
        return unsupported(type, component);
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement typeElement = (TypeElement) declared.asElement();
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    switch (typeElement.getQualifiedName().toString()) {
      case "java.lang.String":
        return scalar(FieldType.ScalarKind.STRING, JavaForm.REFERENCE);
      case "java.lang.Boolean":
        return element ? scalar(FieldType.ScalarKind.BOOLEAN, JavaForm.REFERENCE)
            : unsupported(type, component);
      case "java.lang.Integer":
        return element ? scalar(FieldType.ScalarKind.INT, JavaForm.REFERENCE)
            : unsupported(type, component);
      case "java.lang.Long":
        return element ? scalar(FieldType.ScalarKind.LONG, JavaForm.REFERENCE)
            : unsupported(type, component);
      case "java.lang.Double":
        return element ? scalar(FieldType.ScalarKind.DOUBLE, JavaForm.REFERENCE)
            : unsupported(type, component);
      case "java.util.List":
        return fieldType(arguments.get(0), component, true).map(FieldType.ListType::new);
      case "java.util.Map":
        if (!isString(arguments.get(0))) {
          return unsupported(type, component);
        }
        return fieldType(arguments.get(1), component, true).map(FieldType.MapType::new);
      case "java.util.Optional":
        if (element) {
          return unsupported(type, component);
        }
        return fieldType(arguments.get(0), component, true)
            .map(t -> new FieldType.OptionalType(t, JavaForm.OPTIONAL));
      case "java.util.OptionalInt":
        return optional(FieldType.ScalarKind.INT, JavaForm.OPTIONAL_INT, element, type, component);
      case "java.util.OptionalLong":
        return optional(FieldType.ScalarKind.LONG, JavaForm.OPTIONAL_LONG, element, type, component);
      case "java.util.OptionalDouble":
        return optional(FieldType.ScalarKind.DOUBLE, JavaForm.OPTIONAL_DOUBLE, element, type,
            component);
      default:
        break;
    }
    if (typeElement.getKind() == ElementKind.ENUM) {
      return records.readEnum(typeElement, JavacOrigin.of(component))
          .map(e -> new FieldType.EnumType(e.type(), e.constants()));
    }
    if (Mirrors.find(typeElement, AnnotationNames.CONTRACT).isPresent()) {
      String name = typeElement.getQualifiedName().toString();
      if (reading.contains(name)) {
        problems.report(RECURSIVE_CONTRACT, JavacOrigin.of(component),
            "component '" + component.getSimpleName() + "' nests " + name + ", which contains "
                + "it: contracts are finite trees (" + String.join(" -> ", reading) + " -> " + name
                + ")");
        return Optional.empty();
      }
      return read(typeElement).map(c -> new FieldType.ContractRef(c.type()));
    }
    return unsupported(type, component);
  }

  private static Optional<FieldType> scalar(FieldType.ScalarKind kind, JavaForm form) {
    return Optional.of(new FieldType.Scalar(kind, form));
  }

  private Optional<FieldType> optional(FieldType.ScalarKind kind, JavaForm form, boolean element,
      TypeMirror type, RecordComponentElement component) {
    if (element) {
      return unsupported(type, component);
    }
    return Optional.of(new FieldType.OptionalType(new FieldType.Scalar(kind, JavaForm.PRIMITIVE),
        form));
  }

  private Optional<FieldType> unsupported(TypeMirror type, RecordComponentElement component) {
    problems.report(UNSUPPORTED_TYPE, JavacOrigin.of(component),
        "component '" + component.getSimpleName() + "' has type " + type + ", which a contract "
            + "cannot encode; supported: " + SUPPORTED + " (boxed types only inside List, Map "
            + "and Optional)");
    return Optional.empty();
  }

  private static boolean isString(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals("java.lang.String");
  }

  /** Reports a field marker on a component of a record that is not a contract. */
  public void checkMarkerPlacement(Element annotated, String marker) {
    Element owner = annotated.getEnclosingElement();
    if (owner == null || Mirrors.find(owner, AnnotationNames.CONTRACT).isEmpty()) {
      AnnotationMirror mirror = Mirrors.find(annotated, marker).orElseThrow();
      problems.report(MARKER_OUTSIDE_CONTRACT, JavacOrigin.of(annotated, mirror, marker),
          "@" + marker.substring(marker.lastIndexOf('.') + 1) + " on '" + annotated.getSimpleName()
              + "' of " + owner + ", which is not a @Contract");
    }
  }
}

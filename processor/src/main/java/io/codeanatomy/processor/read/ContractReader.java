package io.codeanatomy.processor.read;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.CONFLICTING_ANNOTATIONS;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INACCESSIBLE_TYPE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.MISSING_SETTING_ANNOTATION;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.MISSING_VERSION;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.NON_POSITIVE_VERSION;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.NOT_A_RECORD;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.NOT_A_SETTINGS_SCHEMA;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.PROFILE_OUTSIDE_POLICY;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.SETTING_OUTSIDE_SCHEMA;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNIT_MISMATCH;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNSUPPORTED_TYPE;

import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.Origin;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.ProfileModel;
import io.codeanatomy.processor.model.Scope;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.TypeRef;
import io.codeanatomy.processor.model.Unit;
import io.codeanatomy.processor.model.ValueKind;
import io.codeanatomy.processor.model.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads annotated records into the model. Schemas are remembered by type, so that a policy can use
 * a schema declared in this compilation or read one from a dependency's class files.
 */
public final class ContractReader {

  private static final String SUPPORTED_TYPES = "boolean, int, long, double, String, an enum, "
      + "Duration, List<String>, Optional<T> of those, OptionalInt, OptionalLong, OptionalDouble";

  private final Elements elements;
  private final Mirrors mirrors;
  private final Problems problems;
  private final Map<String, Optional<SettingsSchemaModel>> schemas = new LinkedHashMap<>();
  private final ContractRecordReader contracts;

  public ContractReader(ProcessingEnvironment env, Problems problems) {
    this.elements = env.getElementUtils();
    this.mirrors = new Mirrors(elements);
    this.problems = problems;
    this.contracts = new ContractRecordReader(this, mirrors, problems);
  }

  private final Set<String> localTypes = new HashSet<>();

  /**
   * Records the types this compilation declares (the round's root elements and the types nested
   * in them): their contracts are local, generated here; any other is read from a dependency.
   */
  public void addRootElements(Set<? extends Element> roots) {
    for (Element root : roots) {
      collectTypes(root);
    }
  }

  private void collectTypes(Element element) {
    if (element instanceof TypeElement type) {
      localTypes.add(type.getQualifiedName().toString());
      element.getEnclosedElements().forEach(this::collectTypes);
    }
  }

  boolean isLocal(Element element) {
    return element instanceof TypeElement type
        && localTypes.contains(type.getQualifiedName().toString());
  }

  /** The reader of {@code @Contract} records. */
  public ContractRecordReader contracts() {
    return contracts;
  }

  /** Every schema read so far, local or from dependencies, in the order first read. */
  public List<SettingsSchemaModel> schemas() {
    return schemas.values().stream().flatMap(Optional::stream).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // settings schemas

  /** Reads a {@code @SettingsSchema} record (once; later calls return the same model). */
  public Optional<SettingsSchemaModel> readSchema(Element element) {
    String name = element instanceof TypeElement t ? t.getQualifiedName().toString() : element.toString();
    Optional<SettingsSchemaModel> known = schemas.get(name);
    if (known != null) {
      return known;
    }
    Optional<SettingsSchemaModel> schema = doReadSchema(element, isLocal(element));
    schemas.put(name, schema);
    return schema;
  }

  private Optional<SettingsSchemaModel> doReadSchema(Element element, boolean local) {
    AnnotationMirror mirror = Mirrors.find(element, AnnotationNames.SETTINGS_SCHEMA).orElseThrow();
    JavacOrigin origin = JavacOrigin.of(element, mirror, AnnotationNames.SETTINGS_SCHEMA);
    if (!isUsableRecord(element, origin, "@SettingsSchema")
        || hasConflicts(element, origin, AnnotationNames.SETTINGS_SCHEMA)) {
      return Optional.empty();
    }
    TypeElement record = (TypeElement) element;
    String namespace = mirrors.string(mirror, "namespace");
    int version = version(mirror, origin);
    List<SettingModel> settings = new ArrayList<>();
    boolean complete = true;
    for (RecordComponentElement component : record.getRecordComponents()) {
      Optional<SettingModel> setting = readSetting(namespace, component);
      setting.ifPresent(settings::add);
      complete &= setting.isPresent();
    }
    TypeRef type = typeRef(record);
    return Optional.of(new SettingsSchemaModel(
        type, namespace, version, settings, local, complete, declaresMixin(record, type), origin));
  }

  private Optional<SettingModel> readSetting(String namespace, RecordComponentElement component) {
    Optional<AnnotationMirror> found = Mirrors.find(component, AnnotationNames.SETTING);
    String name = component.getSimpleName().toString();
    if (found.isEmpty()) {
      problems.report(MISSING_SETTING_ANNOTATION, JavacOrigin.of(component),
          "component '" + name + "' of a @SettingsSchema needs @Setting (every component is a "
              + "setting)");
      return Optional.empty();
    }
    AnnotationMirror mirror = found.get();
    JavacOrigin origin = JavacOrigin.of(component, mirror, AnnotationNames.SETTING);
    Unit unit = Unit.valueOf(mirrors.enumConstant(mirror, "unit"));
    Optional<ValueType> type = settingType(component.asType(), unit, origin);
    if (type.isEmpty()) {
      problems.report(UNSUPPORTED_TYPE, JavacOrigin.of(component),
          "component '" + name + "' has type " + component.asType()
              + ", which cannot carry a setting; supported: " + SUPPORTED_TYPES);
      return Optional.empty();
    }
    if (unit == Unit.BYTES && type.get().kind() != ValueKind.BYTES) {
      problems.report(UNIT_MISMATCH, origin.attribute("unit"),
          "unit = BYTES needs a long, OptionalLong or Optional<Long>, but component '" + name
              + "' is " + component.asType());
      return Optional.empty();
    }
    String key = mirrors.string(mirror, "key");
    String relative = key.isEmpty() ? Names.snakeCase(name) : key;
    return Optional.of(new SettingModel(
        name,
        namespace + "." + relative,
        type.get(),
        defaultText(mirror, type.get()),
        mirrors.string(mirror, "doc"),
        nonEmpty(mirrors.string(mirror, "min")),
        nonEmpty(mirrors.string(mirror, "max")),
        unit,
        Scope.valueOf(mirrors.enumConstant(mirror, "scope")),
        mirrors.bool(mirror, "planningAffecting"),
        mirrors.bool(mirror, "featureGate"),
        origin));
  }

  /**
   * The default as written. On an optional setting an explicit {@code defaultValue = ""} means
   * what leaving it out means: unset by default (so an optional string cannot default to "").
   */
  private static Optional<String> defaultText(AnnotationMirror mirror, ValueType type) {
    Optional<String> written = Mirrors.explicit(mirror, "defaultValue")
        .map(v -> (String) v.getValue());
    return type.optional() && written.filter(String::isEmpty).isPresent() ? Optional.empty()
        : written;
  }

  /** The value type of a setting component, or empty when the Java type is not supported. */
  private Optional<ValueType> settingType(TypeMirror type, Unit unit, Origin origin) {
    switch (type.getKind()) {
      case BOOLEAN:
        return Optional.of(ValueType.of(ValueKind.BOOLEAN, JavaForm.PRIMITIVE));
      case INT:
        return Optional.of(ValueType.of(ValueKind.INT, JavaForm.PRIMITIVE));
      case LONG:
        return Optional.of(ValueType.of(longKind(unit), JavaForm.PRIMITIVE));
      case DOUBLE:
        return Optional.of(ValueType.of(ValueKind.DOUBLE, JavaForm.PRIMITIVE));
      case DECLARED:
        break;
      default:
        return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    switch (name) {
      case "java.util.OptionalInt":
        return Optional.of(ValueType.of(ValueKind.INT, JavaForm.OPTIONAL_INT));
      case "java.util.OptionalLong":
        return Optional.of(ValueType.of(longKind(unit), JavaForm.OPTIONAL_LONG));
      case "java.util.OptionalDouble":
        return Optional.of(ValueType.of(ValueKind.DOUBLE, JavaForm.OPTIONAL_DOUBLE));
      case "java.util.Optional": {
        if (declared.getTypeArguments().size() != 1) {
          return Optional.empty();
        }
        TypeMirror argument = declared.getTypeArguments().get(0);
        return boxedOrReference(argument, unit, origin, JavaForm.OPTIONAL);
      }
      default:
        return reference(declared, origin, JavaForm.REFERENCE);
    }
  }

  private Optional<ValueType> boxedOrReference(
      TypeMirror type, Unit unit, Origin origin, JavaForm form) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
    return switch (name) {
      case "java.lang.Boolean" -> Optional.of(ValueType.of(ValueKind.BOOLEAN, form));
      case "java.lang.Integer" -> Optional.of(ValueType.of(ValueKind.INT, form));
      case "java.lang.Long" -> Optional.of(ValueType.of(longKind(unit), form));
      case "java.lang.Double" -> Optional.of(ValueType.of(ValueKind.DOUBLE, form));
      default -> reference(declared, origin, form);
    };
  }

  private Optional<ValueType> reference(
      DeclaredType declared, Origin origin, JavaForm form) {
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    if (name.equals("java.lang.String")) {
      return Optional.of(ValueType.of(ValueKind.STRING, form));
    }
    if (name.equals("java.time.Duration")) {
      return Optional.of(ValueType.of(ValueKind.DURATION, form));
    }
    if (name.equals("java.util.List") && declared.getTypeArguments().size() == 1
        && isString(declared.getTypeArguments().get(0))) {
      return Optional.of(ValueType.of(ValueKind.STRING_LIST, form));
    }
    if (element.getKind() == ElementKind.ENUM) {
      return readEnum(element, origin)
          .map(e -> ValueType.enumType(e.type(), e.constants(), form));
    }
    return Optional.empty();
  }

  private final Map<String, Optional<EnumModel>> enums = new LinkedHashMap<>();

  /** Every enum read so far. */
  public List<EnumModel> enums() {
    return enums.values().stream().flatMap(Optional::stream).toList();
  }

  /**
   * Reads an enum used by a setting or a contract field (once): its constants, whose lower-case
   * texts must differ, and the {@code @Attribute} numbers on them.
   */
  Optional<EnumModel> readEnum(TypeElement element, Origin usedAt) {
    String name = element.getQualifiedName().toString();
    Optional<EnumModel> known = enums.get(name);
    if (known != null) {
      return known;
    }
    Optional<EnumModel> read = doReadEnum(element, usedAt);
    enums.put(name, read);
    return read;
  }

  private Optional<EnumModel> doReadEnum(TypeElement element, Origin usedAt) {
    String name = element.getQualifiedName().toString();
    if (!isAccessible(element, usedAt, "enum " + name)) {
      return Optional.empty();
    }
    List<String> constants = new ArrayList<>();
    Map<String, String> texts = new HashMap<>();
    Map<String, Map<String, Double>> attributes = new LinkedHashMap<>();
    Map<String, Origin> origins = new LinkedHashMap<>();
    for (Element enclosed : element.getEnclosedElements()) {
      if (enclosed.getKind() != ElementKind.ENUM_CONSTANT) {
        continue;
      }
      String constant = enclosed.getSimpleName().toString();
      String text = constant.toLowerCase(java.util.Locale.ROOT);
      String other = texts.put(text, constant);
      if (other != null) {
        problems.report(UNSUPPORTED_TYPE, usedAt, "enum " + name + " has constants " + other
            + " and " + constant + ", which share the text '" + text + "'");
        return Optional.empty();
      }
      constants.add(constant);
      origins.put(constant, JavacOrigin.of(enclosed));
      for (AnnotationMirror attribute : attributeMirrors(enclosed)) {
        attributes.computeIfAbsent(mirrors.string(attribute, "name"), k -> new LinkedHashMap<>())
            .put(constant, (Double) mirrors.value(attribute, "value").getValue());
      }
    }
    return Optional.of(new EnumModel(typeRef(element), constants, attributes, isLocal(element),
        origins));
  }

  private List<AnnotationMirror> attributeMirrors(Element constant) {
    List<AnnotationMirror> found = new ArrayList<>();
    Mirrors.find(constant, AnnotationNames.ATTRIBUTE).ifPresent(found::add);
    Mirrors.find(constant, AnnotationNames.ATTRIBUTES)
        .ifPresent(container -> found.addAll(mirrors.annotations(container, "value")));
    return found;
  }

  private static boolean isString(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals("java.lang.String");
  }

  private static ValueKind longKind(Unit unit) {
    return unit == Unit.BYTES ? ValueKind.BYTES : ValueKind.LONG;
  }

  // ---------------------------------------------------------------------------------------------
  // policies and profiles

  /** Reads a {@code @PlanningPolicy} declared in this compilation. */
  public Optional<PolicyModel> readPolicy(Element element) {
    AnnotationMirror mirror = Mirrors.find(element, AnnotationNames.PLANNING_POLICY).orElseThrow();
    JavacOrigin origin = JavacOrigin.of(element, mirror, AnnotationNames.PLANNING_POLICY);
    if (!isUsableRecord(element, origin, "@PlanningPolicy")
        || hasConflicts(element, origin, AnnotationNames.PLANNING_POLICY)) {
      return Optional.empty();
    }
    TypeElement record = (TypeElement) element;
    String name = mirrors.string(mirror, "name");
    int version = version(mirror, origin);
    List<PolicyComponent> components = new ArrayList<>();
    boolean complete = true;
    for (RecordComponentElement component : record.getRecordComponents()) {
      Optional<PolicyComponent> read = readComponent(component);
      read.ifPresent(components::add);
      complete &= read.isPresent();
    }
    List<ProfileModel> profiles = readProfiles(record);
    if (!complete) {
      return Optional.empty();
    }
    TypeRef type = typeRef(record);
    return Optional.of(new PolicyModel(type, name, version, components, profiles,
        declaresMixin(record, type), origin));
  }

  private Optional<PolicyComponent> readComponent(RecordComponentElement component) {
    TypeMirror type = component.asType();
    JavacOrigin origin = JavacOrigin.of(component);
    if (type.getKind() == TypeKind.DECLARED) {
      Element schema = ((DeclaredType) type).asElement();
      if (Mirrors.find(schema, AnnotationNames.SETTINGS_SCHEMA).isPresent()) {
        return readSchema(schema)
            .map(s -> new PolicyComponent(component.getSimpleName().toString(), s.type(), origin));
      }
    }
    problems.report(NOT_A_SETTINGS_SCHEMA, origin,
        "component '" + component.getSimpleName() + "' of a @PlanningPolicy has type " + type
            + ", which is not a @SettingsSchema record; a policy is composed of settings schemas");
    return Optional.empty();
  }

  private List<ProfileModel> readProfiles(TypeElement policy) {
    List<AnnotationMirror> declared = new ArrayList<>();
    for (AnnotationMirror mirror : policy.getAnnotationMirrors()) {
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      if (name.equals(AnnotationNames.PROFILE)) {
        declared.add(mirror);
      } else if (name.equals(AnnotationNames.PROFILES)) {
        declared.addAll(mirrors.annotations(mirror, "value"));
      }
    }
    List<ProfileModel> profiles = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      profiles.add(readProfile(policy, declared.get(i), i));
    }
    return profiles;
  }

  private ProfileModel readProfile(TypeElement policy, AnnotationMirror mirror, int occurrence) {
    JavacOrigin origin = JavacOrigin.repeated(policy, mirror, AnnotationNames.PROFILE, occurrence);
    return new ProfileModel(
        mirrors.string(mirror, "name"),
        nonEmpty(mirrors.string(mirror, "extendsProfile")),
        entries(mirror, "set", origin),
        entries(mirror, "unset", origin),
        mirrors.string(mirror, "doc"),
        origin);
  }

  private List<ProfileModel.Entry> entries(AnnotationMirror mirror, String attribute, JavacOrigin origin) {
    List<String> texts = mirrors.strings(mirror, attribute);
    List<ProfileModel.Entry> entries = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      entries.add(new ProfileModel.Entry(texts.get(i), origin.attribute(attribute).element(i)));
    }
    return entries;
  }

  // ---------------------------------------------------------------------------------------------
  // misplaced annotations

  /** Reports a {@code @Setting} on a component of a record that is not a settings schema. */
  public void checkSettingPlacement(Element annotated) {
    Element owner = annotated.getEnclosingElement();
    if (owner == null || Mirrors.find(owner, AnnotationNames.SETTINGS_SCHEMA).isEmpty()) {
      AnnotationMirror mirror = Mirrors.find(annotated, AnnotationNames.SETTING).orElseThrow();
      problems.report(SETTING_OUTSIDE_SCHEMA, JavacOrigin.of(annotated, mirror, AnnotationNames.SETTING),
          "@Setting on '" + annotated.getSimpleName() + "' of " + owner
              + ", which is not a @SettingsSchema; annotate the record with @SettingsSchema");
    }
  }

  /** Reports a {@code @Profile} on a type that is not a planning policy. */
  public void checkProfilePlacement(Element annotated) {
    if (Mirrors.find(annotated, AnnotationNames.PLANNING_POLICY).isPresent()) {
      return;
    }
    for (String name : List.of(AnnotationNames.PROFILE, AnnotationNames.PROFILES)) {
      Mirrors.find(annotated, name).ifPresent(mirror ->
          problems.report(PROFILE_OUTSIDE_POLICY, JavacOrigin.of(annotated, mirror, name),
              "@Profile on " + annotated + ", which is not a @PlanningPolicy; profiles belong to "
                  + "a planning policy"));
    }
  }

  // ---------------------------------------------------------------------------------------------

  boolean isUsableRecord(Element element, JavacOrigin origin, String annotation) {
    if (element.getKind() != ElementKind.RECORD) {
      problems.report(NOT_A_RECORD, origin,
          annotation + " needs a record, but " + element.getSimpleName() + " is a "
              + element.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      return false;
    }
    return isAccessible((TypeElement) element, origin, "record " + element.getSimpleName());
  }

  private boolean isAccessible(TypeElement type, Origin origin, String what) {
    for (Element e = type; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        problems.report(INACCESSIBLE_TYPE, origin,
            what + " is private (or nested in a private type): the generated code in its package "
                + "cannot use it; make it package-private or public");
        return false;
      }
    }
    return true;
  }

  boolean hasConflicts(Element element, JavacOrigin origin, String annotation) {
    List<String> others = new ArrayList<>();
    for (String name : List.of(AnnotationNames.SETTINGS_SCHEMA, AnnotationNames.PLANNING_POLICY,
        AnnotationNames.CONTRACT)) {
      if (!name.equals(annotation) && Mirrors.find(element, name).isPresent()) {
        others.add("@" + name.substring(name.lastIndexOf('.') + 1));
      }
    }
    if (others.isEmpty()) {
      return false;
    }
    problems.report(CONFLICTING_ANNOTATIONS, origin,
        element.getSimpleName() + " carries @" + annotation.substring(annotation.lastIndexOf('.') + 1)
            + " and " + String.join(", ", others) + "; a record is exactly one kind of contract");
    return true;
  }

  int version(AnnotationMirror mirror, JavacOrigin origin) {
    Optional<AnnotationValue> written = Mirrors.explicit(mirror, "version");
    if (written.isEmpty()) {
      problems.report(MISSING_VERSION, origin,
          "missing version: add version = 1 (and bump it on every incompatible change)");
      return 0;
    }
    int version = (Integer) written.get().getValue();
    if (version < 1) {
      problems.report(NON_POSITIVE_VERSION, origin.attribute("version"),
          "version must be at least 1, got " + version);
    }
    return version;
  }

  /**
   * Whether the record declares {@code implements <Record>Contract.Mixin}. The mixin does not
   * exist yet when the record is read (this processor generates it), so javac shows it as an
   * error type whose name is as written.
   */
  static boolean declaresMixin(TypeElement record, TypeRef type) {
    String mixin = type.flatName() + "Contract.Mixin";
    for (TypeMirror implemented : record.getInterfaces()) {
      String name = implemented.toString();
      if (name.equals(mixin) || name.endsWith("." + mixin)) {
        return true;
      }
    }
    return false;
  }

  TypeRef typeRef(TypeElement type) {
    List<String> names = new ArrayList<>();
    Element e = type;
    while (e != null && (e.getKind().isClass() || e.getKind().isInterface())) {
      names.add(0, e.getSimpleName().toString());
      e = e.getEnclosingElement();
    }
    return new TypeRef(elements.getPackageOf(type).getQualifiedName().toString(), names);
  }

  private static Optional<String> nonEmpty(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}

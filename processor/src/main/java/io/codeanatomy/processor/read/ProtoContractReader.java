package io.codeanatomy.processor.read;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.RECURSIVE_CONTRACT;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNREADABLE_DESCRIPTOR_SET;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNSUPPORTED_TYPE;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.Origin;
import io.codeanatomy.processor.model.ProtoWire;
import io.codeanatomy.processor.model.TypeRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads proto contracts from descriptor sets (as protoc writes them with {@code
 * --descriptor_set_out --include_imports --include_source_info}), never from {@code .proto}
 * text. A message is a contract when it carries the {@code codeanatomy.contract.v1.contract}
 * option.
 *
 * <p>The options are read from the descriptors' unknown fields by number, as the rest of the
 * processor knows the annotations by name: the processor does not link against the classes
 * protoc generates from {@code options.proto}, which live in the jar it compiles.
 */
public final class ProtoContractReader {

  /** {@code extend google.protobuf.MessageOptions { ContractOptions contract = 51701; }}. */
  static final int CONTRACT_OPTION = 51701;
  /** {@code extend google.protobuf.FieldOptions { FieldOptions field = 51702; }}. */
  static final int FIELD_OPTION = 51702;

  private static final String SUPPORTED = "string, bool, int32, sint32, sfixed32, int64, sint64, "
      + "sfixed64, double, float, bytes, an enum, a contract message, repeated and map<string, _> "
      + "of those, and proto3 optional scalars";

  private final Problems problems;
  private final Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
  private final Map<String, DescriptorProto> messages = new LinkedHashMap<>();
  private final Map<String, String> messageFile = new LinkedHashMap<>();
  private final Map<String, EnumDescriptorProto> enums = new LinkedHashMap<>();
  private final Map<String, TypeRef> javaTypes = new LinkedHashMap<>();
  private final Map<String, List<Integer>> sourcePaths = new LinkedHashMap<>();

  public ProtoContractReader(Problems problems) {
    this.problems = problems;
  }

  /** Every proto contract of the descriptor sets, in file and declaration order. */
  public List<ContractModel> read(List<Path> descriptorSets) {
    for (Path path : descriptorSets) {
      try {
        FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(path));
        set.getFileList().forEach(f -> files.putIfAbsent(f.getName(), f));
      } catch (IOException e) {
        problems.report(UNREADABLE_DESCRIPTOR_SET, Origin.of(path.toString()),
            "cannot read the descriptor set " + path + " (-Acodeanatomy.descriptorSets): "
                + e.getMessage());
      }
    }
    for (FileDescriptorProto file : files.values()) {
      index(file);
    }
    List<ContractModel> contracts = new ArrayList<>();
    Map<TypeRef, String> protoNames = new LinkedHashMap<>();
    for (Map.Entry<String, DescriptorProto> e : messages.entrySet()) {
      contractOptions(e.getValue()).ifPresent(options ->
          read(e.getKey(), e.getValue(), options).ifPresent(c -> {
            contracts.add(c);
            protoNames.put(c.type(), e.getKey());
          }));
    }
    return withoutDangling(withoutCycles(contracts, protoNames));
  }

  /**
   * Contract messages that contain themselves (protoc allows it) are refused as records are
   * (CA044), at the field that closes each cycle, and left out: resolving them would never end.
   */
  private List<ContractModel> withoutCycles(List<ContractModel> contracts,
      Map<TypeRef, String> protoNames) {
    Map<TypeRef, ContractModel> byType = new LinkedHashMap<>();
    contracts.forEach(c -> byType.put(c.type(), c));
    Map<TypeRef, Integer> state = new HashMap<>();   // absent: unseen, 1: on the path, 2: done
    Set<TypeRef> cyclic = new HashSet<>();
    for (ContractModel contract : contracts) {
      visit(contract, byType, protoNames, state, new ArrayList<>(), cyclic);
    }
    return contracts.stream().filter(c -> !cyclic.contains(c.type())).toList();
  }

  private void visit(ContractModel contract, Map<TypeRef, ContractModel> byType,
      Map<TypeRef, String> protoNames, Map<TypeRef, Integer> state, List<TypeRef> path,
      Set<TypeRef> cyclic) {
    if (state.containsKey(contract.type())) {
      return;
    }
    state.put(contract.type(), 1);
    path.add(contract.type());
    for (ContractField field : contract.fields()) {
      for (TypeRef nested : nestedContracts(field.type())) {
        if (Integer.valueOf(1).equals(state.get(nested))) {
          List<TypeRef> cycle = new ArrayList<>(path.subList(path.indexOf(nested), path.size()));
          cycle.add(nested);
          cyclic.addAll(cycle);
          List<String> names = cycle.stream().map(protoNames::get).toList();
          problems.report(RECURSIVE_CONTRACT, field.origin(), "field " + field.name() + " nests "
              + protoNames.get(nested) + ", which contains it: contracts are finite trees ("
              + String.join(" -> ", names) + ")");
        } else if (byType.containsKey(nested)) {
          visit(byType.get(nested), byType, protoNames, state, path, cyclic);
        }
      }
    }
    path.remove(path.size() - 1);
    state.put(contract.type(), 2);
  }

  /**
   * Leaves out, until none is left, every contract that nests one which is not read (refused
   * with its own diagnostic, or left out above): its code would refer to code never generated.
   */
  private static List<ContractModel> withoutDangling(List<ContractModel> contracts) {
    List<ContractModel> kept = new ArrayList<>(contracts);
    boolean removed = true;
    while (removed) {
      Set<TypeRef> known = new HashSet<>();
      kept.forEach(c -> known.add(c.type()));
      removed = kept.removeIf(c -> c.fields().stream()
          .anyMatch(f -> !known.containsAll(nestedContracts(f.type()))));
    }
    return kept;
  }

  /** The contracts a field type nests: itself, or in a list, map or optional. */
  private static List<TypeRef> nestedContracts(FieldType type) {
    if (type instanceof FieldType.ContractRef ref) {
      return List.of(ref.type());
    } else if (type instanceof FieldType.ListType list) {
      return nestedContracts(list.element());
    } else if (type instanceof FieldType.MapType map) {
      return nestedContracts(map.value());
    } else if (type instanceof FieldType.OptionalType optional) {
      return nestedContracts(optional.element());
    }
    return List.of();
  }

  // ---------------------------------------------------------------------------------------------
  // indexing: full names, Java names, source positions

  private void index(FileDescriptorProto file) {
    String protoPackage = file.getPackage();
    String javaPackage = file.getOptions().hasJavaPackage()
        ? file.getOptions().getJavaPackage() : protoPackage;
    List<String> outer = file.getOptions().getJavaMultipleFiles()
        ? List.of() : List.of(outerClassName(file));
    for (int i = 0; i < file.getMessageTypeCount(); i++) {
      indexMessage(file, file.getMessageType(i), protoPackage, javaPackage, outer, List.of(4, i));
    }
    for (int i = 0; i < file.getEnumTypeCount(); i++) {
      EnumDescriptorProto e = file.getEnumType(i);
      String full = qualify(protoPackage, e.getName());
      enums.put(full, e);
      javaTypes.put(full, javaType(javaPackage, outer, e.getName()));
    }
  }

  private void indexMessage(FileDescriptorProto file, DescriptorProto message, String scope,
      String javaPackage, List<String> enclosing, List<Integer> path) {
    String full = qualify(scope, message.getName());
    messages.put(full, message);
    messageFile.put(full, file.getName());
    javaTypes.put(full, javaType(javaPackage, enclosing, message.getName()));
    sourcePaths.put(full, path);
    List<String> nested = new ArrayList<>(enclosing);
    nested.add(message.getName());
    for (int i = 0; i < message.getNestedTypeCount(); i++) {
      List<Integer> nestedPath = new ArrayList<>(path);
      nestedPath.addAll(List.of(3, i));
      indexMessage(file, message.getNestedType(i), full, javaPackage, nested, nestedPath);
    }
    for (EnumDescriptorProto e : message.getEnumTypeList()) {
      String enumName = qualify(full, e.getName());
      enums.put(enumName, e);
      javaTypes.put(enumName, javaType(javaPackage, nested, e.getName()));
    }
  }

  private static TypeRef javaType(String javaPackage, List<String> enclosing, String name) {
    List<String> names = new ArrayList<>(enclosing);
    names.add(name);
    return new TypeRef(javaPackage, names);
  }

  /** protoc's outer class name: java_outer_classname, else the file name in camel case. */
  private static String outerClassName(FileDescriptorProto file) {
    if (file.getOptions().hasJavaOuterClassname()) {
      return file.getOptions().getJavaOuterClassname();
    }
    String base = file.getName().substring(file.getName().lastIndexOf('/') + 1)
        .replaceFirst("\\.proto$", "");
    StringBuilder sb = new StringBuilder();
    boolean upper = true;
    for (char c : base.toCharArray()) {
      if (c == '_' || c == '-' || c == '.') {
        upper = true;
      } else if (Character.isDigit(c)) {
        sb.append(c);
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    String name = sb.toString();
    boolean clash = file.getMessageTypeList().stream().anyMatch(m -> m.getName().equals(name))
        || file.getEnumTypeList().stream().anyMatch(e -> e.getName().equals(name))
        || file.getServiceList().stream().anyMatch(s -> s.getName().equals(name));
    return clash ? name + "OuterClass" : name;
  }

  private static String qualify(String scope, String name) {
    return scope.isEmpty() ? name : scope + "." + name;
  }

  // ---------------------------------------------------------------------------------------------
  // contracts

  /** The decoded {@code ContractOptions} of a message, if it is a contract. */
  private static Optional<UnknownFieldSet> contractOptions(DescriptorProto message) {
    return option(message.getOptions().getUnknownFields(), CONTRACT_OPTION);
  }

  private static Optional<UnknownFieldSet> option(UnknownFieldSet options, int number) {
    if (!options.hasField(number)) {
      return Optional.empty();
    }
    List<ByteString> values = options.getField(number).getLengthDelimitedList();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    try {
      // Several occurrences of a message option merge, as protobuf merges repeated messages.
      UnknownFieldSet.Builder merged = UnknownFieldSet.newBuilder();
      for (ByteString value : values) {
        merged.mergeFrom(value);
      }
      return Optional.of(merged.build());
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private static String string(UnknownFieldSet set, int number) {
    if (!set.hasField(number) || set.getField(number).getLengthDelimitedList().isEmpty()) {
      return "";
    }
    List<ByteString> values = set.getField(number).getLengthDelimitedList();
    return values.get(values.size() - 1).toStringUtf8();
  }

  private static long varint(UnknownFieldSet set, int number) {
    if (!set.hasField(number) || set.getField(number).getVarintList().isEmpty()) {
      return 0;
    }
    List<Long> values = set.getField(number).getVarintList();
    return values.get(values.size() - 1);
  }

  private Optional<ContractModel> read(String fullName, DescriptorProto message,
      UnknownFieldSet options) {
    ProtoOrigin origin = origin(fullName, sourcePaths.get(fullName), "message " + fullName);
    List<ContractField> fields = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < message.getFieldCount(); i++) {
      FieldDescriptorProto field = message.getField(i);
      List<Integer> path = new ArrayList<>(sourcePaths.get(fullName));
      path.addAll(List.of(2, i));
      ProtoOrigin fieldOrigin = origin(fullName, path, "field " + fullName + "." + field.getName());
      Optional<ContractField> read = readField(message, field, fieldOrigin);
      read.ifPresent(fields::add);
      complete &= read.isPresent();
    }
    if (!complete) {
      return Optional.empty();
    }
    int version = (int) varint(options, 2);
    ContractModel.Layout layout = varint(options, 3) == 2
        ? ContractModel.Layout.ORDERED_PAIRS : ContractModel.Layout.SORTED_MAP;
    return Optional.of(new ContractModel(javaTypes.get(fullName), string(options, 1), version,
        layout, varint(options, 4) != 0, fields, true, false, ContractModel.Spelling.PROTO,
        origin));
  }

  private Optional<ContractField> readField(DescriptorProto message, FieldDescriptorProto field,
      ProtoOrigin origin) {
    if (field.hasOneofIndex() && !field.getProto3Optional()) {
      problems.report(UNSUPPORTED_TYPE, origin, "field " + field.getName() + " is part of a oneof, "
          + "which has no canonical encoding; declare the alternatives as separate fields");
      return Optional.empty();
    }
    Optional<FieldType> type;
    if (field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
      Optional<DescriptorProto> entry = mapEntry(field);
      if (entry.isPresent()) {
        FieldDescriptorProto key = entry.get().getField(0);
        if (key.getType() != FieldDescriptorProto.Type.TYPE_STRING) {
          unsupported(field, origin, "a map key must be a string");
          return Optional.empty();
        }
        type = elementType(entry.get().getField(1), origin).map(FieldType.MapType::new);
      } else {
        type = elementType(field, origin).map(FieldType.ListType::new);
      }
    } else if (field.getProto3Optional()) {
      type = scalarType(field, origin, true).map(t -> new FieldType.OptionalType(t, optionalForm(t)));
    } else {
      type = scalarType(field, origin, false);
    }
    if (type.isEmpty()) {
      return Optional.empty();
    }
    UnknownFieldSet options = option(field.getOptions().getUnknownFields(), FIELD_OPTION)
        .orElse(UnknownFieldSet.getDefaultInstance());
    ContractField.Absent absent = switch ((int) varint(options, 4)) {
      case 1 -> ContractField.Absent.NIL;
      case 2 -> ContractField.Absent.EMPTY_STRING;
      default -> ContractField.Absent.UNSPECIFIED;
    };
    ContractField.HashRule hash = switch ((int) varint(options, 5)) {
      case 1 -> ContractField.HashRule.HASH;
      case 2 -> ContractField.HashRule.HASH_OR_EMPTY;
      default -> ContractField.HashRule.NONE;
    };
    String component = field.hasJsonName() ? field.getJsonName() : Names.camelCase(field.getName(), false);
    return Optional.of(new ContractField(component, field.getName(), type.get(),
        varint(options, 1) != 0, varint(options, 2) != 0, string(options, 3), absent, hash,
        field.getNumber(), origin, Optional.of(wire(field))));
  }

  /** The field's wire layout: the protobuf type of its values, its JSON name, packing. */
  private ProtoWire wire(FieldDescriptorProto field) {
    FieldDescriptorProto value = mapEntry(field).map(e -> e.getField(1)).orElse(field);
    ProtoWire.ProtoType type = switch (value.getType()) {
      case TYPE_DOUBLE -> ProtoWire.ProtoType.DOUBLE;
      case TYPE_FLOAT -> ProtoWire.ProtoType.FLOAT;
      case TYPE_INT64 -> ProtoWire.ProtoType.INT64;
      case TYPE_SINT64 -> ProtoWire.ProtoType.SINT64;
      case TYPE_SFIXED64 -> ProtoWire.ProtoType.SFIXED64;
      case TYPE_INT32 -> ProtoWire.ProtoType.INT32;
      case TYPE_SINT32 -> ProtoWire.ProtoType.SINT32;
      case TYPE_SFIXED32 -> ProtoWire.ProtoType.SFIXED32;
      case TYPE_BOOL -> ProtoWire.ProtoType.BOOL;
      case TYPE_STRING -> ProtoWire.ProtoType.STRING;
      case TYPE_BYTES -> ProtoWire.ProtoType.BYTES;
      case TYPE_ENUM -> ProtoWire.ProtoType.ENUM;
      default -> ProtoWire.ProtoType.MESSAGE;
    };
    String enumName = "";
    List<Integer> numbers = List.of();
    if (type == ProtoWire.ProtoType.ENUM) {
      EnumDescriptorProto e = enums.get(stripDot(value.getTypeName()));
      enumName = e.getName();
      numbers = e.getValueList().stream().map(EnumValueDescriptorProto::getNumber).toList();
    }
    boolean scalar = type != ProtoWire.ProtoType.STRING && type != ProtoWire.ProtoType.BYTES
        && type != ProtoWire.ProtoType.MESSAGE;
    // proto3 packs repeated scalars unless [packed = false] says otherwise.
    boolean packed = field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED
        && mapEntry(field).isEmpty() && scalar
        && (!field.getOptions().hasPacked() || field.getOptions().getPacked());
    String jsonName = field.hasJsonName() ? field.getJsonName()
        : Names.camelCase(field.getName(), false);
    return new ProtoWire(type, jsonName, packed, enumName, numbers);
  }

  private static JavaForm optionalForm(FieldType element) {
    if (element instanceof FieldType.Scalar scalar) {
      return switch (scalar.kind()) {
        case INT -> JavaForm.OPTIONAL_INT;
        case LONG -> JavaForm.OPTIONAL_LONG;
        case DOUBLE -> JavaForm.OPTIONAL_DOUBLE;
        default -> JavaForm.OPTIONAL;
      };
    }
    return JavaForm.OPTIONAL;
  }

  private Optional<DescriptorProto> mapEntry(FieldDescriptorProto field) {
    if (field.getType() != FieldDescriptorProto.Type.TYPE_MESSAGE) {
      return Optional.empty();
    }
    DescriptorProto type = messages.get(stripDot(field.getTypeName()));
    return type != null && type.getOptions().getMapEntry() ? Optional.of(type) : Optional.empty();
  }

  /** The type of a list or map element: a reference type in Java. */
  private Optional<FieldType> elementType(FieldDescriptorProto field, ProtoOrigin origin) {
    return scalarType(field, origin, true);
  }

  private Optional<FieldType> scalarType(FieldDescriptorProto field, ProtoOrigin origin,
      boolean boxed) {
    JavaForm form = boxed ? JavaForm.REFERENCE : JavaForm.PRIMITIVE;
    return switch (field.getType()) {
      case TYPE_STRING -> scalar(FieldType.ScalarKind.STRING, JavaForm.REFERENCE);
      case TYPE_BYTES -> scalar(FieldType.ScalarKind.BYTES, JavaForm.REFERENCE);
      case TYPE_BOOL -> scalar(FieldType.ScalarKind.BOOLEAN, form);
      case TYPE_INT32, TYPE_SINT32, TYPE_SFIXED32 -> scalar(FieldType.ScalarKind.INT, form);
      case TYPE_INT64, TYPE_SINT64, TYPE_SFIXED64 -> scalar(FieldType.ScalarKind.LONG, form);
      case TYPE_DOUBLE, TYPE_FLOAT -> scalar(FieldType.ScalarKind.DOUBLE, form);
      case TYPE_ENUM -> {
        String name = stripDot(field.getTypeName());
        EnumDescriptorProto e = enums.get(name);
        List<String> constants = new ArrayList<>();
        e.getValueList().stream().map(EnumValueDescriptorProto::getName).forEach(constants::add);
        yield Optional.of(new FieldType.EnumType(javaTypes.get(name), constants));
      }
      case TYPE_MESSAGE -> {
        String name = stripDot(field.getTypeName());
        DescriptorProto nested = messages.get(name);
        if (nested == null || contractOptions(nested).isEmpty()) {
          yield unsupported(field, origin, "message " + name + " is not a contract (give it the "
              + "codeanatomy.contract.v1.contract option)");
        }
        yield Optional.of(new FieldType.ContractRef(javaTypes.get(name)));
      }
      default -> unsupported(field, origin, "its type " + field.getType().name()
          .substring(5).toLowerCase(Locale.ROOT) + " has no contract encoding");
    };
  }

  private static Optional<FieldType> scalar(FieldType.ScalarKind kind, JavaForm form) {
    return Optional.of(new FieldType.Scalar(kind, form));
  }

  private Optional<FieldType> unsupported(FieldDescriptorProto field, ProtoOrigin origin,
      String why) {
    problems.report(UNSUPPORTED_TYPE, origin, "field " + field.getName() + " cannot be part of a "
        + "contract: " + why + "; supported: " + SUPPORTED);
    return Optional.empty();
  }

  private static String stripDot(String typeName) {
    return typeName.startsWith(".") ? typeName.substring(1) : typeName;
  }

  /** The source position of a declaration, from the descriptor's source info when present. */
  private ProtoOrigin origin(String message, List<Integer> path, String what) {
    FileDescriptorProto file = files.get(messageFile.get(message));
    if (file != null && file.hasSourceCodeInfo()) {
      for (SourceCodeInfo.Location location : file.getSourceCodeInfo().getLocationList()) {
        if (location.getPathList().equals(path) && location.getSpanCount() >= 2) {
          return new ProtoOrigin(file.getName(), location.getSpan(0) + 1, location.getSpan(1) + 1,
              what);
        }
      }
    }
    return new ProtoOrigin(file == null ? "?" : file.getName(), 0, 0, what);
  }
}

package io.codeanatomy.processor.emit.rust;

import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.ProtoWire;
import io.codeanatomy.processor.resolve.ResolvedContract;
import io.codeanatomy.processor.resolve.ResolvedField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The payload codecs of a contract in Rust, generated from its declaration and calling the
 * runtime's readers and writers (wire.rs, msgpack.rs, json_mapping.rs, payload.rs): for a
 * protobuf message the binary wire format (byte-identical to protobuf-java's deterministic
 * serialization) and protobuf JSON as {@code ProtoPayloads} writes it; for a record its binary
 * form (canonical MessagePack of every field) and JSON as {@code RecordPayloads} writes it; for
 * both the constraints Java's {@code ValueChecks} checks, the version gate's {@code INFO} and the
 * runtime's {@code PayloadContract}.
 *
 * <p>Every statement is a call with simple arguments, laid out by {@link RustOut#call}, so that
 * the output keeps rustfmt's shape whatever the names.
 */
final class RustPayloads {

  /** What a contract accepts, per contract name: the lock's history as the emitter gets it. */
  record Accepted(List<String> earlierFingerprints, List<Released> released) {
    static final Accepted NONE = new Accepted(List.of(), List.of());
  }

  /** A released older version. */
  record Released(int version, List<String> fingerprints, List<String> fields,
      List<Integer> protoNumbers) {}

  private RustPayloads() {}

  // ---------------------------------------------------------------------------------------------
  // inside `impl X { ... }`

  /** Constants and methods of the contract's own impl block. */
  static void inherent(RustOut out, ResolvedContract contract, Accepted accepted) {
    String name = contract.type().flatName();
    out.blank();
    info(out, contract, accepted);
    if (contract.record()) {
      recordJson(out, contract, name);
      recordBinary(out, contract, name);
    } else {
      protoTables(out, contract);
      protoJson(out, contract, name);
      unknownPaths(out, contract);
    }
    violations(out, contract);
  }

  private static void info(RustOut out, ResolvedContract contract, Accepted accepted) {
    out.line("/// What a reader of this contract accepts by default: this version, under every schema");
    out.line("/// fingerprint it has had; `released` lists the older versions `accepting` can add (from");
    out.line("/// the lock the module was generated with).");
    out.open("pub const INFO: payload::ContractInfo = payload::ContractInfo {");
    out.field("name", RustSyntax.string(contract.name()));
    out.field("version", Integer.toString(contract.version()));
    out.field("schema_fingerprint", RustSyntax.string(contract.fingerprint()));
    out.field("forward_compatible", Boolean.toString(contract.forwardCompatible()));
    stringsField(out, "earlier_fingerprints", accepted.earlierFingerprints());
    if (accepted.released().isEmpty()) {
      out.field("released", "&[]");
    } else if (accepted.released().size() == 1) {
      out.open("released: &[payload::AcceptedVersion {");
      released(out, accepted.released().get(0));
      out.close("}],");
    } else {
      out.open("released: &[");
      for (Released version : accepted.released()) {
        out.open("payload::AcceptedVersion {");
        released(out, version);
        out.close("},");
      }
      out.close("],");
    }
    out.field("accepted", "std::borrow::Cow::Borrowed(&[])");
    out.close("};");
    out.blank();
  }

  private static void released(RustOut out, Released version) {
    out.field("version", Integer.toString(version.version()));
    stringsField(out, "fingerprints", version.fingerprints());
    stringsField(out, "fields", version.fields());
    List<String> numbers = version.protoNumbers().stream().map(String::valueOf).toList();
    listField(out, "proto_numbers", numbers);
  }

  private static void stringsField(RustOut out, String name, List<String> values) {
    listField(out, name, values.stream().map(RustSyntax::string).toList());
  }

  /** {@code name: &[a, b],} as rustfmt lays out an array in a struct literal. */
  private static void listField(RustOut out, String name, List<String> items) {
    String joined = String.join(", ", items);
    // A single item may exceed the array width: rustfmt keeps it on the line when it fits.
    if ((joined.length() <= RustOut.CALL_WIDTH || items.size() == 1)
        && out.fits(name + ": &[" + joined + "],")) {
      out.line(name + ": &[" + joined + "],");
      return;
    }
    out.open(name + ": &[");
    if (items.stream().allMatch(i -> i.length() <= RustOut.SHORT_ITEM_WIDTH)) {
      StringBuilder packed = new StringBuilder();
      for (String item : items) {
        String next = packed.length() == 0 ? item + "," : packed + " " + item + ",";
        if (packed.length() > 0 && !out.fits(next)) {
          out.line(packed.toString());
          next = item + ",";
        }
        packed.setLength(0);
        packed.append(next);
      }
      out.line(packed.toString());
    } else {
      items.forEach(i -> out.line(i + ","));
    }
    out.close("],");
  }

  // ---------------------------------------------------------------------------------------------
  // protobuf messages: tables

  private static void protoTables(RustOut out, ResolvedContract contract) {
    out.line("/// The message's name in the `.proto`, for messages.");
    out.line("const PROTO_NAME: &'static str = " + RustSyntax.string(protoName(contract)) + ";");
    List<List<String>> numbers = new ArrayList<>();
    for (ResolvedField field : byNumber(contract)) {
      numbers.add(List.of(Integer.toString(field.protoNumber()),
          RustSyntax.string(field.name())));
    }
    out.line("/// Every field's number and name, for errors.");
    out.assignedTuples("const PROTO_FIELDS: &'static [(u32, &'static str)] = &[", numbers, "];");
    List<List<String>> names = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (ResolvedField field : contract.fields()) {
      names.add(List.of(RustSyntax.string(field.name()),
          RustSyntax.string(wire(field).jsonName())));
      absent.add(Boolean.toString(!field.required()));
    }
    out.line("/// Every field's `.proto` and JSON name, in declaration order.");
    out.assignedTuples("const JSON_NAMES: &'static [(&'static str, &'static str)] = &[", names,
        "];");
    out.line("/// Which fields protobuf JSON may leave out (those with presence), in declaration order.");
    out.assignedList("const MAY_BE_ABSENT: &'static [bool] = &[", absent, "];");
    out.blank();
  }

  /** protoc's Java class name is the message's name. */
  private static String protoName(ResolvedContract contract) {
    List<String> names = contract.type().simpleNames();
    return names.get(names.size() - 1);
  }

  private static List<ResolvedField> byNumber(ResolvedContract contract) {
    List<ResolvedField> fields = new ArrayList<>(contract.fields());
    fields.sort(Comparator.comparingInt(ResolvedField::protoNumber));
    return fields;
  }

  private static ProtoWire wire(ResolvedField field) {
    return field.wire().orElseThrow(() -> new IllegalStateException(
        "proto field " + field.name() + " has no wire layout"));
  }

  /** The value type of a field: a list's element, a map's value, an optional's value. */
  private static FieldType element(FieldType type) {
    if (type instanceof FieldType.ListType list) {
      return list.element();
    }
    if (type instanceof FieldType.MapType map) {
      return map.value();
    }
    if (type instanceof FieldType.OptionalType optional) {
      return optional.element();
    }
    return type;
  }

  /** The runtime codec of a proto field's values: {@code wire::SInt64}, {@code wire::Msg<M>}. */
  private static String codec(ResolvedField field) {
    FieldType element = element(field.type());
    return switch (wire(field).type()) {
      case DOUBLE -> "wire::Double";
      case FLOAT -> "wire::Float";
      case INT64 -> "wire::Int64";
      case SINT64 -> "wire::SInt64";
      case SFIXED64 -> "wire::SFixed64";
      case INT32 -> "wire::Int32";
      case SINT32 -> "wire::SInt32";
      case SFIXED32 -> "wire::SFixed32";
      case BOOL -> "wire::Bool";
      case STRING -> "wire::Str";
      case BYTES -> "wire::Bytes";
      case ENUM -> "wire::EnumOf<" + ((FieldType.EnumType) element).type().flatName() + ">";
      case MESSAGE -> "wire::Msg<" + ((FieldType.ContractRef) element).type().flatName() + ">";
    };
  }

  // ---------------------------------------------------------------------------------------------
  // protobuf messages: the wire format

  /** {@code impl wire::Message for X}: reading and writing the binary wire format. */
  static void protoMessage(RustOut out, ResolvedContract contract) {
    String name = contract.type().flatName();
    out.open("impl wire::Message for " + name + " {");
    out.open("fn merge_from(&mut self, r: &mut wire::Reader<'_>) -> Result<(), ReadError> {");
    out.open("while let Some(tag) = r.next_tag()? {");
    out.open("let read = match tag.number {");
    for (ResolvedField field : byNumber(contract)) {
      String place = "&mut self." + RustSyntax.fieldName(field.component());
      String head;
      FieldType type = field.type();
      if (type instanceof FieldType.MapType) {
        head = "r.merge_map::<wire::Str, " + codec(field) + ">";
      } else if (type instanceof FieldType.ListType) {
        head = "r.merge_repeated::<" + codec(field) + ">";
      } else if (type instanceof FieldType.OptionalType) {
        head = "r.merge_optional::<" + codec(field) + ">";
      } else if (type instanceof FieldType.ContractRef) {
        head = "r.merge_present";
      } else {
        head = "r.merge::<" + codec(field) + ">";
      }
      out.armCall(Integer.toString(field.protoNumber()), head, List.of("tag", place));
    }
    out.line("_ => Ok(false),");
    out.close("};");
    out.line("r.field_done(tag, read, &mut self." + RustContracts.unknownFieldsMember(contract)
        + ", Self::PROTO_FIELDS)?;");
    out.close("}");
    out.line("Ok(())");
    out.close("}");
    out.blank();
    out.open("fn write_to(&self, w: &mut wire::Writer) {");
    for (ResolvedField field : byNumber(contract)) {
      String place = "&self." + RustSyntax.fieldName(field.component());
      String number = Integer.toString(field.protoNumber());
      FieldType type = field.type();
      String head;
      if (type instanceof FieldType.MapType) {
        head = "w.map::<wire::Str, " + codec(field) + ">";
      } else if (type instanceof FieldType.ListType) {
        head = (wire(field).packed() ? "w.packed::<" : "w.unpacked::<") + codec(field) + ">";
      } else if (type instanceof FieldType.OptionalType
          || type instanceof FieldType.ContractRef) {
        head = "w.optional::<" + codec(field) + ">";
      } else {
        head = "w.implicit::<" + codec(field) + ">";
      }
      out.call(head, List.of(number, place), ";");
    }
    out.line("w.unknown(&self." + RustContracts.unknownFieldsMember(contract) + ");");
    out.close("}");
    out.close("}");
    out.blank();
  }

  // ---------------------------------------------------------------------------------------------
  // protobuf messages: JSON

  private static void protoJson(RustOut out, ResolvedContract contract, String name) {
    out.line("/// Reads the message from protobuf JSON, as `ProtoPayloads` reads it: members in document");
    out.line("/// order, each of its field's JSON type (by `.proto` or JSON name), an unknown one refused");
    out.line("/// unless `top` keeps it, then every field without presence present.");
    out.signature("pub fn read_json_fields", List.of("value: &Json<'_>",
        "mut top: Option<&mut json_mapping::Top<'_>>"), " -> Result<" + name + ", ReadError> {");
    // A message without fields assigns none: an unneeded `mut` is a warning where they are denied.
    out.line((contract.fields().isEmpty() ? "let out = " : "let mut out = ") + name
        + "::default();");
    out.line("let mut fields = proto::Fields::named(Self::PROTO_NAME, Self::JSON_NAMES);");
    out.open("for (key, item) in proto::object(value)? {");
    out.open("let read = match fields.index(key) {");
    List<ResolvedField> fields = contract.fields();
    for (int i = 0; i < fields.size(); i++) {
      ResolvedField field = fields.get(i);
      FieldType type = field.type();
      boolean some = type instanceof FieldType.OptionalType
          || type instanceof FieldType.ContractRef;
      String target = "&mut out." + RustSyntax.fieldName(field.component());
      ProtoWire.ProtoType proto = wire(field).type();
      // Integer types that share a Rust type are named in messages as the .proto names them.
      String read = switch (proto) {
        case SINT32, SFIXED32, SINT64, SFIXED64 -> "proto::read_as(item, "
            + RustSyntax.string(proto.name().toLowerCase(java.util.Locale.ROOT)) + ")";
        default -> "proto::read(item)";
      };
      out.armCall("Ok(Some(" + i + "))", "json_mapping::" + (some ? "set_some" : "set"),
          List.of(target, read));
    }
    out.line("Ok(_) => fields.unknown(key, item, top.as_deref_mut()),");
    out.line("Err(e) => Err(e),");
    out.close("};");
    out.line("read.map_err(|e| e.in_field(key))?;");
    out.close("}");
    out.line("fields.check_missing(Self::MAY_BE_ABSENT, top.as_deref())?;");
    out.line("Ok(out)");
    out.close("}");
    out.blank();
    out.line("/// Reads a nested message from protobuf JSON.");
    out.open("pub fn from_json_value(value: &Json<'_>) -> Result<" + name + ", ReadError> {");
    out.line(name + "::read_json_fields(value, None)");
    out.close("}");
    out.blank();
    out.line("/// The message as protobuf JSON, as `ProtoPayloads` writes it (`JsonFormat` with the");
    out.line("/// `.proto` names, every field without presence, map keys sorted): fields in number order.");
    out.open("pub fn write_json_fields(&self) -> Json<'static> {");
    // No fields: nothing is pushed, and an unneeded `mut` is a warning where warnings are denied.
    out.line((fields.isEmpty() ? "let out" : "let mut out") + " = Vec::with_capacity("
        + fields.size() + ");");
    for (ResolvedField field : byNumber(contract)) {
      String key = RustSyntax.string(field.name());
      String place = "self." + RustSyntax.fieldName(field.component());
      FieldType type = field.type();
      if (type instanceof FieldType.OptionalType || type instanceof FieldType.ContractRef) {
        out.open("if let Some(v) = &" + place + " {");
        out.call("json_mapping::push", List.of("&mut out", key, "proto::json(v)"), ";");
        out.close("}");
      } else {
        out.call("json_mapping::push", List.of("&mut out", key, "proto::json(&" + place + ")"),
            ";");
      }
    }
    out.line("Json::Object(out)");
    out.close("}");
    out.blank();
  }

  /** Where a strict contract finds the fields a message kept without knowing them. */
  private static void unknownPaths(RustOut out, ResolvedContract contract) {
    out.line("/// The places of fields kept without being known (`#7`, `caches.#9`), in the order");
    out.line("/// Java lists them: this message's by number, then those of the messages it holds.");
    out.open("pub fn unknown_field_paths(&self, path: &str, out: &mut Vec<String>) {");
    out.line("wire::unknown_paths(&self." + RustContracts.unknownFieldsMember(contract)
        + ", path, out);");
    for (ResolvedField field : byNumber(contract)) {
      String place = "self." + RustSyntax.fieldName(field.component());
      String nested = "&wire::join_path(path, " + RustSyntax.string(field.name()) + ")";
      if (field.type() instanceof FieldType.ContractRef) {
        out.open("if let Some(v) = &" + place + " {");
        out.call("v.unknown_field_paths", List.of(nested, "out"), ";");
        out.close("}");
      } else if (field.type() instanceof FieldType.ListType list
          && list.element() instanceof FieldType.ContractRef) {
        out.open("for v in &" + place + " {");
        out.call("v.unknown_field_paths", List.of(nested, "out"), ";");
        out.close("}");
      }
      // Java does not look into map values: protobuf-java drops what map entries hold unknown.
    }
    out.close("}");
    out.blank();
  }

  // ---------------------------------------------------------------------------------------------
  // records: JSON and the binary form

  /**
   * How a record is read from one of its two forms: the doc lines of the reader, its name, what
   * it reads, the type that keeps unknown top-level members, the helper module and its function
   * that unpacks the members, and the reader of a nested record.
   */
  private record RecordForm(List<String> doc, String reader, String input, String top,
      String module, String unpack, String members, String nestedDoc, String nestedReader) {}

  private static final RecordForm JSON_FORM = new RecordForm(List.of(
      "/// Reads the record from JSON, as `RecordPayloads` reads it: members no field names",
      "/// refused (unless `top` keeps them), then every field in declaration order."),
      "read_json_fields", "&Json<'_>", "json_mapping::Top<'_>", "record", "object", "members",
      "/// Reads a nested record from JSON.", "from_json_value");

  private static final RecordForm BINARY_FORM = new RecordForm(List.of(
      "/// Reads the record from its binary form (canonical MessagePack of every field), as",
      "/// `RecordPayloads.fromBinary` reads it."),
      "read_binary_fields", "&Value", "binary::Top<'_>", "binary", "fields", "entries",
      "/// Reads a nested record from its binary form.", "from_binary_value");

  /**
   * The two readers of a record in one form: the top-level reader (which checks the members
   * against the fields, keeping unknown ones where {@code top} asks) and the nested reader.
   */
  private static void recordReaders(RustOut out, ResolvedContract contract, String name,
      RecordForm form) {
    form.doc().forEach(out::line);
    out.signature("pub fn " + form.reader(), List.of("value: " + form.input(),
        "top: Option<&mut " + form.top() + ">"), " -> Result<" + name + ", ReadError> {");
    out.line("let " + form.members() + " = " + form.module() + "::" + form.unpack() + "(value)?;");
    out.line(form.module() + "::check_members(" + form.members()
        + ", Self::CONTRACT_NAME, Self::FIELDS, top)?;");
    recordLiteral(out, contract, name, form.module(), form.members());
    out.close("}");
    out.blank();
    out.line(form.nestedDoc());
    out.open("pub fn " + form.nestedReader() + "(value: " + form.input() + ") -> Result<" + name
        + ", ReadError> {");
    out.line(name + "::" + form.reader() + "(value, None)");
    out.close("}");
    out.blank();
  }

  private static void recordJson(RustOut out, ResolvedContract contract, String name) {
    recordReaders(out, contract, name, JSON_FORM);
    out.line("/// The record as JSON, as `RecordPayloads` writes it: fields in declaration order, an");
    out.line("/// absent optional as `null`, enums in lower case, bytes in base64, map keys sorted.");
    out.open("pub fn write_json_fields(&self) -> Json<'static> {");
    out.line((contract.fields().isEmpty() ? "let out" : "let mut out")
        + " = Vec::with_capacity(" + contract.fields().size() + ");");
    for (ResolvedField field : contract.fields()) {
      String place = "self." + RustSyntax.fieldName(field.component());
      out.call("json_mapping::push", List.of("&mut out", RustSyntax.string(field.name()),
          "record::json(&" + place + ")"), ";");
    }
    out.line("Json::Object(out)");
    out.close("}");
    out.blank();
  }

  private static void recordBinary(RustOut out, ResolvedContract contract, String name) {
    recordReaders(out, contract, name, BINARY_FORM);
    out.line("/// The record's binary form: a map of every field, provenance included, lists in");
    out.line("/// their order, an absent optional as nil (the encoding sorts the keys).");
    out.open("pub fn to_binary_value(&self) -> Value {");
    out.open("Value::Map(vec![");
    for (ResolvedField field : contract.fields()) {
      String place = "self." + RustSyntax.fieldName(field.component());
      out.call("", List.of(RustSyntax.string(field.name()) + ".to_string()",
          "binary::value(&" + place + ")"), ",");
    }
    out.close("])");
    out.close("}");
    out.blank();
  }

  /**
   * {@code Ok(X { field: helpers::required(members, "field")?, ... })}: every field read in
   * declaration order (its type says how), from a JSON object or a value map.
   */
  private static void recordLiteral(RustOut out, ResolvedContract contract, String name,
      String helpers, String members) {
    if (contract.fields().isEmpty()) {
      out.line("Ok(" + name + " {})");
      return;
    }
    out.open("Ok(" + name + " {");
    for (ResolvedField field : contract.fields()) {
      String fieldName = RustSyntax.fieldName(field.component());
      String function = field.type() instanceof FieldType.OptionalType ? "::optional_field"
          : "::required";
      out.call(fieldName + ": " + helpers + function,
          List.of(members, RustSyntax.string(field.name())), "?,");
    }
    out.close("})");
  }

  // ---------------------------------------------------------------------------------------------
  // both: constraints

  private static void violations(RustOut out, ResolvedContract contract) {
    out.line("/// Every constraint the value violates, `(path, message)`, as Java's `ValueChecks` lists");
    out.line("/// them: hash fields that are not SHA-256 digests (nested contracts too), else a value");
    out.line("/// without a canonical encoding.");
    out.open("pub fn violations(&self) -> Vec<(String, String)> {");
    out.line("let mut out = Vec::new();");
    out.line("self.validate_at(&payload::Place::Top, &mut out);");
    out.open("if out.is_empty() {");
    out.open("if let Err(e) = self.canonical_bytes() {");
    out.line("out.push(payload::encode_violation(Self::CONTRACT_NAME, e));");
    out.close("}");
    out.close("}");
    out.line("out");
    out.close("}");
    out.blank();
    out.line("/// The hash rules of the fields and the constraints of nested contracts, in declaration");
    out.line("/// order, as the generated Java `validate` checks them.");
    boolean any = contract.fields().stream().anyMatch(RustPayloads::validated);
    String place = any ? "place" : "_place";
    String sink = any ? "out" : "_out";
    List<String> params = List.of("&self", place + ": &payload::Place<'_>",
        sink + ": &mut Vec<(String, String)>");
    if (!any) {
      // Nothing to check: rustfmt closes an empty body on the signature's line.
      String line = "pub fn validate_at(" + String.join(", ", params) + ") {}";
      if (out.fits(line)) {
        out.line(line);
      } else {
        out.open("pub fn validate_at(");
        params.forEach(p -> out.line(p + ","));
        out.close(") {}");
      }
      return;
    }
    out.signature("pub fn validate_at", params, " {");
    for (ResolvedField field : contract.fields()) {
      validateField(out, contract, field);
    }
    out.close("}");
  }

  private static boolean validated(ResolvedField field) {
    return field.hash() != ContractField.HashRule.NONE
        || nestedContract(field.type()) != null;
  }

  /** The contract a field holds directly, in a list or in a map; null for none. */
  private static FieldType.ContractRef nestedContract(FieldType type) {
    FieldType element = element(type);
    return element instanceof FieldType.ContractRef ref ? ref : null;
  }

  private static void validateField(RustOut out, ResolvedContract contract, ResolvedField field) {
    String place = "self." + RustSyntax.fieldName(field.component());
    String at = "&place.field(" + RustSyntax.string(field.name()) + ")";
    FieldType type = field.type();
    if (field.hash() != ContractField.HashRule.NONE) {
      String allowEmpty = Boolean.toString(field.hash() == ContractField.HashRule.HASH_OR_EMPTY);
      String function = type instanceof FieldType.ListType ? "payload::check_hashes"
          : type instanceof FieldType.MapType ? "payload::check_hash_values"
          : type instanceof FieldType.OptionalType ? "payload::check_optional_hash"
          : "payload::check_hash_at";
      out.call(function, List.of("out", at, "&" + place, allowEmpty), ";");
    }
    FieldType.ContractRef nested = nestedContract(type);
    if (nested == null) {
      return;
    }
    String nestedType = nested.type().flatName();
    if (type instanceof FieldType.ListType) {
      out.open("for (i, v) in payload::indexed(&" + place + ") {");
      out.call("v.validate_at", List.of("&place.field(" + RustSyntax.string(field.name())
          + ").index(i)", "out"), ";");
      out.close("}");
    } else if (type instanceof FieldType.MapType) {
      out.open("for (k, v) in wire::java_map_order(&" + place + ") {");
      out.call("v.validate_at", List.of("&place.field(" + RustSyntax.string(field.name())
          + ").key(k)", "out"), ";");
      out.close("}");
    } else if (type instanceof FieldType.OptionalType) {
      out.open("if let Some(v) = &" + place + " {");
      out.call("v.validate_at", List.of(at, "out"), ";");
      out.close("}");
    } else if (!contract.record()) {
      // An unset message is validated as its default, as protoc's getter returns it.
      out.open("match &" + place + " {");
      out.armCall("Some(v)", "v.validate_at", List.of(at, "out"));
      out.armCall("None", nestedType + "::validate_at",
          List.of("&" + nestedType + "::default()", at, "out"));
      out.close("}");
    } else {
      out.call(nestedType + "::validate_at", List.of("&" + place, at, "out"), ";");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // trait impls after the contract's impl block

  /** {@code impl wire::Message} (protos) and {@code impl payload::PayloadContract}. */
  static void traits(RustOut out, ResolvedContract contract) {
    String name = contract.type().flatName();
    if (!contract.record()) {
      protoMessage(out, contract);
    }
    out.open("impl payload::PayloadContract for " + name + " {");
    out.line("const INFO: payload::ContractInfo = " + name + "::INFO;");
    out.blank();
    out.signature("fn read_body", List.of("body: &[u8]",
        (contract.record() ? "" : "_") + "version: &payload::PayloadVersion",
        (contract.record() ? "" : "_") + "unknown: &mut Vec<(String, Value)>"),
        " -> Result<Self, ReadError> {");
    if (contract.record()) {
      out.line("let value = msgpack::decode_with_max_depth(body, payload::MAX_DEPTH)?;");
      out.open("let mut top = binary::Top {");
      out.line("older_fields: version.older().map(|older| older.fields),");
      out.line("keep_unknown: Self::INFO.forward_compatible,");
      out.line("unknown,");
      out.close("};");
      out.line(name + "::read_binary_fields(&value, Some(&mut top))");
    } else {
      out.line("payload::decode_message(body)");
    }
    out.close("}");
    out.blank();
    if (contract.record()) {
      out.open("fn write_body(&self, unknown: &[(String, Value)]) -> Vec<u8> {");
      out.line("payload::encode_record(self.to_binary_value(), unknown)");
    } else {
      out.open("fn write_body(&self, _unknown: &[(String, Value)]) -> Vec<u8> {");
      out.line("wire::Message::encode(self)");
    }
    out.close("}");
    out.blank();
    out.signature("fn read_json", List.of("payload: &Json<'_>", "version: &payload::PayloadVersion",
        "unknown: &mut Vec<(String, Json<'static>)>"), " -> Result<Self, ReadError> {");
    out.open("let mut top = json_mapping::Top::new(");
    out.line("version.older().map(|older| older.fields),");
    out.line("Self::INFO.forward_compatible,");
    out.line("unknown,");
    out.close(");");
    out.line(name + "::read_json_fields(payload, Some(&mut top))");
    out.close("}");
    out.blank();
    out.open("fn write_json(&self) -> Json<'static> {");
    out.line("self.write_json_fields()");
    out.close("}");
    out.blank();
    out.open("fn violations(&self) -> Vec<(String, String)> {");
    out.line(name + "::violations(self)");
    out.close("}");
    if (!contract.record()) {
      out.blank();
      out.open("fn unknown_field_paths(&self, out: &mut Vec<String>) {");
      out.line(name + "::unknown_field_paths(self, \"\", out)");
      out.close("}");
    }
    out.close("}");
    out.blank();
    if (contract.record()) {
      valueTraits(out, name, "\"an object\"", name + "::from_json_value(value)",
          "self.write_json_fields()", name + "::from_binary_value(value)",
          "self.to_binary_value()");
    } else {
      out.open("impl proto::ProtoJson for " + name + " {");
      out.open("fn read_proto_json(value: &Json<'_>) -> Result<" + name + ", ReadError> {");
      out.line(name + "::from_json_value(value)");
      out.close("}");
      out.blank();
      out.open("fn proto_json(&self) -> Json<'static> {");
      out.line("self.write_json_fields()");
      out.close("}");
      out.close("}");
      out.blank();
    }
  }

  /**
   * {@code impl record::RecordJson} and {@code impl binary::RecordValue} of a record or an enum a
   * record holds: how the payload readers and writers read and write a value of it.
   */
  static void valueTraits(RustOut out, String name, String expected, String readJson,
      String writeJson, String readValue, String writeValue) {
    out.open("impl record::RecordJson for " + name + " {");
    out.line("const EXPECTED: &'static str = " + expected + ";");
    out.blank();
    out.open("fn read_record_json(value: &Json<'_>) -> Result<" + name + ", ReadError> {");
    out.line(readJson);
    out.close("}");
    out.blank();
    out.open("fn record_json(&self) -> Json<'static> {");
    out.line(writeJson);
    out.close("}");
    out.close("}");
    out.blank();
    out.open("impl binary::RecordValue for " + name + " {");
    out.line("const EXPECTED: &'static str = " + expected + ";");
    out.blank();
    out.open("fn read_record_value(value: &Value) -> Result<" + name + ", ReadError> {");
    out.line(readValue);
    out.close("}");
    out.blank();
    out.open("fn record_value(&self) -> Value {");
    out.line(writeValue);
    out.close("}");
    out.close("}");
    out.blank();
  }

  /** The value traits of an enum a record holds: its lower-case text. */
  static void recordEnum(RustOut out, String name) {
    valueTraits(out, name, name + "::EXPECTED", "record::enum_text(value, " + name
        + "::from_text)", "Json::String(std::borrow::Cow::Borrowed(self.as_text()))",
        "binary::enum_text(value, " + name + "::from_text)",
        "Value::Str(self.as_text().to_string())");
  }

  // ---------------------------------------------------------------------------------------------
  // proto enums

  /** {@code impl Default} and {@code impl wire::ProtoEnum} of an enum a proto contract uses. */
  static void protoEnum(RustOut out, String name, List<String> constants, ProtoWire wire) {
    List<Integer> numbers = wire.enumNumbers();
    int zero = numbers.indexOf(0);
    String first = name + "::" + RustSyntax.variantName(constants.get(zero < 0 ? 0 : zero));
    out.line("/// The value numbered 0, as protobuf reads an unset field.");
    out.open("impl Default for " + name + " {");
    out.open("fn default() -> " + name + " {");
    out.line(first);
    out.close("}");
    out.close("}");
    out.blank();
    out.open("impl wire::ProtoEnum for " + name + " {");
    out.line("const PROTO_NAME: &'static str = " + RustSyntax.string(wire.enumName()) + ";");
    List<String> values = new ArrayList<>();
    for (int i = 0; i < constants.size(); i++) {
      values.add("(" + RustSyntax.string(constants.get(i)) + ", " + numbers.get(i) + ")");
    }
    out.assignedList("const VALUES: &'static [(&'static str, i32)] = &[", values, "];");
    out.blank();
    out.open("fn from_number(number: i32) -> Option<" + name + "> {");
    out.open("match number {");
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < constants.size(); i++) {
      if (seen.contains(numbers.get(i))) {
        continue; // an alias: the first name of a number is its value
      }
      seen.add(numbers.get(i));
      out.arm(numbers.get(i).toString(),
          "Some(" + name + "::" + RustSyntax.variantName(constants.get(i)) + ")");
    }
    out.line("_ => None,");
    out.close("}");
    out.close("}");
    out.blank();
    out.open("fn number(self) -> i32 {");
    out.open("match self {");
    for (int i = 0; i < constants.size(); i++) {
      out.arm(name + "::" + RustSyntax.variantName(constants.get(i)),
          numbers.get(i).toString());
    }
    out.close("}");
    out.close("}");
    out.close("}");
    out.blank();
    out.open("impl proto::ProtoJson for " + name + " {");
    out.open("fn read_proto_json(value: &Json<'_>) -> Result<" + name + ", ReadError> {");
    out.line("proto::enum_of(value)");
    out.close("}");
    out.blank();
    out.open("fn proto_json(&self) -> Json<'static> {");
    out.line("proto::enum_of_json(*self)");
    out.close("}");
    out.close("}");
    out.blank();
  }
}

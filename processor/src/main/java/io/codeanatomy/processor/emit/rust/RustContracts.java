package io.codeanatomy.processor.emit.rust;

import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.resolve.ResolvedContract;
import io.codeanatomy.processor.resolve.ResolvedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Rust of {@code @Contract} records: a struct, its canonical encoder following the declared
 * layout (provenance fields kept in the struct, left out of the hash), reading from a value tree,
 * and the {@code Contract} trait. Statements are plain loops and matches rather than closures,
 * so the output stays in rustfmt's shape whatever the nesting.
 */
final class RustContracts {

  private RustContracts() {}

  static void emit(RustOut out, ResolvedContract contract, RustPayloads.Accepted accepted) {
    String name = contract.type().flatName();
    boolean pairs = contract.orderedPairs();
    out.line("/// Contract `" + contract.name() + "` (version " + contract.version() + ", layout `"
        + contract.layoutName() + "`), declared by `"
        + contract.type().qualifiedName() + "`.");
    boolean proto = !contract.record();
    out.line(proto ? "#[derive(Debug, Clone, PartialEq, Default)]" : "#[derive(Debug, Clone, PartialEq)]");
    out.open("pub struct " + name + " {");
    for (ResolvedField field : contract.fields()) {
      out.line("/// `" + field.name() + "`" + (field.provenance()
          ? ": provenance, kept in payloads and left out of the hash." : "."));
      out.line("pub " + RustSyntax.fieldName(field.component()) + ": " + fieldType(contract, field)
          + ",");
    }
    if (proto) {
      out.line("/// Fields of a binary payload this build does not declare, kept to be written back.");
      out.line("pub " + unknownFieldsMember(contract) + ": wire::UnknownFields,");
    }
    out.close("}");
    out.blank();

    out.open("impl " + name + " {");
    out.line("/// The contract name.");
    out.line("pub const CONTRACT_NAME: &'static str = " + RustSyntax.string(contract.name()) + ";");
    out.line("/// The declared contract version.");
    out.line("pub const CONTRACT_VERSION: u32 = " + contract.version() + ";");
    String fingerprint = RustSyntax.string(contract.fingerprint());
    out.line("/// SHA-256 of the contract's canonical description, as in the manifest.");
    String line = "pub const SCHEMA_FINGERPRINT: &'static str = " + fingerprint + ";";
    if (out.fits(line)) {
      out.line(line);
    } else {
      out.line("pub const SCHEMA_FINGERPRINT: &'static str =");
      out.continuation(fingerprint + ";");
    }
    List<String> names = new ArrayList<>();
    contract.fields().forEach(f -> names.add(RustSyntax.string(f.name())));
    out.line("/// Every field name, in declaration order.");
    out.assignedList("pub const FIELDS: &'static [&'static str] = &[", names, "];");
    out.blank();

    out.line("/// Writes the hashed form: "
        + (pairs ? "the `[name, value]` pairs of the hashed fields, in order."
            : "the envelope `{contract, fields, version}`."));
    out.open("pub fn write(&self, writer: &mut Writer) -> Result<(), EncodeError> {");
    if (pairs) {
      out.line("self.write_body(writer)");
    } else {
      out.line("writer.write_map_header(3);");
      out.line("writer.write_str(\"contract\");");
      out.line("writer.write_str(Self::CONTRACT_NAME);");
      out.line("writer.write_str(\"fields\");");
      out.line("self.write_body(writer)?;");
      out.line("writer.write_str(\"version\");");
      out.line("writer.write_int(i64::from(Self::CONTRACT_VERSION));");
      out.line("Ok(())");
    }
    out.close("}");
    out.blank();

    out.line("/// Writes the body without an envelope, as when nested in another contract.");
    List<ResolvedField> hashed = contract.hashedInWriteOrder();
    out.open("pub fn write_body(&self, writer: &mut Writer) -> Result<(), EncodeError> {");
    out.line((pairs ? "writer.write_array_header(" : "writer.write_map_header(") + hashed.size()
        + ");");
    for (ResolvedField field : hashed) {
      if (pairs) {
        out.line("writer.write_array_header(2);");
      }
      out.line("writer.write_str(" + RustSyntax.string(field.name()) + ");");
      String place = "self." + RustSyntax.fieldName(field.component());
      if (!contract.record() && field.type() instanceof FieldType.ContractRef ref) {
        // An unset message hashes as its default, as protoc's getter returns it.
        out.open("match &" + place + " {");
        out.line("Some(value) => value.write_body(writer)?,");
        out.line("None => " + ref.type().flatName() + "::default().write_body(writer)?,");
        out.close("}");
        continue;
      }
      write(out, field.type(), "writer", place, false, contract.name() + "." + field.name(),
          field, pairs, 0);
    }
    out.line("Ok(())");
    out.close("}");
    out.blank();

    out.line("/// The canonical bytes whose SHA-256 is the hash.");
    out.open("pub fn canonical_bytes(&self) -> Result<Vec<u8>, EncodeError> {");
    out.line("Contract::canonical_bytes(self)");
    out.close("}");
    out.blank();
    out.line("/// The contract's hash: SHA-256 of its canonical bytes, lowercase hex.");
    out.open("pub fn hash(&self) -> Result<String, EncodeError> {");
    out.line("Contract::hash(self)");
    out.close("}");
    out.blank();

    fromValue(out, contract, name);
    RustPayloads.inherent(out, contract, accepted);
    out.close("}");
    out.blank();

    out.open("impl Contract for " + name + " {");
    out.line("const CONTRACT_NAME: &'static str = " + name + "::CONTRACT_NAME;");
    out.line("const CONTRACT_VERSION: u32 = " + name + "::CONTRACT_VERSION;");
    out.line("const SCHEMA_FINGERPRINT: &'static str = " + name + "::SCHEMA_FINGERPRINT;");
    out.blank();
    out.open("fn from_value(value: &Value) -> Result<Self, DecodeError> {");
    out.line(name + "::from_value(value)");
    out.close("}");
    out.blank();
    out.open("fn write(&self, writer: &mut Writer) -> Result<(), EncodeError> {");
    out.line(name + "::write(self, writer)");
    out.close("}");
    out.close("}");
    out.blank();
    RustPayloads.traits(out, contract);
  }

  /** The Rust type of a field: a proto message field keeps its presence, a proto float is f32. */
  static String fieldType(ResolvedContract contract, ResolvedField field) {
    String type = type(field.type());
    if (contract.record()) {
      return type;
    }
    if (field.type() instanceof FieldType.ContractRef) {
      type = "Option<" + type + ">";
    }
    if (float32(field)) {
      type = type.replace("f64", "f32");
    }
    return type;
  }

  /** Whether a proto contract's field holds {@code float}s (f32 in Rust; hashed as float64). */
  static boolean float32(ResolvedField field) {
    return field.wire().map(w -> w.type() == io.codeanatomy.processor.model.ProtoWire.ProtoType.FLOAT)
        .orElse(false);
  }

  /**
   * Statements that write a value. {@code value} is a place ({@code self.x}) when
   * {@code isRef} is false, or a reference ({@code item0}) when it is true.
   */
  private static void write(RustOut out, FieldType type, String writer,
      String value, boolean isRef, String path, ResolvedField field, boolean pairs, int depth) {
    write(out, type, writer, value, isRef, path, field, pairs, depth,
        field != null && float32(field));
  }

  private static void write(RustOut out, FieldType type, String writer, String value,
      boolean isRef, String path, ResolvedField field, boolean pairs, int depth,
      boolean float32Element) {
    boolean bag = field != null && field.bag();
    boolean absentAsEmptyString = field != null && field.absentAsEmptyString();
    String ref = isRef ? value : "&" + value;
    String copy = isRef ? "*" + value : value;
    if (type instanceof FieldType.Scalar scalar) {
      switch (scalar.kind()) {
        case BOOLEAN -> out.line(writer + ".write_bool(" + copy + ");");
        case INT, LONG -> out.line(writer + ".write_int(i64::from(" + copy + "));");
        case DOUBLE -> out.call(writer + ".write_f64_at", List.of(
            float32Element ? "f64::from(" + copy + ")" : copy,
            RustSyntax.string(path)), "?;");
        case STRING -> out.line(writer + ".write_str(" + ref + ");");
        case BYTES -> out.line(writer + ".write_bin(" + ref + ");");
        default -> throw new IllegalStateException();
      }
      return;
    }
    if (type instanceof FieldType.EnumType) {
      out.line(writer + ".write_str(" + value + ".as_text());");
      return;
    }
    if (type instanceof FieldType.ContractRef) {
      // The method's own writer is a `&mut Writer` already; a bag element's is an owned one.
      String target = writer.equals("writer") ? writer : "&mut " + writer;
      out.line(value + ".write_body(" + target + ")?;");
      return;
    }
    String item = "item" + depth;
    if (type instanceof FieldType.ListType list) {
      if (bag && list.element() instanceof FieldType.Scalar scalar
          && scalar.kind() != FieldType.ScalarKind.BYTES) {
        // Strings sort by their bytes, numbers by value: the legacy "sorted array".
        String sorted = "sorted" + depth;
        // A float32 element is held as f32 and widened only when written.
        String held = float32Element && scalar.kind() == FieldType.ScalarKind.DOUBLE ? "f32"
            : type(list.element());
        out.line("let mut " + sorted + ": Vec<&" + held + "> = " + value + ".iter().collect();");
        out.line(sorted + (scalar.kind() == FieldType.ScalarKind.DOUBLE
            ? ".sort_by(|a, b| a.total_cmp(b));" : ".sort();"));
        out.line(writer + ".write_array_header(" + sorted + ".len());");
        out.open("for " + item + " in " + sorted + " {");
        write(out, list.element(), writer, item, true, path + "[]", null, pairs, depth + 1,
            float32Element);
        out.close("}");
      } else if (bag) {
        String encoded = "encoded" + depth;
        String element = "element" + depth;
        String key = bagKey(list.element(), field, item);
        out.line("let mut " + encoded + " = Vec::with_capacity(" + value + ".len());");
        out.open("for " + item + " in " + ref + " {");
        out.line("let mut " + element + " = Writer::new();");
        write(out, list.element(), element, item, true, path + "[]", null, pairs, depth + 1,
            float32Element);
        out.line(encoded + ".push((" + key + ", " + element + ".into_bytes()));");
        out.close("}");
        String sortKey = list.element() instanceof FieldType.EnumType ? "text"
            : field.declared().bagKey();
        out.line("// Sorted by " + (sortKey.isEmpty() ? "" : sortKey + ", then by ")
            + "canonical bytes: the order of a bag's elements does not count.");
        out.line(encoded + ".sort();");
        out.line(writer + ".write_array_header(" + encoded + ".len());");
        out.open("for (_, bytes) in &" + encoded + " {");
        out.line(writer + ".write_encoded(bytes);");
        out.close("}");
      } else {
        out.line(writer + ".write_array_header(" + value + ".len());");
        out.open("for " + item + " in " + ref + " {");
        write(out, list.element(), writer, item, true, path + "[]", null, pairs, depth + 1,
            float32Element);
        out.close("}");
      }
      return;
    }
    if (type instanceof FieldType.MapType map) {
      String key = "key" + depth;
      out.line(writer + (pairs ? ".write_array_header(" : ".write_map_header(") + value
          + ".len());");
      out.line("// A BTreeMap iterates in key byte order, which is the canonical order.");
      out.open("for (" + key + ", " + item + ") in " + ref + " {");
      if (pairs) {
        out.line(writer + ".write_array_header(2);");
      }
      out.line(writer + ".write_str(" + key + ");");
      write(out, map.value(), writer, item, true, path + "[]", null, pairs, depth + 1,
          float32Element);
      out.close("}");
      return;
    }
    FieldType.OptionalType optional = (FieldType.OptionalType) type;
    out.open("match " + ref + " {");
    out.open("Some(" + item + ") => {");
    write(out, optional.element(), writer, item, true, path, null, pairs, depth + 1,
        float32Element);
    out.close("}");
    out.line("None => " + writer + (absentAsEmptyString ? ".write_str(\"\")," : ".write_nil(),"));
    out.close("}");
  }

  /**
   * The sort key of a bag element: an enum's text, the text of a contract's key field, or ""
   * when the bag has no key.
   */
  private static String bagKey(FieldType element, ResolvedField field, String item) {
    if (element instanceof FieldType.EnumType) {
      return item + ".as_text()";
    }
    if (field.bagKey().isEmpty()) {
      return "\"\"";
    }
    ResolvedField.BagKey key = field.bagKey().get();
    String access = item + "." + RustSyntax.fieldName(key.field().component());
    return key.field().type() instanceof FieldType.EnumType ? access + ".as_text()"
        : access + ".as_str()";
  }

  private static void fromValue(RustOut out, ResolvedContract contract, String name) {
    out.line("/// Reads the contract from a value tree: a map of field name to value"
        + (contract.forwardCompatible() ? "; unknown fields are ignored (forward compatible)."
            : "; unknown fields are refused."));
    out.open("pub fn from_value(value: &Value) -> Result<" + name + ", DecodeError> {");
    // A forward-compatible contract without fields reads no member: `_members` (still a map).
    boolean readsMembers = !contract.forwardCompatible() || !contract.fields().isEmpty();
    out.line("let " + (readsMembers ? "members" : "_members")
        + " = decode::fields(value, Self::CONTRACT_NAME)?;");
    if (!contract.forwardCompatible()) {
      out.line("decode::no_unknown_fields(members, Self::FIELDS, Self::CONTRACT_NAME)?;");
    }
    List<String> assignments = new ArrayList<>();
    for (ResolvedField field : contract.fields()) {
      String local = "f_" + field.name();
      String path = RustSyntax.string(contract.name() + "." + field.name());
      String fieldName = RustSyntax.string(field.name());
      if (field.type() instanceof FieldType.OptionalType optional) {
        out.assignCall("let found", "decode::optional_field", List.of("members", fieldName), ";");
        out.open("let " + local + " = match found {");
        if (field.absentAsEmptyString()) {
          out.line("Some(Value::Str(text)) if text.is_empty() => None,");
        }
        out.open("Some(found) => {");
        read(out, optional.element(), "found", path, "inner", 0);
        out.line("Some(inner)");
        out.close("}");
        out.line("None => None,");
        out.close("};");
      } else {
        out.assignCall("let found", "decode::field", List.of("members", fieldName, path), "?;");
        read(out, field.type(), "found", path, local, 0);
      }
      String value = local;
      if (!contract.record() && field.type() instanceof FieldType.ContractRef) {
        value = "Some(" + local + ")";
      } else if (float32(field)) {
        value = narrowed(field.type(), local);
      }
      assignments.add(RustSyntax.fieldName(field.component()) + ": " + value);
    }
    if (!contract.record()) {
      assignments.add(unknownFieldsMember(contract) + ": Default::default()");
    }
    String joined = String.join(", ", assignments);
    if (assignments.isEmpty()) {
      out.line("Ok(" + name + " {})");
    } else if (joined.length() <= RustOut.STRUCT_LITERAL_WIDTH
        && out.fits("Ok(" + name + " { " + joined + " })")) {
      out.line("Ok(" + name + " { " + joined + " })");
    } else {
      out.open("Ok(" + name + " {");
      assignments.forEach(a -> out.line(a + ","));
      out.close("})");
    }
    out.close("}");
  }

  /** A value tree's float64s as a proto float field's f32s (the tree holds what they widen to). */
  private static String narrowed(FieldType type, String local) {
    if (type instanceof FieldType.ListType) {
      return local + ".into_iter().map(|v| v as f32).collect()";
    }
    if (type instanceof FieldType.MapType) {
      return local + ".into_iter().map(|(k, v)| (k, v as f32)).collect()";
    }
    if (type instanceof FieldType.OptionalType) {
      return local + ".map(|v| v as f32)";
    }
    return local + " as f32";
  }

  /** Statements that read {@code value} (a {@code &Value}) into a new local {@code target}. */
  private static void read(RustOut out, FieldType type, String value, String path, String target,
      int depth) {
    if (type instanceof FieldType.Scalar scalar) {
      String function = switch (scalar.kind()) {
        case BOOLEAN -> "boolean";
        case INT -> "int32";
        case LONG -> "int64";
        case DOUBLE -> "float64";
        case STRING -> "string";
        case BYTES -> "bytes";
      };
      out.assignCall("let " + target, "decode::" + function, List.of(value, path), "?;");
      return;
    }
    if (type instanceof FieldType.EnumType enumType) {
      out.assignCall("let " + target, "decode::text",
          List.of(value, path, enumType.type().flatName() + "::from_text"), "?;");
      return;
    }
    if (type instanceof FieldType.ContractRef ref) {
      out.line("let " + target + " = " + ref.type().flatName() + "::from_value(" + value + ")?;");
      return;
    }
    String item = "item" + depth;
    String element = "element" + depth;
    if (type instanceof FieldType.ListType list) {
      out.line("let mut " + target + " = Vec::new();");
      out.open("for " + item + " in decode::array(" + value + ", " + path + ")? {");
      read(out, list.element(), item, path, element, depth + 1);
      out.line(target + ".push(" + element + ");");
      out.close("}");
      return;
    }
    FieldType.MapType map = (FieldType.MapType) type;
    String key = "key" + depth;
    out.line("let mut " + target + " = BTreeMap::new();");
    out.open("for (" + key + ", " + item + ") in decode::map(" + value + ", " + path + ")? {");
    read(out, map.value(), item, path, element, depth + 1);
    out.line(target + ".insert(" + key + ".clone(), " + element + ");");
    out.close("}");
  }

  /** The module-level lookup by contract name, for tools that handle any contract. */
  static void emitDispatch(RustOut out, List<ResolvedContract> contracts) {
    List<String> names = new ArrayList<>();
    contracts.forEach(c -> names.add(c.type().flatName() + "::CONTRACT_NAME"));
    out.line("/// The contract names of this module.");
    out.assignedList("pub const CONTRACT_NAMES: &[&str] = &[", names, "];");
    out.blank();
    out.line("/// The schema fingerprint of the contract named `contract`, as in the manifest.");
    out.open("pub fn contract_schema_fingerprint(contract: &str) -> Option<&'static str> {");
    out.open("match contract {");
    for (ResolvedContract contract : contracts) {
      String type = contract.type().flatName();
      out.arm(type + "::CONTRACT_NAME", "Some(" + type + "::SCHEMA_FINGERPRINT)");
    }
    out.line("_ => None,");
    out.close("}");
    out.close("}");
    out.blank();
    out.line("/// Calls `visitor` with the contract named `contract` as a type, for tools that handle");
    out.line("/// any contract by its name; `None` for a name this module does not have.");
    out.signature("pub fn visit_contract<V: payload::PayloadVisitor>",
        List.of("contract: &str", "visitor: V"), " -> Option<V::Output> {");
    out.open("match contract {");
    for (ResolvedContract contract : contracts) {
      String type = contract.type().flatName();
      out.arm(type + "::CONTRACT_NAME", "Some(visitor.visit::<" + type + ">())");
    }
    out.line("_ => None,");
    out.close("}");
    out.close("}");
    out.blank();
    out.line("/// The hash of `value` read as the contract named `contract`.");
    out.open("pub fn hash_contract_value(contract: &str, value: &Value) -> Result<String, String> {");
    out.open("match contract {");
    for (ResolvedContract contract : contracts) {
      String type = contract.type().flatName();
      out.arm(type + "::CONTRACT_NAME", "hash_value_as::<" + type + ">(value)");
    }
    out.open("_ => Err(format!(");
    out.line("\"unknown contract '{}'; known: {}\",");
    out.line("contract,");
    out.line("CONTRACT_NAMES.join(\", \")");
    out.close(")),");
    out.close("}");
    out.close("}");
  }



  /** The Rust type of a contract field. */
  static String type(FieldType type) {
    if (type instanceof FieldType.Scalar scalar) {
      return switch (scalar.kind()) {
        case BOOLEAN -> "bool";
        case INT -> "i32";
        case LONG -> "i64";
        case DOUBLE -> "f64";
        case STRING -> "String";
        case BYTES -> "Vec<u8>";
      };
    }
    if (type instanceof FieldType.EnumType enumType) {
      return enumType.type().flatName();
    }
    if (type instanceof FieldType.ContractRef ref) {
      return ref.type().flatName();
    }
    if (type instanceof FieldType.ListType list) {
      return "Vec<" + type(list.element()) + ">";
    }
    if (type instanceof FieldType.MapType map) {
      return "BTreeMap<String, " + type(map.value()) + ">";
    }
    return "Option<" + type(((FieldType.OptionalType) type).element()) + ">";
  }

  /**
   * The struct member that keeps a message's unknown fields: {@code unknown_fields}, with a
   * {@code _} added for as long as a declared field already has that Rust name.
   */
  static String unknownFieldsMember(ResolvedContract contract) {
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (ResolvedField field : contract.fields()) {
      taken.add(RustSyntax.fieldName(field.component()));
    }
    String member = "unknown_fields";
    while (taken.contains(member)) {
      member += "_";
    }
    return member;
  }
}

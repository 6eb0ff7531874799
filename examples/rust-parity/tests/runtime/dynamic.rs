//! Protobuf messages and contract records read and written by a schema table, over the
//! runtime's API: what the generated decoders will do for each contract, written once so that
//! the tests can run it on every message, contract and payload of the vectors. It follows the
//! Java payload readers step by step (ProtoPayloads, RecordPayloads), so that its results and
//! errors can be compared with theirs.

use crate::json::Json;
use crate::json_mapping::{self, proto, record};
use crate::payload::{self, ContractInfo, PayloadError};
use crate::read_error::ReadError;
use crate::wire::{self, Reader, Tag, UnknownFields, WireType, Writer};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

// ------------------------------------------------------------------------------------------
// schemas

/// A protobuf field type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Int32,
    Int64,
    UInt32,
    UInt64,
    SInt32,
    SInt64,
    Fixed32,
    Fixed64,
    SFixed32,
    SFixed64,
    Bool,
    Float,
    Double,
    Str,
    Bytes,
    /// The declared `(name, number)` pairs.
    Enum(&'static [(&'static str, i32)]),
    /// A message, by name.
    Message(&'static str),
}

/// How a field is laid out and whether it has presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// proto3 without presence: a default is not written.
    Implicit,
    /// `optional`, a `oneof` member, a message: written when set.
    Explicit,
    /// `repeated`, packed when packable.
    Repeated,
    /// `repeated` with `[packed = false]`.
    Unpacked,
    /// `map<key, ty>`.
    Map(Ty),
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub number: u32,
    pub ty: Ty,
    pub label: Label,
    pub oneof: Option<&'static str>,
    /// A `json_name` option; else the derived name.
    pub json_name: Option<&'static str>,
    /// A hash field: `Some(allow_empty)`.
    pub hash: Option<bool>,
}

pub const fn field(name: &'static str, number: u32, ty: Ty, label: Label) -> Field {
    Field {
        name,
        number,
        ty,
        label,
        oneof: None,
        json_name: None,
        hash: None,
    }
}

impl Field {
    pub const fn hash(self, allow_empty: bool) -> Field {
        Field {
            hash: Some(allow_empty),
            ..self
        }
    }

    pub const fn oneof(self, name: &'static str) -> Field {
        Field {
            oneof: Some(name),
            ..self
        }
    }

    pub const fn json_name(self, name: &'static str) -> Field {
        Field {
            json_name: Some(name),
            ..self
        }
    }

    fn json(&self) -> String {
        match self.json_name {
            Some(name) => name.to_string(),
            None => proto::json_name(self.name),
        }
    }

    /// Whether a JSON payload may leave the field out: it has presence, or (as ProtoPayloads
    /// decides by the field's Java type) it holds messages, which every map does.
    /// As `ProtoPayloads` has it: a field with presence (`optional`, a singular message); a
    /// list or a map never.
    fn may_be_absent(&self) -> bool {
        self.label == Label::Explicit
            || (matches!(self.ty, Ty::Message(_)) && self.label == Label::Implicit)
    }
}

/// A message type.
#[derive(Debug)]
pub struct MessageSchema {
    pub name: &'static str,
    pub forward_compatible: bool,
    pub fields: &'static [Field],
}

/// Where message types are found by name.
pub type Lookup = fn(&str) -> &'static MessageSchema;

// ------------------------------------------------------------------------------------------
// values

/// A field value; floats as their bits, so that equality is exact.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    I32(i32),
    I64(i64),
    U32(u32),
    U64(u64),
    Bool(bool),
    F32(u32),
    F64(u64),
    Str(String),
    Bytes(Vec<u8>),
    Enum(i32),
    Msg(Msg),
}

/// A message: its fields by number, and what it kept of fields it does not know.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Msg {
    pub fields: BTreeMap<u32, FieldVal>,
    pub unknown: UnknownFields,
    /// Unknown top-level members of a forward-compatible JSON payload, sorted by name.
    pub unknown_json: Vec<(String, Json<'static>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldVal {
    One(Val),
    Many(Vec<Val>),
    /// Entries kept in the order protobuf-java writes them (so equal maps compare equal).
    Map(Vec<(Val, Val)>),
}

fn java_key_cmp(a: &Val, b: &Val) -> Ordering {
    use wire::JavaMapKey;
    match (a, b) {
        (Val::Str(x), Val::Str(y)) => x.java_cmp(y),
        (Val::I32(x), Val::I32(y)) => x.java_cmp(y),
        (Val::I64(x), Val::I64(y)) => x.java_cmp(y),
        (Val::U32(x), Val::U32(y)) => x.java_cmp(y),
        (Val::U64(x), Val::U64(y)) => x.java_cmp(y),
        (Val::Bool(x), Val::Bool(y)) => x.java_cmp(y),
        _ => Ordering::Equal,
    }
}

fn insert_entry(entries: &mut Vec<(Val, Val)>, key: Val, value: Val) {
    match entries.binary_search_by(|(k, _)| java_key_cmp(k, &key)) {
        Ok(i) => entries[i].1 = value,
        Err(i) => entries.insert(i, (key, value)),
    }
}

fn packable(ty: Ty) -> bool {
    !matches!(ty, Ty::Str | Ty::Bytes | Ty::Message(_))
}

fn wire_type(ty: Ty) -> WireType {
    match ty {
        Ty::Fixed32 | Ty::SFixed32 | Ty::Float => WireType::Fixed32,
        Ty::Fixed64 | Ty::SFixed64 | Ty::Double => WireType::Fixed64,
        Ty::Str | Ty::Bytes | Ty::Message(_) => WireType::Len,
        _ => WireType::Varint,
    }
}

fn default_val(ty: Ty) -> Val {
    match ty {
        Ty::Int32 | Ty::SInt32 | Ty::SFixed32 => Val::I32(0),
        Ty::Int64 | Ty::SInt64 | Ty::SFixed64 => Val::I64(0),
        Ty::UInt32 | Ty::Fixed32 => Val::U32(0),
        Ty::UInt64 | Ty::Fixed64 => Val::U64(0),
        Ty::Bool => Val::Bool(false),
        Ty::Float => Val::F32(0),
        Ty::Double => Val::F64(0),
        Ty::Str => Val::Str(String::new()),
        Ty::Bytes => Val::Bytes(Vec::new()),
        Ty::Enum(_) => Val::Enum(0),
        Ty::Message(_) => Val::Msg(Msg::default()),
    }
}

fn is_default(value: &Val) -> bool {
    match value {
        Val::I32(v) | Val::Enum(v) => *v == 0,
        Val::I64(v) => *v == 0,
        Val::U32(v) | Val::F32(v) => *v == 0,
        Val::U64(v) | Val::F64(v) => *v == 0,
        Val::Bool(v) => !v,
        Val::Str(v) => v.is_empty(),
        Val::Bytes(v) => v.is_empty(),
        Val::Msg(_) => false,
    }
}

// ------------------------------------------------------------------------------------------
// the wire format

/// Reads a message of type `schema` from its bytes.
pub fn decode(schema: &MessageSchema, lookup: Lookup, bytes: &[u8]) -> Result<Msg, ReadError> {
    let mut message = Msg::default();
    merge(schema, lookup, &mut Reader::new(bytes), &mut message)?;
    Ok(message)
}

fn accepts(field: &Field, wire: WireType) -> bool {
    match field.label {
        Label::Repeated | Label::Unpacked => {
            wire == wire_type(field.ty) || (packable(field.ty) && wire == WireType::Len)
        }
        Label::Map(_) => wire == WireType::Len,
        _ => wire == wire_type(field.ty),
    }
}

fn merge(
    schema: &MessageSchema,
    lookup: Lookup,
    r: &mut Reader<'_>,
    message: &mut Msg,
) -> Result<(), ReadError> {
    while let Some(tag) = r.next_tag()? {
        match schema.fields.iter().find(|f| f.number == tag.number) {
            Some(field) if accepts(field, tag.wire_type) => {
                read_field(schema, field, lookup, tag, r, message)
                    .map_err(|e| e.in_field(field.name))?
            }
            _ => r.unknown(tag, &mut message.unknown)?,
        }
    }
    normalize(schema, message);
    Ok(())
}

/// Leaves out what protobuf does not tell from absent: a field without presence holding its
/// default, an empty list or map.
fn normalize(schema: &MessageSchema, message: &mut Msg) {
    message.fields.retain(|number, value| match value {
        FieldVal::One(v) => {
            !(is_default(v)
                && schema
                    .fields
                    .iter()
                    .any(|f| f.number == *number && f.label == Label::Implicit))
        }
        FieldVal::Many(values) => !values.is_empty(),
        FieldVal::Map(entries) => !entries.is_empty(),
    });
}

/// One value of `ty` through its codec.
fn read_value(ty: Ty, lookup: Lookup, r: &mut Reader<'_>) -> Result<Val, ReadError> {
    use wire::{Double, Enum, Float, Int32, Int64, SFixed32, SFixed64, SInt32, SInt64, Str};
    use wire::{UInt32, UInt64};
    Ok(match ty {
        Ty::Int32 => Val::I32(r.read::<Int32>()?),
        Ty::Int64 => Val::I64(r.read::<Int64>()?),
        Ty::UInt32 => Val::U32(r.read::<UInt32>()?),
        Ty::UInt64 => Val::U64(r.read::<UInt64>()?),
        Ty::SInt32 => Val::I32(r.read::<SInt32>()?),
        Ty::SInt64 => Val::I64(r.read::<SInt64>()?),
        Ty::Fixed32 => Val::U32(r.read::<wire::Fixed32>()?),
        Ty::Fixed64 => Val::U64(r.read::<wire::Fixed64>()?),
        Ty::SFixed32 => Val::I32(r.read::<SFixed32>()?),
        Ty::SFixed64 => Val::I64(r.read::<SFixed64>()?),
        Ty::Bool => Val::Bool(r.read::<wire::Bool>()?),
        Ty::Float => Val::F32(r.read::<Float>()?.to_bits()),
        Ty::Double => Val::F64(r.read::<Double>()?.to_bits()),
        Ty::Str => Val::Str(r.read::<Str>()?),
        Ty::Bytes => Val::Bytes(r.read::<wire::Bytes>()?),
        Ty::Enum(_) => Val::Enum(r.read::<Enum>()?),
        Ty::Message(name) => {
            let mut nested = Msg::default();
            r.message(|r| merge(lookup(name), lookup, r, &mut nested))?;
            Val::Msg(nested)
        }
    })
}

/// A packed or unpacked chunk of a repeated scalar, through `Reader::repeated`.
fn read_repeated(
    ty: Ty,
    tag: Tag,
    r: &mut Reader<'_>,
    out: &mut Vec<Val>,
) -> Result<(), ReadError> {
    use wire::{Double, Enum, Float, Int32, Int64, SFixed32, SFixed64, SInt32, SInt64, Str};
    use wire::{UInt32, UInt64};
    macro_rules! chunk {
        ($codec:ty, $wrap:expr) => {{
            let mut values = Vec::new();
            r.repeated::<$codec>(tag, &mut values)?;
            out.extend(values.into_iter().map($wrap));
        }};
    }
    match ty {
        Ty::Int32 => chunk!(Int32, Val::I32),
        Ty::Int64 => chunk!(Int64, Val::I64),
        Ty::UInt32 => chunk!(UInt32, Val::U32),
        Ty::UInt64 => chunk!(UInt64, Val::U64),
        Ty::SInt32 => chunk!(SInt32, Val::I32),
        Ty::SInt64 => chunk!(SInt64, Val::I64),
        Ty::Fixed32 => chunk!(wire::Fixed32, Val::U32),
        Ty::Fixed64 => chunk!(wire::Fixed64, Val::U64),
        Ty::SFixed32 => chunk!(SFixed32, Val::I32),
        Ty::SFixed64 => chunk!(SFixed64, Val::I64),
        Ty::Bool => chunk!(wire::Bool, Val::Bool),
        Ty::Float => chunk!(Float, |v: f32| Val::F32(v.to_bits())),
        Ty::Double => chunk!(Double, |v: f64| Val::F64(v.to_bits())),
        Ty::Enum(_) => chunk!(Enum, Val::Enum),
        Ty::Str => chunk!(Str, Val::Str),
        Ty::Bytes => chunk!(wire::Bytes, Val::Bytes),
        Ty::Message(_) => unreachable!("messages are read one at a time"),
    }
    Ok(())
}

fn read_field(
    schema: &MessageSchema,
    field: &Field,
    lookup: Lookup,
    tag: Tag,
    r: &mut Reader<'_>,
    message: &mut Msg,
) -> Result<(), ReadError> {
    match field.label {
        Label::Implicit | Label::Explicit => {
            if let Some(group) = field.oneof {
                for other in schema.fields.iter().filter(|f| f.oneof == Some(group)) {
                    if other.number != field.number {
                        message.fields.remove(&other.number);
                    }
                }
            }
            if let (Ty::Message(name), Some(FieldVal::One(Val::Msg(existing)))) =
                (field.ty, message.fields.get_mut(&field.number))
            {
                // A message field seen twice is merged, as protobuf does.
                return r.message(|r| merge(lookup(name), lookup, r, existing));
            }
            let value = read_value(field.ty, lookup, r)?;
            message.fields.insert(field.number, FieldVal::One(value));
        }
        Label::Repeated | Label::Unpacked => {
            let entry = message
                .fields
                .entry(field.number)
                .or_insert_with(|| FieldVal::Many(Vec::new()));
            if let FieldVal::Many(values) = entry {
                match field.ty {
                    Ty::Message(_) => values.push(read_value(field.ty, lookup, r)?),
                    ty => {
                        let index = values.len();
                        read_repeated(ty, tag, r, values).map_err(|e| e.in_index(index))?
                    }
                }
            }
        }
        Label::Map(key_ty) => {
            let (key, value) = r.message(|r| {
                let mut key = None;
                let mut value: Option<Val> = None;
                while let Some(t) = r.next_tag()? {
                    if t.number == 1 && t.wire_type == wire_type(key_ty) {
                        key = Some(read_value(key_ty, lookup, r).map_err(|e| e.in_field("key"))?);
                    } else if t.number == 2 && t.wire_type == wire_type(field.ty) {
                        if let (Ty::Message(name), Some(Val::Msg(existing))) =
                            (field.ty, &mut value)
                        {
                            r.message(|r| merge(lookup(name), lookup, r, existing))?;
                        } else {
                            value = Some(
                                read_value(field.ty, lookup, r).map_err(|e| e.in_field("value"))?,
                            );
                        }
                    } else {
                        r.skip(t)?;
                    }
                }
                Ok((
                    key.unwrap_or_else(|| default_val(key_ty)),
                    value.unwrap_or_else(|| default_val(field.ty)),
                ))
            })?;
            let entry = message
                .fields
                .entry(field.number)
                .or_insert_with(|| FieldVal::Map(Vec::new()));
            if let FieldVal::Map(entries) = entry {
                insert_entry(entries, key, value);
            }
        }
    }
    Ok(())
}

/// The message's bytes, as protobuf-java's deterministic serialization writes them.
pub fn encode(schema: &MessageSchema, lookup: Lookup, message: &Msg) -> Vec<u8> {
    let mut w = Writer::new();
    write(schema, lookup, message, &mut w);
    w.into_bytes()
}

fn write(schema: &MessageSchema, lookup: Lookup, message: &Msg, w: &mut Writer) {
    let mut fields: Vec<&Field> = schema.fields.iter().collect();
    fields.sort_by_key(|f| f.number);
    for field in fields {
        match (message.fields.get(&field.number), field.label) {
            (Some(FieldVal::One(value)), Label::Implicit) => {
                if !is_default(value) {
                    write_field(field.number, field.ty, value, lookup, w);
                }
            }
            (Some(FieldVal::One(value)), _) => {
                write_field(field.number, field.ty, value, lookup, w)
            }
            (Some(FieldVal::Many(values)), Label::Repeated) if packable(field.ty) => {
                write_packed(field.number, field.ty, values, w)
            }
            (Some(FieldVal::Many(values)), _) => {
                for value in values {
                    write_field(field.number, field.ty, value, lookup, w);
                }
            }
            (Some(FieldVal::Map(entries)), Label::Map(key_ty)) => {
                for (key, value) in entries {
                    w.tag(field.number, WireType::Len);
                    w.length_delimited(|w| {
                        write_field(1, key_ty, key, lookup, w);
                        write_field(2, field.ty, value, lookup, w);
                    });
                }
            }
            _ => {}
        }
    }
    w.unknown(&message.unknown);
}

/// One field through `Writer::field` and the value's codec.
fn write_field(number: u32, ty: Ty, value: &Val, lookup: Lookup, w: &mut Writer) {
    use wire::{Double, Enum, Float, Int32, Int64, SFixed32, SFixed64, SInt32, SInt64, Str};
    use wire::{UInt32, UInt64};
    match (ty, value) {
        (Ty::Int32, Val::I32(v)) => w.field::<Int32>(number, v),
        (Ty::SInt32, Val::I32(v)) => w.field::<SInt32>(number, v),
        (Ty::SFixed32, Val::I32(v)) => w.field::<SFixed32>(number, v),
        (Ty::Int64, Val::I64(v)) => w.field::<Int64>(number, v),
        (Ty::SInt64, Val::I64(v)) => w.field::<SInt64>(number, v),
        (Ty::SFixed64, Val::I64(v)) => w.field::<SFixed64>(number, v),
        (Ty::UInt32, Val::U32(v)) => w.field::<UInt32>(number, v),
        (Ty::Fixed32, Val::U32(v)) => w.field::<wire::Fixed32>(number, v),
        (Ty::UInt64, Val::U64(v)) => w.field::<UInt64>(number, v),
        (Ty::Fixed64, Val::U64(v)) => w.field::<wire::Fixed64>(number, v),
        (Ty::Bool, Val::Bool(v)) => w.field::<wire::Bool>(number, v),
        (Ty::Float, Val::F32(v)) => w.field::<Float>(number, &f32::from_bits(*v)),
        (Ty::Double, Val::F64(v)) => w.field::<Double>(number, &f64::from_bits(*v)),
        (Ty::Str, Val::Str(v)) => w.field::<Str>(number, v),
        (Ty::Bytes, Val::Bytes(v)) => w.field::<wire::Bytes>(number, v),
        (Ty::Enum(_), Val::Enum(v)) => w.field::<Enum>(number, v),
        (Ty::Message(name), Val::Msg(m)) => {
            w.tag(number, WireType::Len);
            w.length_delimited(|w| write(lookup(name), lookup, m, w));
        }
        (ty, value) => panic!("a {:?} value in a {:?} field", value, ty),
    }
}

/// A packed list through `Writer::packed`.
fn write_packed(number: u32, ty: Ty, values: &[Val], w: &mut Writer) {
    use wire::{Double, Enum, Float, Int32, Int64, SFixed32, SFixed64, SInt32, SInt64};
    use wire::{UInt32, UInt64};
    macro_rules! packed {
        ($codec:ty, $pattern:pat => $value:expr) => {{
            let typed: Vec<_> = values
                .iter()
                .map(|v| match v {
                    $pattern => $value,
                    other => panic!("a {:?} in a packed {:?} list", other, ty),
                })
                .collect();
            w.packed::<$codec>(number, &typed)
        }};
    }
    match ty {
        Ty::Int32 => packed!(Int32, Val::I32(v) => *v),
        Ty::SInt32 => packed!(SInt32, Val::I32(v) => *v),
        Ty::SFixed32 => packed!(SFixed32, Val::I32(v) => *v),
        Ty::Int64 => packed!(Int64, Val::I64(v) => *v),
        Ty::SInt64 => packed!(SInt64, Val::I64(v) => *v),
        Ty::SFixed64 => packed!(SFixed64, Val::I64(v) => *v),
        Ty::UInt32 => packed!(UInt32, Val::U32(v) => *v),
        Ty::Fixed32 => packed!(wire::Fixed32, Val::U32(v) => *v),
        Ty::UInt64 => packed!(UInt64, Val::U64(v) => *v),
        Ty::Fixed64 => packed!(wire::Fixed64, Val::U64(v) => *v),
        Ty::Bool => packed!(wire::Bool, Val::Bool(v) => *v),
        Ty::Float => packed!(Float, Val::F32(v) => f32::from_bits(*v)),
        Ty::Double => packed!(Double, Val::F64(v) => f64::from_bits(*v)),
        Ty::Enum(_) => packed!(Enum, Val::Enum(v) => *v),
        _ => panic!("{:?} is not packable", ty),
    }
}

/// The first unknown field of a strict payload, as protobuf-java's check finds it: the
/// message's own (lowest number first), then those of its set message fields in number order
/// (map values are not looked into). The path names fields, then `#` and the number.
pub fn first_unknown(
    schema: &MessageSchema,
    lookup: Lookup,
    message: &Msg,
    path: &str,
) -> Option<String> {
    let prefix = if path.is_empty() {
        String::new()
    } else {
        format!("{}.", path)
    };
    if let Some(number) = message.unknown.numbers().first() {
        return Some(format!("{}#{}", prefix, number));
    }
    for (number, value) in &message.fields {
        let field = schema.fields.iter().find(|f| f.number == *number)?;
        let Ty::Message(name) = field.ty else {
            continue;
        };
        let nested_path = format!("{}{}", prefix, field.name);
        let nested: Vec<&Msg> = match value {
            FieldVal::One(Val::Msg(m)) => vec![m],
            FieldVal::Many(values) => values
                .iter()
                .filter_map(|v| match v {
                    Val::Msg(m) => Some(m),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for m in nested {
            if let Some(found) = first_unknown(lookup(name), lookup, m, &nested_path) {
                return Some(found);
            }
        }
    }
    None
}

// ------------------------------------------------------------------------------------------
// JSON, as ProtoPayloads reads and writes it

/// Reads a message from JSON as `ProtoPayloads` does: members in document order (an unknown
/// one refused, or kept at the top of a forward-compatible contract), each of its field's JSON
/// type, then every field without presence present.
pub fn from_json(
    schema: &'static MessageSchema,
    lookup: Lookup,
    value: &Json<'_>,
    top: bool,
) -> Result<Msg, ReadError> {
    let members = proto::object(value)?;
    let pairs = json_names(schema);
    let mut seen = proto::Fields::new(pairs);
    let mut message = Msg::default();
    for (key, item) in members.iter() {
        match seen.index(key)? {
            Some(i) => {
                let field = &schema.fields[i];
                let value = json_field(field, lookup, item).map_err(|e| e.in_field(key))?;
                if let Some(value) = value {
                    message.fields.insert(field.number, value);
                }
            }
            None if top && schema.forward_compatible => {
                message
                    .unknown_json
                    .push((key.to_string(), item.clone().into_owned()));
            }
            None => {
                let known: Vec<&str> = schema.fields.iter().map(|f| f.name).collect();
                return Err(proto::unknown_field(schema.name, &known).in_field(key));
            }
        }
    }
    let absent: Vec<bool> = schema.fields.iter().map(Field::may_be_absent).collect();
    if let Some(missing) = seen.first_missing(&absent) {
        return Err(proto::missing().in_field(missing));
    }
    normalize(schema, &mut message);
    message
        .unknown_json
        .sort_by(|a, b| wire::utf16_cmp(&a.0, &b.0));
    Ok(message)
}

/// `(proto name, JSON name)` of every field, computed once per message type.
fn json_names(schema: &'static MessageSchema) -> &'static [(&'static str, &'static str)] {
    use std::sync::{Mutex, OnceLock};
    type Names = Vec<(&'static str, &'static [(&'static str, &'static str)])>;
    static CACHE: OnceLock<Mutex<Names>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .expect("the name cache");
    if let Some((_, names)) = cache.iter().find(|(name, _)| *name == schema.name) {
        return names;
    }
    let names: Vec<(&'static str, &'static str)> = schema
        .fields
        .iter()
        .map(|f| (f.name, &*Box::leak(f.json().into_boxed_str())))
        .collect();
    let names: &'static [(&'static str, &'static str)] = Box::leak(names.into_boxed_slice());
    cache.push((schema.name, names));
    names
}

fn json_field(
    field: &Field,
    lookup: Lookup,
    item: &Json<'_>,
) -> Result<Option<FieldVal>, ReadError> {
    Ok(Some(match field.label {
        Label::Implicit | Label::Explicit => FieldVal::One(json_value(field.ty, lookup, item)?),
        Label::Repeated | Label::Unpacked => {
            let items = json_mapping::array(item)?;
            let mut values = Vec::with_capacity(items.len());
            for (i, element) in items.iter().enumerate() {
                values.push(json_value(field.ty, lookup, element).map_err(|e| e.in_index(i))?);
            }
            FieldVal::Many(values)
        }
        Label::Map(key_ty) => {
            let members = json_mapping::object(item)?;
            let mut entries = Vec::new();
            for (key, element) in members {
                let value = json_value(field.ty, lookup, element).map_err(|e| e.in_key(key))?;
                let key = json_key(key_ty, key)?;
                insert_entry(&mut entries, key, value);
            }
            FieldVal::Map(entries)
        }
    }))
}

fn json_key(ty: Ty, key: &str) -> Result<Val, ReadError> {
    Ok(match ty {
        Ty::Str => Val::Str(key.to_string()),
        Ty::Bool => Val::Bool(proto::map_key_bool(key)?),
        Ty::Int32 | Ty::SInt32 | Ty::SFixed32 => {
            Val::I32(proto::map_key_integer(key, i32::MIN.into(), i32::MAX.into())? as i32)
        }
        Ty::Int64 | Ty::SInt64 | Ty::SFixed64 => {
            Val::I64(proto::map_key_integer(key, i64::MIN.into(), i64::MAX.into())? as i64)
        }
        Ty::UInt32 | Ty::Fixed32 => {
            Val::U32(proto::map_key_integer(key, 0, u32::MAX.into())? as u32)
        }
        Ty::UInt64 | Ty::Fixed64 => {
            Val::U64(proto::map_key_integer(key, 0, u64::MAX.into())? as u64)
        }
        other => panic!("{:?} cannot be a map key", other),
    })
}

fn json_value(ty: Ty, lookup: Lookup, item: &Json<'_>) -> Result<Val, ReadError> {
    Ok(match ty {
        Ty::Int32 | Ty::SInt32 | Ty::SFixed32 => Val::I32(proto::int32(item)?),
        Ty::UInt32 | Ty::Fixed32 => Val::U32(proto::uint32(item)?),
        Ty::Int64 | Ty::SInt64 | Ty::SFixed64 => Val::I64(proto::int64(item)?),
        Ty::UInt64 | Ty::Fixed64 => Val::U64(proto::uint64(item)?),
        Ty::Bool => Val::Bool(proto::boolean(item)?),
        Ty::Float => Val::F32(proto::float(item)?.to_bits()),
        Ty::Double => Val::F64(proto::double(item)?.to_bits()),
        Ty::Str => Val::Str(proto::string(item)?.to_string()),
        Ty::Bytes => Val::Bytes(proto::bytes(item)?),
        Ty::Enum(names) if READING_PAYLOAD.with(|p| p.get()) => {
            Val::Enum(declared(proto::enum_number(item, names)?, item, names)?)
        }
        Ty::Enum(names) => Val::Enum(proto::enum_number(item, names)?),
        Ty::Message(name) => Val::Msg(from_json(lookup(name), lookup, item, false)?),
    })
}

thread_local! {
    /// Whether a payload is being read (`read_json_payload`): its enums are closed, as
    /// `ProtoPayloads` reads them; protobuf JSON in general keeps undeclared numbers.
    static READING_PAYLOAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// An enum number the enum declares, as `ProtoPayloads` requires (an open enum would keep an
/// undeclared one, which has no name to hash or write).
fn declared(number: i32, item: &Json<'_>, names: &[(&str, i32)]) -> Result<i32, ReadError> {
    if names.iter().any(|(_, n)| *n == number) {
        return Ok(number);
    }
    let known: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
    Err(ReadError::problem(
        crate::read_error::ErrorKind::Schema,
        format!(
            "expected one of {}, got {}",
            known.join(", "),
            crate::json::to_compact_string(item)
        ),
    ))
}

/// Writes a message as `JsonFormat` prints it for the payload writers: `.proto` names, fields in
/// number order, every field without presence (defaults too), map keys sorted; then the unknown
/// members a forward-compatible payload kept.
pub fn to_json(schema: &MessageSchema, lookup: Lookup, message: &Msg) -> Json<'static> {
    let mut fields: Vec<&Field> = schema.fields.iter().collect();
    fields.sort_by_key(|f| f.number);
    let mut members = Vec::new();
    for field in fields {
        let value = message.fields.get(&field.number);
        let json = match (field.label, value) {
            (Label::Implicit, None) => Some(json_of(field.ty, &default_val(field.ty), lookup)),
            (Label::Implicit | Label::Explicit, Some(FieldVal::One(v))) => {
                Some(json_of(field.ty, v, lookup))
            }
            (Label::Repeated | Label::Unpacked, v) => {
                let values = match v {
                    Some(FieldVal::Many(values)) => values.as_slice(),
                    _ => &[],
                };
                Some(Json::Array(
                    values
                        .iter()
                        .map(|v| json_of(field.ty, v, lookup))
                        .collect(),
                ))
            }
            (Label::Map(_), v) => {
                let entries = match v {
                    Some(FieldVal::Map(entries)) => entries.as_slice(),
                    _ => &[],
                };
                let mut members: Vec<(String, Json<'static>)> = entries
                    .iter()
                    .map(|(k, v)| (key_text(k), json_of(field.ty, v, lookup)))
                    .collect();
                sort_json_map_keys(entries, &mut members);
                Some(Json::Object(
                    members
                        .into_iter()
                        .map(|(k, v)| (Cow::Owned(k), v))
                        .collect(),
                ))
            }
            _ => None,
        };
        if let Some(json) = json {
            members.push((Cow::Borrowed(field.name), json));
        }
    }
    for (key, value) in &message.unknown_json {
        members.push((Cow::Owned(key.clone()), value.clone()));
    }
    Json::Object(members)
}

/// `JsonFormat.sortingMapKeys()`: string keys by their UTF-16 code units, the rest by value as
/// Java holds it.
fn sort_json_map_keys(entries: &[(Val, Val)], members: &mut Vec<(String, Json<'static>)>) {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|a, b| java_key_cmp(&entries[*a].0, &entries[*b].0));
    let sorted: Vec<(String, Json<'static>)> =
        order.into_iter().map(|i| members[i].clone()).collect();
    *members = sorted;
}

fn key_text(key: &Val) -> String {
    match key {
        Val::Str(s) => s.clone(),
        Val::I32(v) => v.to_string(),
        Val::I64(v) => v.to_string(),
        Val::U32(v) => v.to_string(),
        Val::U64(v) => v.to_string(),
        Val::Bool(v) => v.to_string(),
        other => panic!("{:?} is not a map key", other),
    }
}

fn json_of(ty: Ty, value: &Val, lookup: Lookup) -> Json<'static> {
    match (ty, value) {
        (_, Val::I32(v)) => proto::int_json((*v).into()),
        (_, Val::U32(v)) => proto::int_json((*v).into()),
        (_, Val::I64(v)) => proto::int64_json(*v),
        (_, Val::U64(v)) => proto::uint64_json(*v),
        (_, Val::Bool(v)) => Json::Bool(*v),
        (_, Val::F32(v)) => proto::float_json(f32::from_bits(*v)),
        (_, Val::F64(v)) => proto::double_json(f64::from_bits(*v)),
        (_, Val::Str(v)) => Json::String(Cow::Owned(v.clone())),
        (_, Val::Bytes(v)) => proto::bytes_json(v),
        (Ty::Enum(names), Val::Enum(v)) => proto::enum_json(*v, names),
        (Ty::Message(name), Val::Msg(m)) => to_json(lookup(name), lookup, m),
        (ty, value) => panic!("a {:?} value in a {:?} field", value, ty),
    }
}

// ------------------------------------------------------------------------------------------
// validation: hash fields, as the generated XContract.validate checks them

/// The violations of a message, `(path, message)`, in the order Java lists them. Paths are
/// formatted only for a violation.
pub fn validate(
    schema: &MessageSchema,
    lookup: Lookup,
    message: &Msg,
    path: &str,
    out: &mut Vec<(String, String)>,
) {
    let join = |name: &str| {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{}", path, name)
        }
    };
    for field in schema.fields {
        let value = message.fields.get(&field.number);
        if let Some(allow_empty) = field.hash {
            let mut check = |text: &str, at: &dyn Fn() -> String| {
                if let Err(problem) = payload::check_hash(text, allow_empty) {
                    out.push((at(), problem));
                }
            };
            match (field.label, value) {
                (Label::Implicit, None) => check("", &|| join(field.name)),
                (_, Some(FieldVal::One(Val::Str(s)))) => check(s, &|| join(field.name)),
                (_, Some(FieldVal::Many(values))) => {
                    for (i, v) in values.iter().enumerate() {
                        if let Val::Str(s) = v {
                            check(s, &|| format!("{}[{}]", join(field.name), i));
                        }
                    }
                }
                (_, Some(FieldVal::Map(entries))) => {
                    let mut sorted: Vec<(&str, &str)> = entries
                        .iter()
                        .filter_map(|(k, v)| match (k, v) {
                            (Val::Str(k), Val::Str(v)) => Some((k.as_str(), v.as_str())),
                            _ => None,
                        })
                        .collect();
                    sorted.sort_by(|a, b| wire::utf16_cmp(a.0, b.0));
                    for (k, v) in sorted {
                        check(v, &|| format!("{}[{}]", join(field.name), k));
                    }
                }
                _ => {}
            }
        }
        if let Ty::Message(name) = field.ty {
            let nested = lookup(name);
            match value {
                Some(FieldVal::One(Val::Msg(m))) => {
                    validate(nested, lookup, m, &join(field.name), out)
                }
                Some(FieldVal::Many(values)) => {
                    for (i, v) in values.iter().enumerate() {
                        if let Val::Msg(m) = v {
                            validate(
                                nested,
                                lookup,
                                m,
                                &format!("{}[{}]", join(field.name), i),
                                out,
                            );
                        }
                    }
                }
                Some(FieldVal::Map(entries)) => {
                    for (k, v) in entries {
                        if let Val::Msg(m) = v {
                            validate(
                                nested,
                                lookup,
                                m,
                                &format!("{}[{}]", join(field.name), key_text(k)),
                                out,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// whole payloads

/// Reads a binary payload as `ProtoPayloads.fromBinary`: envelope and version gate, body,
/// strictness, hashes.
pub fn read_binary_payload(
    info: &ContractInfo,
    schema: &MessageSchema,
    lookup: Lookup,
    bytes: &[u8],
) -> Result<Msg, PayloadError> {
    let (body, _version) = payload::read_binary(info, bytes)?;
    let message = decode(schema, lookup, body).map_err(|e| payload::body_error(info.name, e))?;
    if !schema.forward_compatible {
        if let Some(path) = first_unknown(schema, lookup, &message, "") {
            return Err(payload::strict_unknown_field(info.name, &path));
        }
    }
    let mut violations = Vec::new();
    validate(schema, lookup, &message, "", &mut violations);
    match payload::violations_error(info.name, &violations) {
        Some(error) => Err(error),
        None => Ok(message),
    }
}

/// Writes a binary payload as `ProtoPayloads.toBinary`.
pub fn write_binary_payload(
    info: &ContractInfo,
    schema: &MessageSchema,
    lookup: Lookup,
    message: &Msg,
) -> Vec<u8> {
    payload::write_binary(info, &encode(schema, lookup, message))
}

/// Reads a JSON payload as `ProtoPayloads.fromJson`.
pub fn read_json_payload(
    info: &ContractInfo,
    schema: &'static MessageSchema,
    lookup: Lookup,
    bytes: &[u8],
) -> Result<Msg, PayloadError> {
    let (json, _version) = payload::read_json(info, bytes)?;
    READING_PAYLOAD.with(|p| p.set(true));
    let message = from_json(schema, lookup, &json, true);
    READING_PAYLOAD.with(|p| p.set(false));
    let message = message.map_err(|e| payload::json_error(info.name, e))?;
    let mut violations = Vec::new();
    validate(schema, lookup, &message, "", &mut violations);
    match payload::violations_error(info.name, &violations) {
        Some(error) => Err(error),
        None => Ok(message),
    }
}

/// Writes a JSON payload as `ProtoPayloads.toJson`.
pub fn write_json_payload(
    info: &ContractInfo,
    schema: &MessageSchema,
    lookup: Lookup,
    message: &Msg,
) -> String {
    payload::write_json(info, to_json(schema, lookup, message))
}

// ------------------------------------------------------------------------------------------
// records, as RecordPayloads reads and writes them

/// A record field type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RTy {
    Str,
    Bool,
    Int,
    Long,
    Double,
    Bytes,
    /// The lower-case constant names.
    Enum(&'static [&'static str]),
    List(&'static RTy),
    Map(&'static RTy),
    Record(&'static str),
    Optional(&'static RTy),
}

#[derive(Debug, Clone, Copy)]
pub struct RField {
    pub name: &'static str,
    pub ty: RTy,
    pub hash: Option<bool>,
}

pub const fn rfield(name: &'static str, ty: RTy) -> RField {
    RField {
        name,
        ty,
        hash: None,
    }
}

impl RField {
    pub const fn hash(self, allow_empty: bool) -> RField {
        RField {
            hash: Some(allow_empty),
            ..self
        }
    }
}

#[derive(Debug)]
pub struct RecordSchema {
    pub name: &'static str,
    pub forward_compatible: bool,
    pub fields: &'static [RField],
}

pub type RecordLookup = fn(&str) -> &'static RecordSchema;

/// A record value.
#[derive(Debug, Clone, PartialEq)]
pub enum RVal {
    Null,
    Str(String),
    Bool(bool),
    Int(i32),
    Long(i64),
    Double(u64),
    Bytes(Vec<u8>),
    Enum(usize),
    List(Vec<RVal>),
    /// Entries sorted as Java's `TreeMap` sorts them (UTF-16 order).
    Map(Vec<(String, RVal)>),
    Record(Box<Rec>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rec {
    pub values: Vec<RVal>,
    pub unknown_json: Vec<(String, Json<'static>)>,
}

/// How Java names a type in "expected ..., got null".
fn null_expected(ty: RTy) -> String {
    match ty {
        RTy::Str => "a string".into(),
        RTy::List(_) => "an array".into(),
        RTy::Map(_) | RTy::Record(_) => "an object".into(),
        RTy::Enum(texts) => format!("one of {}", texts.join(", ")),
        RTy::Bool => "a boolean".into(),
        RTy::Int => "a int".into(),
        RTy::Long => "a long".into(),
        RTy::Double => "a double".into(),
        RTy::Bytes => "a byte[]".into(),
        RTy::Optional(_) => "nothing".into(),
    }
}

/// Reads a record as `RecordPayloads` does: unknown members first (kept at the top of a
/// forward-compatible contract), then each field in declaration order.
pub fn record_from_json(
    schema: &RecordSchema,
    lookup: RecordLookup,
    value: &Json<'_>,
    top: bool,
) -> Result<Rec, ReadError> {
    let members = record::object(value)?;
    let names: Vec<&str> = schema.fields.iter().map(|f| f.name).collect();
    let unknown = record::unknown_members(
        members,
        schema.name,
        &names,
        top && schema.forward_compatible,
    )?;
    let mut values = Vec::with_capacity(schema.fields.len());
    for field in schema.fields {
        let item = json_mapping::member(members, field.name);
        let value = match (field.ty, item) {
            (RTy::Optional(inner), item) => match record::optional(item) {
                Some(v) => record_value(*inner, lookup, v),
                None => Ok(RVal::Null),
            },
            (_, None) => Err(record::missing()),
            (ty, Some(Json::Null)) => Err(record::null_refused(&null_expected(ty))),
            (ty, Some(v)) => record_value(ty, lookup, v),
        };
        values.push(value.map_err(|e| e.in_field(field.name))?);
    }
    let mut unknown_json: Vec<(String, Json<'static>)> = unknown
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone().into_owned()))
        .collect();
    unknown_json.sort_by(|a, b| wire::utf16_cmp(&a.0, &b.0));
    Ok(Rec {
        values,
        unknown_json,
    })
}

fn record_value(ty: RTy, lookup: RecordLookup, item: &Json<'_>) -> Result<RVal, ReadError> {
    if *item == Json::Null && !matches!(ty, RTy::Optional(_)) {
        return Err(record::null_refused(&null_expected(ty)));
    }
    Ok(match ty {
        RTy::Str => RVal::Str(record::string(item)?.to_string()),
        RTy::Bool => RVal::Bool(record::boolean(item)?),
        RTy::Int => RVal::Int(record::int(item)?),
        RTy::Long => RVal::Long(record::long(item)?),
        RTy::Double => RVal::Double(record::double(item)?.to_bits()),
        RTy::Bytes => RVal::Bytes(record::bytes(item)?),
        RTy::Enum(texts) => RVal::Enum(record::enum_index(item, texts)?),
        RTy::List(inner) => {
            let items = json_mapping::array(item)?;
            let mut out = Vec::with_capacity(items.len());
            for (i, element) in items.iter().enumerate() {
                out.push(record_value(*inner, lookup, element).map_err(|e| e.in_index(i))?);
            }
            RVal::List(out)
        }
        RTy::Map(inner) => {
            let members = json_mapping::object(item)?;
            let mut out = Vec::with_capacity(members.len());
            for (key, element) in members {
                out.push((
                    key.to_string(),
                    record_value(*inner, lookup, element).map_err(|e| e.in_key(key))?,
                ));
            }
            out.sort_by(|a, b| wire::utf16_cmp(&a.0, &b.0));
            RVal::Map(out)
        }
        RTy::Record(name) => RVal::Record(Box::new(record_from_json(
            lookup(name),
            lookup,
            item,
            false,
        )?)),
        RTy::Optional(inner) => match item {
            Json::Null => RVal::Null,
            v => record_value(*inner, lookup, v)?,
        },
    })
}

/// Writes a record as `RecordPayloads` does (Jackson): fields in declaration order, an absent
/// optional as `null`, map keys sorted, then the kept unknown members.
pub fn record_to_json(schema: &RecordSchema, lookup: RecordLookup, rec: &Rec) -> Json<'static> {
    let mut members: Vec<(Cow<'static, str>, Json<'static>)> = schema
        .fields
        .iter()
        .zip(&rec.values)
        .map(|(f, v)| (Cow::Borrowed(f.name), record_json_of(f.ty, v, lookup)))
        .collect();
    for (key, value) in &rec.unknown_json {
        members.push((Cow::Owned(key.clone()), value.clone()));
    }
    Json::Object(members)
}

fn record_json_of(ty: RTy, value: &RVal, lookup: RecordLookup) -> Json<'static> {
    match (ty, value) {
        (_, RVal::Null) => Json::Null,
        (RTy::Optional(inner), v) => record_json_of(*inner, v, lookup),
        (_, RVal::Str(s)) => Json::String(Cow::Owned(s.clone())),
        (_, RVal::Bool(b)) => Json::Bool(*b),
        (_, RVal::Int(v)) => record::long_json((*v).into()),
        (_, RVal::Long(v)) => record::long_json(*v),
        (_, RVal::Double(bits)) => record::double_json(f64::from_bits(*bits)).unwrap_or(Json::Null),
        (_, RVal::Bytes(b)) => record::bytes_json(b),
        (RTy::Enum(texts), RVal::Enum(i)) => Json::String(Cow::Borrowed(texts[*i])),
        (RTy::List(inner), RVal::List(items)) => Json::Array(
            items
                .iter()
                .map(|v| record_json_of(*inner, v, lookup))
                .collect(),
        ),
        (RTy::Map(inner), RVal::Map(entries)) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (Cow::Owned(k.clone()), record_json_of(*inner, v, lookup)))
                .collect(),
        ),
        (RTy::Record(name), RVal::Record(rec)) => record_to_json(lookup(name), lookup, rec),
        (ty, value) => panic!("a {:?} value in a {:?} field", value, ty),
    }
}

/// The violations of a record (hash fields, nested records), in Java's order.
pub fn validate_record(
    schema: &RecordSchema,
    lookup: RecordLookup,
    rec: &Rec,
    path: &str,
    out: &mut Vec<(String, String)>,
) {
    for (field, value) in schema.fields.iter().zip(&rec.values) {
        let at = if path.is_empty() {
            field.name.to_string()
        } else {
            format!("{}.{}", path, field.name)
        };
        if let (Some(allow_empty), RVal::Str(text)) = (field.hash, value) {
            if let Err(problem) = payload::check_hash(text, allow_empty) {
                out.push((at.clone(), problem));
            }
        }
        validate_nested(field.ty, lookup, value, &at, out);
    }
}

fn validate_nested(
    ty: RTy,
    lookup: RecordLookup,
    value: &RVal,
    at: &str,
    out: &mut Vec<(String, String)>,
) {
    match (ty, value) {
        (RTy::Record(name), RVal::Record(rec)) => {
            validate_record(lookup(name), lookup, rec, at, out)
        }
        (RTy::Optional(inner), v) => validate_nested(*inner, lookup, v, at, out),
        (RTy::List(inner), RVal::List(items)) => {
            for (i, v) in items.iter().enumerate() {
                validate_nested(*inner, lookup, v, &format!("{}[{}]", at, i), out);
            }
        }
        (RTy::Map(inner), RVal::Map(entries)) => {
            for (k, v) in entries {
                validate_nested(*inner, lookup, v, &format!("{}[{}]", at, k), out);
            }
        }
        _ => {}
    }
}

/// Reads a record payload as `RecordPayloads.fromJson`.
pub fn read_record_payload(
    info: &ContractInfo,
    schema: &RecordSchema,
    lookup: RecordLookup,
    bytes: &[u8],
) -> Result<Rec, PayloadError> {
    let (json, _version) = payload::read_json(info, bytes)?;
    let rec = record_from_json(schema, lookup, &json, true)
        .map_err(|e| payload::json_error(info.name, e))?;
    let mut violations = Vec::new();
    validate_record(schema, lookup, &rec, "", &mut violations);
    match payload::violations_error(info.name, &violations) {
        Some(error) => Err(error),
        None => Ok(rec),
    }
}

/// Writes a record payload as `RecordPayloads.toJson`.
pub fn write_record_payload(
    info: &ContractInfo,
    schema: &RecordSchema,
    lookup: RecordLookup,
    rec: &Rec,
) -> String {
    payload::write_json(info, record_to_json(schema, lookup, rec))
}

//! A strict reader of canonical MessagePack (`docs/canonical-encoding.md`), the mirror of the
//! canonical `Writer`: it accepts the canonical encoding and nothing else, so that
//! `encode(decode(bytes)) == bytes` for every input it accepts. Refused: a value in a larger
//! format than it needs, float32, NaN and infinities, invalid UTF-8, map keys that are not
//! strings or not in increasing UTF-8 byte order (so duplicates too), extension types, the
//! never-used byte 0xc1, and anything after the value.
//!
//! Two ways to read: [`decode`] gives the whole value as a `canonical::Value`, and [`Reader`]
//! reads one value at a time (borrowing strings and binaries) for decoders that know the shape.
//! Integers come back as `Value::Int` when they fit `i64` and as `Value::UInt` above that, so
//! `decode(encode(v)) == v` for every value whose non-negative integers below 2^63 are `Int`.

use super::canonical::Value;
use super::read_error::{ErrorKind, ReadError};

/// How deep arrays and maps may nest.
pub const DEFAULT_MAX_DEPTH: usize = 100;

/// The kind of the next value, from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Nil,
    Bool,
    Int,
    Float,
    Str,
    Bin,
    Array,
    Map,
}

impl Kind {
    /// The kind in words, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Nil => "nil",
            Kind::Bool => "a boolean",
            Kind::Int => "an integer",
            Kind::Float => "a float",
            Kind::Str => "a string",
            Kind::Bin => "binary",
            Kind::Array => "an array",
            Kind::Map => "a map",
        }
    }
}

/// The MessagePack format a first byte starts, for messages.
fn format_name(byte: u8) -> &'static str {
    match byte {
        0x00..=0x7f => "positive fixint",
        0x80..=0x8f => "fixmap",
        0x90..=0x9f => "fixarray",
        0xa0..=0xbf => "fixstr",
        0xc0 => "nil",
        0xc1 => "the never-used byte 0xc1",
        0xc2 | 0xc3 => "boolean",
        0xc4 => "bin 8",
        0xc5 => "bin 16",
        0xc6 => "bin 32",
        0xc7..=0xc9 => "an extension type",
        0xca => "float 32",
        0xcb => "float 64",
        0xcc => "uint 8",
        0xcd => "uint 16",
        0xce => "uint 32",
        0xcf => "uint 64",
        0xd0 => "int 8",
        0xd1 => "int 16",
        0xd2 => "int 32",
        0xd3 => "int 64",
        0xd4..=0xd8 => "a fixed extension type",
        0xd9 => "str 8",
        0xda => "str 16",
        0xdb => "str 32",
        0xdc => "array 16",
        0xdd => "array 32",
        0xde => "map 16",
        0xdf => "map 32",
        0xe0..=0xff => "negative fixint",
    }
}

/// An integer as the canonical encoding holds it: signed formats for negative values only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Integer {
    /// A negative value, or a non-negative one below 2^63.
    Int(i64),
    /// A value of 2^63 or more.
    UInt(u64),
}

/// Reads canonical MessagePack from a byte slice, one value at a time.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    max_depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `input` with the default nesting limit.
    pub fn new(input: &'a [u8]) -> Reader<'a> {
        Reader::with_max_depth(input, DEFAULT_MAX_DEPTH)
    }

    /// A reader whose [`Reader::read_value`] refuses arrays and maps nested more than
    /// `max_depth` deep.
    pub fn with_max_depth(input: &'a [u8], max_depth: usize) -> Reader<'a> {
        Reader {
            input,
            pos: 0,
            max_depth,
        }
    }

    /// The offset of the next byte.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Whether every byte has been read.
    pub fn is_at_end(&self) -> bool {
        self.pos >= self.input.len()
    }

    fn remaining(&self) -> usize {
        self.input.len() - self.pos
    }

    /// Checks that nothing follows the value read: a payload is exactly one value.
    pub fn finish(&self) -> Result<(), ReadError> {
        if self.is_at_end() {
            Ok(())
        } else {
            Err(ReadError::syntax(
                "the end of the input after the value",
                format!("{} more bytes", self.remaining()),
            )
            .at(self.pos))
        }
    }

    fn truncated(&self, what: &str) -> ReadError {
        ReadError::syntax(format!("{} within the input", what), "the end of the input")
            .at(self.pos)
    }

    fn peek_byte(&self) -> Result<u8, ReadError> {
        self.input
            .get(self.pos)
            .copied()
            .ok_or_else(|| self.truncated("a value"))
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], ReadError> {
        if n > self.remaining() {
            return Err(self.truncated(what));
        }
        let bytes = &self.input[self.pos..self.pos + n];
        self.pos += n;
        Ok(bytes)
    }

    fn be(&mut self, n: usize, what: &str) -> Result<u64, ReadError> {
        let bytes = self.take(n, what)?;
        Ok(bytes.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b)))
    }

    /// The kind of the next value.
    pub fn peek_kind(&self) -> Result<Kind, ReadError> {
        let byte = self.peek_byte()?;
        Ok(match byte {
            0x00..=0x7f | 0xcc..=0xd3 | 0xe0..=0xff => Kind::Int,
            0x80..=0x8f | 0xde | 0xdf => Kind::Map,
            0x90..=0x9f | 0xdc | 0xdd => Kind::Array,
            0xa0..=0xbf | 0xd9..=0xdb => Kind::Str,
            0xc0 => Kind::Nil,
            0xc2 | 0xc3 => Kind::Bool,
            0xc4..=0xc6 => Kind::Bin,
            0xcb => Kind::Float,
            _ => return Err(self.not_canonical(byte)),
        })
    }

    fn not_canonical(&self, byte: u8) -> ReadError {
        let expected = match byte {
            0xca => "float 64 (canonical payloads hold every float as float64)",
            _ => "a canonical MessagePack value",
        };
        ReadError::syntax(expected, format!("{} (0x{:02x})", format_name(byte), byte))
            .at(self.pos)
    }

    fn wrong_kind(&self, expected: Kind) -> ReadError {
        let found = match self.peek_kind() {
            Ok(kind) => kind.name().to_string(),
            Err(e) => return e,
        };
        ReadError::schema(expected.name(), found).at(self.pos)
    }

    /// A larger format than the value needs.
    fn too_large(&self, start: usize, what: String, canonical: &str) -> ReadError {
        let byte = self.input.get(start).copied().unwrap_or(0);
        ReadError::syntax(
            format!("the smallest encoding of {} ({})", what, canonical),
            format!("{} (0x{:02x})", format_name(byte), byte),
        )
        .at(start)
    }

    /// `nil`.
    pub fn read_nil(&mut self) -> Result<(), ReadError> {
        if self.peek_byte()? == 0xc0 {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.wrong_kind(Kind::Nil))
        }
    }

    /// `nil` if it comes next (then it is read), for optional values.
    pub fn read_nil_if_next(&mut self) -> bool {
        if self.input.get(self.pos) == Some(&0xc0) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// A boolean.
    pub fn read_bool(&mut self) -> Result<bool, ReadError> {
        match self.peek_byte()? {
            0xc2 => {
                self.pos += 1;
                Ok(false)
            }
            0xc3 => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.wrong_kind(Kind::Bool)),
        }
    }

    /// An integer, in the smallest format that holds it.
    pub fn read_integer(&mut self) -> Result<Integer, ReadError> {
        let start = self.pos;
        let byte = self.peek_byte()?;
        let what = "an integer";
        let value = match byte {
            0x00..=0x7f => {
                self.pos += 1;
                Integer::Int(i64::from(byte))
            }
            0xe0..=0xff => {
                self.pos += 1;
                Integer::Int(i64::from(byte as i8))
            }
            0xcc..=0xcf => {
                self.pos += 1;
                let width = 1usize << (byte - 0xcc);
                let value = self.be(width, what)?;
                let smallest = match width {
                    1 => 0x80,
                    2 => 0x100,
                    4 => 0x1_0000,
                    _ => 0x1_0000_0000,
                };
                if value < smallest {
                    return Err(self.too_large(start, value.to_string(), smallest_uint(value)));
                }
                if value > i64::MAX as u64 {
                    Integer::UInt(value)
                } else {
                    Integer::Int(value as i64)
                }
            }
            0xd0..=0xd3 => {
                self.pos += 1;
                let width = 1usize << (byte - 0xd0);
                let raw = self.be(width, what)?;
                let shift = 64 - 8 * width as u32;
                let value = ((raw << shift) as i64) >> shift;
                let largest = match width {
                    1 => -33,
                    2 => i64::from(i8::MIN) - 1,
                    4 => i64::from(i16::MIN) - 1,
                    _ => i64::from(i32::MIN) - 1,
                };
                if value > largest {
                    return Err(self.too_large(start, value.to_string(), smallest_int(value)));
                }
                Integer::Int(value)
            }
            _ => return Err(self.wrong_kind(Kind::Int)),
        };
        Ok(value)
    }

    /// An integer that fits `i64`.
    pub fn read_i64(&mut self) -> Result<i64, ReadError> {
        let start = self.pos;
        match self.read_integer()? {
            Integer::Int(value) => Ok(value),
            Integer::UInt(value) => Err(ReadError::schema(
                "an integer in the range of i64",
                value.to_string(),
            )
            .at(start)),
        }
    }

    /// A non-negative integer.
    pub fn read_u64(&mut self) -> Result<u64, ReadError> {
        let start = self.pos;
        match self.read_integer()? {
            Integer::Int(value) if value >= 0 => Ok(value as u64),
            Integer::UInt(value) => Ok(value),
            Integer::Int(value) => {
                Err(ReadError::schema("a non-negative integer", value.to_string()).at(start))
            }
        }
    }

    /// A float64, finite (canonical payloads hold no NaN or infinity).
    pub fn read_f64(&mut self) -> Result<f64, ReadError> {
        let start = self.pos;
        if self.peek_byte()? != 0xcb {
            return Err(self.wrong_kind(Kind::Float));
        }
        self.pos += 1;
        let value = f64::from_bits(self.be(8, "a float64")?);
        if !value.is_finite() {
            return Err(ReadError::syntax(
                "a finite float (canonical payloads accept finite floats only)",
                if value.is_nan() {
                    "NaN"
                } else if value > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                },
            )
            .at(start));
        }
        Ok(value)
    }

    /// A header's length, which must be in the smallest format that holds it: `fix` is the
    /// fixed form (first byte, last byte, exclusive limit) if the type has one, `wide` the first
    /// bytes of the 8-, 16- and 32-bit forms (0 where the type has none).
    fn length(
        &mut self,
        what: &str,
        fix: Option<(u8, u8, usize)>,
        wide: [u8; 3],
    ) -> Result<usize, ReadError> {
        let start = self.pos;
        let byte = self.peek_byte()?;
        if let Some((low, high, _)) = fix {
            if (low..=high).contains(&byte) {
                self.pos += 1;
                return Ok(usize::from(byte - low));
            }
        }
        let form = match wide.iter().position(|b| *b != 0 && *b == byte) {
            Some(form) => form,
            None => return Err(ReadError::schema(what, format_name(byte)).at(start)),
        };
        self.pos += 1;
        let n = self.be(1 << form, "a length")? as usize;
        // The smallest form that holds n: the fixed one, else the narrowest length.
        let smallest = match fix {
            Some((low, _, limit)) if n < limit => low,
            _ => {
                let capacities = [0xff, 0xffff, usize::MAX];
                let fits = (0..3).find(|i| wide[*i] != 0 && n <= capacities[*i]);
                wide[fits.unwrap_or(2)]
            }
        };
        if smallest != byte {
            return Err(self.too_large(
                start,
                format!("{} of length {}", what, n),
                format_name(smallest),
            ));
        }
        Ok(n)
    }

    /// A string, valid UTF-8, borrowed from the input.
    pub fn read_str(&mut self) -> Result<&'a str, ReadError> {
        let start = self.pos;
        if self.peek_kind()? != Kind::Str {
            return Err(self.wrong_kind(Kind::Str));
        }
        let n = self.length("a string", Some((0xa0, 0xbf, 32)), [0xd9, 0xda, 0xdb])?;
        let bytes = self.take(n, "the bytes of a string")?;
        std::str::from_utf8(bytes).map_err(|e| {
            ReadError::syntax(
                "a string of valid UTF-8",
                format!(
                    "an invalid byte sequence at byte {} of the string",
                    e.valid_up_to()
                ),
            )
            .at(start)
        })
    }

    /// Binary, borrowed from the input.
    pub fn read_bin(&mut self) -> Result<&'a [u8], ReadError> {
        if self.peek_kind()? != Kind::Bin {
            return Err(self.wrong_kind(Kind::Bin));
        }
        let n = self.length("binary", None, [0xc4, 0xc5, 0xc6])?;
        self.take(n, "the bytes of a binary")
    }

    /// An array header: the number of elements that follow. At most as many as bytes remain,
    /// since every element takes at least one.
    pub fn read_array_header(&mut self) -> Result<usize, ReadError> {
        let start = self.pos;
        if self.peek_kind()? != Kind::Array {
            return Err(self.wrong_kind(Kind::Array));
        }
        let n = self.length("an array", Some((0x90, 0x9f, 16)), [0, 0xdc, 0xdd])?;
        if n > self.remaining() {
            return Err(ReadError::syntax(
                format!(
                    "at most {} elements (one byte each at least)",
                    self.remaining()
                ),
                format!("an array of {} elements", n),
            )
            .at(start));
        }
        Ok(n)
    }

    /// A map header: the number of entries that follow (two bytes each at least).
    pub fn read_map_header(&mut self) -> Result<usize, ReadError> {
        let start = self.pos;
        if self.peek_kind()? != Kind::Map {
            return Err(self.wrong_kind(Kind::Map));
        }
        let n = self.length("a map", Some((0x80, 0x8f, 16)), [0, 0xde, 0xdf])?;
        if n > self.remaining() / 2 {
            return Err(ReadError::syntax(
                format!(
                    "at most {} entries (two bytes each at least)",
                    self.remaining() / 2
                ),
                format!("a map of {} entries", n),
            )
            .at(start));
        }
        Ok(n)
    }

    /// A map key: a string after the previous key of the same map in UTF-8 byte order.
    pub fn read_key(&mut self, order: &mut KeyOrder<'a>) -> Result<&'a str, ReadError> {
        let start = self.pos;
        let key = match self.peek_kind()? {
            Kind::Str => self.read_str()?,
            other => {
                return Err(ReadError::syntax("a string map key", other.name()).at(start));
            }
        };
        order.next(key).map_err(|e| e.at(start))?;
        Ok(key)
    }

    /// The next value, whatever it is, as a value tree.
    pub fn read_value(&mut self) -> Result<Value, ReadError> {
        self.value_at(0)
    }

    fn enter(&self, depth: usize) -> Result<(), ReadError> {
        if depth >= self.max_depth {
            Err(ReadError::limit("array and map nesting depth", self.max_depth).at(self.pos))
        } else {
            Ok(())
        }
    }

    fn value_at(&mut self, depth: usize) -> Result<Value, ReadError> {
        Ok(match self.peek_kind()? {
            Kind::Nil => {
                self.pos += 1;
                Value::Nil
            }
            Kind::Bool => Value::Bool(self.read_bool()?),
            Kind::Int => match self.read_integer()? {
                Integer::Int(value) => Value::Int(value),
                Integer::UInt(value) => Value::UInt(value),
            },
            Kind::Float => Value::Float(self.read_f64()?),
            Kind::Str => Value::Str(self.read_str()?.to_string()),
            Kind::Bin => Value::Bin(self.read_bin()?.to_vec()),
            Kind::Array => {
                self.enter(depth)?;
                let n = self.read_array_header()?;
                let mut items = Vec::with_capacity(n);
                for i in 0..n {
                    items.push(self.value_at(depth + 1).map_err(|e| e.in_index(i))?);
                }
                Value::Array(items)
            }
            Kind::Map => {
                self.enter(depth)?;
                let n = self.read_map_header()?;
                let mut entries = Vec::with_capacity(n);
                let mut order = KeyOrder::new();
                for _ in 0..n {
                    let key = self.read_key(&mut order)?;
                    let value = self.value_at(depth + 1).map_err(|e| e.in_field(key))?;
                    entries.push((key.to_string(), value));
                }
                Value::Map(entries)
            }
        })
    }

    /// Skips the next value, checking it as [`Reader::read_value`] does.
    pub fn skip_value(&mut self) -> Result<(), ReadError> {
        self.skip_at(0)
    }

    fn skip_at(&mut self, depth: usize) -> Result<(), ReadError> {
        match self.peek_kind()? {
            Kind::Nil => self.read_nil(),
            Kind::Bool => self.read_bool().map(drop),
            Kind::Int => self.read_integer().map(drop),
            Kind::Float => self.read_f64().map(drop),
            Kind::Str => self.read_str().map(drop),
            Kind::Bin => self.read_bin().map(drop),
            Kind::Array => {
                self.enter(depth)?;
                let n = self.read_array_header()?;
                for i in 0..n {
                    self.skip_at(depth + 1).map_err(|e| e.in_index(i))?;
                }
                Ok(())
            }
            Kind::Map => {
                self.enter(depth)?;
                let n = self.read_map_header()?;
                let mut order = KeyOrder::new();
                for _ in 0..n {
                    let key = self.read_key(&mut order)?;
                    self.skip_at(depth + 1).map_err(|e| e.in_field(key))?;
                }
                Ok(())
            }
        }
    }
}

fn smallest_uint(value: u64) -> &'static str {
    match value {
        0..=0x7f => "positive fixint",
        0x80..=0xff => "uint 8",
        0x100..=0xffff => "uint 16",
        _ => "uint 32",
    }
}

fn smallest_int(value: i64) -> &'static str {
    if value >= 0 {
        smallest_uint(value as u64)
    } else if value >= -32 {
        "negative fixint"
    } else if value >= i64::from(i8::MIN) {
        "int 8"
    } else if value >= i64::from(i16::MIN) {
        "int 16"
    } else {
        "int 32"
    }
}

/// The keys of one map, checked to come in increasing UTF-8 byte order (which also refuses a
/// key seen twice).
#[derive(Debug, Default, Clone)]
pub struct KeyOrder<'a> {
    previous: Option<&'a str>,
}

impl<'a> KeyOrder<'a> {
    pub fn new() -> KeyOrder<'a> {
        KeyOrder { previous: None }
    }

    /// Accepts `key` if it sorts after the previous key.
    pub fn next(&mut self, key: &'a str) -> Result<(), ReadError> {
        if let Some(previous) = self.previous {
            if key.as_bytes() <= previous.as_bytes() {
                let found = if key == previous {
                    format!("the key {:?} twice", key)
                } else {
                    format!("the key {:?} after {:?}", key, previous)
                };
                return Err(ReadError::new(
                    ErrorKind::Syntax,
                    "map keys in increasing UTF-8 byte order, each once",
                    found,
                ));
            }
        }
        self.previous = Some(key);
        Ok(())
    }
}

/// The one value `bytes` hold, nothing after it.
pub fn decode(bytes: &[u8]) -> Result<Value, ReadError> {
    decode_with_max_depth(bytes, DEFAULT_MAX_DEPTH)
}

/// [`decode`] with another nesting limit.
pub fn decode_with_max_depth(bytes: &[u8], max_depth: usize) -> Result<Value, ReadError> {
    let mut reader = Reader::with_max_depth(bytes, max_depth);
    let value = reader.read_value()?;
    reader.finish()?;
    Ok(value)
}

/// `@Contract` records in their binary form, the canonical MessagePack of every field (docs
/// `canonical-encoding.md`, "The binary form of a record"), as `RecordPayloads.fromBinary` maps
/// a value read by `CanonicalReader` onto a record, with its messages: a member no field names
/// refused (or kept, at the top of a forward-compatible contract), a missing required field, a
/// nil where a value is required, a value of the wrong kind.
pub mod record {
    use super::super::canonical::Value;
    use super::super::read_error::{ErrorKind, ReadError};
    use std::collections::BTreeMap;

    /// What the top of a payload allows beyond its declared fields (see `json_mapping::Top`).
    #[derive(Debug)]
    pub struct Top<'u> {
        /// The field names of the accepted older version the payload is of; `None` for this one.
        pub older_fields: Option<&'static [&'static str]>,
        /// Whether unknown fields are kept (a forward-compatible contract) rather than refused.
        pub keep_unknown: bool,
        /// Where kept fields go.
        pub unknown: &'u mut Vec<(String, Value)>,
    }

    /// A value in words, as messages quote what came: `an integer 5`, `a string "x"`.
    pub fn describe(value: &Value) -> String {
        match value {
            Value::Nil => "nil".to_string(),
            Value::Bool(b) => format!("a boolean {}", b),
            Value::Int(i) => format!("an integer {}", i),
            Value::UInt(u) => format!("an integer {}", u),
            Value::Float(f) => format!(
                "a float {}",
                super::super::json_mapping::java_double_text(*f)
            ),
            Value::Str(s) => {
                format!("a string \"{}\"", super::super::json_mapping::abbreviate(s))
            }
            Value::Bin(b) => format!("binary ({} bytes)", b.len()),
            Value::Array(_) => "an array".to_string(),
            Value::Map(_) => "a map".to_string(),
        }
    }

    fn expected(what: &str, value: &Value) -> ReadError {
        ReadError::schema(what, describe(value))
    }

    /// The fields of a record: a map.
    pub fn fields(value: &Value) -> Result<&[(String, Value)], ReadError> {
        match value {
            Value::Map(entries) => Ok(entries),
            other => Err(expected("a map of fields", other)),
        }
    }

    /// Checks the fields against the declared ones before any is read, as the JSON reader does.
    pub fn check_members(
        entries: &[(String, Value)],
        contract: &str,
        fields: &[&str],
        mut top: Option<&mut Top<'_>>,
    ) -> Result<(), ReadError> {
        for (key, value) in entries {
            if fields.contains(&key.as_str()) {
                continue;
            }
            if let Some(top) = top.as_deref_mut() {
                if top.older_fields.is_some_and(|f| f.contains(&key.as_str())) {
                    continue;
                }
                if top.keep_unknown {
                    top.unknown.push((key.clone(), value.clone()));
                    continue;
                }
            }
            return Err(ReadError::problem(
                ErrorKind::Schema,
                format!("unknown field; {} has {}", contract, fields.join(", ")),
            )
            .in_field(key));
        }
        Ok(())
    }

    fn member<'v>(entries: &'v [(String, Value)], name: &str) -> Option<&'v Value> {
        entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A nil where a value is required. `expected` names the type as the JSON reader does.
    pub fn nil_refused(expected: &str) -> ReadError {
        ReadError::schema(expected, "nil; only an optional field may be nil")
    }

    /// A value of a record field in the binary form. Implemented for the scalar types, bytes,
    /// lists, string-keyed maps and optionals, and by the generated module for its records and
    /// enums.
    pub trait RecordValue: Sized {
        /// How the type is named when a nil comes in its place (as the JSON reader names it).
        const EXPECTED: &'static str;
        /// The same, for a list element or map value (a boxed type: `a integer`).
        const BOXED: &'static str = Self::EXPECTED;
        /// Reads one value (never nil: the callers refuse it first).
        fn read_record_value(value: &Value) -> Result<Self, ReadError>;
        /// Writes it.
        fn record_value(&self) -> Value;
    }

    /// A required field: missing or nil is refused; an error names the field.
    pub fn required<T: RecordValue>(
        entries: &[(String, Value)],
        name: &str,
    ) -> Result<T, ReadError> {
        match member(entries, name) {
            None => Err(ReadError::problem(
                ErrorKind::Schema,
                "missing; it is required, so a missing one is not taken as a default",
            )
            .in_field(name)),
            Some(Value::Nil) => Err(nil_refused(T::EXPECTED).in_field(name)),
            Some(value) => T::read_record_value(value).map_err(|e| e.in_field(name)),
        }
    }

    /// An optional field: absent or nil is `None`.
    pub fn optional_field<T: RecordValue>(
        entries: &[(String, Value)],
        name: &str,
    ) -> Result<Option<T>, ReadError> {
        match member(entries, name) {
            None | Some(Value::Nil) => Ok(None),
            Some(value) => T::read_record_value(value)
                .map(Some)
                .map_err(|e| e.in_field(name)),
        }
    }

    /// Writes a value of the field's type.
    #[inline]
    pub fn value<T: RecordValue>(value: &T) -> Value {
        value.record_value()
    }

    pub fn text(value: &Value) -> Result<String, ReadError> {
        match value {
            Value::Str(s) => Ok(s.clone()),
            other => Err(expected("a string", other)),
        }
    }

    pub fn boolean(value: &Value) -> Result<bool, ReadError> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(expected("a boolean", other)),
        }
    }

    /// An `int`: an integer within 32 bits.
    pub fn int(value: &Value) -> Result<i32, ReadError> {
        match value {
            Value::Int(i) if i32::try_from(*i).is_ok() => Ok(*i as i32),
            other => Err(expected("an int", other)),
        }
    }

    /// A `long`: an integer within 64 bits.
    pub fn long(value: &Value) -> Result<i64, ReadError> {
        match value {
            Value::Int(i) => Ok(*i),
            other => Err(expected("a long", other)),
        }
    }

    /// A `double`: a float (the canonical encoding writes every double as float64).
    pub fn double(value: &Value) -> Result<f64, ReadError> {
        match value {
            Value::Float(f) => Ok(*f),
            other => Err(expected("a float", other)),
        }
    }

    /// A `byte[]`: binary.
    pub fn bytes(value: &Value) -> Result<Vec<u8>, ReadError> {
        match value {
            Value::Bin(b) => Ok(b.clone()),
            other => Err(expected("binary", other)),
        }
    }

    /// An enum by its text, with `parse` the generated enum's `from_text`.
    pub fn enum_text<T, E: std::fmt::Display>(
        value: &Value,
        parse: fn(&str) -> Result<T, E>,
    ) -> Result<T, ReadError> {
        match value {
            Value::Str(text) => {
                parse(text).map_err(|e| ReadError::problem(ErrorKind::Schema, e.to_string()))
            }
            other => Err(expected("an enum name", other)),
        }
    }

    impl RecordValue for i32 {
        const EXPECTED: &'static str = "a int";
        const BOXED: &'static str = "a integer";
        fn read_record_value(value: &Value) -> Result<i32, ReadError> {
            int(value)
        }
        fn record_value(&self) -> Value {
            Value::Int(i64::from(*self))
        }
    }

    impl RecordValue for i64 {
        const EXPECTED: &'static str = "a long";
        fn read_record_value(value: &Value) -> Result<i64, ReadError> {
            long(value)
        }
        fn record_value(&self) -> Value {
            Value::Int(*self)
        }
    }

    impl RecordValue for f64 {
        const EXPECTED: &'static str = "a double";
        fn read_record_value(value: &Value) -> Result<f64, ReadError> {
            double(value)
        }
        fn record_value(&self) -> Value {
            Value::Float(*self)
        }
    }

    impl RecordValue for bool {
        const EXPECTED: &'static str = "a boolean";
        fn read_record_value(value: &Value) -> Result<bool, ReadError> {
            boolean(value)
        }
        fn record_value(&self) -> Value {
            Value::Bool(*self)
        }
    }

    impl RecordValue for String {
        const EXPECTED: &'static str = "a string";
        fn read_record_value(value: &Value) -> Result<String, ReadError> {
            text(value)
        }
        fn record_value(&self) -> Value {
            Value::Str(self.clone())
        }
    }

    impl RecordValue for Vec<u8> {
        const EXPECTED: &'static str = "a byte[]";
        fn read_record_value(value: &Value) -> Result<Vec<u8>, ReadError> {
            bytes(value)
        }
        fn record_value(&self) -> Value {
            Value::Bin(self.clone())
        }
    }

    /// A list: an array in its order; a nil element is refused.
    impl<T: RecordValue> RecordValue for Vec<T> {
        const EXPECTED: &'static str = "an array";
        fn read_record_value(value: &Value) -> Result<Vec<T>, ReadError> {
            let items = match value {
                Value::Array(items) => items,
                other => return Err(expected("an array", other)),
            };
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let read = match item {
                    Value::Nil => Err(nil_refused(T::BOXED)),
                    item => T::read_record_value(item),
                };
                out.push(read.map_err(|e| e.in_index(i))?);
            }
            Ok(out)
        }
        fn record_value(&self) -> Value {
            Value::Array(self.iter().map(T::record_value).collect())
        }
    }

    /// A map: a map (the encoding sorts its keys); a nil value is refused.
    impl<T: RecordValue> RecordValue for BTreeMap<String, T> {
        const EXPECTED: &'static str = "an object";
        fn read_record_value(value: &Value) -> Result<Self, ReadError> {
            let entries = match value {
                Value::Map(entries) => entries,
                other => return Err(expected("a map", other)),
            };
            let mut out = BTreeMap::new();
            for (key, item) in entries {
                let read = match item {
                    Value::Nil => Err(nil_refused(T::BOXED)),
                    item => T::read_record_value(item),
                };
                out.insert(key.clone(), read.map_err(|e| e.in_key(key))?);
            }
            Ok(out)
        }
        fn record_value(&self) -> Value {
            Value::Map(
                self.iter()
                    .map(|(key, value)| (key.clone(), value.record_value()))
                    .collect(),
            )
        }
    }

    /// An optional: nil when absent.
    impl<T: RecordValue> RecordValue for Option<T> {
        const EXPECTED: &'static str = T::EXPECTED;
        fn read_record_value(value: &Value) -> Result<Option<T>, ReadError> {
            match value {
                Value::Nil => Ok(None),
                value => T::read_record_value(value).map(Some),
            }
        }
        fn record_value(&self) -> Value {
            match self {
                Some(value) => value.record_value(),
                None => Value::Nil,
            }
        }
    }
}

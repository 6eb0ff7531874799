//! The protobuf binary wire format: a reader over untrusted bytes and a writer that produces the
//! bytes protobuf-java writes for the same message with deterministic serialization (what the
//! payload writers use). Hand-written because the module must build with the standard library
//! alone; checked against protobuf-java's bytes by the parity crate's tests.
//!
//! Reading follows protobuf's rules: fields in any order, a repeated scalar packed or not, the
//! last value of a singular field wins, a singular message field seen twice is merged, a field
//! whose wire type does not match its declaration is an unknown field. It is strict where the
//! format is: varints of at most ten bytes that fit 64 bits, lengths within the input, field
//! numbers and wire types valid, strings valid UTF-8, nesting at most `max_depth` deep.
//!
//! Generated decoders call it through the [`Codec`] types (one per protobuf scalar type, plus
//! [`Str`], [`Bytes`] and [`Msg`]) and the [`Message`] trait:
//!
//! ```text
//! while let Some(tag) = r.next_tag()? {
//!     match (tag.number, tag.wire_type) {
//!         (1, WireType::Len) => self.name = r.read::<Str>().map_err(|e| e.in_field("name"))?,
//!         (2, _) if tag.wire_type.is_repeated_of::<Int64>() => r.repeated::<Int64>(tag, &mut self.ids)?,
//!         _ => r.unknown(tag, &mut self.unknown_fields)?,
//!     }
//! }
//! ```

use super::read_error::ReadError;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The largest field number protobuf allows (2^29 - 1).
pub const MAX_FIELD_NUMBER: u32 = (1 << 29) - 1;

/// How deep messages (and groups) may nest below the top: protobuf-java's default limit.
pub const DEFAULT_MAX_DEPTH: usize = 100;

/// The wire type of a field: how its value is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WireType {
    /// 0: a varint (int32, int64, uint32, uint64, sint32, sint64, bool, enum).
    Varint,
    /// 1: eight bytes, little-endian (fixed64, sfixed64, double).
    Fixed64,
    /// 2: a varint length, then that many bytes (string, bytes, messages, packed repeated).
    Len,
    /// 3: the start of a group (proto2; only ever read as an unknown field here).
    StartGroup,
    /// 4: the end of a group.
    EndGroup,
    /// 5: four bytes, little-endian (fixed32, sfixed32, float).
    Fixed32,
}

impl WireType {
    /// The wire type of the low three bits of a tag; 6 and 7 are not wire types.
    pub fn from_bits(bits: u32) -> Option<WireType> {
        match bits {
            0 => Some(WireType::Varint),
            1 => Some(WireType::Fixed64),
            2 => Some(WireType::Len),
            3 => Some(WireType::StartGroup),
            4 => Some(WireType::EndGroup),
            5 => Some(WireType::Fixed32),
            _ => None,
        }
    }

    /// The three bits of a tag that name this wire type.
    pub fn bits(self) -> u32 {
        match self {
            WireType::Varint => 0,
            WireType::Fixed64 => 1,
            WireType::Len => 2,
            WireType::StartGroup => 3,
            WireType::EndGroup => 4,
            WireType::Fixed32 => 5,
        }
    }

    /// The wire type in words, for messages.
    pub fn name(self) -> &'static str {
        match self {
            WireType::Varint => "varint",
            WireType::Fixed64 => "64-bit",
            WireType::Len => "length-delimited",
            WireType::StartGroup => "start-group",
            WireType::EndGroup => "end-group",
            WireType::Fixed32 => "32-bit",
        }
    }

    /// Whether a repeated field of codec `C` accepts a value of this wire type: its own, or
    /// length-delimited (packed) when `C` is a packable scalar.
    pub fn is_repeated_of<C: Codec>(self) -> bool {
        self == C::WIRE_TYPE || (C::PACKABLE && self == WireType::Len)
    }
}

/// A field's tag: its number and the wire type of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag {
    pub number: u32,
    pub wire_type: WireType,
}

/// Reads the protobuf wire format from a byte slice, without copying strings or bytes.
///
/// A reader covers one message: [`Reader::next_tag`] returns `None` at its end. Nested messages
/// get their own reader over exactly their bytes ([`Reader::message`]), one level deeper.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    /// The offset of `input[0]` in the outermost input, for error offsets.
    base: usize,
    depth: usize,
    max_depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader of the message in `input`, with the default nesting limit.
    pub fn new(input: &'a [u8]) -> Reader<'a> {
        Reader::with_max_depth(input, DEFAULT_MAX_DEPTH)
    }

    /// A reader that refuses messages nested more than `max_depth` levels below the top.
    pub fn with_max_depth(input: &'a [u8], max_depth: usize) -> Reader<'a> {
        Reader {
            input,
            pos: 0,
            base: 0,
            depth: 0,
            max_depth,
        }
    }

    /// The offset of the next byte in the outermost input.
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    /// How many bytes of this message are left.
    pub fn remaining(&self) -> usize {
        self.input.len() - self.pos
    }

    /// Whether the whole message has been read.
    pub fn is_at_end(&self) -> bool {
        self.pos >= self.input.len()
    }

    /// How many levels below the top this reader is.
    pub fn depth(&self) -> usize {
        self.depth
    }

    fn truncated(&self, what: &str) -> ReadError {
        ReadError::syntax(
            format!("{} within the input", what),
            "the end of the input (truncated, or an enclosing length is wrong)",
        )
        .at(self.offset())
    }

    /// The next field's tag, or `None` at the end of the message.
    pub fn next_tag(&mut self) -> Result<Option<Tag>, ReadError> {
        if self.is_at_end() {
            return Ok(None);
        }
        let tag = self.tag()?;
        if tag.wire_type == WireType::EndGroup {
            return Err(ReadError::syntax(
                "a field",
                format!("an end-group tag (field {}) outside any group", tag.number),
            )
            .at(self.offset()));
        }
        Ok(Some(tag))
    }

    /// A tag, any wire type: field number 1 to 2^29 - 1, wire type 0 to 5.
    fn tag(&mut self) -> Result<Tag, ReadError> {
        let start = self.offset();
        let raw = self.varint()?;
        if raw > u64::from(u32::MAX) {
            return Err(ReadError::syntax(
                "a tag of at most 32 bits",
                format!("the varint {}", raw),
            )
            .at(start));
        }
        let number = (raw >> 3) as u32;
        if number == 0 {
            return Err(ReadError::syntax("a field number of at least 1", "0").at(start));
        }
        match WireType::from_bits((raw & 7) as u32) {
            Some(wire_type) => Ok(Tag { number, wire_type }),
            None => Err(ReadError::syntax(
                "a wire type 0 to 5",
                format!("wire type {} (field {})", raw & 7, number),
            )
            .at(start)),
        }
    }

    /// A varint: at most ten bytes, its value within 64 bits.
    #[inline]
    pub fn varint(&mut self) -> Result<u64, ReadError> {
        if let Some(&byte) = self.input.get(self.pos) {
            if byte < 0x80 {
                self.pos += 1;
                return Ok(u64::from(byte));
            }
        }
        self.varint_slow()
    }

    fn varint_slow(&mut self) -> Result<u64, ReadError> {
        let start = self.pos;
        let mut value: u64 = 0;
        for i in 0..10 {
            let byte = match self.input.get(self.pos) {
                Some(byte) => *byte,
                None => {
                    self.pos = start;
                    return Err(self.truncated("the rest of a varint"));
                }
            };
            self.pos += 1;
            if i == 9 && byte > 1 {
                self.pos = start;
                return Err(ReadError::syntax(
                    "a varint within 64 bits (a tenth byte of 0 or 1)",
                    format!("a tenth byte 0x{:02x}", byte),
                )
                .at(self.offset()));
            }
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte < 0x80 {
                return Ok(value);
            }
        }
        self.pos = start;
        Err(ReadError::syntax(
            "a varint of at most 10 bytes",
            "more than 10 bytes with the continuation bit set",
        )
        .at(self.offset()))
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], ReadError> {
        if n > self.remaining() {
            return Err(self.truncated(what));
        }
        let bytes = &self.input[self.pos..self.pos + n];
        self.pos += n;
        Ok(bytes)
    }

    /// Four bytes, little-endian.
    #[inline]
    pub fn fixed32(&mut self) -> Result<u32, ReadError> {
        let bytes = self.take(4, "4 bytes of a 32-bit value")?;
        let mut word = [0u8; 4];
        word.copy_from_slice(bytes);
        Ok(u32::from_le_bytes(word))
    }

    /// Eight bytes, little-endian.
    #[inline]
    pub fn fixed64(&mut self) -> Result<u64, ReadError> {
        let bytes = self.take(8, "8 bytes of a 64-bit value")?;
        let mut word = [0u8; 8];
        word.copy_from_slice(bytes);
        Ok(u64::from_le_bytes(word))
    }

    /// A length-delimited value: its bytes, borrowed from the input.
    #[inline]
    pub fn bytes(&mut self) -> Result<&'a [u8], ReadError> {
        let start = self.offset();
        let len = self.varint()?;
        if len > self.remaining() as u64 {
            return Err(ReadError::syntax(
                format!("a length of at most the {} bytes left", self.remaining()),
                format!("length {}", len),
            )
            .at(start));
        }
        self.take(len as usize, "a length-delimited value")
    }

    /// A string: length-delimited, valid UTF-8.
    #[inline]
    pub fn string(&mut self) -> Result<&'a str, ReadError> {
        let start = self.offset();
        let bytes = self.bytes()?;
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

    /// One value of codec `C`, whose wire type the caller has matched.
    #[inline]
    pub fn read<C: Codec>(&mut self) -> Result<C::Value, ReadError> {
        C::read(self)
    }

    /// The reader of a nested message (length-delimited), one level deeper, handed to `read`;
    /// `read` must consume the whole message (a [`Message::merge_from`] loop does).
    pub fn message<T>(
        &mut self,
        read: impl FnOnce(&mut Reader<'a>) -> Result<T, ReadError>,
    ) -> Result<T, ReadError> {
        let start = self.offset();
        if self.depth >= self.max_depth {
            return Err(ReadError::limit("message nesting depth", self.max_depth).at(start));
        }
        let body = self.bytes()?;
        let mut nested = Reader {
            input: body,
            pos: 0,
            base: self.offset() - body.len(),
            depth: self.depth + 1,
            max_depth: self.max_depth,
        };
        let value = read(&mut nested)?;
        if !nested.is_at_end() {
            return Err(ReadError::syntax(
                "the end of the embedded message",
                format!("{} bytes left unread", nested.remaining()),
            )
            .at(nested.offset()));
        }
        Ok(value)
    }

    /// Merges a nested message into `message`: a singular message field seen twice is merged,
    /// as protobuf does.
    pub fn merge_message<M: Message>(&mut self, message: &mut M) -> Result<(), ReadError> {
        self.message(|r| message.merge_from(r))
    }

    /// The elements of a repeated field of codec `C` under `tag`: packed (length-delimited, for
    /// a packable scalar) or one unpacked element. Both are accepted whatever the declaration
    /// says, as protobuf requires.
    pub fn repeated<C: Codec>(
        &mut self,
        tag: Tag,
        out: &mut Vec<C::Value>,
    ) -> Result<(), ReadError> {
        if C::PACKABLE && tag.wire_type == WireType::Len {
            let start = self.offset();
            let body = self.bytes()?;
            if let Some(width) = C::FIXED_WIDTH {
                if body.len() % width != 0 {
                    return Err(ReadError::syntax(
                        format!("packed {}-byte values", width),
                        format!("{} bytes", body.len()),
                    )
                    .at(start));
                }
                // Exactly the number of values the bytes hold: justified by the input.
                out.reserve(body.len() / width);
            }
            let mut packed = Reader {
                input: body,
                pos: 0,
                base: self.offset() - body.len(),
                depth: self.depth,
                max_depth: self.max_depth,
            };
            while !packed.is_at_end() {
                out.push(C::read(&mut packed)?);
            }
            Ok(())
        } else if tag.wire_type == C::WIRE_TYPE {
            out.push(C::read(self)?);
            Ok(())
        } else {
            Err(ReadError::schema(
                format!("a {} value", C::WIRE_TYPE.name()),
                format!("a {} value", tag.wire_type.name()),
            )
            .at(self.offset()))
        }
    }

    /// A map entry (a nested message with the key as field 1 and the value as field 2), read as
    /// protobuf-java reads it: a missing key or value is its default, the last of a repeated one
    /// wins, and anything else (another field, a key or value of another wire type) is skipped.
    pub fn map_entry<K: Codec, V: Codec>(&mut self) -> Result<(K::Value, V::Value), ReadError> {
        self.message(|r| {
            let mut key = None;
            let mut value = None;
            while let Some(tag) = r.next_tag()? {
                if tag.number == 1 && tag.wire_type == K::WIRE_TYPE {
                    key = Some(K::read(r).map_err(|e| e.in_field("key"))?);
                } else if tag.number == 2 && tag.wire_type == V::WIRE_TYPE {
                    value = Some(V::read(r).map_err(|e| e.in_field("value"))?);
                } else {
                    r.skip(tag)?;
                }
            }
            Ok((
                key.unwrap_or_else(K::default_value),
                value.unwrap_or_else(V::default_value),
            ))
        })
    }

    // --- what generated decoders call: one call per declared field, then `field_done` ---

    /// A singular field of codec `C` (the last value wins); `Ok(false)` when the value's wire
    /// type is not `C`'s, which makes it an unknown field.
    #[inline]
    pub fn merge<C: Codec>(
        &mut self,
        tag: Tag,
        value: &mut C::Value,
    ) -> Result<bool, ReadError> {
        if tag.wire_type != C::WIRE_TYPE {
            return Ok(false);
        }
        *value = C::read(self)?;
        Ok(true)
    }

    /// A field with explicit presence (`optional`): set by the last value.
    #[inline]
    pub fn merge_optional<C: Codec>(
        &mut self,
        tag: Tag,
        value: &mut Option<C::Value>,
    ) -> Result<bool, ReadError> {
        if tag.wire_type != C::WIRE_TYPE {
            return Ok(false);
        }
        *value = Some(C::read(self)?);
        Ok(true)
    }

    /// A singular message field: a message seen twice is merged, as protobuf does.
    #[inline]
    pub fn merge_present<M: Message>(
        &mut self,
        tag: Tag,
        value: &mut Option<M>,
    ) -> Result<bool, ReadError> {
        if tag.wire_type != WireType::Len {
            return Ok(false);
        }
        self.merge_message(value.get_or_insert_with(M::default))?;
        Ok(true)
    }

    /// A repeated field: packed or one element, whatever the declaration says; an element's
    /// error names its index.
    #[inline]
    pub fn merge_repeated<C: Codec>(
        &mut self,
        tag: Tag,
        values: &mut Vec<C::Value>,
    ) -> Result<bool, ReadError> {
        if !tag.wire_type.is_repeated_of::<C>() {
            return Ok(false);
        }
        self.repeated::<C>(tag, values).map_err(|e| {
            if e.kind == super::read_error::ErrorKind::Schema {
                // The element that failed is the one after those read.
                e.in_index(values.len())
            } else {
                e
            }
        })?;
        Ok(true)
    }

    /// A map field: one entry.
    #[inline]
    pub fn merge_map<K: Codec, V: Codec>(
        &mut self,
        tag: Tag,
        map: &mut BTreeMap<K::Value, V::Value>,
    ) -> Result<bool, ReadError>
    where
        K::Value: Ord + MapKeyText,
    {
        if tag.wire_type != WireType::Len {
            return Ok(false);
        }
        let (key, value) = self.map_entry_keyed::<K, V>()?;
        map.insert(key, value);
        Ok(true)
    }

    /// A map entry whose value's error names its key.
    fn map_entry_keyed<K: Codec, V: Codec>(&mut self) -> Result<(K::Value, V::Value), ReadError>
    where
        K::Value: MapKeyText,
    {
        self.message(|r| {
            let mut key = None;
            let mut value = None;
            let mut refused = None;
            while let Some(tag) = r.next_tag()? {
                if tag.number == 1 && tag.wire_type == K::WIRE_TYPE {
                    key = Some(K::read(r)?);
                } else if tag.number == 2 && tag.wire_type == V::WIRE_TYPE {
                    match V::read(r) {
                        Ok(read) => value = Some(read),
                        // A value the schema refuses (an undeclared enum number) is named by
                        // its key, which may follow it.
                        Err(e) if e.kind == super::read_error::ErrorKind::Schema => {
                            refused = Some(e)
                        }
                        Err(e) => return Err(e),
                    }
                } else {
                    r.skip(tag)?;
                }
            }
            let key = key.unwrap_or_else(K::default_value);
            match refused {
                Some(e) => Err(e.in_key(&key.key_text())),
                None => Ok((key, value.unwrap_or_else(V::default_value))),
            }
        })
    }

    /// After a declared field's read: an error names the field (`names`: number and name of
    /// every declared field), a value of another wire type is kept in `unknown`.
    #[inline]
    pub fn field_done(
        &mut self,
        tag: Tag,
        read: Result<bool, ReadError>,
        unknown: &mut UnknownFields,
        names: &[(u32, &str)],
    ) -> Result<(), ReadError> {
        match read {
            Ok(true) => Ok(()),
            Ok(false) => self.unknown(tag, unknown),
            Err(e) if e.kind == super::read_error::ErrorKind::Schema => {
                let name = names
                    .iter()
                    .find(|(number, _)| *number == tag.number)
                    .map_or("", |(_, name)| name);
                Err(e.in_field(name))
            }
            Err(e) => Err(e),
        }
    }

    /// Reads the value of a field the caller does not know and keeps it in `fields`, so that it
    /// is written back (forward-compatible contracts; strict ones refuse what it holds).
    pub fn unknown(&mut self, tag: Tag, fields: &mut UnknownFields) -> Result<(), ReadError> {
        let value = self.unknown_value(tag)?;
        fields.fields.push(UnknownField {
            number: tag.number,
            value,
        });
        Ok(())
    }

    fn unknown_value(&mut self, tag: Tag) -> Result<UnknownValue, ReadError> {
        Ok(match tag.wire_type {
            WireType::Varint => UnknownValue::Varint(self.varint()?),
            WireType::Fixed64 => UnknownValue::Fixed64(self.fixed64()?),
            WireType::Fixed32 => UnknownValue::Fixed32(self.fixed32()?),
            WireType::Len => UnknownValue::Bytes(self.bytes()?.to_vec()),
            WireType::StartGroup => UnknownValue::Group(self.group(tag.number)?),
            WireType::EndGroup => {
                return Err(ReadError::syntax(
                    "a field",
                    format!("an end-group tag (field {}) outside any group", tag.number),
                )
                .at(self.offset()))
            }
        })
    }

    /// The fields of a group up to its end-group tag, one level deeper.
    fn group(&mut self, number: u32) -> Result<UnknownFields, ReadError> {
        let start = self.offset();
        if self.depth >= self.max_depth {
            return Err(ReadError::limit("message nesting depth", self.max_depth).at(start));
        }
        self.depth += 1;
        let mut fields = UnknownFields::new();
        let result = loop {
            if self.is_at_end() {
                break Err(self.truncated(&format!("the end-group tag of field {}", number)));
            }
            let tag = match self.tag() {
                Ok(tag) => tag,
                Err(e) => break Err(e),
            };
            if tag.wire_type == WireType::EndGroup {
                if tag.number == number {
                    break Ok(());
                }
                break Err(ReadError::syntax(
                    format!("the end-group tag of field {}", number),
                    format!("the end-group tag of field {}", tag.number),
                )
                .at(self.offset()));
            }
            if let Err(e) = self.unknown(tag, &mut fields) {
                break Err(e);
            }
        };
        self.depth -= 1;
        result.map(|()| fields)
    }

    /// Skips the value of a field, checking it as [`Reader::unknown`] does.
    pub fn skip(&mut self, tag: Tag) -> Result<(), ReadError> {
        match tag.wire_type {
            WireType::Varint => self.varint().map(drop),
            WireType::Fixed64 => self.fixed64().map(drop),
            WireType::Fixed32 => self.fixed32().map(drop),
            WireType::Len => self.bytes().map(drop),
            WireType::StartGroup | WireType::EndGroup => self.unknown_value(tag).map(drop),
        }
    }
}

// ------------------------------------------------------------------------------------------
// codecs

/// How one protobuf field type is read and written; generated code names the codec of each
/// field (`Int64`, `SInt32`, `Str`, `Msg<DeltaInput>`) and the reader and writer do the rest.
pub trait Codec {
    /// The Rust type of a value.
    type Value;
    /// The wire type of one value.
    const WIRE_TYPE: WireType;
    /// Whether a repeated field of this type is packed (numeric scalars).
    const PACKABLE: bool = false;
    /// The size of one value when it has a fixed size (fixed32, double, ...).
    const FIXED_WIDTH: Option<usize> = None;
    /// Reads one value (without its tag).
    fn read(r: &mut Reader<'_>) -> Result<Self::Value, ReadError>;
    /// Writes one value (without its tag).
    fn write(w: &mut Writer, value: &Self::Value);
    /// Whether proto3 leaves the value out of a field with implicit presence. For floats this
    /// is +0.0 only: protobuf-java writes -0.0.
    fn is_default(value: &Self::Value) -> bool;
    /// The default value: a missing map key or value.
    fn default_value() -> Self::Value;
}

macro_rules! varint_codec {
    ($(#[$doc:meta])* $name:ident, $value:ty, |$r:ident| $read:expr, |$w:ident, $v:ident| $write:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl Codec for $name {
            type Value = $value;
            const WIRE_TYPE: WireType = WireType::Varint;
            const PACKABLE: bool = true;
            #[inline]
            fn read($r: &mut Reader<'_>) -> Result<$value, ReadError> {
                $read
            }
            #[inline]
            fn write($w: &mut Writer, $v: &$value) {
                $write
            }
            fn is_default(value: &$value) -> bool {
                *value == <$value>::default()
            }
            fn default_value() -> $value {
                <$value>::default()
            }
        }
    };
}

varint_codec!(
    /// `int32`: truncated to 32 bits when read, as protobuf does; negative values are written
    /// as ten bytes (sign-extended to 64 bits).
    Int32, i32, |r| Ok(r.varint()? as i32), |w, v| w.varint(*v as i64 as u64)
);
varint_codec!(
    /// `int64`.
    Int64, i64, |r| Ok(r.varint()? as i64), |w, v| w.varint(*v as u64)
);
varint_codec!(
    /// `uint32`: truncated to 32 bits when read.
    UInt32, u32, |r| Ok(r.varint()? as u32), |w, v| w.varint(u64::from(*v))
);
varint_codec!(
    /// `uint64`.
    UInt64, u64, |r| r.varint(), |w, v| w.varint(*v)
);
varint_codec!(
    /// `sint32`: zigzag, so that small negative values are short.
    SInt32, i32,
    |r| {
        let n = r.varint()? as u32;
        Ok((n >> 1) as i32 ^ -((n & 1) as i32))
    },
    |w, v| w.varint(u64::from(((*v << 1) ^ (*v >> 31)) as u32))
);
varint_codec!(
    /// `sint64`: zigzag.
    SInt64, i64,
    |r| {
        let n = r.varint()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    },
    |w, v| w.varint(((*v << 1) ^ (*v >> 63)) as u64)
);
varint_codec!(
    /// `bool`: any non-zero varint is true, as protobuf reads it; written as 0 or 1.
    Bool, bool, |r| Ok(r.varint()? != 0), |w, v| w.varint(u64::from(*v))
);
varint_codec!(
    /// An enum, as its number: proto3 enums are open, so a number the schema does not name is
    /// kept (protobuf-java's `getXValue()`), and written as an `int32`.
    Enum, i32, |r| Ok(r.varint()? as i32), |w, v| w.varint(*v as i64 as u64)
);

macro_rules! fixed_codec {
    ($(#[$doc:meta])* $name:ident, $value:ty, $wire:ident, $width:expr, $default:expr,
        |$r:ident| $read:expr, |$w:ident, $v:ident| $write:expr, |$d:ident| $is_default:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl Codec for $name {
            type Value = $value;
            const WIRE_TYPE: WireType = WireType::$wire;
            const PACKABLE: bool = true;
            const FIXED_WIDTH: Option<usize> = Some($width);
            #[inline]
            fn read($r: &mut Reader<'_>) -> Result<$value, ReadError> {
                $read
            }
            #[inline]
            fn write($w: &mut Writer, $v: &$value) {
                $write
            }
            fn is_default($d: &$value) -> bool {
                $is_default
            }
            fn default_value() -> $value {
                $default
            }
        }
    };
}

fixed_codec!(
    /// `fixed32`.
    Fixed32, u32, Fixed32, 4, 0,
    |r| r.fixed32(), |w, v| w.raw(&v.to_le_bytes()), |v| *v == 0
);
fixed_codec!(
    /// `fixed64`.
    Fixed64, u64, Fixed64, 8, 0,
    |r| r.fixed64(), |w, v| w.raw(&v.to_le_bytes()), |v| *v == 0
);
fixed_codec!(
    /// `sfixed32`.
    SFixed32, i32, Fixed32, 4, 0,
    |r| Ok(r.fixed32()? as i32), |w, v| w.raw(&v.to_le_bytes()), |v| *v == 0
);
fixed_codec!(
    /// `sfixed64`.
    SFixed64, i64, Fixed64, 8, 0,
    |r| Ok(r.fixed64()? as i64), |w, v| w.raw(&v.to_le_bytes()), |v| *v == 0
);
fixed_codec!(
    /// `float`: the bits as they are (a NaN keeps its payload); -0.0 is not a default.
    Float, f32, Fixed32, 4, 0.0,
    |r| Ok(f32::from_bits(r.fixed32()?)), |w, v| w.raw(&v.to_bits().to_le_bytes()),
    |v| v.to_bits() == 0
);
fixed_codec!(
    /// `double`: the bits as they are; -0.0 is not a default.
    Double, f64, Fixed64, 8, 0.0,
    |r| Ok(f64::from_bits(r.fixed64()?)), |w, v| w.raw(&v.to_bits().to_le_bytes()),
    |v| v.to_bits() == 0
);

/// `string`: valid UTF-8, copied into a `String` (use [`Reader::string`] to borrow it).
#[derive(Debug, Clone, Copy)]
pub struct Str;

impl Codec for Str {
    type Value = String;
    const WIRE_TYPE: WireType = WireType::Len;
    fn read(r: &mut Reader<'_>) -> Result<String, ReadError> {
        r.string().map(str::to_owned)
    }
    fn write(w: &mut Writer, value: &String) {
        w.len_prefixed(value.as_bytes());
    }
    fn is_default(value: &String) -> bool {
        value.is_empty()
    }
    fn default_value() -> String {
        String::new()
    }
}

/// `bytes`, copied into a `Vec<u8>` (use [`Reader::bytes`] to borrow them).
#[derive(Debug, Clone, Copy)]
pub struct Bytes;

impl Codec for Bytes {
    type Value = Vec<u8>;
    const WIRE_TYPE: WireType = WireType::Len;
    fn read(r: &mut Reader<'_>) -> Result<Vec<u8>, ReadError> {
        r.bytes().map(<[u8]>::to_vec)
    }
    fn write(w: &mut Writer, value: &Vec<u8>) {
        w.len_prefixed(value);
    }
    fn is_default(value: &Vec<u8>) -> bool {
        value.is_empty()
    }
    fn default_value() -> Vec<u8> {
        Vec::new()
    }
}

/// A message type as a field value: `Msg<DeltaInput>`.
#[derive(Debug, Clone, Copy)]
pub struct Msg<M>(std::marker::PhantomData<M>);

impl<M: Message> Codec for Msg<M> {
    type Value = M;
    const WIRE_TYPE: WireType = WireType::Len;
    fn read(r: &mut Reader<'_>) -> Result<M, ReadError> {
        let mut message = M::default();
        r.merge_message(&mut message)?;
        Ok(message)
    }
    fn write(w: &mut Writer, value: &M) {
        w.length_delimited(|w| value.write_to(w));
    }
    /// A message field is written whenever it is set; callers keep presence in an `Option`.
    fn is_default(_: &M) -> bool {
        false
    }
    fn default_value() -> M {
        M::default()
    }
}

/// A protobuf enum as generated for a contract: its numbers, and its names as protobuf's JSON
/// writes them. A number the enum does not declare is refused when read, as the Java payload
/// readers refuse it (it has no name to write as JSON, to hash or to compare).
pub trait ProtoEnum: Copy + Default + PartialEq + 'static {
    /// The enum's name in the `.proto`, as messages name it.
    const PROTO_NAME: &'static str;
    /// Every value's name and number, in declaration order.
    const VALUES: &'static [(&'static str, i32)];
    /// The value of a number, if the enum declares it.
    fn from_number(number: i32) -> Option<Self>;
    /// The value's number.
    fn number(self) -> i32;
    /// The value's name, as protobuf's JSON writes it.
    fn proto_name(self) -> &'static str {
        Self::VALUES
            .iter()
            .find(|(_, number)| *number == self.number())
            .map_or("", |(name, _)| name)
    }
}

/// The problem of an enum number `E` does not declare: Java's words.
pub fn undeclared_enum<E: ProtoEnum>(number: i64) -> ReadError {
    let names: Vec<&str> = E::VALUES.iter().map(|(name, _)| *name).collect();
    ReadError::problem(
        super::read_error::ErrorKind::Schema,
        format!(
            "enum number {} is not declared by {}; expected one of {}",
            number,
            E::PROTO_NAME,
            names.join(", ")
        ),
    )
}

/// A generated enum as a field value: `EnumOf<CacheKind>`, written as its number (an `int32`).
#[derive(Debug, Clone, Copy)]
pub struct EnumOf<E>(std::marker::PhantomData<E>);

impl<E: ProtoEnum> Codec for EnumOf<E> {
    type Value = E;
    const WIRE_TYPE: WireType = WireType::Varint;
    const PACKABLE: bool = true;
    #[inline]
    fn read(r: &mut Reader<'_>) -> Result<E, ReadError> {
        let number = r.varint()? as i32;
        E::from_number(number).ok_or_else(|| undeclared_enum::<E>(number.into()))
    }
    #[inline]
    fn write(w: &mut Writer, value: &E) {
        w.varint(value.number() as i64 as u64)
    }
    fn is_default(value: &E) -> bool {
        value.number() == 0
    }
    fn default_value() -> E {
        E::default()
    }
}

/// A map key as an error's path names it.
pub trait MapKeyText {
    fn key_text(&self) -> String;
}

impl MapKeyText for String {
    fn key_text(&self) -> String {
        self.clone()
    }
}

/// A message that reads and writes itself; generated for every protobuf contract.
pub trait Message: Default {
    /// Reads every field up to the end of `r`, merging them into `self` as protobuf does (the
    /// last singular value wins, repeated fields append, messages merge).
    fn merge_from(&mut self, r: &mut Reader<'_>) -> Result<(), ReadError>;

    /// Writes every field in field-number order, then the unknown fields it keeps.
    fn write_to(&self, w: &mut Writer);

    /// Reads a message from its bytes.
    fn decode(bytes: &[u8]) -> Result<Self, ReadError> {
        let mut message = Self::default();
        message.merge_from(&mut Reader::new(bytes))?;
        Ok(message)
    }

    /// The message's bytes, as protobuf-java's deterministic serialization writes them.
    fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        self.write_to(&mut w);
        w.into_bytes()
    }
}

// ------------------------------------------------------------------------------------------
// unknown fields

/// Fields a reader did not know, kept so that they are written back: what protobuf-java keeps
/// in a message's `UnknownFieldSet`.
#[derive(Debug, Clone, Default)]
pub struct UnknownFields {
    fields: Vec<UnknownField>,
}

/// One unknown field as it came.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownField {
    pub number: u32,
    pub value: UnknownValue,
}

/// The value of an unknown field, by wire type.
#[derive(Debug, Clone, PartialEq)]
pub enum UnknownValue {
    Varint(u64),
    Fixed32(u32),
    Fixed64(u64),
    Bytes(Vec<u8>),
    Group(UnknownFields),
}

impl UnknownValue {
    /// The order protobuf-java writes the values of one field number in: varints, 32-bit,
    /// 64-bit, length-delimited, groups.
    fn java_rank(&self) -> u8 {
        match self {
            UnknownValue::Varint(_) => 0,
            UnknownValue::Fixed32(_) => 1,
            UnknownValue::Fixed64(_) => 2,
            UnknownValue::Bytes(_) => 3,
            UnknownValue::Group(_) => 4,
        }
    }
}

impl UnknownFields {
    pub fn new() -> UnknownFields {
        UnknownFields::default()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// The fields in the order they came.
    pub fn iter(&self) -> std::slice::Iter<'_, UnknownField> {
        self.fields.iter()
    }

    pub fn push(&mut self, number: u32, value: UnknownValue) {
        self.fields.push(UnknownField { number, value });
    }

    /// The field numbers, ascending, each once: what a strict reader names when it refuses them
    /// (protobuf-java reports the lowest first).
    pub fn numbers(&self) -> Vec<u32> {
        let mut numbers: Vec<u32> = self.fields.iter().map(|f| f.number).collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    /// The fields in the order protobuf-java writes them: by number, then by wire type
    /// (varint, 32-bit, 64-bit, length-delimited, group), each kind in the order it came.
    pub fn in_java_order(&self) -> Vec<&UnknownField> {
        let mut ordered: Vec<&UnknownField> = self.fields.iter().collect();
        ordered.sort_by_key(|f| (f.number, f.value.java_rank()));
        ordered
    }

    /// Writes the fields as protobuf-java writes a message's unknown fields (after its known
    /// fields).
    pub fn write_to(&self, w: &mut Writer) {
        for field in self.in_java_order() {
            match &field.value {
                UnknownValue::Varint(v) => {
                    w.tag(field.number, WireType::Varint);
                    w.varint(*v);
                }
                UnknownValue::Fixed32(v) => {
                    w.tag(field.number, WireType::Fixed32);
                    w.raw(&v.to_le_bytes());
                }
                UnknownValue::Fixed64(v) => {
                    w.tag(field.number, WireType::Fixed64);
                    w.raw(&v.to_le_bytes());
                }
                UnknownValue::Bytes(bytes) => {
                    w.tag(field.number, WireType::Len);
                    w.len_prefixed(bytes);
                }
                UnknownValue::Group(group) => {
                    w.tag(field.number, WireType::StartGroup);
                    group.write_to(w);
                    w.tag(field.number, WireType::EndGroup);
                }
            }
        }
    }
}

/// The places of `fields`, `#7` under `path` (`caches.#7`), each number once, ascending: how
/// Java names the fields a strict contract refuses.
pub fn unknown_paths(fields: &UnknownFields, path: &str, out: &mut Vec<String>) {
    if fields.is_empty() {
        return;
    }
    for number in fields.numbers() {
        out.push(join_path(path, &format!("#{}", number)));
    }
}

/// `path.name`, or `name` at the top.
pub fn join_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{}.{}", path, name)
    }
}

/// Equal when protobuf-java would write them the same: the order of different field numbers
/// does not count.
impl PartialEq for UnknownFields {
    fn eq(&self, other: &UnknownFields) -> bool {
        self.in_java_order() == other.in_java_order()
    }
}

// ------------------------------------------------------------------------------------------
// writing

/// Writes the protobuf wire format as protobuf-java does: the caller writes fields in
/// field-number order, with [`Writer::implicit`] for proto3 fields without presence (a default
/// value is left out) and [`Writer::field`] for fields with presence (`optional`, `oneof`
/// members, set messages, which are always written).
#[derive(Debug, Default, Clone)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    pub fn with_capacity(capacity: usize) -> Writer {
        Writer {
            buf: Vec::with_capacity(capacity),
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    pub fn len(&self) -> usize {
        self.buf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// A field's tag.
    #[inline]
    pub fn tag(&mut self, number: u32, wire_type: WireType) {
        self.varint(u64::from(number << 3 | wire_type.bits()));
    }

    /// A varint in the fewest bytes.
    #[inline]
    pub fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.buf.push(value as u8 | 0x80);
            value >>= 7;
        }
        self.buf.push(value as u8);
    }

    /// Bytes as they are.
    #[inline]
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// A varint length, then the bytes.
    #[inline]
    pub fn len_prefixed(&mut self, bytes: &[u8]) {
        self.varint(bytes.len() as u64);
        self.buf.extend_from_slice(bytes);
    }

    /// A length-delimited value whose bytes `write` produces (a message, a packed list): the
    /// length is written in front once it is known.
    pub fn length_delimited(&mut self, write: impl FnOnce(&mut Writer)) {
        let start = self.buf.len();
        self.buf.push(0);
        write(self);
        let len = self.buf.len() - start - 1;
        let mut prefix = [0u8; 10];
        let mut n = 0;
        let mut value = len as u64;
        while value >= 0x80 {
            prefix[n] = value as u8 | 0x80;
            value >>= 7;
            n += 1;
        }
        prefix[n] = value as u8;
        n += 1;
        if n > 1 {
            // Make room for the longer prefix: move the body up by the extra bytes.
            self.buf.resize(self.buf.len() + n - 1, 0);
            self.buf.copy_within(start + 1..start + 1 + len, start + n);
        }
        self.buf[start..start + n].copy_from_slice(&prefix[..n]);
    }

    /// A field that is always written: explicit presence (`optional`, a `oneof` member), a set
    /// message, one element of a repeated field.
    #[inline]
    pub fn field<C: Codec>(&mut self, number: u32, value: &C::Value) {
        self.tag(number, C::WIRE_TYPE);
        C::write(self, value);
    }

    /// A proto3 field with implicit presence: left out when it holds the default value.
    #[inline]
    pub fn implicit<C: Codec>(&mut self, number: u32, value: &C::Value) {
        if !C::is_default(value) {
            self.field::<C>(number, value);
        }
    }

    /// A field with explicit presence: written when set, whatever its value.
    #[inline]
    pub fn optional<C: Codec>(&mut self, number: u32, value: &Option<C::Value>) {
        if let Some(value) = value {
            self.field::<C>(number, value);
        }
    }

    /// A borrowed string or bytes field, always written (a `Str` or `Bytes` field without the
    /// owned value).
    #[inline]
    pub fn bytes_field(&mut self, number: u32, value: &[u8]) {
        self.tag(number, WireType::Len);
        self.len_prefixed(value);
    }

    /// A borrowed string or bytes field with implicit presence: left out when empty.
    #[inline]
    pub fn implicit_bytes(&mut self, number: u32, value: &[u8]) {
        if !value.is_empty() {
            self.bytes_field(number, value);
        }
    }

    /// A repeated packable scalar, packed (proto3's default): one length-delimited field,
    /// left out when empty.
    pub fn packed<C: Codec>(&mut self, number: u32, values: &[C::Value]) {
        if values.is_empty() {
            return;
        }
        self.tag(number, WireType::Len);
        self.length_delimited(|w| {
            for value in values {
                C::write(w, value);
            }
        });
    }

    /// A repeated field written one element at a time: strings, bytes, messages, and scalars
    /// declared `[packed = false]`.
    pub fn unpacked<C: Codec>(&mut self, number: u32, values: &[C::Value]) {
        for value in values {
            self.field::<C>(number, value);
        }
    }

    /// One map entry, as protobuf-java writes it: key and value always written, defaults too.
    pub fn map_entry<K: Codec, V: Codec>(
        &mut self,
        number: u32,
        key: &K::Value,
        value: &V::Value,
    ) {
        self.tag(number, WireType::Len);
        self.length_delimited(|w| {
            w.field::<K>(1, key);
            w.field::<V>(2, value);
        });
    }

    /// A map field, its entries in the order protobuf-java's deterministic serialization sorts
    /// them (see [`JavaMapKey`]).
    pub fn map<K, V>(&mut self, number: u32, map: &BTreeMap<K::Value, V::Value>)
    where
        K: Codec,
        V: Codec,
        K::Value: JavaMapKey,
    {
        for (key, value) in java_map_order(map) {
            self.map_entry::<K, V>(number, key, value);
        }
    }

    /// The unknown fields a message keeps, after its known fields.
    pub fn unknown(&mut self, fields: &UnknownFields) {
        fields.write_to(self);
    }
}

// ------------------------------------------------------------------------------------------
// map order

/// A map key type, ordered as protobuf-java's deterministic serialization sorts map entries:
/// strings by their UTF-16 code units (`String.compareTo`, not the UTF-8 byte order of the
/// canonical encoding), integers by their Java value, which makes unsigned keys of 2^31 (2^63)
/// and more sort first, as negative numbers; `false` before `true`.
pub trait JavaMapKey: Ord {
    /// The order protobuf-java writes two keys in.
    fn java_cmp(&self, other: &Self) -> Ordering;
}

impl JavaMapKey for String {
    fn java_cmp(&self, other: &String) -> Ordering {
        utf16_cmp(self, other)
    }
}

impl JavaMapKey for i32 {
    fn java_cmp(&self, other: &i32) -> Ordering {
        self.cmp(other)
    }
}

impl JavaMapKey for i64 {
    fn java_cmp(&self, other: &i64) -> Ordering {
        self.cmp(other)
    }
}

impl JavaMapKey for u32 {
    fn java_cmp(&self, other: &u32) -> Ordering {
        (*self as i32).cmp(&(*other as i32))
    }
}

impl JavaMapKey for u64 {
    fn java_cmp(&self, other: &u64) -> Ordering {
        (*self as i64).cmp(&(*other as i64))
    }
}

impl JavaMapKey for bool {
    fn java_cmp(&self, other: &bool) -> Ordering {
        self.cmp(other)
    }
}

/// The entries of `map` in protobuf-java's order; usually that is the map's own order, which is
/// checked first.
pub fn java_map_order<K: JavaMapKey, V>(map: &BTreeMap<K, V>) -> Vec<(&K, &V)> {
    let mut entries: Vec<(&K, &V)> = map.iter().collect();
    let sorted = entries
        .windows(2)
        .all(|pair| pair[0].0.java_cmp(pair[1].0) != Ordering::Greater);
    if !sorted {
        entries.sort_by(|a, b| a.0.java_cmp(b.0));
    }
    entries
}

/// Compares two strings by their UTF-16 code units, as Java's `String.compareTo` does. It
/// differs from the code point order only where one string has a character above U+FFFF and the
/// other one of U+E000..U+FFFF: the surrogate (0xD800..0xDBFF) sorts first.
pub fn utf16_cmp(a: &str, b: &str) -> Ordering {
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            return utf16_first_unit(x)
                .cmp(&utf16_first_unit(y))
                .then(x.cmp(&y));
        }
    }
    a.chars().count().cmp(&b.chars().count())
}

fn utf16_first_unit(c: char) -> u32 {
    let mut units = [0u16; 2];
    u32::from(c.encode_utf16(&mut units)[0])
}

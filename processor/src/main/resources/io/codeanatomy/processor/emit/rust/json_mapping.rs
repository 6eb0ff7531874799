//! How the Java payload writers map contract values to JSON, and what their readers accept,
//! field by field, so that generated decoders read what Java writes and refuse what Java
//! refuses, with the same messages:
//!
//! - [`proto`]: protobuf messages as `ProtoPayloads` writes them (protobuf-java's `JsonFormat`
//!   with the `.proto` field names, every field without presence written, map keys sorted) and
//!   reads them (`JsonFormat` under the project's stricter type checks);
//! - [`record`]: `@Contract` records as `RecordPayloads` writes and reads them (Jackson, contract
//!   field names, enums in lower case, an absent optional as `null`, bytes as base64).
//!
//! Every reader returns a `ReadError` of kind `Schema` whose problem text is the Java reader's
//! (`expected an int64, got a boolean true`); the caller adds the field path with `in_field`,
//! using the key as the document spells it, as Java does.

use super::json::Json;
use super::read_error::{ErrorKind, ReadError};
use super::wire;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The members of a JSON object.
pub type Members<'j, 'a> = &'j [(Cow<'a, str>, Json<'a>)];

fn expected(what: &str, value: &Json<'_>) -> ReadError {
    ReadError::schema(what, value.describe())
}

/// The members of an object: `expected an object, got ...` otherwise.
pub fn object<'j, 'a>(value: &'j Json<'a>) -> Result<Members<'j, 'a>, ReadError> {
    match value {
        Json::Object(members) => Ok(members),
        other => Err(expected("an object", other)),
    }
}

/// The elements of an array.
pub fn array<'j, 'a>(value: &'j Json<'a>) -> Result<&'j [Json<'a>], ReadError> {
    match value {
        Json::Array(items) => Ok(items),
        other => Err(expected("an array", other)),
    }
}

/// A string.
pub fn string<'j>(value: &'j Json<'_>) -> Result<&'j str, ReadError> {
    match value {
        Json::String(text) => Ok(text),
        other => Err(expected("a string", other)),
    }
}

/// A boolean.
pub fn boolean(value: &Json<'_>) -> Result<bool, ReadError> {
    match value {
        Json::Bool(b) => Ok(*b),
        other => Err(expected("a boolean", other)),
    }
}

/// The member `name` of an object.
pub fn member<'j, 'a>(members: Members<'j, 'a>, name: &str) -> Option<&'j Json<'a>> {
    members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

// --- what generated readers and writers call ---

/// What the top of a payload allows beyond its declared fields: the fields of the accepted older
/// version it is of are dropped, unknown members of a forward-compatible contract are kept.
#[derive(Debug)]
pub struct Top<'u> {
    /// The field names of the accepted older version the payload is of; `None` for this one.
    pub older_fields: Option<&'static [&'static str]>,
    /// Whether unknown members are kept (a forward-compatible contract) rather than refused.
    pub keep_unknown: bool,
    /// Where kept members go.
    pub unknown: &'u mut Vec<(String, Json<'static>)>,
}

impl<'u> Top<'u> {
    pub fn new(
        older_fields: Option<&'static [&'static str]>,
        keep_unknown: bool,
        unknown: &'u mut Vec<(String, Json<'static>)>,
    ) -> Top<'u> {
        Top {
            older_fields,
            keep_unknown,
            unknown,
        }
    }

    /// Whether the accepted older version lacks the field `name` (so it may be missing).
    pub fn lacks(&self, name: &str) -> bool {
        self.older_fields
            .is_some_and(|fields| !fields.contains(&name))
    }

    /// A member that names no field: `Ok(true)` when dropped or kept, `Ok(false)` when refused.
    fn take(&mut self, key: &str, item: &Json<'_>) -> bool {
        if self
            .older_fields
            .is_some_and(|fields| fields.contains(&key))
        {
            return true;
        }
        if self.keep_unknown {
            self.unknown
                .push((key.to_string(), item.clone().into_owned()));
            return true;
        }
        false
    }
}

/// Stores what a field's reader read.
#[inline]
pub fn set<T>(target: &mut T, read: Result<T, ReadError>) -> Result<(), ReadError> {
    *target = read?;
    Ok(())
}

/// Stores what an optional field's reader read.
#[inline]
pub fn set_some<T>(
    target: &mut Option<T>,
    read: Result<T, ReadError>,
) -> Result<(), ReadError> {
    *target = Some(read?);
    Ok(())
}

/// The elements of an array, each read by `read`; an element's error names its index.
pub fn list<T>(
    read: impl Fn(&Json<'_>) -> Result<T, ReadError>,
    value: &Json<'_>,
) -> Result<Vec<T>, ReadError> {
    let items = array(value)?;
    // As many as the document holds: justified by the input.
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item).map_err(|e| e.in_index(i))?);
    }
    Ok(out)
}

/// The members of an object as a map, each value read by `read`; an error names its key.
pub fn map<T>(
    read: impl Fn(&Json<'_>) -> Result<T, ReadError>,
    value: &Json<'_>,
) -> Result<BTreeMap<String, T>, ReadError> {
    let mut out = BTreeMap::new();
    for (key, item) in object(value)? {
        out.insert(key.to_string(), read(item).map_err(|e| e.in_key(key))?);
    }
    Ok(out)
}

/// A string, owned.
pub fn text(value: &Json<'_>) -> Result<String, ReadError> {
    string(value).map(str::to_string)
}

/// A string as JSON.
pub fn string_json(value: &str) -> Json<'static> {
    Json::String(Cow::Owned(value.to_string()))
}

/// Appends a member.
#[inline]
pub fn push(
    members: &mut Vec<(Cow<'static, str>, Json<'static>)>,
    name: &'static str,
    value: Json<'static>,
) {
    members.push((Cow::Borrowed(name), value));
}

/// A list as a JSON array, each element written by `write`.
pub fn list_json<T>(write: impl Fn(&T) -> Json<'static>, values: &[T]) -> Json<'static> {
    Json::Array(values.iter().map(write).collect())
}

/// A map as a JSON object, its keys in the order the Java writers sort them (`TreeMap` and
/// `JsonFormat.sortingMapKeys()`: by UTF-16 code units), each value written by `write`.
pub fn map_json<T>(
    write: impl Fn(&T) -> Json<'static>,
    values: &BTreeMap<String, T>,
) -> Json<'static> {
    Json::Object(
        wire::java_map_order(values)
            .into_iter()
            .map(|(key, value)| (Cow::Owned(key.clone()), write(value)))
            .collect(),
    )
}

/// A value as the Java readers quote it: up to 80 UTF-16 units as it is, else the first 60 and
/// the length.
pub fn abbreviate(text: &str) -> String {
    let units = text.encode_utf16().count();
    if units <= 80 {
        return text.to_string();
    }
    let head: Vec<u16> = text.encode_utf16().take(60).collect();
    format!(
        "{}... ({} characters)",
        String::from_utf16_lossy(&head),
        units
    )
}

/// Whether a number's text is an integer (no fraction, no exponent): what Jackson reads as an
/// integral number.
fn is_integral(text: &str) -> bool {
    !text.contains(['.', 'e', 'E'])
}

/// An integral number's value, if within `[min, max]`.
fn integral_in(text: &str, min: i128, max: i128) -> Option<i128> {
    if !is_integral(text) {
        return None;
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    // Longer than 39 digits overflows i128, and every range asked for here.
    if digits.is_empty() || digits.len() > 39 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude: i128 = digits.parse().ok()?;
    let value = if text.starts_with('-') {
        -magnitude
    } else {
        magnitude
    };
    if value < min || value > max {
        None
    } else {
        Some(value)
    }
}

/// A finite double from a number's text, with Jackson's reading of integral numbers: their
/// value as an integer, so `-0` is `0.0` while `-0.0` keeps its sign.
fn number_to_f64(text: &str) -> Option<f64> {
    let value: f64 = text.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    if value == 0.0 && is_integral(text) {
        return Some(0.0);
    }
    Some(value)
}

/// Base64 in the standard alphabet (`+ /`) or the URL-safe one (`- _`), by the rules of the
/// Java decoder named; the error is that decoder's message.
fn base64_decode(text: &str, url: bool, rules: Base64Rules) -> Result<Vec<u8>, String> {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    match rules {
        // Guava: any number of trailing '=' is padding, and padding is optional.
        Base64Rules::Guava => {
            while end > 0 && bytes[end - 1] == b'=' {
                end -= 1;
            }
            if end % 4 == 1 {
                return Err(format!("Invalid input length {}", end));
            }
        }
        // The JDK's basic decoder: padding is optional, but complete when present.
        Base64Rules::Jdk => {
            if bytes.len() == 1 {
                return Err("Input byte[] should at least have 2 bytes for base64 bytes".into());
            }
        }
    }
    let mut out = Vec::with_capacity(end / 4 * 3 + 2);
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut i = 0;
    while i < end {
        let c = bytes[i];
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' if !url => 62,
            b'/' if !url => 63,
            b'-' if url => 62,
            b'_' if url => 63,
            b'=' if rules == Base64Rules::Jdk => {
                // '=' ends the data: after two characters it must be "==", never first.
                match count {
                    0 => return Err("Input byte array has wrong 4-byte ending unit".into()),
                    2 if bytes.get(i + 1) != Some(&b'=') => {
                        return Err("Input byte array has wrong 4-byte ending unit".into())
                    }
                    2 => i += 2,
                    _ => i += 1,
                }
                break;
            }
            _ => {
                return Err(match rules {
                    Base64Rules::Guava => {
                        format!("Unrecognized character: {}", guava_char(text, i))
                    }
                    Base64Rules::Jdk => {
                        format!("Illegal base64 character {}", jdk_char(text, i))
                    }
                })
            }
        };
        bits = bits << 6 | u32::from(value);
        count += 1;
        if count == 4 {
            out.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]);
            bits = 0;
            count = 0;
        }
        i += 1;
    }
    // Bits left over from a partial unit are dropped, as both decoders do.
    match count {
        0 => {}
        2 => out.push((bits >> 4) as u8),
        3 => out.extend_from_slice(&[(bits >> 10) as u8, (bits >> 2) as u8]),
        _ => return Err("Last unit does not have enough valid bits".to_string()),
    }
    if i < end {
        return Err(format!(
            "Input byte array has incorrect ending byte at {}",
            i
        ));
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base64Rules {
    Guava,
    Jdk,
}

/// The character at byte `i` as Guava names it: printable ASCII as itself, else `0x..`.
fn guava_char(text: &str, i: usize) -> String {
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_ascii_graphic() => c.to_string(),
        Some(c) => format!("0x{:x}", u32::from(c)),
        None => String::new(),
    }
}

/// The character at byte `i` as the JDK's decoder names it: the hex of its ISO-8859-1 byte as
/// a signed Java byte (a character beyond U+00FF is '?').
fn jdk_char(text: &str, i: usize) -> String {
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) if u32::from(c) < 0x80 => format!("{:x}", u32::from(c)),
        Some(c) if u32::from(c) <= 0xff => format!("-{:x}", 0x100 - u32::from(c)),
        _ => "3f".to_string(),
    }
}

/// Base64 with padding, standard alphabet: how both Java writers write bytes.
pub fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let bits = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(bits >> (18 - 6 * k) & 0x3f) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A double as Java's `Double.toString` writes it (what Jackson writes for record doubles):
/// the shortest digits that read back as the same value, as `123.45` for magnitudes from 10^-3
/// up to 10^7 and as `1.2345E-5` otherwise, always with a digit after the point. In the second
/// form Java writes at least two digits, the two closest to the value (`4.9E-324`, not
/// `5.0E-324`). (Java 19 and later write exactly these digits; Java 17 does in nearly every
/// case, and in a few writes one digit more.)
pub fn java_double_text(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let two_digits = format!("{:.1e}", value.abs());
    let two_digits = two_digits
        .parse::<f64>()
        .ok()
        .filter(|v| *v == value.abs())
        .map(|_| two_digits);
    java_layout(
        &format!("{:e}", value.abs()),
        two_digits,
        value.is_sign_negative(),
    )
}

/// Lays out digits from Rust's `{:e}` (`d.ddde<exp>`, the shortest) the way Java's
/// `Double.toString` does; `two_digits` is the value's closest two-digit form (`{:.1e}`), when
/// that reads back as the same value.
fn java_layout(scientific: &str, two_digits: Option<String>, negative: bool) -> String {
    let sign = if negative { "-" } else { "" };
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if digits == "0" {
        return format!("{}0.0", sign);
    }
    if (-3..7).contains(&exponent) {
        let point = exponent + 1;
        let text = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{}{}", sign, text)
    } else if digits.len() == 1 {
        // d.dE: the closest two digits (they can differ from d.0 for subnormal values).
        let two = two_digits.unwrap_or_else(|| format!("{}.0e{}", digits, exponent));
        format!("{}{}", sign, two.replace('e', "E"))
    } else {
        format!("{}{}.{}E{}", sign, &digits[..1], &digits[1..], exponent)
    }
}

/// Protobuf messages as `ProtoPayloads` writes and reads them.
pub mod proto {
    use super::wire::ProtoEnum;
    use super::{abbreviate, ErrorKind, Json, ReadError};
    use super::{
        base64_decode, base64_encode, expected, integral_in, java_double_text, number_to_f64,
        Base64Rules,
    };
    use std::borrow::Cow;

    /// The members of a message's JSON object; otherwise `expected an object, got an array`
    /// (the kind only, as `ProtoPayloads` says it).
    pub fn object<'j, 'a>(value: &'j Json<'a>) -> Result<super::Members<'j, 'a>, ReadError> {
        match value {
            Json::Object(members) => Ok(members),
            other => Err(ReadError::schema("an object", other.kind())),
        }
    }

    /// A field without presence that the payload lacks: `JsonFormat` writes every such field.
    /// (`ProtoPayloads` lets a field be absent when it has presence or holds messages, which
    /// every map field does.)
    pub fn missing() -> ReadError {
        missing_field()
    }

    fn missing_field() -> ReadError {
        ReadError::problem(
            ErrorKind::Schema,
            "missing; every field is written, so a missing one is not taken as its default",
        )
    }

    /// A member the message does not declare, in a strict contract (or below the top of a
    /// forward-compatible one): `message` is the message's name in the `.proto`.
    pub fn unknown_field(message: &str, fields: &[&str]) -> ReadError {
        ReadError::problem(
            ErrorKind::Schema,
            format!("unknown field; {} has {}", message, fields.join(", ")),
        )
    }

    /// The JSON name protobuf derives from a field name (`created_at_unix_ms` is
    /// `createdAtUnixMs`), which readers accept as well; a `json_name` option overrides it.
    pub fn json_name(field: &str) -> String {
        let mut out = String::with_capacity(field.len());
        let mut upper = false;
        for c in field.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.push(c.to_ascii_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The fields of one message, by their `.proto` names and JSON names, and which of them a
    /// payload has given: a field given under both names is refused, as `JsonFormat` does.
    #[derive(Debug, Clone)]
    pub struct Fields<'s> {
        message: &'s str,
        names: &'s [(&'s str, &'s str)],
        seen: Vec<bool>,
    }

    impl<'s> Fields<'s> {
        /// `names`: `(proto name, JSON name)` of every field, in declaration order.
        pub fn new(names: &'s [(&'s str, &'s str)]) -> Fields<'s> {
            Fields::named("", names)
        }

        /// The fields of message `message` (its name in the `.proto`, for messages).
        pub fn named(message: &'s str, names: &'s [(&'s str, &'s str)]) -> Fields<'s> {
            Fields {
                message,
                names,
                seen: vec![false; names.len()],
            }
        }

        /// A member that names no field: dropped at the top of a payload of an older version
        /// that had it, kept at the top of a forward-compatible contract, refused otherwise.
        pub fn unknown(
            &self,
            key: &str,
            item: &Json<'_>,
            top: Option<&mut super::Top<'_>>,
        ) -> Result<(), ReadError> {
            if top.is_some_and(|top| top.take(key, item)) {
                return Ok(());
            }
            let names: Vec<&str> = self.names.iter().map(|(proto, _)| *proto).collect();
            Err(unknown_field(self.message, &names))
        }

        /// The first field, in declaration order, that may not be absent and was not given,
        /// as an error naming it: `may_be_absent[i]` for a field with presence; at the top of
        /// a payload of an older version, a field it lacks may be absent too.
        pub fn check_missing(
            &self,
            may_be_absent: &[bool],
            top: Option<&super::Top<'_>>,
        ) -> Result<(), ReadError> {
            let missing = (0..self.names.len()).find(|i| {
                !self.seen[*i]
                    && !may_be_absent.get(*i).copied().unwrap_or(false)
                    && !top.is_some_and(|top| top.lacks(self.names[*i].0))
            });
            match missing {
                Some(i) => Err(missing_field().in_field(self.names[i].0)),
                None => Ok(()),
            }
        }

        /// The index of the field `key` names, or `None` for an unknown member.
        pub fn index(&mut self, key: &str) -> Result<Option<usize>, ReadError> {
            let found = self
                .names
                .iter()
                .position(|(proto, json)| *proto == key || *json == key);
            if let Some(i) = found {
                if self.seen[i] {
                    let (proto, json) = self.names[i];
                    return Err(ReadError::problem(
                        ErrorKind::Schema,
                        format!(
                            "field {} has already been set (as {} or {})",
                            proto, proto, json
                        ),
                    ));
                }
                self.seen[i] = true;
            }
            Ok(found)
        }

        /// The first field, in declaration order, that may not be absent and was not given;
        /// `may_be_absent[i]`: a field with presence (`optional`, a message, a `oneof` member).
        pub fn first_missing(&self, may_be_absent: &[bool]) -> Option<&'s str> {
            (0..self.names.len())
                .find(|i| !self.seen[*i] && !may_be_absent.get(*i).copied().unwrap_or(false))
                .map(|i| self.names[i].0)
        }

        /// Whether field `index` was given.
        pub fn was_given(&self, index: usize) -> bool {
            self.seen.get(index).copied().unwrap_or(false)
        }
    }

    fn number_text<'j>(value: &'j Json<'_>) -> Option<&'j str> {
        match value {
            Json::Number(text) => Some(text),
            _ => None,
        }
    }

    /// `int32`: an integral number within 32 bits (not a string).
    pub fn int32(value: &Json<'_>) -> Result<i32, ReadError> {
        int32_as(value, "int32")
    }

    /// An integer of the 32-bit protobuf type `name` (`int32`, `sint32`, `sfixed32`), with
    /// `ProtoPayloads`' messages.
    pub fn int32_as(value: &Json<'_>, name: &str) -> Result<i32, ReadError> {
        integer(value, name, false, i32::MIN.into(), i32::MAX.into()).map(|v| v as i32)
    }

    /// `uint32`, `fixed32`: an integral number in [0, 2^32 - 1], as `JsonFormat` writes them.
    pub fn uint32(value: &Json<'_>) -> Result<u32, ReadError> {
        integer(value, "uint32", false, 0, u32::MAX.into()).map(|v| v as u32)
    }

    /// `int64`: an integral number, or a string of digits (`JsonFormat` writes 64-bit integers
    /// as strings).
    pub fn int64(value: &Json<'_>) -> Result<i64, ReadError> {
        int64_as(value, "int64")
    }

    /// An integer of the 64-bit protobuf type `name` (`int64`, `sint64`, `sfixed64`).
    pub fn int64_as(value: &Json<'_>, name: &str) -> Result<i64, ReadError> {
        integer(value, name, true, i64::MIN.into(), i64::MAX.into()).map(|v| v as i64)
    }

    /// `uint64`, `fixed64`: up to 2^64 - 1 (written as a string of up to 20 digits).
    pub fn uint64(value: &Json<'_>) -> Result<u64, ReadError> {
        integer(value, "uint64", true, 0, u64::MAX.into()).map(|v| v as u64)
    }

    /// An integer as `ProtoPayloads.checkInteger` reads it: a JSON integer, or for a 64-bit
    /// type a string of 1 to 20 digits with an optional `-`; then within `[min, max]`.
    fn integer(
        value: &Json<'_>,
        name: &str,
        sixty_four: bool,
        min: i128,
        max: i128,
    ) -> Result<i128, ReadError> {
        let text = match value {
            Json::Number(text) if super::is_integral(text) => Some(text.as_ref()),
            Json::String(text) if sixty_four => {
                let digits = text.strip_prefix('-').unwrap_or(text);
                let ok = !digits.is_empty()
                    && digits.len() <= 20
                    && digits.bytes().all(|b| b.is_ascii_digit());
                ok.then_some(text.as_ref())
            }
            _ => None,
        };
        let text = text.ok_or_else(|| {
            ReadError::schema(
                format!(
                    "an {} (a whole number{})",
                    name,
                    if sixty_four {
                        ", or a string of digits"
                    } else {
                        ""
                    }
                ),
                value.describe(),
            )
        })?;
        integral_in(text, min, max).ok_or_else(|| {
            ReadError::problem(
                ErrorKind::Schema,
                format!(
                    "expected an {}, from {} to {}, got {}, which is out of its range",
                    name,
                    min,
                    max,
                    abbreviate(&normalized_integer(text))
                ),
            )
        })
    }

    /// An integer's digits as Java's `BigInteger` prints them: no leading zeros, no `-0`.
    fn normalized_integer(text: &str) -> String {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, text),
        };
        let digits = digits.trim_start_matches('0');
        if digits.is_empty() {
            "0".to_string()
        } else if negative {
            format!("-{}", digits)
        } else {
            digits.to_string()
        }
    }

    /// `bool`: a JSON boolean.
    pub fn boolean(value: &Json<'_>) -> Result<bool, ReadError> {
        super::boolean(value)
    }

    fn special_float(value: &Json<'_>) -> Option<f64> {
        match value.as_str() {
            Some("NaN") => Some(f64::NAN),
            Some("Infinity") => Some(f64::INFINITY),
            Some("-Infinity") => Some(f64::NEG_INFINITY),
            _ => None,
        }
    }

    /// `double` as `JsonFormat` reads it: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`. A
    /// number reads through `BigDecimal`: a zero is +0.0 whatever its sign, and a number beyond
    /// the double range is refused. (A payload reads [`finite_double`].)
    pub fn double(value: &Json<'_>) -> Result<f64, ReadError> {
        if let Some(special) = special_float(value) {
            return Ok(special);
        }
        let text = number_text(value).ok_or_else(|| expected("a number", value))?;
        match number_to_f64(text) {
            // BigDecimal has no negative zero.
            Some(v) => Ok(if v == 0.0 { 0.0 } else { v }),
            None => Err(ReadError::schema(
                "a double",
                format!("{} (out of range)", text),
            )),
        }
    }

    /// `float` as `JsonFormat` reads it: as `double`, then rounded to 32 bits (after a check
    /// that it is within the float range, with `JsonFormat`'s tolerance of 10^-6); -0.0 keeps
    /// its sign. (A payload reads [`finite_float`].)
    pub fn float(value: &Json<'_>) -> Result<f32, ReadError> {
        if let Some(special) = special_float(value) {
            return Ok(special as f32);
        }
        let text = number_text(value).ok_or_else(|| expected("a number", value))?;
        let limit = f64::from(f32::MAX) * (1.0 + 1e-6);
        match number_to_f64(text) {
            Some(v) if v.abs() <= limit => Ok(v as f32),
            _ => Err(ReadError::schema(
                "a float",
                format!("{} (out of range)", text),
            )),
        }
    }

    /// A number beyond the range of `name` (`double`, `float`), as `ProtoPayloads` refuses it.
    fn beyond(name: &str) -> ReadError {
        ReadError::problem(
            ErrorKind::Schema,
            format!(
                "expected a finite {}, got a number beyond its range; contracts hold finite \
                 numbers only",
                name
            ),
        )
    }

    /// `double` in a payload, as `ProtoPayloads` reads it: a finite number (contracts hold
    /// finite numbers only, so the `"NaN"` and infinities `JsonFormat` takes are refused); a
    /// zero is +0.0 whatever its sign, as `JsonFormat` reads it.
    pub fn finite_double(value: &Json<'_>) -> Result<f64, ReadError> {
        let text = number_text(value).ok_or_else(|| expected("a number", value))?;
        match number_to_f64(text) {
            Some(v) => Ok(if v == 0.0 { 0.0 } else { v }),
            None => Err(beyond("double")),
        }
    }

    /// `float` in a payload: a finite number within the float range, rounded to 32 bits.
    pub fn finite_float(value: &Json<'_>) -> Result<f32, ReadError> {
        let text = number_text(value).ok_or_else(|| expected("a number", value))?;
        match number_to_f64(text) {
            Some(v) if v.abs() <= f64::from(f32::MAX) => Ok(v as f32),
            _ => Err(beyond("float")),
        }
    }

    /// `string`.
    pub fn string<'j>(value: &'j Json<'_>) -> Result<&'j str, ReadError> {
        super::string(value)
    }

    /// `bytes`: base64, padding optional, in the standard alphabet or else the URL-safe one.
    pub fn bytes(value: &Json<'_>) -> Result<Vec<u8>, ReadError> {
        let text = super::string(value)?;
        base64_decode(text, false, Base64Rules::Guava)
            .or_else(|_| base64_decode(text, true, Base64Rules::Guava))
            .map_err(|problem| {
                ReadError::schema(
                    "a base64 string",
                    format!("{} ({})", value.describe(), problem),
                )
            })
    }

    /// An enum: its name, or its number (proto3 enums are open, so any int32). `names` are the
    /// declared `(name, number)` pairs.
    pub fn enum_number(value: &Json<'_>, names: &[(&str, i32)]) -> Result<i32, ReadError> {
        match value {
            Json::String(name) => match names.iter().find(|(n, _)| *n == name.as_ref()) {
                Some((_, number)) => Ok(*number),
                None => {
                    let known: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
                    Err(ReadError::problem(
                        ErrorKind::Schema,
                        format!("expected one of {}, got '{}'", known.join(", "), name),
                    ))
                }
            },
            Json::Number(text) if super::is_integral(text) => {
                integral_in(text, i32::MIN.into(), i32::MAX.into())
                    .map(|v| v as i32)
                    .ok_or_else(|| expected("an enum name or an int32 number", value))
            }
            other => Err(expected("an enum name", other)),
        }
    }

    /// A generated enum: its name, or the number of a value it declares, as `ProtoPayloads`
    /// checks it (an undeclared number has no name to hash or write).
    pub fn enum_of<E: ProtoEnum>(value: &Json<'_>) -> Result<E, ReadError> {
        let refused = |got: String| {
            let names: Vec<&str> = E::VALUES.iter().map(|(n, _)| *n).collect();
            ReadError::problem(
                ErrorKind::Schema,
                format!("expected one of {}, got {}", names.join(", "), got),
            )
        };
        match value {
            Json::String(name) => E::VALUES
                .iter()
                .find(|(n, _)| *n == name.as_ref())
                .and_then(|(_, number)| E::from_number(*number))
                .ok_or_else(|| refused(format!("'{}'", abbreviate(name)))),
            Json::Number(text) if super::is_integral(text) => {
                integral_in(text, i32::MIN.into(), i32::MAX.into())
                    .and_then(|n| E::from_number(n as i32))
                    .ok_or_else(|| refused(text.to_string()))
            }
            other => Err(expected("an enum name", other)),
        }
    }

    /// A generated enum as JSON: its name.
    pub fn enum_of_json<E: ProtoEnum>(value: E) -> Json<'static> {
        Json::String(Cow::Borrowed(value.proto_name()))
    }

    /// A map key of an integer type: its decimal text (`JsonFormat` writes map keys as
    /// strings), within `[min, max]`.
    pub fn map_key_integer(key: &str, min: i128, max: i128) -> Result<i128, ReadError> {
        let digits = key.strip_prefix('-').unwrap_or(key);
        let ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        match integral_in(key, min, max) {
            Some(v) if ok => Ok(v),
            _ => Err(ReadError::schema(
                format!("an integer map key in [{}, {}]", min, max),
                format!("'{}'", key),
            )),
        }
    }

    /// A `bool` map key: `true` or `false`.
    pub fn map_key_bool(key: &str) -> Result<bool, ReadError> {
        match key {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(ReadError::schema(
                "a map key true or false",
                format!("'{}'", key),
            )),
        }
    }

    // --- writing, as `JsonFormat` prints and `ProtoPayloads` renders ---

    /// An `int32`-like value: a number.
    pub fn int_json(value: i64) -> Json<'static> {
        Json::Number(Cow::Owned(value.to_string()))
    }

    /// A 64-bit integer: a string of its decimal digits.
    pub fn int64_json(value: i64) -> Json<'static> {
        Json::String(Cow::Owned(value.to_string()))
    }

    /// An unsigned 64-bit integer: a string.
    pub fn uint64_json(value: u64) -> Json<'static> {
        Json::String(Cow::Owned(value.to_string()))
    }

    /// A double: a number as Java writes it, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    pub fn double_json(value: f64) -> Json<'static> {
        if value.is_finite() {
            Json::Number(Cow::Owned(java_double_text(value)))
        } else {
            Json::String(Cow::Owned(java_double_text(value)))
        }
    }

    /// A float: the digits Java's `Float.toString` gives (the shortest, at least two in
    /// scientific form), which Jackson then reads and writes as a double.
    pub fn float_json(value: f32) -> Json<'static> {
        if !value.is_finite() {
            return double_json(f64::from(value));
        }
        let shortest = format!("{:e}", value);
        let mantissa = shortest.split('e').next().unwrap_or("");
        let one_digit = mantissa.bytes().filter(u8::is_ascii_digit).count() == 1;
        let digits = if one_digit && value != 0.0 {
            // One significant digit (`d` or `-d`): the closest two, if they read back.
            let two = format!("{:.1e}", value);
            if two.parse::<f32>().ok() == Some(value) {
                two
            } else {
                shortest
            }
        } else {
            shortest
        };
        let as_double: f64 = digits.parse().unwrap_or(f64::from(value));
        Json::Number(Cow::Owned(java_double_text(as_double)))
    }

    /// Bytes: standard base64 with padding.
    pub fn bytes_json(value: &[u8]) -> Json<'static> {
        Json::String(Cow::Owned(base64_encode(value)))
    }

    /// An enum: its name when declared, else its number.
    pub fn enum_json(number: i32, names: &[(&str, i32)]) -> Json<'static> {
        match names.iter().find(|(_, n)| *n == number) {
            Some((name, _)) => Json::String(Cow::Owned(name.to_string())),
            None => int_json(number.into()),
        }
    }

    // --- every field type, for generated readers and writers ---

    /// A value of a protobuf field as protobuf JSON: `ProtoPayloads` reads it, `JsonFormat`
    /// writes it. Implemented for the scalar types, bytes, lists, string-keyed maps, and by the
    /// generated module for its messages and enums, so that a generated reader calls
    /// [`read`] and a writer [`json`] whatever the field's type.
    pub trait ProtoJson: Sized {
        /// Reads one value of the type.
        fn read_proto_json(value: &Json<'_>) -> Result<Self, ReadError>;
        /// Reads one value of the protobuf type `name` (`sint64`), for the messages of the
        /// integer types that share a Rust type.
        fn read_proto_json_as(value: &Json<'_>, _name: &str) -> Result<Self, ReadError> {
            Self::read_proto_json(value)
        }
        /// Writes it.
        fn proto_json(&self) -> Json<'static>;
    }

    /// Reads a value of the field's type.
    #[inline]
    pub fn read<T: ProtoJson>(value: &Json<'_>) -> Result<T, ReadError> {
        T::read_proto_json(value)
    }

    /// Reads a value of the field's type, an integer of the protobuf type `name`.
    #[inline]
    pub fn read_as<T: ProtoJson>(value: &Json<'_>, name: &str) -> Result<T, ReadError> {
        T::read_proto_json_as(value, name)
    }

    /// Writes a value of the field's type.
    #[inline]
    pub fn json<T: ProtoJson>(value: &T) -> Json<'static> {
        value.proto_json()
    }

    /// `int32`, `sint32`, `sfixed32`.
    impl ProtoJson for i32 {
        fn read_proto_json(value: &Json<'_>) -> Result<i32, ReadError> {
            int32(value)
        }
        fn read_proto_json_as(value: &Json<'_>, name: &str) -> Result<i32, ReadError> {
            int32_as(value, name)
        }
        fn proto_json(&self) -> Json<'static> {
            int_json(i64::from(*self))
        }
    }

    /// `int64`, `sint64`, `sfixed64`: written as strings.
    impl ProtoJson for i64 {
        fn read_proto_json(value: &Json<'_>) -> Result<i64, ReadError> {
            int64(value)
        }
        fn read_proto_json_as(value: &Json<'_>, name: &str) -> Result<i64, ReadError> {
            int64_as(value, name)
        }
        fn proto_json(&self) -> Json<'static> {
            int64_json(*self)
        }
    }

    impl ProtoJson for f64 {
        fn read_proto_json(value: &Json<'_>) -> Result<f64, ReadError> {
            finite_double(value)
        }
        fn proto_json(&self) -> Json<'static> {
            double_json(*self)
        }
    }

    impl ProtoJson for f32 {
        fn read_proto_json(value: &Json<'_>) -> Result<f32, ReadError> {
            finite_float(value)
        }
        fn proto_json(&self) -> Json<'static> {
            float_json(*self)
        }
    }

    impl ProtoJson for bool {
        fn read_proto_json(value: &Json<'_>) -> Result<bool, ReadError> {
            boolean(value)
        }
        fn proto_json(&self) -> Json<'static> {
            Json::Bool(*self)
        }
    }

    impl ProtoJson for String {
        fn read_proto_json(value: &Json<'_>) -> Result<String, ReadError> {
            string(value).map(str::to_string)
        }
        fn proto_json(&self) -> Json<'static> {
            Json::String(Cow::Owned(self.clone()))
        }
    }

    /// `bytes`: base64.
    impl ProtoJson for Vec<u8> {
        fn read_proto_json(value: &Json<'_>) -> Result<Vec<u8>, ReadError> {
            bytes(value)
        }
        fn proto_json(&self) -> Json<'static> {
            bytes_json(self)
        }
    }

    /// A repeated field: an array; an element's error names its index.
    impl<T: ProtoJson> ProtoJson for Vec<T> {
        fn read_proto_json(value: &Json<'_>) -> Result<Vec<T>, ReadError> {
            super::list(T::read_proto_json, value)
        }
        fn read_proto_json_as(value: &Json<'_>, name: &str) -> Result<Vec<T>, ReadError> {
            super::list(|item| T::read_proto_json_as(item, name), value)
        }
        fn proto_json(&self) -> Json<'static> {
            Json::Array(self.iter().map(T::proto_json).collect())
        }
    }

    /// A map field: an object, keys in `JsonFormat.sortingMapKeys()` order.
    impl<T: ProtoJson> ProtoJson for std::collections::BTreeMap<String, T> {
        fn read_proto_json(value: &Json<'_>) -> Result<Self, ReadError> {
            super::map(T::read_proto_json, value)
        }
        fn read_proto_json_as(value: &Json<'_>, name: &str) -> Result<Self, ReadError> {
            super::map(|item| T::read_proto_json_as(item, name), value)
        }
        fn proto_json(&self) -> Json<'static> {
            super::map_json(T::proto_json, self)
        }
    }
}

/// `@Contract` records as `RecordPayloads` writes and reads them.
pub mod record {
    use super::{base64_decode, base64_encode, expected, integral_in, number_to_f64};
    use super::{java_double_text, Base64Rules, ErrorKind, Json, ReadError};
    use std::borrow::Cow;

    /// The members of a record's JSON object; otherwise `expected an object, got a string
    /// "x"` (with the value, as `RecordPayloads` says it).
    pub fn object<'j, 'a>(value: &'j Json<'a>) -> Result<super::Members<'j, 'a>, ReadError> {
        super::object(value)
    }

    /// A required field the payload lacks.
    pub fn missing() -> ReadError {
        ReadError::problem(
            ErrorKind::Schema,
            "missing; it is required, so a missing one is not taken as a default",
        )
    }

    /// A member the record does not declare: `contract` is the contract's name.
    pub fn unknown_field(contract: &str, fields: &[&str]) -> ReadError {
        ReadError::problem(
            ErrorKind::Schema,
            format!("unknown field; {} has {}", contract, fields.join(", ")),
        )
    }

    /// `null` for a field that is not optional. `expected` is how Java names the field's type:
    /// `a string`, `an array`, `an object`, `one of a, b` for an enum, and `a ` + the Java type
    /// in lower case for the rest (`a int`, `a long`, `a double`, `a boolean`, `a byte[]`).
    pub fn null_refused(expected: &str) -> ReadError {
        ReadError::schema(
            expected,
            "null; only an optional field may be null".to_string(),
        )
    }

    /// An optional field: `None` when absent or `null`.
    pub fn optional<'j, 'a>(value: Option<&'j Json<'a>>) -> Option<&'j Json<'a>> {
        value.filter(|v| **v != Json::Null)
    }

    fn number_text<'j>(value: &'j Json<'_>) -> Option<&'j str> {
        match value {
            Json::Number(text) => Some(text),
            _ => None,
        }
    }

    /// `int`: an integral number within 32 bits.
    pub fn int(value: &Json<'_>) -> Result<i32, ReadError> {
        number_text(value)
            .and_then(|t| integral_in(t, i32::MIN.into(), i32::MAX.into()))
            .map(|v| v as i32)
            .ok_or_else(|| expected("an int", value))
    }

    /// `long`: an integral number within 64 bits (records write longs as numbers).
    pub fn long(value: &Json<'_>) -> Result<i64, ReadError> {
        number_text(value)
            .and_then(|t| integral_in(t, i64::MIN.into(), i64::MAX.into()))
            .map(|v| v as i64)
            .ok_or_else(|| expected("a long", value))
    }

    /// `double`: any number, finite (a hashed record holds finite doubles only); an integral
    /// `-0` is 0.0, `-0.0` keeps its sign, as Jackson reads them.
    pub fn double(value: &Json<'_>) -> Result<f64, ReadError> {
        let text = number_text(value).ok_or_else(|| expected("a number", value))?;
        number_to_f64(text).ok_or_else(|| {
            ReadError::problem(
                ErrorKind::Schema,
                "expected a finite double, got a number beyond the range of a double; contracts \
                 hold finite doubles only",
            )
        })
    }

    /// `String`.
    pub fn string<'j>(value: &'j Json<'_>) -> Result<&'j str, ReadError> {
        super::string(value)
    }

    /// `boolean`.
    pub fn boolean(value: &Json<'_>) -> Result<bool, ReadError> {
        super::boolean(value)
    }

    /// `byte[]`: base64 as the JDK's basic decoder reads it (padding optional, but complete if
    /// present).
    pub fn bytes(value: &Json<'_>) -> Result<Vec<u8>, ReadError> {
        let text = match value {
            Json::String(text) => text,
            other => return Err(expected("a base64 string", other)),
        };
        let bytes = base64_decode(text, false, Base64Rules::Jdk).map_err(|problem| {
            ReadError::problem(
                ErrorKind::Schema,
                format!("expected a base64 string: {}", problem),
            )
        })?;
        // Padding left out or stray low bits decode too, to bytes written back otherwise.
        if base64_encode(&bytes) != text.as_ref() {
            return Err(ReadError::problem(
                ErrorKind::Schema,
                format!(
                    "expected base64 as the writer writes it (padded, no stray bits), got '{}'",
                    super::abbreviate(text)
                ),
            ));
        }
        Ok(bytes)
    }

    /// An enum: the index in `texts` (the lower-case constant names, in declaration order).
    pub fn enum_index(value: &Json<'_>, texts: &[&str]) -> Result<usize, ReadError> {
        let text = match value {
            Json::String(text) => text,
            other => return Err(expected("an enum name", other)),
        };
        texts
            .iter()
            .position(|t| *t == text.as_ref())
            .ok_or_else(|| {
                ReadError::problem(
                    ErrorKind::Schema,
                    format!("expected one of {}, got '{}'", texts.join(", "), text),
                )
            })
    }

    /// Checks the members of a record object against its field names: an unknown member is an
    /// error, except at the top of a forward-compatible contract, where the unknown members are
    /// returned (to keep and write back). Java checks this before it reads any field.
    pub fn unknown_members<'j, 'a>(
        members: super::Members<'j, 'a>,
        contract: &str,
        fields: &[&str],
        keep_unknown: bool,
    ) -> Result<Vec<&'j (Cow<'a, str>, Json<'a>)>, ReadError> {
        let mut unknown = Vec::new();
        for member in members {
            if fields.contains(&member.0.as_ref()) {
                continue;
            }
            if keep_unknown {
                unknown.push(member);
            } else {
                return Err(unknown_field(contract, fields).in_field(&member.0));
            }
        }
        Ok(unknown)
    }

    /// Checks a record object's members against its fields before any is read, as Java does:
    /// a member no field names is refused, except at the top of a payload, where the fields of
    /// the accepted older version it is of are dropped and a forward-compatible contract keeps
    /// the rest.
    pub fn check_members(
        members: super::Members<'_, '_>,
        contract: &str,
        fields: &[&str],
        mut top: Option<&mut super::Top<'_>>,
    ) -> Result<(), ReadError> {
        for (key, item) in members {
            if fields.contains(&key.as_ref()) {
                continue;
            }
            if !top.as_deref_mut().is_some_and(|top| top.take(key, item)) {
                return Err(unknown_field(contract, fields).in_field(key));
            }
        }
        Ok(())
    }

    /// An enum by its text, with `parse` the generated enum's `from_text`.
    pub fn enum_text<T, E: std::fmt::Display>(
        value: &Json<'_>,
        parse: fn(&str) -> Result<T, E>,
    ) -> Result<T, ReadError> {
        match value {
            Json::String(text) => {
                parse(text).map_err(|e| ReadError::problem(ErrorKind::Schema, e.to_string()))
            }
            other => Err(expected("an enum name", other)),
        }
    }

    // --- writing, as Jackson renders a record ---

    /// An `int` or `long`: a number.
    pub fn long_json(value: i64) -> Json<'static> {
        Json::Number(Cow::Owned(value.to_string()))
    }

    /// A finite `double`, as Java's `Double.toString` writes it; `None` for NaN and infinities,
    /// which records cannot hold.
    pub fn double_json(value: f64) -> Option<Json<'static>> {
        if value.is_finite() {
            Some(Json::Number(Cow::Owned(java_double_text(value))))
        } else {
            None
        }
    }

    /// `byte[]`: standard base64 with padding.
    pub fn bytes_json(value: &[u8]) -> Json<'static> {
        Json::String(Cow::Owned(base64_encode(value)))
    }

    // --- every field type, for generated readers and writers ---

    /// A value of a record field as `RecordPayloads` reads and writes it (Jackson).
    /// Implemented for the scalar types, bytes, lists, string-keyed maps and optionals, and by
    /// the generated module for its records and enums.
    pub trait RecordJson: Sized {
        /// How Java names the type when a value of it is `null` (see [`null_refused`]).
        const EXPECTED: &'static str;
        /// The same, for a list element or map value (a boxed type: `a integer`).
        const BOXED: &'static str = Self::EXPECTED;
        /// Reads one value (never `null`: the callers refuse it first).
        fn read_record_json(value: &Json<'_>) -> Result<Self, ReadError>;
        /// Writes it.
        fn record_json(&self) -> Json<'static>;
    }

    /// A required field of the record's members: missing or `null` refused; errors name it.
    pub fn required<T: RecordJson>(
        members: super::Members<'_, '_>,
        name: &str,
    ) -> Result<T, ReadError> {
        match super::member(members, name) {
            None => Err(missing().in_field(name)),
            Some(Json::Null) => Err(null_refused(T::EXPECTED).in_field(name)),
            Some(value) => T::read_record_json(value).map_err(|e| e.in_field(name)),
        }
    }

    /// An optional field: absent or `null` is `None`.
    pub fn optional_field<T: RecordJson>(
        members: super::Members<'_, '_>,
        name: &str,
    ) -> Result<Option<T>, ReadError> {
        match optional(super::member(members, name)) {
            None => Ok(None),
            Some(value) => T::read_record_json(value)
                .map(Some)
                .map_err(|e| e.in_field(name)),
        }
    }

    /// Writes a value of the field's type.
    #[inline]
    pub fn json<T: RecordJson>(value: &T) -> Json<'static> {
        value.record_json()
    }

    impl RecordJson for i32 {
        const EXPECTED: &'static str = "a int";
        const BOXED: &'static str = "a integer";
        fn read_record_json(value: &Json<'_>) -> Result<i32, ReadError> {
            int(value)
        }
        fn record_json(&self) -> Json<'static> {
            long_json(i64::from(*self))
        }
    }

    impl RecordJson for i64 {
        const EXPECTED: &'static str = "a long";
        fn read_record_json(value: &Json<'_>) -> Result<i64, ReadError> {
            long(value)
        }
        fn record_json(&self) -> Json<'static> {
            long_json(*self)
        }
    }

    impl RecordJson for f64 {
        const EXPECTED: &'static str = "a double";
        fn read_record_json(value: &Json<'_>) -> Result<f64, ReadError> {
            double(value)
        }
        /// A checked value is finite; anything else is written as `null`.
        fn record_json(&self) -> Json<'static> {
            double_json(*self).unwrap_or(Json::Null)
        }
    }

    impl RecordJson for bool {
        const EXPECTED: &'static str = "a boolean";
        fn read_record_json(value: &Json<'_>) -> Result<bool, ReadError> {
            boolean(value)
        }
        fn record_json(&self) -> Json<'static> {
            Json::Bool(*self)
        }
    }

    impl RecordJson for String {
        const EXPECTED: &'static str = "a string";
        fn read_record_json(value: &Json<'_>) -> Result<String, ReadError> {
            string(value).map(str::to_string)
        }
        fn record_json(&self) -> Json<'static> {
            Json::String(Cow::Owned(self.clone()))
        }
    }

    /// `byte[]`: base64.
    impl RecordJson for Vec<u8> {
        const EXPECTED: &'static str = "a byte[]";
        fn read_record_json(value: &Json<'_>) -> Result<Vec<u8>, ReadError> {
            bytes(value)
        }
        fn record_json(&self) -> Json<'static> {
            bytes_json(self)
        }
    }

    /// A list: an array; a `null` element is refused; an element's error names its index.
    impl<T: RecordJson> RecordJson for Vec<T> {
        const EXPECTED: &'static str = "an array";
        fn read_record_json(value: &Json<'_>) -> Result<Vec<T>, ReadError> {
            let element = |item: &Json<'_>| match item {
                Json::Null => Err(null_refused(T::BOXED)),
                item => T::read_record_json(item),
            };
            super::list(element, value)
        }
        fn record_json(&self) -> Json<'static> {
            Json::Array(self.iter().map(T::record_json).collect())
        }
    }

    /// A map: an object, keys sorted as Java's `TreeMap` sorts them; a `null` value refused.
    impl<T: RecordJson> RecordJson for std::collections::BTreeMap<String, T> {
        const EXPECTED: &'static str = "an object";
        fn read_record_json(value: &Json<'_>) -> Result<Self, ReadError> {
            let element = |item: &Json<'_>| match item {
                Json::Null => Err(null_refused(T::BOXED)),
                item => T::read_record_json(item),
            };
            super::map(element, value)
        }
        fn record_json(&self) -> Json<'static> {
            super::map_json(T::record_json, self)
        }
    }

    /// An optional: `null` when absent.
    impl<T: RecordJson> RecordJson for Option<T> {
        const EXPECTED: &'static str = T::EXPECTED;
        fn read_record_json(value: &Json<'_>) -> Result<Option<T>, ReadError> {
            match value {
                Json::Null => Ok(None),
                value => T::read_record_json(value).map(Some),
            }
        }
        fn record_json(&self) -> Json<'static> {
            match self {
                Some(value) => value.record_json(),
                None => Json::Null,
            }
        }
    }
}

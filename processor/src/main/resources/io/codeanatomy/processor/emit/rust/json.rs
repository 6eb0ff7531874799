//! Strict JSON (RFC 8259) into a tree that borrows from the input, and the writer that renders
//! a tree the way the Java payload writers do (Jackson's pretty printer as the envelope
//! configures it). Hand-written because the module must build with the standard library alone.
//!
//! Strict: UTF-8 only (no BOM), no duplicate object keys, no lone surrogates in `\u` escapes, no
//! control characters in strings, no trailing commas, comments, `NaN` or leading zeros, nothing
//! after the value. Numbers are kept as their text, so that 64-bit integers (which protobuf JSON
//! writes as strings but records as numbers) and doubles are read exactly, by the caller, in the
//! type the schema says. Errors give the line and column (in characters, 1-based) and the byte.

use super::read_error::{ErrorKind, ReadError};
use std::borrow::Cow;
use std::collections::HashSet;

/// The limits of a parse; the defaults are far above any payload and keep recursion bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Arrays and objects nested at most this deep.
    pub max_depth: usize,
    /// The input at most this many bytes.
    pub max_bytes: usize,
    /// A number's text at most this many characters (Jackson's default limit).
    pub max_number_len: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 100,
            max_bytes: 256 << 20,
            max_number_len: 1000,
        }
    }
}

/// A JSON value. Object members keep their document order; their keys are unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A number as its text (RFC 8259 grammar): the caller reads it in the type it needs.
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// The kind of value in words, as the Java payload readers say it: `a string`, `null`.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The value as the Java payload readers describe what came: the kind, and for a string,
    /// number or boolean the value itself (`a string "5"`, `a boolean true`).
    pub fn describe(&self) -> String {
        match self {
            Json::Bool(_) | Json::Number(_) | Json::String(_) => {
                format!(
                    "{} {}",
                    self.kind(),
                    super::json_mapping::abbreviate(&to_compact_string(self))
                )
            }
            _ => self.kind().to_string(),
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Json<'a>)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The same value, owning its text (for keeping unknown fields past the input's life).
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Number(n) => Json::Number(Cow::Owned(n.into_owned())),
            Json::String(s) => Json::String(Cow::Owned(s.into_owned())),
            Json::Array(items) => {
                Json::Array(items.into_iter().map(Json::into_owned).collect())
            }
            Json::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }
}

// ------------------------------------------------------------------------------------------
// parsing

/// Parses `input`: UTF-8 bytes holding exactly one JSON value.
pub fn parse(input: &[u8]) -> Result<Json<'_>, ReadError> {
    parse_with(input, &Limits::default())
}

/// [`parse`] with other limits.
pub fn parse_with<'a>(input: &'a [u8], limits: &Limits) -> Result<Json<'a>, ReadError> {
    if input.len() > limits.max_bytes {
        return Err(ReadError::limit(
            "a JSON document size in bytes",
            limits.max_bytes,
        ));
    }
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => {
            let error = ReadError::syntax("UTF-8 text", "an invalid byte sequence");
            return Err(locate(input, error.at(e.valid_up_to())));
        }
    };
    parse_str_with(text, limits)
}

/// Parses a string holding exactly one JSON value.
pub fn parse_str(text: &str) -> Result<Json<'_>, ReadError> {
    parse_str_with(text, &Limits::default())
}

/// [`parse_str`] with other limits.
pub fn parse_str_with<'a>(text: &'a str, limits: &Limits) -> Result<Json<'a>, ReadError> {
    if text.len() > limits.max_bytes {
        return Err(ReadError::limit(
            "a JSON document size in bytes",
            limits.max_bytes,
        ));
    }
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        limits: *limits,
    };
    let result = parser.document();
    result.map_err(|e| locate(text.as_bytes(), e))
}

/// Adds the line and column of the error's byte offset.
fn locate(input: &[u8], error: ReadError) -> ReadError {
    let offset = match error.offset {
        Some(offset) => offset.min(input.len()),
        None => return error,
    };
    let before = &input[..offset];
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    // Characters, not bytes: count the bytes that start one (not UTF-8 continuation bytes).
    let column = 1 + before[line_start..]
        .iter()
        .filter(|b| (**b & 0xc0) != 0x80)
        .count();
    let mut error = error;
    error.line_column = Some((line, column));
    error
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    limits: Limits,
}

/// What a byte is, for messages: `'x'`, `the end of the input`.
fn token_name(byte: Option<u8>) -> String {
    match byte {
        None => "the end of the input".to_string(),
        Some(b) if b.is_ascii_graphic() => format!("'{}'", b as char),
        Some(b' ') => "a space".to_string(),
        Some(b) => format!("the byte 0x{:02x}", b),
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn error(&self, expected: &str) -> ReadError {
        ReadError::syntax(expected, token_name(self.peek())).at(self.pos)
    }

    fn skip_whitespace(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or(&[]);
        self.pos += rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
    }

    /// Moves to the next byte that ends a run of plain string characters: a quote, a
    /// backslash or a control character (or the end).
    fn skip_plain(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or(&[]);
        self.pos += rest
            .iter()
            .position(|b| *b == b'"' || *b == b'\\' || *b < 0x20)
            .unwrap_or(rest.len());
    }

    /// `text[start..end]`, both at ASCII delimiters (so at character boundaries).
    fn slice(&self, start: usize, end: usize) -> Result<&'a str, ReadError> {
        self.text
            .get(start..end)
            .ok_or_else(|| ReadError::syntax("UTF-8 text", "a split character").at(start))
    }

    fn document(&mut self) -> Result<Json<'a>, ReadError> {
        self.skip_whitespace();
        let value = self.value(0)?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return Err(self.error("the end of the input after the value"));
        }
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, ReadError> {
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error("a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, ReadError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(&format!("the literal {}", word)))
        }
    }

    fn enter(&self, depth: usize) -> Result<(), ReadError> {
        if depth >= self.limits.max_depth {
            Err(
                ReadError::limit("array and object nesting depth", self.limits.max_depth)
                    .at(self.pos),
            )
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, ReadError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_whitespace();
            let index = items.len();
            items.push(self.value(depth + 1).map_err(|e| e.in_index(index))?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("',' or ']' in an array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, ReadError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut members: Vec<(Cow<'a, str>, Json<'a>)> = Vec::new();
        // Small objects are checked for duplicates by scanning; large ones by a set of the keys
        // (borrowed from the input where they have no escapes).
        let mut seen: Option<HashSet<Cow<'a, str>>> = None;
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("a string key in an object"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let duplicate = match &mut seen {
                Some(set) => !set.insert(key.clone()),
                None => members.iter().any(|(k, _)| *k == key),
            };
            if duplicate {
                return Err(ReadError::syntax(
                    "object keys that are each used once",
                    format!("the key {} twice", quote(&key)),
                )
                .at(key_start));
            }
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("':' after an object key"));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value(depth + 1).map_err(|e| e.in_field(&key))?;
            members.push((key, value));
            if seen.is_none() && members.len() >= 32 {
                seen = Some(members.iter().map(|(k, _)| k.clone()).collect());
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("',' or '}' in an object")),
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<Json<'a>, ReadError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("no digit after a leading 0"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("a digit in the exponent"));
            }
            self.digits();
        }
        if self.pos - start > self.limits.max_number_len {
            return Err(ReadError::limit(
                "a number's length in characters",
                self.limits.max_number_len,
            )
            .at(start));
        }
        Ok(Json::Number(Cow::Borrowed(self.slice(start, self.pos)?)))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// A string; borrowed when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, ReadError> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        self.skip_plain();
        match self.peek() {
            Some(b'"') => {
                let text = self.slice(start, self.pos)?;
                self.pos += 1;
                return Ok(Cow::Borrowed(text));
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.control_character()),
            None => {
                return Err(ReadError::syntax(
                    "the closing quote of the string",
                    "the end of the input",
                )
                .at(open))
            }
        }
        let mut owned = String::from(self.slice(start, self.pos)?);
        loop {
            let run_start = self.pos;
            self.skip_plain();
            owned.push_str(self.slice(run_start, self.pos)?);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => self.escape(&mut owned)?,
                Some(_) => return Err(self.control_character()),
                None => {
                    return Err(ReadError::syntax(
                        "the closing quote of the string",
                        "the end of the input",
                    )
                    .at(open))
                }
            }
        }
    }

    fn control_character(&self) -> ReadError {
        ReadError::syntax(
            "a string without raw control characters (escape them)",
            token_name(self.peek()),
        )
        .at(self.pos)
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ReadError> {
        let start = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                let c = match unit {
                    0xd800..=0xdbff => {
                        if !self.bytes[self.pos..].starts_with(b"\\u") {
                            return Err(self.lone_surrogate(start, unit));
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return Err(self.lone_surrogate(start, unit));
                        }
                        0x10000 + ((u32::from(unit) - 0xd800) << 10) + (u32::from(low) - 0xdc00)
                    }
                    0xdc00..=0xdfff => return Err(self.lone_surrogate(start, unit)),
                    _ => u32::from(unit),
                };
                out.push(char::from_u32(c).ok_or_else(|| self.lone_surrogate(start, unit))?);
                return Ok(());
            }
            _ => return Err(self.error("an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, ReadError> {
        let mut unit: u16 = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.error("four hex digits after \\u")),
            };
            unit = unit << 4 | u16::from(digit);
            self.pos += 1;
        }
        Ok(unit)
    }

    fn lone_surrogate(&self, start: usize, unit: u16) -> ReadError {
        ReadError::new(
            ErrorKind::Syntax,
            "text (a surrogate escape pairs a high \\uD800-\\uDBFF with a low \\uDC00-\\uDFFF)",
            format!("a lone surrogate \\u{:04x}", unit),
        )
        .at(start)
    }
}

// ------------------------------------------------------------------------------------------
// writing

/// `value` as the Java payload writers render JSON: Jackson's pretty printer with two-space
/// indentation, `\n` line ends, `"key": value`, empty containers as `[ ]` and `{ }`, non-ASCII
/// text as it is. The envelope writers add a final `\n`.
pub fn to_pretty_string(value: &Json<'_>) -> String {
    let mut out = String::new();
    write_pretty(value, 0, &mut out);
    out
}

/// `value` on one line, without spaces.
pub fn to_compact_string(value: &Json<'_>) -> String {
    let mut out = String::new();
    write_compact(value, &mut out);
    out
}

fn indent(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_pretty(value: &Json<'_>, level: usize, out: &mut String) {
    match value {
        Json::Array(items) if items.is_empty() => out.push_str("[ ]"),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                write_pretty(item, level + 1, out);
            }
            indent(out, level);
            out.push(']');
        }
        Json::Object(members) if members.is_empty() => out.push_str("{ }"),
        Json::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                write_string(key, out);
                out.push_str(": ");
                write_pretty(item, level + 1, out);
            }
            indent(out, level);
            out.push('}');
        }
        scalar => write_compact(scalar, out),
    }
}

fn write_compact(value: &Json<'_>, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => write_string(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_compact(item, out);
            }
            out.push('}');
        }
    }
}

/// A string as Jackson escapes it: `"` and `\`, `\b \t \n \f \r`, other control characters as
/// `\u00XX` (upper-case hex); everything else as it is.
fn write_string(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('"');
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&text[run..]);
    out.push('"');
}

/// `text` as a JSON string literal, for messages.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_string(text, &mut out);
    out
}

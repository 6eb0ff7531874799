//! The one error type of every reader in this module (protobuf wire format, canonical
//! MessagePack, JSON and the payload mappings): where the problem is (the field path, the byte
//! offset, for JSON the line and column), what was expected and what came.
//!
//! Paths are built while an error travels outwards (`in_field`, `in_index`, `in_key`), so a
//! successful read never formats a path; and the error is one pointer wide, so that a reader's
//! `Result<u64, ReadError>` stays small on the path that succeeds.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// What kind of problem a reader found; callers choose their message by it (a payload reader
/// says "malformed JSON" for `Syntax`, names the field for `Schema`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The bytes are not of the format: a bad token, a truncated value, a length beyond the
    /// input, invalid UTF-8, a non-canonical encoding.
    Syntax,
    /// The input is well formed but exceeds a limit of the reader: nesting depth, size.
    Limit,
    /// The input is well formed but does not fit what the reader was asked for: a wrong type, a
    /// missing or unknown field, a value out of range.
    Schema,
}

/// A problem found while reading untrusted bytes; its fields (`kind`, `path`, `expected`,
/// `found`, `offset`, `line_column`) are those of [`Problem`], reached through `Deref`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(Box<Problem>);

/// Where a problem is, what was expected and what came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem it is.
    pub kind: ErrorKind,
    /// The field path, outermost first (`delta_inputs[2].version`, `views[a.b].score`); empty
    /// when the problem is not inside a field.
    pub path: String,
    /// What the reader expected (`a varint of at most 10 bytes`); empty when `found` says it all.
    pub expected: String,
    /// What came (`11 bytes with the continuation bit set`), or the whole problem.
    pub found: String,
    /// The byte offset in the input where the problem was found, when known.
    pub offset: Option<usize>,
    /// For text formats: the 1-based line and column (in characters) of `offset`.
    pub line_column: Option<(usize, usize)>,
}

impl ReadError {
    /// A problem of `kind`: `expected` something, `found` something else.
    pub fn new(kind: ErrorKind, expected: impl Into<String>, found: impl Into<String>) -> Self {
        ReadError(Box::new(Problem {
            kind,
            path: String::new(),
            expected: expected.into(),
            found: found.into(),
            offset: None,
            line_column: None,
        }))
    }

    /// Bytes that are not of the format.
    pub fn syntax(expected: impl Into<String>, found: impl Into<String>) -> Self {
        ReadError::new(ErrorKind::Syntax, expected, found)
    }

    /// A value that does not fit the schema.
    pub fn schema(expected: impl Into<String>, found: impl Into<String>) -> Self {
        ReadError::new(ErrorKind::Schema, expected, found)
    }

    /// A problem that is not "expected this, got that": the whole text is in `found`.
    pub fn problem(kind: ErrorKind, problem: impl Into<String>) -> Self {
        ReadError::new(kind, String::new(), problem)
    }

    /// A limit of the reader that the input exceeds.
    pub fn limit(what: &str, limit: usize) -> Self {
        ReadError::new(
            ErrorKind::Limit,
            format!("{} of at most {}", what, limit),
            "more",
        )
    }

    /// The same error at byte `offset` (the first offset given wins: it is the innermost).
    pub fn at(mut self, offset: usize) -> Self {
        if self.offset.is_none() {
            self.offset = Some(offset);
        }
        self
    }

    /// The same error inside field `name` of a message or record.
    pub fn in_field(mut self, name: &str) -> Self {
        self.path = join(name, &self.path);
        self
    }

    /// The same error inside element `index` of a list.
    pub fn in_index(mut self, index: usize) -> Self {
        self.path = join(&format!("[{}]", index), &self.path);
        self
    }

    /// The same error inside the value of map key `key`.
    pub fn in_key(mut self, key: &str) -> Self {
        self.path = join(&format!("[{}]", key), &self.path);
        self
    }

    /// The problem without its location: `expected X, got Y`, or the problem itself.
    pub fn problem_text(&self) -> String {
        if self.expected.is_empty() {
            self.found.clone()
        } else {
            format!("expected {}, got {}", self.expected, self.found)
        }
    }

    /// Where the problem is, in words: `line 2, column 14`, `byte 40`, or empty.
    pub fn location(&self) -> String {
        match (self.line_column, self.offset) {
            (Some((line, column)), _) => format!("line {}, column {}", line, column),
            (None, Some(offset)) => format!("byte {}", offset),
            (None, None) => String::new(),
        }
    }
}

impl Deref for ReadError {
    type Target = Problem;

    fn deref(&self) -> &Problem {
        &self.0
    }
}

impl DerefMut for ReadError {
    fn deref_mut(&mut self) -> &mut Problem {
        &mut self.0
    }
}

/// `outer` then `inner`: `a` + `b` is `a.b`, `a` + `[0].b` is `a[0].b`.
fn join(outer: &str, inner: &str) -> String {
    if inner.is_empty() {
        outer.to_string()
    } else if inner.starts_with('[') {
        format!("{}{}", outer, inner)
    } else {
        format!("{}.{}", outer, inner)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "field {}: ", self.path)?;
        }
        write!(f, "{}", self.problem_text())?;
        let location = self.location();
        if !location.is_empty() {
            write!(f, " (at {})", location)?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadError {}

//! The payload envelope and the version gate, as the Java payload readers have them
//! (`io.codeanatomy.runtime.payload`): every payload names its contract, version and schema
//! fingerprint, in JSON (`{"contract", "version", "schemaFingerprint", "payload"}`) or in binary
//! (the `codeanatomy.contract.v1.Payload` message around the body's protobuf bytes), and a reader
//! checks them against what it reads before it reads the body. Errors read as Java's
//! `PayloadException` and `ContractVersionException`:
//! `cannot read execution_package: this build reads execution_package version 1 (schema
//! 1f464549fc23), but the payload is plan_fingerprint version 1 (schema 80b8285e6ba6)`.

use super::json::{self, Json};
use super::read_error::{ErrorKind, ReadError};
use super::wire::{self, Int32, Reader, WireType, Writer};
use std::borrow::Cow;
use std::fmt;

/// What a reader of one contract accepts: its own version and schema fingerprint, the
/// fingerprints its version had before compatible changes, and older versions it was asked to
/// read (as the lock released them). Generated per contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractInfo {
    /// The contract name.
    pub name: &'static str,
    /// The version this build writes and reads.
    pub version: i32,
    /// The schema fingerprint of this version.
    pub schema_fingerprint: &'static str,
    /// Fingerprints this version had before compatible changes (an added enum value, an
    /// optional provenance field): payloads carrying them are of this version.
    pub earlier_fingerprints: &'static [&'static str],
    /// Older versions this reader also accepts.
    pub accepted: &'static [AcceptedVersion],
}

/// An older version a reader accepts: payloads of it are read into the current type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptedVersion {
    pub version: i32,
    /// Its schema fingerprints, oldest first; the last is the one it was released with.
    pub fingerprints: &'static [&'static str],
    /// Its field names: fields it had that the current version removed are dropped, not
    /// refused.
    pub fields: &'static [&'static str],
    /// Its protobuf field numbers (for a protobuf contract), for the same purpose in binary.
    pub proto_numbers: &'static [u32],
}

impl AcceptedVersion {
    /// The fingerprint the version was released with.
    pub fn schema_fingerprint(&self) -> &'static str {
        self.fingerprints.last().copied().unwrap_or("")
    }
}

/// Which version a payload turned out to be of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadVersion {
    /// The reader's own version (or one of its earlier fingerprints).
    Current,
    /// An accepted older version.
    Accepted(&'static AcceptedVersion),
}

/// What went wrong, as the Java exceptions tell it apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayloadErrorKind {
    /// Another contract, version or schema (Java's `ContractVersionException`).
    Version {
        /// What this build reads: `execution_package version 1 (schema 1f464549fc23)`.
        expected: String,
        /// What the payload carries.
        actual: String,
    },
    /// Not an envelope, or a body that is not of its format.
    Malformed,
    /// A well-formed payload whose content this build refuses: a wrong type, a missing or
    /// unknown field, a malformed hash.
    Invalid,
}

/// A payload that cannot be read: its message names the contract, the field and the problem,
/// worded as Java's `PayloadException`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    pub kind: PayloadErrorKind,
    /// The contract being read.
    pub contract: String,
    /// The field at fault, or `None` when the payload as a whole is.
    pub field: Option<String>,
    /// What is wrong.
    pub problem: String,
}

impl PayloadError {
    /// A problem with the payload as a whole.
    pub fn new(kind: PayloadErrorKind, contract: &str, problem: impl Into<String>) -> Self {
        PayloadError {
            kind,
            contract: contract.to_string(),
            field: None,
            problem: problem.into(),
        }
    }

    /// A problem with one field.
    pub fn field(contract: &str, field: &str, problem: impl Into<String>) -> Self {
        PayloadError {
            kind: PayloadErrorKind::Invalid,
            contract: contract.to_string(),
            field: Some(field.to_string()),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(
                f,
                "cannot read {} field {}: {}",
                self.contract, field, self.problem
            ),
            None => write!(f, "cannot read {}: {}", self.contract, self.problem),
        }
    }
}

impl std::error::Error for PayloadError {}

/// `execution_package version 1 (schema 1f464549fc23)`: a contract as messages name it, with
/// the first 12 characters of the fingerprint.
pub fn describe(name: &str, version: i32, fingerprint: &str) -> String {
    let short: String = if fingerprint.chars().count() < 12 {
        fingerprint.to_string()
    } else {
        fingerprint.chars().take(12).collect()
    };
    format!("{} version {} (schema {})", name, version, short)
}

impl ContractInfo {
    /// This build's contract as messages name it.
    pub fn describe(&self) -> String {
        describe(self.name, self.version, self.schema_fingerprint)
    }

    /// What this build reads, with the accepted older versions: `x version 2 (schema ...) or x
    /// version 1 (schema ...)`.
    pub fn describe_accepted(&self) -> String {
        let mut text = self.describe();
        for older in self.accepted {
            text.push_str(" or ");
            text.push_str(&describe(
                self.name,
                older.version,
                older.schema_fingerprint(),
            ));
        }
        text
    }

    /// The version gate: the payload is of this contract, at this version and schema (or an
    /// earlier fingerprint of it), or at an accepted older version and one of its fingerprints.
    pub fn check(
        &self,
        contract: &str,
        version: i32,
        fingerprint: &str,
    ) -> Result<PayloadVersion, PayloadError> {
        if contract == self.name
            && version == self.version
            && (fingerprint == self.schema_fingerprint
                || self.earlier_fingerprints.contains(&fingerprint))
        {
            return Ok(PayloadVersion::Current);
        }
        if contract == self.name {
            let older = self
                .accepted
                .iter()
                .find(|a| a.version == version && a.fingerprints.contains(&fingerprint));
            if let Some(older) = older {
                return Ok(PayloadVersion::Accepted(older));
            }
        }
        let expected = self.describe_accepted();
        let actual = describe(contract, version, fingerprint);
        Err(PayloadError {
            kind: PayloadErrorKind::Version {
                expected: expected.clone(),
                actual: actual.clone(),
            },
            contract: self.name.to_string(),
            field: None,
            problem: format!(
                "this build reads {}, but the payload is {}",
                expected, actual
            ),
        })
    }
}

// ------------------------------------------------------------------------------------------
// JSON

const ENVELOPE_KEYS: [&str; 4] = ["contract", "version", "schemaFingerprint", "payload"];

/// A payload's envelope, read from JSON but not checked.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonEnvelope<'a> {
    pub contract: Cow<'a, str>,
    pub version: i32,
    pub schema_fingerprint: Cow<'a, str>,
    pub payload: Json<'a>,
}

/// The problem of malformed JSON, as Java words it.
fn malformed_json(contract: &str, error: &ReadError) -> PayloadError {
    let (line, column) = error.line_column.unwrap_or((1, 1));
    PayloadError::new(
        PayloadErrorKind::Malformed,
        contract,
        format!(
            "malformed JSON at line {}, column {}: {}",
            line,
            column,
            error.problem_text()
        ),
    )
}

/// Parses a JSON envelope: an object with exactly `contract` and `schemaFingerprint` (strings),
/// `version` (an int32) and `payload`. `reader` names the contract in errors.
pub fn parse_json_envelope<'a>(
    reader: &str,
    input: &'a [u8],
) -> Result<JsonEnvelope<'a>, PayloadError> {
    if input
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Err(PayloadError::new(
            PayloadErrorKind::Malformed,
            reader,
            "expected a JSON object with contract, version, schemaFingerprint and payload, got \
             nothing",
        ));
    }
    let root = json::parse(input).map_err(|e| malformed_json(reader, &e))?;
    let members = match root {
        Json::Object(members) => members,
        other => {
            return Err(PayloadError::new(
                PayloadErrorKind::Malformed,
                reader,
                format!(
                    "expected a JSON object with contract, version, schemaFingerprint and \
                     payload, got {}",
                    other.kind()
                ),
            ))
        }
    };
    let mut extra: Vec<&str> = members
        .iter()
        .map(|(k, _)| k.as_ref())
        .filter(|k| !ENVELOPE_KEYS.contains(k))
        .collect();
    if !extra.is_empty() {
        extra.sort_by(|a, b| wire::utf16_cmp(a, b));
        return Err(PayloadError::new(
            PayloadErrorKind::Malformed,
            reader,
            format!(
                "the envelope has unknown keys [{}]; it has exactly contract, version, \
                 schemaFingerprint and payload",
                extra.join(", ")
            ),
        ));
    }
    for key in ENVELOPE_KEYS {
        if !members.iter().any(|(k, _)| k == key) {
            return Err(PayloadError::new(
                PayloadErrorKind::Malformed,
                reader,
                format!("the envelope has no {}", key),
            ));
        }
    }
    let mut contract = None;
    let mut version = None;
    let mut fingerprint = None;
    let mut payload = None;
    for (key, value) in members {
        match (key.as_ref(), value) {
            ("contract", Json::String(text)) => contract = Some(text),
            ("schemaFingerprint", Json::String(text)) => fingerprint = Some(text),
            ("version", Json::Number(text)) => {
                version = super::json_mapping::proto::int32(&Json::Number(text)).ok()
            }
            ("payload", value) => payload = Some(value),
            _ => {}
        }
    }
    match (contract, version, fingerprint, payload) {
        (Some(contract), Some(version), Some(schema_fingerprint), Some(payload)) => {
            Ok(JsonEnvelope {
                contract,
                version,
                schema_fingerprint,
                payload,
            })
        }
        _ => Err(PayloadError::new(
            PayloadErrorKind::Malformed,
            reader,
            "the envelope's contract and schemaFingerprint are strings and its version an integer",
        )),
    }
}

/// Reads a JSON payload written for `info`'s contract: the envelope, checked by the version
/// gate, and the payload to decode.
pub fn read_json<'a>(
    info: &ContractInfo,
    input: &'a [u8],
) -> Result<(Json<'a>, PayloadVersion), PayloadError> {
    let envelope = parse_json_envelope(info.name, input)?;
    let version = info.check(
        &envelope.contract,
        envelope.version,
        &envelope.schema_fingerprint,
    )?;
    Ok((envelope.payload, version))
}

/// The contract a JSON payload names, before anything else is checked (to pick its reader).
pub fn contract_of_json(input: &[u8]) -> Result<String, PayloadError> {
    const UNKNOWN: &str = "(unknown contract)";
    let root = json::parse(input).map_err(|e| malformed_json(UNKNOWN, &e))?;
    match root.get("contract") {
        Some(Json::String(name)) if root.as_object().is_some() => Ok(name.to_string()),
        _ => Err(PayloadError::new(
            PayloadErrorKind::Malformed,
            UNKNOWN,
            format!(
                "expected an envelope {{contract, version, schemaFingerprint, payload}}, got {}",
                root.kind()
            ),
        )),
    }
}

/// A JSON payload as Java writes it: the envelope around `payload`, rendered by Jackson's
/// pretty printer, with a final `\n`.
pub fn write_json(info: &ContractInfo, payload: Json<'_>) -> String {
    let envelope = Json::Object(vec![
        (
            Cow::Borrowed("contract"),
            Json::String(Cow::Borrowed(info.name)),
        ),
        (
            Cow::Borrowed("version"),
            Json::Number(Cow::Owned(info.version.to_string())),
        ),
        (
            Cow::Borrowed("schemaFingerprint"),
            Json::String(Cow::Borrowed(info.schema_fingerprint)),
        ),
        (Cow::Borrowed("payload"), payload),
    ]);
    let mut text = json::to_pretty_string(&envelope);
    text.push('\n');
    text
}

/// How an error reading a JSON payload's content reads: malformed JSON by its position, a
/// content problem by its field.
pub fn json_error(contract: &str, error: ReadError) -> PayloadError {
    if error.kind != ErrorKind::Schema {
        return malformed_json(contract, &error);
    }
    if error.path.is_empty() {
        PayloadError::new(PayloadErrorKind::Invalid, contract, error.problem_text())
    } else {
        PayloadError::field(contract, &error.path, error.problem_text())
    }
}

// ------------------------------------------------------------------------------------------
// binary

/// The binary envelope, `codeanatomy.contract.v1.Payload`, read but not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryEnvelope<'a> {
    pub contract: &'a str,
    pub version: i32,
    pub schema_fingerprint: &'a str,
    /// The message's protobuf bytes.
    pub body: &'a [u8],
}

/// Parses the binary envelope: fields 1 `contract`, 2 `version`, 3 `schema_fingerprint`,
/// 4 `body`, nothing else, and a contract name. `reader` names the contract in errors.
pub fn parse_binary_envelope<'a>(
    reader: &str,
    input: &'a [u8],
) -> Result<BinaryEnvelope<'a>, PayloadError> {
    let mut envelope = BinaryEnvelope {
        contract: "",
        version: 0,
        schema_fingerprint: "",
        body: &[],
    };
    let mut foreign = false;
    let parsed: Result<(), ReadError> = (|| {
        let mut r = Reader::new(input);
        while let Some(tag) = r.next_tag()? {
            match (tag.number, tag.wire_type) {
                (1, WireType::Len) => envelope.contract = r.string()?,
                (2, WireType::Varint) => envelope.version = r.read::<Int32>()?,
                (3, WireType::Len) => envelope.schema_fingerprint = r.string()?,
                (4, WireType::Len) => envelope.body = r.bytes()?,
                _ => {
                    foreign = true;
                    r.skip(tag)?;
                }
            }
        }
        Ok(())
    })();
    if let Err(e) = parsed {
        return Err(PayloadError::new(
            PayloadErrorKind::Malformed,
            reader,
            format!(
                "not a binary payload (truncated or corrupt envelope): {}",
                e.problem_text()
            ) + &location_suffix(&e),
        ));
    }
    if foreign || envelope.contract.is_empty() {
        return Err(PayloadError::new(
            PayloadErrorKind::Malformed,
            reader,
            "not a binary payload: the envelope has no contract name, or fields an envelope \
             does not have",
        ));
    }
    Ok(envelope)
}

fn location_suffix(error: &ReadError) -> String {
    let location = error.location();
    if location.is_empty() {
        location
    } else {
        format!(" (at {})", location)
    }
}

/// Reads a binary payload written for `info`'s contract: the envelope, checked by the version
/// gate, and the body's bytes to decode.
pub fn read_binary<'a>(
    info: &ContractInfo,
    input: &'a [u8],
) -> Result<(&'a [u8], PayloadVersion), PayloadError> {
    let envelope = parse_binary_envelope(info.name, input)?;
    let version = info.check(
        envelope.contract,
        envelope.version,
        envelope.schema_fingerprint,
    )?;
    Ok((envelope.body, version))
}

/// The contract a binary payload names, before anything else is checked.
pub fn contract_of_binary(input: &[u8]) -> Result<String, PayloadError> {
    parse_binary_envelope("(unknown contract)", input).map(|e| e.contract.to_string())
}

/// A binary payload as Java writes it (`ProtoPayloads.toBinary`): the envelope message with
/// its fields in number order, each left out when it holds its default, around `body`.
pub fn write_binary(info: &ContractInfo, body: &[u8]) -> Vec<u8> {
    let mut w = Writer::with_capacity(body.len() + info.name.len() + 96);
    w.implicit_bytes(1, info.name.as_bytes());
    w.implicit::<Int32>(2, &info.version);
    w.implicit_bytes(3, info.schema_fingerprint.as_bytes());
    w.implicit_bytes(4, body);
    w.into_bytes()
}

/// How an error reading a binary payload's body reads: bytes that are not protobuf as a
/// corrupt body, a content problem by its field.
pub fn body_error(contract: &str, error: ReadError) -> PayloadError {
    if error.kind != ErrorKind::Schema {
        return PayloadError::new(
            PayloadErrorKind::Malformed,
            contract,
            format!("the body is truncated or corrupt: {}", error.problem_text())
                + &location_suffix(&error),
        );
    }
    if error.path.is_empty() {
        PayloadError::new(PayloadErrorKind::Invalid, contract, error.problem_text())
    } else {
        PayloadError::field(contract, &error.path, error.problem_text())
    }
}

/// An unknown field in the body of a strict contract: `path` is its place, as
/// `cache_diagnostics.#7` (the message's path, then `#` and the field number).
pub fn strict_unknown_field(contract: &str, path: &str) -> PayloadError {
    PayloadError::field(
        contract,
        path,
        format!(
            "unknown field (a newer writer?); {} is strict and refuses fields it does not declare",
            contract
        ),
    )
}

// ------------------------------------------------------------------------------------------
// checks of the content

/// Whether `text` is a SHA-256 digest: 64 lower-case hex characters.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The rule of a hash field (`hash = HASH`, `@Hash`): a digest, or with `allow_empty` also
/// `""`; the message is Java's.
pub fn check_hash(value: &str, allow_empty: bool) -> Result<(), String> {
    if is_sha256_hex(value) || (allow_empty && value.is_empty()) {
        return Ok(());
    }
    // Java counts UTF-16 units, and abbreviates past 80 of them.
    let units: Vec<u16> = value.encode_utf16().collect();
    let shown = if units.len() <= 80 {
        value.to_string()
    } else {
        String::from_utf16_lossy(&units[..77]) + "..."
    };
    Err(format!(
        "expected a SHA-256 digest (64 lowercase hex characters{}), got '{}' ({} characters)",
        if allow_empty { ", or empty" } else { "" },
        shown,
        units.len()
    ))
}

/// The error for the violations a validation found, `(path, message)` each: the first, and
/// how many more, as Java reports them.
pub fn violations_error(
    contract: &str,
    violations: &[(String, String)],
) -> Option<PayloadError> {
    let (path, message) = violations.first()?;
    let more = if violations.len() > 1 {
        format!(" (and {} more)", violations.len() - 1)
    } else {
        String::new()
    };
    Some(PayloadError::field(
        contract,
        path,
        format!("{}{}", message, more),
    ))
}

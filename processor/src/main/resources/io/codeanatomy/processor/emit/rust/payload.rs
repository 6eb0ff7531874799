//! The payload envelope and the version gate, as the Java payload readers have them
//! (`io.codeanatomy.runtime.payload`): every payload names its contract, version and schema
//! fingerprint, in JSON (`{"contract", "version", "schemaFingerprint", "payload"}`) or in binary
//! (the `codeanatomy.contract.v1.Payload` message around the body's protobuf bytes), and a reader
//! checks them against what it reads before it reads the body. Errors read as Java's
//! `PayloadException` and `ContractVersionException`:
//! `cannot read execution_package: this build reads execution_package version 1 (schema
//! 1f464549fc23), but the payload is plan_fingerprint version 1 (schema 80b8285e6ba6)`.

use super::canonical::Value;
use super::json::{self, Json};
use super::read_error::{ErrorKind, ReadError};
use super::wire::{self, Int32, Reader, WireType, Writer};
use std::borrow::Cow;
use std::fmt;

/// What a reader of one contract accepts: its own version and schema fingerprint, the
/// fingerprints its version had before compatible changes, and older versions it was asked to
/// read (as the lock released them). Generated per contract (`X::INFO`), from the lock the
/// module was generated with: by default it accepts what Java's `AcceptedVersions` accepts by
/// default (this version, under any of its fingerprints); [`ContractInfo::accepting`] adds
/// released older versions, as Java's `accepting(...)` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractInfo {
    /// The contract name.
    pub name: &'static str,
    /// The version this build writes and reads.
    pub version: i32,
    /// The schema fingerprint of this version.
    pub schema_fingerprint: &'static str,
    /// Whether readers keep fields they do not know instead of refusing the payload.
    pub forward_compatible: bool,
    /// Fingerprints this version had before compatible changes (an added enum value, an
    /// optional provenance field): payloads carrying them are of this version.
    pub earlier_fingerprints: &'static [&'static str],
    /// Every older version the lock released, oldest first: what `accepting` can add.
    pub released: &'static [AcceptedVersion],
    /// Older versions this reader also accepts.
    pub accepted: Cow<'static, [AcceptedVersion]>,
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

    /// Whether the version had the field `name`.
    pub fn had_field(&self, name: &str) -> bool {
        self.fields.contains(&name)
    }
}

/// Which version a payload turned out to be of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadVersion {
    /// The reader's own version (or one of its earlier fingerprints).
    Current,
    /// An accepted older version.
    Accepted(AcceptedVersion),
}

impl PayloadVersion {
    /// The accepted older version, or `None` for the current one.
    pub fn older(&self) -> Option<&AcceptedVersion> {
        match self {
            PayloadVersion::Current => None,
            PayloadVersion::Accepted(older) => Some(older),
        }
    }
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
        for older in self.accepted.iter() {
            text.push_str(" or ");
            text.push_str(&describe(
                self.name,
                older.version,
                older.schema_fingerprint(),
            ));
        }
        text
    }

    /// This reader, also accepting the given older versions as the lock released them, as
    /// Java's `accepting(...)`; the error is Java's.
    pub fn accepting(&self, versions: &[i32]) -> Result<ContractInfo, String> {
        let mut accepted: Vec<AcceptedVersion> = self.accepted.to_vec();
        for version in versions {
            if *version >= self.version {
                return Err(format!(
                    "{} is at version {}: only older versions can be accepted, not {}",
                    self.name, self.version, version
                ));
            }
            match self.released.iter().find(|r| r.version == *version) {
                Some(released) => {
                    accepted.retain(|a| a.version != *version);
                    accepted.push(*released);
                }
                None => {
                    let known: Vec<String> = self
                        .released
                        .iter()
                        .map(|r| r.version.to_string())
                        .collect();
                    return Err(format!(
                        "{} version {} was never released: the lock this module was generated \
                         with has {}",
                        self.name,
                        version,
                        if known.is_empty() {
                            "no older version of it".to_string()
                        } else {
                            format!("versions {}", known.join(", "))
                        }
                    ));
                }
            }
        }
        accepted.sort_by_key(|a| a.version);
        Ok(ContractInfo {
            accepted: Cow::Owned(accepted),
            ..self.clone()
        })
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
                return Ok(PayloadVersion::Accepted(*older));
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
    parse_json_envelope_with(reader, input, &json::Limits::default())
}

/// [`parse_json_envelope`] within `limits`.
pub fn parse_json_envelope_with<'a>(
    reader: &str,
    input: &'a [u8],
    limits: &json::Limits,
) -> Result<JsonEnvelope<'a>, PayloadError> {
    if input
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Err(PayloadError::new(
            PayloadErrorKind::Malformed,
            reader,
            "malformed JSON: the document is empty",
        ));
    }
    let root = json::parse_with(input, limits).map_err(|e| malformed_json(reader, &e))?;
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

// ------------------------------------------------------------------------------------------
// whole payloads of generated contracts

/// The most bytes a payload may have, JSON or binary: Java's `ReadLimits.MAX_DOCUMENT_BYTES`.
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// How deep JSON arrays and objects, protobuf messages and MessagePack arrays and maps may nest
/// in a payload: Java's `ReadLimits.MAX_DEPTH`.
pub const MAX_DEPTH: usize = 64;

/// The JSON limits of the payload readers: Java's `ReadLimits`.
pub const JSON_LIMITS: json::Limits = json::Limits {
    max_depth: MAX_DEPTH,
    max_bytes: MAX_DOCUMENT_BYTES,
    max_number_len: 100,
};

/// A payload read by a generated contract: its value, which version it was of, and the
/// top-level fields it carried that this build does not declare (only a forward-compatible
/// contract keeps any: a protobuf message keeps its binary ones in its `unknown_fields`).
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    pub value: T,
    pub version: PayloadVersion,
    /// From a JSON payload: unknown members, sorted by name (as Java sorts them).
    pub unknown_json: Vec<(String, Json<'static>)>,
    /// From a record's binary payload: unknown fields, in key order.
    pub unknown_values: Vec<(String, Value)>,
}

/// What every generated contract offers the payload readers and writers below; the module
/// generates it from the contract's declaration (a protobuf message or a record).
pub trait PayloadContract: Sized {
    /// The contract, and what a reader accepts by default (`accepting` adds older versions).
    const INFO: ContractInfo;

    /// Reads a binary payload's body: protobuf for a message, canonical MessagePack for a
    /// record. A record's unknown top-level fields go to `unknown` (forward compatible) or are
    /// refused; a message keeps its own.
    fn read_body(
        body: &[u8],
        version: &PayloadVersion,
        unknown: &mut Vec<(String, Value)>,
    ) -> Result<Self, ReadError>;

    /// The body of a binary payload, with a record's unknown fields written back.
    fn write_body(&self, unknown: &[(String, Value)]) -> Vec<u8>;

    /// Reads a JSON payload's content, as the Java payload readers read it; unknown top-level
    /// members of a forward-compatible contract go to `unknown`.
    fn read_json(
        payload: &Json<'_>,
        version: &PayloadVersion,
        unknown: &mut Vec<(String, Json<'static>)>,
    ) -> Result<Self, ReadError>;

    /// The JSON payload's content, as the Java payload writers write it.
    fn write_json(&self) -> Json<'static>;

    /// Every constraint the value violates, `(path, message)`, as Java's `ValueChecks` finds
    /// them: hash fields that are not digests, values without a canonical encoding.
    fn violations(&self) -> Vec<(String, String)>;

    /// The places of fields a protobuf message kept without knowing them, as Java names them
    /// (`#7`, `cache_diagnostics.#9`), for a strict contract to refuse. Records have none.
    fn unknown_field_paths(&self, _out: &mut Vec<String>) {}

    /// Reads a binary payload written for this contract ([`from_binary`] with `Self::INFO`).
    fn from_binary(bytes: &[u8]) -> Result<Decoded<Self>, PayloadError> {
        from_binary(&Self::INFO, bytes)
    }

    /// Reads a JSON payload written for this contract ([`from_json`] with `Self::INFO`).
    fn from_json(bytes: &[u8]) -> Result<Decoded<Self>, PayloadError> {
        from_json(&Self::INFO, bytes)
    }

    /// The binary payload of this value ([`to_binary`] without unknown fields).
    fn to_binary(&self) -> Result<Vec<u8>, PayloadError> {
        to_binary(self, &[])
    }

    /// The JSON payload of this value ([`to_json`] without unknown members).
    fn to_json(&self) -> Result<String, PayloadError> {
        to_json(self, &[])
    }
}

fn over_limit(contract: &str, len: usize) -> PayloadError {
    PayloadError::new(
        PayloadErrorKind::Malformed,
        contract,
        format!(
            "over a reading limit: the payload has {} bytes, more than the {} a reader accepts",
            len, MAX_DOCUMENT_BYTES
        ),
    )
}

fn checked<T: PayloadContract>(
    info: &ContractInfo,
    value: &T,
    prefix: &str,
) -> Result<(), PayloadError> {
    let violations: Vec<(String, String)> = value
        .violations()
        .into_iter()
        .map(|(path, message)| (path, format!("{}{}", prefix, message)))
        .collect();
    match violations_error(info.name, &violations) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Reads a binary payload of `T`, as Java's `fromBinary` reads it: the size limit, the
/// envelope and the version gate (against `info`, `T::INFO` or one accepting older versions),
/// the body, a strict contract's unknown fields refused, the value's constraints checked.
pub fn from_binary<T: PayloadContract>(
    info: &ContractInfo,
    bytes: &[u8],
) -> Result<Decoded<T>, PayloadError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(over_limit(info.name, bytes.len()));
    }
    let (body, version) = read_binary(info, bytes)?;
    let mut unknown_values = Vec::new();
    let value = T::read_body(body, &version, &mut unknown_values)
        .map_err(|e| body_error(info.name, e))?;
    if !info.forward_compatible {
        let mut paths = Vec::new();
        value.unknown_field_paths(&mut paths);
        if let Some(older) = version.older() {
            // Fields of an accepted older version that this one removed are expected.
            paths.retain(|path| {
                let number = path.strip_prefix('#').and_then(|n| n.parse::<u32>().ok());
                !number.is_some_and(|n| older.proto_numbers.contains(&n))
            });
        }
        if let Some(path) = paths.first() {
            return Err(strict_unknown_field(info.name, path));
        }
    }
    checked(info, &value, "")?;
    Ok(Decoded {
        value,
        version,
        unknown_json: Vec::new(),
        unknown_values,
    })
}

/// A binary payload of `value`, as Java's `toBinary` writes it (this build's version and
/// schema); an invalid value is refused, as Java refuses it.
pub fn to_binary<T: PayloadContract>(
    value: &T,
    unknown: &[(String, Value)],
) -> Result<Vec<u8>, PayloadError> {
    let info = T::INFO;
    checked(&info, value, "cannot write an invalid value: ")?;
    Ok(write_binary(&info, &value.write_body(unknown)))
}

/// Reads a JSON payload of `T`, as Java's `fromJson` reads it: the envelope and the version
/// gate, every field of its JSON type, the value's constraints checked.
pub fn from_json<T: PayloadContract>(
    info: &ContractInfo,
    bytes: &[u8],
) -> Result<Decoded<T>, PayloadError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(over_limit(info.name, bytes.len()));
    }
    let envelope = parse_json_envelope_with(info.name, bytes, &JSON_LIMITS)?;
    let version = info.check(
        &envelope.contract,
        envelope.version,
        &envelope.schema_fingerprint,
    )?;
    let mut unknown_json = Vec::new();
    let value = T::read_json(&envelope.payload, &version, &mut unknown_json)
        .map_err(|e| json_error(info.name, e))?;
    checked(info, &value, "")?;
    unknown_json.sort_by(|a, b| wire::utf16_cmp(&a.0, &b.0));
    Ok(Decoded {
        value,
        version,
        unknown_json,
        unknown_values: Vec::new(),
    })
}

/// A JSON payload of `value` with the unknown members a forward-compatible payload carried
/// written back after its own (sorted by name), as Java's `toJson` writes it.
pub fn to_json<T: PayloadContract>(
    value: &T,
    unknown: &[(String, Json<'static>)],
) -> Result<String, PayloadError> {
    let info = T::INFO;
    checked(&info, value, "cannot write an invalid value: ")?;
    let mut tree = value.write_json();
    if !unknown.is_empty() {
        if let Json::Object(members) = &mut tree {
            let mut sorted: Vec<&(String, Json<'static>)> = unknown.iter().collect();
            sorted.sort_by(|a, b| wire::utf16_cmp(&a.0, &b.0));
            for (key, item) in sorted {
                if members.iter().any(|(k, _)| k == key) {
                    return Err(PayloadError::field(
                        info.name,
                        key,
                        format!(
                            "{} is a field of {}, not an unknown one: it cannot be written back \
                             over the value's own",
                            key, info.name
                        ),
                    ));
                }
                members.push((Cow::Owned(key.clone()), item.clone()));
            }
        }
    }
    Ok(write_json(&info, tree))
}

// ------------------------------------------------------------------------------------------
// the constraints of a value, as the generated Java `validate` checks them

/// A place in a value, `cache_diagnostics.caches[0].hits`, made into text only when a
/// violation is found there.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// The value itself.
    Top,
    Field(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
    Key(&'a Place<'a>, &'a str),
}

impl<'a> Place<'a> {
    /// The field `name` of the value here.
    pub fn field(&'a self, name: &'a str) -> Place<'a> {
        Place::Field(self, name)
    }

    /// Element `index` of the list here.
    pub fn index(&'a self, index: usize) -> Place<'a> {
        Place::Index(self, index)
    }

    /// The value of key `key` of the map here.
    pub fn key(&'a self, key: &'a str) -> Place<'a> {
        Place::Key(self, key)
    }

    /// The place as Java names it: `a.b[2][k].c`.
    pub fn render(&self) -> String {
        match self {
            Place::Top => String::new(),
            Place::Field(parent, name) => {
                let parent = parent.render();
                if parent.is_empty() {
                    name.to_string()
                } else {
                    format!("{}.{}", parent, name)
                }
            }
            Place::Index(parent, index) => format!("{}[{}]", parent.render(), index),
            Place::Key(parent, key) => format!("{}[{}]", parent.render(), key),
        }
    }
}

/// A hash field (`hash = HASH`, `@Hash`): a digest, or with `allow_empty` also `""`.
pub fn check_hash_at(
    out: &mut Vec<(String, String)>,
    place: &Place<'_>,
    value: &str,
    allow_empty: bool,
) {
    if let Err(problem) = check_hash(value, allow_empty) {
        out.push((place.render(), problem));
    }
}

/// An optional hash field: checked when present.
pub fn check_optional_hash(
    out: &mut Vec<(String, String)>,
    place: &Place<'_>,
    value: &Option<String>,
    allow_empty: bool,
) {
    if let Some(value) = value {
        check_hash_at(out, place, value, allow_empty);
    }
}

/// A list of hashes: each element.
pub fn check_hashes(
    out: &mut Vec<(String, String)>,
    place: &Place<'_>,
    values: &[String],
    allow_empty: bool,
) {
    for (i, value) in values.iter().enumerate() {
        check_hash_at(out, &place.index(i), value, allow_empty);
    }
}

/// A map of hashes: each value, in the order Java's `TreeMap` visits the keys.
pub fn check_hash_values(
    out: &mut Vec<(String, String)>,
    place: &Place<'_>,
    values: &std::collections::BTreeMap<String, String>,
    allow_empty: bool,
) {
    for (key, value) in wire::java_map_order(values) {
        check_hash_at(out, &place.key(key), value, allow_empty);
    }
}

/// The violation of a value that has no canonical encoding: its field as Java names it (the
/// encoder's `contract.field[]` without the contract).
pub fn encode_violation(
    contract: &str,
    error: super::canonical::EncodeError,
) -> (String, String) {
    let path = error
        .path
        .strip_prefix(contract)
        .and_then(|p| p.strip_prefix('.'))
        .unwrap_or(&error.path)
        .to_string();
    (path, error.problem)
}

/// Reads a protobuf message's body, messages nested at most [`MAX_DEPTH`] deep.
pub fn decode_message<M: wire::Message>(body: &[u8]) -> Result<M, ReadError> {
    let mut message = M::default();
    message.merge_from(&mut wire::Reader::with_max_depth(body, MAX_DEPTH))?;
    Ok(message)
}

/// A record's binary body: its value with the unknown fields a forward-compatible payload
/// carried, encoded canonically (the encoding sorts the keys). A checked value always encodes.
pub fn encode_record(value: Value, unknown: &[(String, Value)]) -> Vec<u8> {
    let value = match value {
        Value::Map(mut entries) if !unknown.is_empty() => {
            entries.extend(unknown.iter().cloned());
            Value::Map(entries)
        }
        value => value,
    };
    value.to_bytes().unwrap_or_default()
}

/// The elements of a list with their indexes.
pub fn indexed<T>(values: &[T]) -> impl Iterator<Item = (usize, &T)> {
    values.iter().enumerate()
}

/// What a tool that handles any contract by its name does with it, given the contract as a
/// type: the generated `visit_contract(name, visitor)` calls [`PayloadVisitor::visit`].
pub trait PayloadVisitor {
    type Output;
    fn visit<C: PayloadContract + super::Contract>(self) -> Self::Output;
}

//! Payloads, envelope and version gate against the Java payload readers: every payload of the
//! vectors (changed one field at a time) accepted and written back as Java writes it, or refused
//! with Java's message; the real sealed run read from JSON and binary and written back byte for
//! byte.

use crate::dynamic;
use crate::json::{self, Json};
use crate::payload::{
    self, AcceptedVersion, ContractInfo, PayloadError, PayloadErrorKind, PayloadVersion,
};
use crate::schemas;
use crate::support::{self, flag, items, text, unhex};

/// Reads a JSON payload of `contract` as the Java reader would, and writes it back.
pub fn read_and_write_json(contract: &str, input: &[u8]) -> Result<String, PayloadError> {
    let info = schemas::contract_info(contract);
    match schemas::contract_message(contract) {
        Some(schema) => {
            let message = dynamic::read_json_payload(&info, schema, schemas::message, input)?;
            Ok(dynamic::write_json_payload(
                &info,
                schema,
                schemas::message,
                &message,
            ))
        }
        None => {
            let schema = schemas::record(contract);
            let rec = dynamic::read_record_payload(&info, schema, schemas::record, input)?;
            Ok(dynamic::write_record_payload(
                &info,
                schema,
                schemas::record,
                &rec,
            ))
        }
    }
}

/// Reads a binary `execution_package` payload and writes it back.
pub fn read_and_write_binary(input: &[u8]) -> Result<Vec<u8>, PayloadError> {
    let info = schemas::contract_info("execution_package");
    let schema = &schemas::EXECUTION_PACKAGE;
    let message = dynamic::read_binary_payload(&info, schema, schemas::message, input)?;
    Ok(dynamic::write_binary_payload(
        &info,
        schema,
        schemas::message,
        &message,
    ))
}

/// Where Rust words an error differently from Java, and why (docs/rust-parity.md): the vector
/// names, each with what differs. Acceptance and refusal are the same for all of them.
const WORDED_DIFFERENTLY: [(&str, &str); 13] = [
    (
        "compiled_execution_policy: payload is an array",
        "Java names an empty field ('field :')",
    ),
    (
        "calibration_result: payload is an array",
        "Java names an empty field ('field :')",
    ),
    (
        "execution_package: field by both names",
        "JsonFormat's message, without the field",
    ),
    (
        "cache_diagnostics: caches[0].cache = 2147483648",
        "JsonFormat's message, without the field",
    ),
    (
        "execution_package: duplicate key",
        "Jackson's text after the position",
    ),
    (
        "execution_package: trailing comma",
        "Jackson's text after the position",
    ),
    (
        "execution_package: a comment",
        "Jackson's text after the position",
    ),
    (
        "execution_package: NaN",
        "Jackson's text after the position",
    ),
    (
        "execution_package: a leading zero",
        "Jackson's text after the position",
    ),
    (
        "execution_package: a raw control character",
        "Jackson's text after the position",
    ),
    (
        "execution_package: truncated",
        "Jackson's text after the position",
    ),
    (
        "execution_package: trailing content",
        "Jackson's text after the position",
    ),
    (
        "plan_identity: profile_context_key = \"\\ud800\"",
        "Rust's JSON reader refuses a lone surrogate as malformed JSON; Java's names the field",
    ),
];

#[test]
fn json_payloads_are_read_and_refused_as_java_does() {
    let vectors = support::read_json("payload-vectors.json");
    let mut failures = Vec::new();
    let cases = items(&vectors, "json");
    for vector in cases {
        let name = text(vector, "name");
        let contract = text(vector, "contract");
        let result = read_and_write_json(contract, text(vector, "input").as_bytes());
        let java_ok = flag(vector, "ok");
        match (result, java_ok) {
            (Ok(output), true) => {
                if flag(vector, "output_not_unicode") {
                    failures.push(format!("{}: Rust read a lone surrogate", name));
                } else if output != text(vector, "output") {
                    failures.push(format!(
                        "{}: Rust wrote\n{}\nJava wrote\n{}",
                        name,
                        output,
                        text(vector, "output")
                    ));
                }
            }
            (Err(e), false) => {
                let java = text(vector, "error");
                let version = matches!(e.kind, PayloadErrorKind::Version { .. });
                if version != flag(vector, "version_error") {
                    failures.push(format!("{}: a version error in one language only", name));
                }
                let worded = WORDED_DIFFERENTLY.iter().any(|(n, _)| *n == name);
                if e.to_string() != java && !worded {
                    failures.push(format!("{}:\n  Rust {}\n  Java {}", name, e, java));
                }
                if e.to_string() == java && worded {
                    failures.push(format!(
                        "{}: listed as worded differently, but the same",
                        name
                    ));
                }
                if !e
                    .to_string()
                    .starts_with(&format!("cannot read {}", contract))
                {
                    failures.push(format!("{}: {}", name, e));
                }
            }
            (Err(e), true) => {
                failures.push(format!("{}: Java reads it, Rust refuses: {}", name, e))
            }
            (Ok(_), false) => failures.push(format!(
                "{}: Java refuses it ({}), Rust reads it",
                name,
                text(vector, "error")
            )),
        }
    }
    assert!(cases.len() > 150, "{} cases", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn binary_payloads_are_read_and_refused_as_java_does() {
    let vectors = support::read_json("payload-vectors.json");
    let mut failures = Vec::new();
    for vector in items(&vectors, "binary") {
        let name = text(vector, "name");
        let result = read_and_write_binary(&unhex(text(vector, "input_hex")));
        match (result, flag(vector, "ok")) {
            (Ok(bytes), true) => {
                if support::hex(&bytes) != text(vector, "output_hex") {
                    failures.push(format!("{}: written differently", name));
                }
            }
            (Err(e), false) => {
                let java = text(vector, "error");
                // Java's tail after "truncated or corrupt...: " is protobuf-java's own text.
                let same = e.to_string() == java
                    || (java.contains("truncated or corrupt")
                        && e.to_string()
                            .split(": ")
                            .take(2)
                            .eq(java.split(": ").take(2)));
                if !same {
                    failures.push(format!("{}:\n  Rust {}\n  Java {}", name, e, java));
                }
            }
            (Err(e), true) => {
                failures.push(format!("{}: Java reads it, Rust refuses: {}", name, e))
            }
            (Ok(_), false) => failures.push(format!("{}: Java refuses it, Rust reads it", name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The sealed package reads the same from JSON and from binary, and each is written back byte
/// for byte; the Java side then reads what Rust wrote (`RustRuntimeTest`).
#[test]
fn the_sealed_run_reads_and_is_written_back_byte_for_byte() {
    let info = schemas::contract_info("execution_package");
    let schema = &schemas::EXECUTION_PACKAGE;
    let json_text = support::read("run/package.json");
    let binary = support::read("run/package.binpb");
    let from_json = dynamic::read_json_payload(&info, schema, schemas::message, &json_text)
        .expect("package.json");
    let from_binary = dynamic::read_binary_payload(&info, schema, schemas::message, &binary)
        .expect("package.binpb");
    assert_eq!(from_json, from_binary);
    let binary_again = dynamic::write_binary_payload(&info, schema, schemas::message, &from_json);
    let json_again = dynamic::write_json_payload(&info, schema, schemas::message, &from_binary);
    assert_eq!(binary_again, binary);
    assert_eq!(json_again.as_bytes(), json_text.as_slice());
    support::write_out("package.binpb", &binary_again);
    support::write_out("package.json", json_again.as_bytes());
    let policy = support::read("run/policy.json");
    let written = read_and_write_json("compiled_execution_policy", &policy).expect("policy.json");
    assert_eq!(written.as_bytes(), policy.as_slice());
    support::write_out("policy.json", written.as_bytes());
    let calibration = support::read("run/calibration.json");
    let written = read_and_write_json("calibration_result", &calibration).expect("calibration");
    assert_eq!(written.as_bytes(), calibration.as_slice());
    for bundle in std::fs::read_dir(support::runtime_dir().join("run/bundles")).expect("bundles") {
        let bundle = bundle
            .expect("entry")
            .file_name()
            .into_string()
            .expect("name");
        for (file, contract) in [
            ("fingerprint.json", "plan_fingerprint"),
            ("identity.json", "plan_identity"),
        ] {
            let bytes = support::read(&format!("run/bundles/{}/{}", bundle, file));
            let written = read_and_write_json(contract, &bytes)
                .unwrap_or_else(|e| panic!("{}/{}: {}", bundle, file, e));
            assert_eq!(written.as_bytes(), bytes.as_slice(), "{}/{}", bundle, file);
        }
    }
}

// ------------------------------------------------------------------------------------------
// the envelope and the version gate

static OLDER: [AcceptedVersion; 1] = [AcceptedVersion {
    version: 1,
    fingerprints: &["1111111111111111aaaa", "2222222222222222bbbb"],
    fields: &["a", "gone"],
    proto_numbers: &[1, 9],
}];

fn gated() -> ContractInfo {
    ContractInfo {
        name: "widget",
        version: 2,
        schema_fingerprint: "3333333333333333cccc",
        forward_compatible: false,
        earlier_fingerprints: &["4444444444444444dddd"],
        released: &OLDER,
        accepted: std::borrow::Cow::Borrowed(&OLDER),
    }
}

#[test]
fn the_version_gate_accepts_this_version_its_earlier_schemas_and_accepted_ones() {
    let info = gated();
    assert_eq!(
        info.check("widget", 2, "3333333333333333cccc"),
        Ok(PayloadVersion::Current)
    );
    assert_eq!(
        info.check("widget", 2, "4444444444444444dddd"),
        Ok(PayloadVersion::Current)
    );
    assert_eq!(
        info.check("widget", 1, "1111111111111111aaaa"),
        Ok(PayloadVersion::Accepted(OLDER[0]))
    );
    let error = info.check("gadget", 1, "1111111111111111aaaa").unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot read widget: this build reads widget version 2 (schema 333333333333) or widget \
         version 1 (schema 222222222222), but the payload is gadget version 1 (schema \
         111111111111)"
    );
    assert_eq!(
        error.kind,
        PayloadErrorKind::Version {
            expected: "widget version 2 (schema 333333333333) or widget version 1 (schema \
                       222222222222)"
                .to_string(),
            actual: "gadget version 1 (schema 111111111111)".to_string(),
        }
    );
    // A short fingerprint is shown whole.
    assert!(info
        .check("widget", 3, "abc")
        .unwrap_err()
        .problem
        .ends_with("(schema abc)"));
}

#[test]
fn envelopes_name_their_contract_before_anything_else_is_checked() {
    let json_text = support::read("run/package.json");
    assert_eq!(
        payload::contract_of_json(&json_text).expect("name"),
        "execution_package"
    );
    let binary = support::read("run/package.binpb");
    assert_eq!(
        payload::contract_of_binary(&binary).expect("name"),
        "execution_package"
    );
    assert_eq!(
        payload::contract_of_json(b"[1]").unwrap_err().to_string(),
        "cannot read (unknown contract): expected an envelope {contract, version, \
         schemaFingerprint, payload}, got an array"
    );
    let info = schemas::contract_info("execution_package");
    let (payload_json, version) = payload::read_json(&info, &json_text).expect("read");
    assert_eq!(version, PayloadVersion::Current);
    assert_eq!(
        payload::write_json(&info, payload_json),
        String::from_utf8(json_text).expect("text")
    );
    let (body, _) = payload::read_binary(&info, &binary).expect("read");
    assert_eq!(payload::write_binary(&info, body), binary);
    assert!(matches!(json::parse(b"{}"), Ok(Json::Object(_))));
}

#[test]
fn hash_rules_read_as_java_words_them() {
    assert_eq!(payload::check_hash(&"ab".repeat(32), false), Ok(()));
    assert_eq!(payload::check_hash("", true), Ok(()));
    assert_eq!(
        payload::check_hash("", false).unwrap_err(),
        "expected a SHA-256 digest (64 lowercase hex characters), got '' (0 characters)"
    );
    assert_eq!(
        payload::check_hash(&"x".repeat(90), true).unwrap_err(),
        format!(
            "expected a SHA-256 digest (64 lowercase hex characters, or empty), got '{}...' (90 \
             characters)",
            "x".repeat(77)
        )
    );
    assert!(!payload::is_sha256_hex(&"AB".repeat(32)));
    let error = payload::violations_error(
        "plan_fingerprint",
        &[("a".into(), "bad".into()), ("b".into(), "worse".into())],
    )
    .expect("an error");
    assert_eq!(
        error.to_string(),
        "cannot read plan_fingerprint field a: bad (and 1 more)"
    );
}

/// A record with the field types the core contracts do not use (`int`, `byte[]`, a map of
/// longs), through the record helpers.
#[test]
fn record_fields_of_every_type() {
    use crate::dynamic::{rfield, RTy, RecordSchema};
    static SAMPLE: RecordSchema = RecordSchema {
        name: "sample",
        forward_compatible: false,
        fields: &[
            rfield("count", RTy::Int),
            rfield("blob", RTy::Bytes),
            rfield("sizes", RTy::Map(&RTy::Long)),
            rfield("note", RTy::Optional(&RTy::Str)),
        ],
    };
    fn lookup(_: &str) -> &'static RecordSchema {
        &SAMPLE
    }
    let read = |text: &str| {
        let tree = json::parse(text.as_bytes()).expect("JSON");
        dynamic::record_from_json(&SAMPLE, lookup, &tree, true)
    };
    let rec = read(r#"{"count": -5, "blob": "AAE=", "sizes": {"b": 2, "a": 1}}"#).expect("read");
    assert_eq!(
        json::to_compact_string(&dynamic::record_to_json(&SAMPLE, lookup, &rec)),
        r#"{"count":-5,"blob":"AAE=","sizes":{"a":1,"b":2},"note":null}"#
    );
    let error = read(r#"{"count": 2147483648, "blob": "", "sizes": {}}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field count: expected an int, got a number 2147483648"
    );
    let error = read(r#"{"count": 1, "blob": null, "sizes": {}}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field blob: expected a byte[], got null; only an optional field may be null"
    );
    let error = read(r#"{"count": 1, "blob": "", "sizes": {"a": "1"}}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field sizes[a]: expected a long, got a string \"1\""
    );
}

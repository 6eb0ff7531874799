#![deny(warnings)]
//! The generated decoders and encoders, checked against Java by running them: every contract
//! sample of both contract sets (`java-contract-vectors.json`) read from the payloads Java wrote,
//! written back byte for byte, built from its value and written identically, and hashed as Java
//! hashes it; the real sealed run read and written back; the version gate, strictness and the
//! accepted older versions as Java's readers have them. What Rust writes goes to
//! `runtime/rust-out/samples`, for Java to read (`RustRuntimeTest`).

#[path = "support/json.rs"]
mod vectors;

use codeanatomy_rust_parity::core_contracts as core;
use codeanatomy_rust_parity::quickstart_contracts as quick;
use std::path::PathBuf;
use vectors::Json;

fn parity_dir() -> PathBuf {
    match std::env::var("CODEANATOMY_PARITY_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/parity"),
    }
}

fn read(name: &str) -> Vec<u8> {
    let path = parity_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {}", path.display(), e))
}

fn write_out(name: &str, bytes: &[u8]) {
    let path = parity_dir().join("runtime/rust-out").join(name);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("rust-out");
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn bundles() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(parity_dir().join("runtime/run/bundles"))
        .expect("the run's bundles")
        .map(|e| e.expect("entry").file_name().into_string().expect("name"))
        .collect();
    names.sort();
    names
}

// ------------------------------------------------------------------------------------------
// every sample of both contract sets

/// The vector notation of `docs/canonical-encoding.md` as a value of `$module`'s tree.
macro_rules! samples_of {
    ($module:ident, $check:ident) => {
        mod $check {
            use super::{unhex, write_out, Json};
            use codeanatomy_rust_parity::$module::canonical::Value;
            use codeanatomy_rust_parity::$module::payload::{PayloadContract, PayloadVisitor};
            use codeanatomy_rust_parity::$module::Contract;

            pub fn value(node: &Json) -> Value {
                let (kind, x) = &node.members()[0];
                match kind.as_str() {
                    "nil" => Value::Nil,
                    "bool" => Value::Bool(*x == Json::Bool(true)),
                    "int" => match x.str().parse::<i64>() {
                        Ok(i) => Value::Int(i),
                        Err(_) => Value::UInt(x.str().parse().expect("an integer")),
                    },
                    "float" => Value::Float(x.str().parse().expect("a float")),
                    "str" => Value::Str(x.str().to_string()),
                    "bin" => Value::Bin(unhex(x.str())),
                    "array" => Value::Array(x.items().iter().map(value).collect()),
                    "map" => Value::Map(
                        x.items()
                            .iter()
                            .map(|pair| (pair.items()[0].str().to_string(), value(&pair.items()[1])))
                            .collect(),
                    ),
                    other => panic!("no sample value of type {}", other),
                }
            }

            /// One sample of a contract, checked against what Java made of it.
            pub struct Sample<'a> {
                pub contract: &'a str,
                pub index: usize,
                pub case: &'a Json,
            }

            impl PayloadVisitor for Sample<'_> {
                type Output = Result<bool, String>;

                fn visit<C: PayloadContract + Contract>(self) -> Result<bool, String> {
                    let case = self.case;
                    let name = case.field("name").str();
                    let built = C::from_value(&value(case.field("value")))
                        .map_err(|e| format!("{}: not read from its value: {}", name, e))?;
                    let hash = built.hash().map_err(|e| format!("{}: {}", name, e))?;
                    if hash != case.field("hash").str() {
                        return Err(format!("{}: Rust hashes {}, Java {}", name, hash, case.field("hash").str()));
                    }
                    let file = format!("samples/{}-{}", self.contract, self.index);
                    let Some(binary) = case.get("binary") else {
                        // Java refuses to write it: so does Rust, with Java's words.
                        let java = case.field("payloadError").str();
                        return match built.to_json() {
                            Err(e) if e.to_string() == java => Ok(false),
                            Err(e) => Err(format!("{}: Rust refuses with '{}', Java '{}'", name, e, java)),
                            Ok(_) => Err(format!("{}: Rust writes what Java refuses: {}", name, java)),
                        };
                    };
                    let java_binary = unhex(binary.str());
                    let java_json = case.field("json").str();
                    let read = C::from_binary(&java_binary)
                        .map_err(|e| format!("{}: Java's binary payload refused: {}", name, e))?;
                    let again = read.value.to_binary().map_err(|e| e.to_string())?;
                    if again != java_binary {
                        return Err(format!("{}: Java's binary payload reads and writes back otherwise", name));
                    }
                    let written = built.to_binary().map_err(|e| e.to_string())?;
                    if written != java_binary {
                        return Err(format!("{}: built from its value, Rust writes other bytes than Java", name));
                    }
                    let from_json = C::from_json(java_json.as_bytes())
                        .map_err(|e| format!("{}: Java's JSON payload refused: {}", name, e))?;
                    if from_json.value.to_binary().map_err(|e| e.to_string())? != java_binary {
                        return Err(format!("{}: its JSON and binary payloads read as other values", name));
                    }
                    let text = built.to_json().map_err(|e| e.to_string())?;
                    if text != java_json {
                        return Err(format!("{}: Rust writes the JSON\n{}\nJava\n{}", name, text, java_json));
                    }
                    write_out(&format!("{}.binpb", file), &written);
                    write_out(&format!("{}.json", file), text.as_bytes());
                    Ok(true)
                }
            }
        }
    };
}

samples_of!(core_contracts, core_samples);
samples_of!(quickstart_contracts, quickstart_samples);

#[test]
fn every_sample_round_trips_between_java_and_rust() {
    let text = String::from_utf8(read("java-contract-vectors.json")).expect("UTF-8");
    let vectors = vectors::parse(&text).expect("the contract vectors");
    let mut failures = Vec::new();
    let (mut written, mut refused) = (0, 0);
    for contract in vectors.field("contracts").items() {
        let set = contract.field("contractSet").str();
        let name = contract.field("contract").str();
        for (index, case) in contract.field("cases").items().iter().enumerate() {
            let outcome = match set {
                "core" => core::visit_contract(name, core_samples::Sample { contract: name, index, case }),
                "quickstart" => quick::visit_contract(
                    name,
                    quickstart_samples::Sample { contract: name, index, case },
                ),
                other => panic!("no module for contract set {}", other),
            };
            match outcome {
                None => failures.push(format!("{}: not a contract of the {} module", name, set)),
                Some(Ok(true)) => written += 1,
                Some(Ok(false)) => refused += 1,
                Some(Err(problem)) => failures.push(format!("{}: {}", name, problem)),
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    // Every contract has valid samples: hash fields hold digests.
    assert!(written > 100, "{} samples written, {} refused", written, refused);
    println!("{} samples read, written back and written from their values; {} refused as Java refuses them", written, refused);
}

// ------------------------------------------------------------------------------------------
// the sealed run

#[test]
fn the_sealed_run_reads_and_writes_back_byte_for_byte_and_hashes_as_recorded() {
    use core::payload::PayloadContract;
    let binary = read("runtime/run/package.binpb");
    let package = core::ExecutionPackage::from_binary(&binary).expect("package.binpb").value;
    assert_eq!(package.to_binary().expect("valid"), binary);
    let json = read("runtime/run/package.json");
    let from_json = core::ExecutionPackage::from_json(&json).expect("package.json");
    assert_eq!(from_json.value, package, "package.json and package.binpb hold one package");
    assert_eq!(from_json.value.to_json().expect("valid").into_bytes(), json);
    assert_eq!(package.hash().expect("hash"), package.package_fingerprint);

    let policy_json = read("runtime/run/policy.json");
    let policy = core::CompiledExecutionPolicy::from_json(&policy_json).expect("policy.json");
    assert_eq!(policy.value.to_json().expect("valid").into_bytes(), policy_json);
    assert_eq!(policy.value.hash().expect("hash"), policy.value.policy_fingerprint);
    let calibration_json = read("runtime/run/calibration.json");
    let calibration = core::CalibrationResult::from_json(&calibration_json).expect("calibration");
    assert_eq!(
        core::payload::to_json(&calibration.value, &calibration.unknown_json)
            .expect("valid")
            .into_bytes(),
        calibration_json
    );
    // The records' binary form, read back to the same value.
    let policy_binary = policy.value.to_binary().expect("valid");
    let back = core::CompiledExecutionPolicy::from_binary(&policy_binary).expect("binary");
    assert_eq!(back.value, policy.value);

    let mut checked = 0;
    for bundle in bundles() {
        let dir = format!("runtime/run/bundles/{}", bundle);
        let fingerprint_json = read(&format!("{}/fingerprint.json", dir));
        let identity_json = read(&format!("{}/identity.json", dir));
        let fingerprint = core::PlanFingerprint::from_json(&fingerprint_json)
            .expect("fingerprint.json")
            .value;
        let identity = core::PlanIdentity::from_json(&identity_json)
            .expect("identity.json")
            .value;
        assert_eq!(fingerprint.to_json().expect("valid").into_bytes(), fingerprint_json);
        assert_eq!(identity.to_json().expect("valid").into_bytes(), identity_json);
        let hash = fingerprint.hash().expect("hash");
        assert_eq!(identity.plan_fingerprint, hash, "{}", bundle);
        assert_eq!(package.plan_bundle_fingerprints.get(&bundle), Some(&hash), "{}", bundle);
        let plan = read(&format!("{}/substrait.binpb", dir));
        assert_eq!(core::canonical::sha256::hex(&plan), fingerprint.substrait_hash);
        checked += 1;
    }
    assert!(checked >= 3, "{} bundles", checked);
}

// ------------------------------------------------------------------------------------------
// the version gate, strictness, older versions

#[test]
fn the_version_gate_names_both_contracts_as_java_does() {
    use core::payload::{PayloadContract, PayloadErrorKind};
    let bundle = bundles().into_iter().next().expect("a bundle");
    let fingerprint = read(&format!("runtime/run/bundles/{}/fingerprint.json", bundle));
    let error = core::ExecutionPackage::from_json(&fingerprint).unwrap_err();
    assert!(matches!(error.kind, PayloadErrorKind::Version { .. }));
    let expected = format!(
        "cannot read execution_package: this build reads execution_package version 1 (schema \
         {}), but the payload is plan_fingerprint version 1 (schema {})",
        &core::ExecutionPackage::SCHEMA_FINGERPRINT[..12],
        &core::PlanFingerprint::SCHEMA_FINGERPRINT[..12]
    );
    assert_eq!(error.to_string(), expected);
    // The same in binary: a package's envelope around a fingerprint's body.
    let sealed = core::PlanFingerprint::from_json(&fingerprint).expect("fingerprint").value;
    let binary = sealed.to_binary().expect("valid");
    assert_eq!(core::ExecutionPackage::from_binary(&binary).unwrap_err().to_string(), expected);
}

#[test]
fn a_strict_contract_refuses_unknown_fields_and_a_forward_compatible_one_keeps_them() {
    use core::payload::PayloadContract;
    use core::wire::{Message, UnknownValue};
    let mut diagnostics = core::CacheDiagnostics::default();
    diagnostics.unknown_fields.push(7, UnknownValue::Varint(3));
    let mut package = core::ExecutionPackage {
        cache_diagnostics: Some(diagnostics.clone()),
        ..Default::default()
    };
    // Forward compatible: kept, and written back after the known fields.
    let kept = core::CacheDiagnostics::from_binary(&diagnostics.to_binary().expect("valid"))
        .expect("kept")
        .value;
    assert_eq!(kept, diagnostics);
    assert!(kept.encode().ends_with(&[0x38, 0x03]));
    // Strict, wherever the unknown field is: named by its place, as Java names it.
    let error = core::ExecutionPackage::from_binary(&package.to_binary().expect("valid"));
    assert_eq!(
        error.unwrap_err().to_string(),
        "cannot read execution_package field cache_diagnostics.#7: unknown field (a newer \
         writer?); execution_package is strict and refuses fields it does not declare"
    );
    package.unknown_fields.push(99, UnknownValue::Varint(1));
    let error = core::ExecutionPackage::from_binary(&package.to_binary().expect("valid"));
    assert!(error
        .unwrap_err()
        .to_string()
        .starts_with("cannot read execution_package field #99: unknown field"));
}

#[test]
fn older_versions_are_accepted_as_the_lock_released_them() {
    use quick::payload::PayloadContract;
    let info = quick::CrawlReport::INFO;
    assert_eq!(info.version, 2);
    let released: Vec<i32> = info.released.iter().map(|r| r.version).collect();
    assert_eq!(released, vec![1]);
    assert!(info.accepted.is_empty(), "by default only this version, as Java");
    assert_eq!(
        info.accepting(&[2]).unwrap_err(),
        "crawl_report is at version 2: only older versions can be accepted, not 2"
    );
    assert_eq!(
        info.accepting(&[0]).unwrap_err(),
        "crawl_report version 0 was never released: the lock this module was generated with has \
         versions 1"
    );
    // A payload of version 1: refused by default, read by a reader that accepts version 1.
    let text = String::from_utf8(read("java-contract-vectors.json")).expect("UTF-8");
    let vectors = vectors::parse(&text).expect("vectors");
    let sample = vectors
        .field("contracts")
        .items()
        .iter()
        .find(|c| c.field("contract").str() == "crawl_report")
        .expect("crawl_report samples");
    let current = sample.field("cases").items()[0].field("json").str();
    let v1 = &info.released[0];
    let older = current
        .replace("\"version\": 2", "\"version\": 1")
        .replace(info.schema_fingerprint, v1.schema_fingerprint());
    let error = quick::CrawlReport::from_json(older.as_bytes()).unwrap_err();
    assert!(error.to_string().contains("this build reads crawl_report version 2"), "{}", error);
    let accepting = info.accepting(&[1]).expect("version 1 was released");
    let read = quick::payload::from_json::<quick::CrawlReport>(&accepting, older.as_bytes());
    match read {
        Ok(decoded) => assert_eq!(decoded.version.older().map(|v| v.version), Some(1)),
        // Version 1 may lack a field version 2 requires: then the error names it.
        Err(e) => assert!(e.field.is_some(), "{}", e),
    }
}

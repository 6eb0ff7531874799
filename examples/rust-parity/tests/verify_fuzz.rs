#![deny(warnings)]
//! The generated decoders and `codeanatomy-verify` under the seeded mutation fuzzer, on every real
//! payload kind of a run the main job wrote (`RustVerifyTest` writes it; `CODEANATOMY_VERIFY_RUN`
//! names the folder): the package (JSON and protobuf), a plan fingerprint and identity (JSON and
//! protobuf), the compiled policy and the calibration (JSON and canonical MessagePack). 10,000
//! mutations each (truncations, bit flips, changed, inserted, deleted and duplicated bytes,
//! oversized lengths, deep nesting, huge numbers). For each:
//!
//! - the decoder never panics and never holds more than 64 bytes per input byte plus 64 KiB at
//!   once (no length or count from the input is trusted for an allocation);
//! - no mutated payload passes verify: it is refused, or not as the writer writes it (both are
//!   problems of `codeanatomy-verify`), or put in its place in the run, with `run.json` re-sealed
//!   for it so that the file hashes do not catch it, the run verifies with a problem. The one
//!   payload verified without re-sealing is the calibration: its arithmetic is recomputed by the
//!   Java verify only (listed `unchecked:` by the Rust one), so only `run.json` protects it here.
//!   An identity whose mutation changes only a scan unit's table factory is counted apart: the
//!   factories are outside every hash (listed `unchecked:` by both verifiers).

#[path = "runtime/alloc.rs"]
mod alloc;
#[path = "runtime/mutate.rs"]
mod mutate;

use codeanatomy_rust_parity::core_contracts as core;
use codeanatomy_rust_parity::verify;
use core::canonical::sha256;
use core::payload::{self, PayloadContract};
use mutate::{Format, Rng, KINDS};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const MUTATIONS: usize = 10_000;

fn run_dir() -> PathBuf {
    match std::env::var("CODEANATOMY_VERIFY_RUN") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/verify/run"),
    }
}

/// Every file of the run, by relative name.
fn load(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("the run folder") {
        let entry = entry.expect("an entry");
        let name = format!("{}{}", prefix, entry.file_name().to_string_lossy());
        if entry.file_type().expect("a type").is_dir() {
            load(&entry.path(), &format!("{}/", name), files);
        } else {
            files.insert(name, std::fs::read(entry.path()).expect("a file"));
        }
    }
}

/// What a mutated payload reads as.
enum Read {
    /// The reader refuses it.
    Refused,
    /// Read, but the writer writes its values as other bytes: verify reports it.
    NotAsWritten,
    /// Read and as written: the bytes the run's file would hold with it.
    File(Vec<u8>),
}

fn json_payload<T: PayloadContract>(bytes: &[u8]) -> Read {
    match T::from_json(bytes) {
        Err(_) => Read::Refused,
        Ok(read) => match payload::to_json(&read.value, &read.unknown_json) {
            Ok(text) if text.as_bytes() == bytes => Read::File(bytes.to_vec()),
            _ => Read::NotAsWritten,
        },
    }
}

/// A binary payload; the run holds its JSON form (except the package, which it holds in both).
fn binary_payload<T: PayloadContract>(bytes: &[u8], run_holds_binary: bool) -> Read {
    match T::from_binary(bytes) {
        Err(_) => Read::Refused,
        Ok(read) => match payload::to_binary(&read.value, &read.unknown_values) {
            Ok(again) if again == bytes && run_holds_binary => Read::File(again),
            Ok(again) if again == bytes => match payload::to_json(&read.value, &[]) {
                Ok(text) => Read::File(text.into_bytes()),
                Err(_) => Read::NotAsWritten,
            },
            _ => Read::NotAsWritten,
        },
    }
}

/// One payload kind under the fuzzer.
struct Kind {
    name: &'static str,
    /// The run's file the payload stands for.
    file: String,
    format: Format,
    seed: Vec<u8>,
    read: Box<dyn Fn(&[u8]) -> Read>,
    /// Whether `run.json` is re-sealed for the mutated file before verifying.
    reseal: bool,
}

/// An identity that differs from `original` only in its scan units' table factories.
fn only_factories_differ(original: &[u8], mutated: &[u8]) -> bool {
    let read = |bytes: &[u8]| core::PlanIdentity::from_json(bytes).ok().map(|d| d.value);
    let (Some(mut a), Some(mut b)) = (read(original), read(mutated)) else {
        return false;
    };
    let tables = |units: &[String]| -> Vec<String> {
        units
            .iter()
            .map(|u| u.split_once(':').map_or(u.clone(), |(_, t)| t.to_string()))
            .collect()
    };
    a.scan_units = tables(&a.scan_units);
    b.scan_units = tables(&b.scan_units);
    a == b
}

fn kinds(run: &BTreeMap<String, Vec<u8>>) -> Vec<Kind> {
    let bundle = run
        .keys()
        .find_map(|f| f.strip_prefix("bundles/").and_then(|r| r.split_once('/')))
        .map(|(folder, _)| folder.to_string())
        .expect("a bundle");
    let fingerprint = format!("bundles/{}/fingerprint.json", bundle);
    let identity = format!("bundles/{}/identity.json", bundle);
    let file = |name: &str| run.get(name).cloned().expect(name);
    let binary_of = |name: &str| -> Vec<u8> {
        fn to_binary<T: PayloadContract>(json: &[u8]) -> Vec<u8> {
            let read = T::from_json(json).expect("the run's payload");
            payload::to_binary(&read.value, &read.unknown_values).expect("valid")
        }
        let json = file(name);
        match name {
            n if n.ends_with("fingerprint.json") => to_binary::<core::PlanFingerprint>(&json),
            n if n.ends_with("identity.json") => to_binary::<core::PlanIdentity>(&json),
            "policy.json" => to_binary::<core::CompiledExecutionPolicy>(&json),
            "calibration.json" => to_binary::<core::CalibrationResult>(&json),
            other => panic!("no binary form for {}", other),
        }
    };
    let kind = |name, file: &str, format, seed, reseal, read: Box<dyn Fn(&[u8]) -> Read>| Kind {
        name,
        file: file.to_string(),
        format,
        seed,
        read,
        reseal,
    };
    vec![
        kind(
            "execution_package JSON",
            "package.json",
            Format::Json,
            file("package.json"),
            true,
            Box::new(json_payload::<core::ExecutionPackage>),
        ),
        kind(
            "execution_package protobuf",
            "package.binpb",
            Format::Wire,
            file("package.binpb"),
            true,
            Box::new(|b| binary_payload::<core::ExecutionPackage>(b, true)),
        ),
        kind(
            "plan_fingerprint JSON",
            &fingerprint,
            Format::Json,
            file(&fingerprint),
            true,
            Box::new(json_payload::<core::PlanFingerprint>),
        ),
        kind(
            "plan_fingerprint protobuf",
            &fingerprint,
            Format::Wire,
            binary_of(&fingerprint),
            true,
            Box::new(|b| binary_payload::<core::PlanFingerprint>(b, false)),
        ),
        kind(
            "plan_identity JSON",
            &identity,
            Format::Json,
            file(&identity),
            true,
            Box::new(json_payload::<core::PlanIdentity>),
        ),
        kind(
            "plan_identity protobuf",
            &identity,
            Format::Wire,
            binary_of(&identity),
            true,
            Box::new(|b| binary_payload::<core::PlanIdentity>(b, false)),
        ),
        kind(
            "compiled_execution_policy JSON",
            "policy.json",
            Format::Json,
            file("policy.json"),
            true,
            Box::new(json_payload::<core::CompiledExecutionPolicy>),
        ),
        kind(
            "compiled_execution_policy MessagePack",
            "policy.json",
            Format::MsgPack,
            binary_of("policy.json"),
            true,
            Box::new(|b| binary_payload::<core::CompiledExecutionPolicy>(b, false)),
        ),
        kind(
            "calibration_result JSON",
            "calibration.json",
            Format::Json,
            file("calibration.json"),
            false,
            Box::new(json_payload::<core::CalibrationResult>),
        ),
        kind(
            "calibration_result MessagePack",
            "calibration.json",
            Format::MsgPack,
            binary_of("calibration.json"),
            false,
            Box::new(|b| binary_payload::<core::CalibrationResult>(b, false)),
        ),
    ]
}

/// The run with `content` in place of `file`; `run.json` re-sealed for it when `reseal`.
fn with_file(
    run: &BTreeMap<String, Vec<u8>>,
    file: &str,
    content: Vec<u8>,
    reseal: bool,
) -> BTreeMap<String, Vec<u8>> {
    let mut files = run.clone();
    if reseal {
        let before = sha256::hex(&run[file]);
        let manifest = String::from_utf8(run["run.json"].clone()).expect("UTF-8");
        assert!(manifest.contains(&before), "run.json lists {}", file);
        let after = manifest.replace(&before, &sha256::hex(&content));
        files.insert("run.json".to_string(), after.into_bytes());
    }
    files.insert(file.to_string(), content);
    files
}

#[derive(Default)]
struct Counts {
    unchanged: usize,
    refused: usize,
    not_as_written: usize,
    caught_by_verify: usize,
    factories_only: usize,
}

fn fuzz(run: &BTreeMap<String, Vec<u8>>, kind: &Kind, seed: u64) -> Result<Counts, Vec<String>> {
    // Read once first, so that caches filled on first use are not counted as allocations.
    assert!(
        matches!((kind.read)(&kind.seed), Read::File(_)),
        "{}: the unmutated payload does not read as written",
        kind.name
    );
    let intact = verify::verify_files(run.clone());
    assert!(intact.intact(), "the run itself: {:?}", intact.problems);
    let mut digests = verify::Digests::default();
    let mut rng = Rng::new(seed);
    let mut tried = [0usize; KINDS.len()];
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    for i in 0..MUTATIONS {
        let (mutated, which) = mutate::mutate(&kind.seed, kind.format, &mut rng);
        tried[which] += 1;
        if mutated == kind.seed {
            counts.unchanged += 1;
            continue;
        }
        let (outcome, peak) =
            alloc::peak_bytes(|| catch_unwind(AssertUnwindSafe(|| (kind.read)(&mutated))));
        let limit = 64 * mutated.len() + (64 << 10);
        if peak > limit {
            failures.push(format!(
                "mutation {} ({}): {} bytes allocated for {} input bytes",
                i,
                KINDS[which],
                peak,
                mutated.len()
            ));
        }
        match outcome {
            Err(_) => failures.push(format!("mutation {} ({}) panicked", i, KINDS[which])),
            Ok(Read::Refused) => counts.refused += 1,
            Ok(Read::NotAsWritten) => counts.not_as_written += 1,
            Ok(Read::File(content)) => {
                let files = with_file(run, &kind.file, content.clone(), kind.reseal);
                let verification = catch_unwind(AssertUnwindSafe(|| {
                    verify::verify_files_with(files, &mut digests)
                }));
                match verification {
                    Err(_) => failures.push(format!("mutation {}: verify panicked", i)),
                    Ok(v) if !v.intact() => counts.caught_by_verify += 1,
                    Ok(_)
                        if kind.file.ends_with("identity.json")
                            && only_factories_differ(&run[&kind.file], &content) =>
                    {
                        counts.factories_only += 1
                    }
                    Ok(_) => failures.push(format!(
                        "mutation {} ({}) passes verify:\n{}",
                        i,
                        KINDS[which],
                        String::from_utf8_lossy(&content)
                    )),
                }
            }
        }
    }
    for (name, count) in KINDS.iter().zip(tried) {
        assert!(
            count > MUTATIONS / 20,
            "{}: '{}' tried {} times",
            kind.name,
            name,
            count
        );
    }
    if failures.is_empty() {
        Ok(counts)
    } else {
        Err(failures)
    }
}

#[test]
fn no_mutated_payload_of_any_kind_panics_overallocates_or_passes_verify() {
    let mut run = BTreeMap::new();
    load(&run_dir(), "", &mut run);
    let mut failures = Vec::new();
    for (index, kind) in kinds(&run).iter().enumerate() {
        match fuzz(&run, kind, 0x7e51_f1ed_0000 + index as u64) {
            Ok(c) => println!(
                "{}: {} mutations: {} refused, {} read but not as written, {} as written and \
                 caught by verify, {} changing only scan-unit factories, {} unchanged",
                kind.name,
                MUTATIONS,
                c.refused,
                c.not_as_written,
                c.caught_by_verify,
                c.factories_only,
                c.unchanged
            ),
            Err(found) => failures.push(format!(
                "{}: {} failures, the first:\n{}",
                kind.name,
                found.len(),
                found.iter().take(3).cloned().collect::<Vec<_>>().join("\n")
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

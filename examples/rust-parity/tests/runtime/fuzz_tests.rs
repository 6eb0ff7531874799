//! Every reader under the seeded mutation fuzzer, on the real payloads of the run: 10,000
//! mutations each (truncations, bit flips, changed, inserted, deleted and duplicated bytes,
//! oversized lengths, deep nesting, huge numbers). For each: no panic; no more memory held at
//! once than 64 bytes per input byte plus 64 KiB (a length or count from the input is never
//! trusted for an allocation); and the input is refused, or read to a value that writes back to
//! the same bytes (canonical MessagePack, where one value has one encoding), or to a value whose
//! writing reads back to itself and writes again unchanged (protobuf and JSON, which accept
//! several spellings of one value: those are counted, and the unmutated payloads are written back
//! byte for byte by the other tests).

use crate::alloc;
use crate::dynamic::{self, Msg};
use crate::json;
use crate::msgpack;
use crate::mutate::{self, Format, Rng, KINDS};
use crate::payload;
use crate::payload_tests::read_and_write_json;
use crate::schemas;
use crate::support::{self, hex, unhex};
use std::panic::{catch_unwind, AssertUnwindSafe};

const MUTATIONS: usize = 10_000;

/// What a run of the fuzzer found.
struct Report {
    accepted: usize,
    identical: usize,
}

/// Mutates `seeds` in turn; `read` is the reader under test (given the seed's index and the
/// mutated bytes; its allocations are measured), `check` checks what it read: `Ok(true)` when
/// written back identically.
fn fuzz<T>(
    name: &str,
    seeds: &[Vec<u8>],
    format: Format,
    seed: u64,
    read: impl Fn(usize, &[u8]) -> Option<T>,
    check: impl Fn(&[u8], T) -> Result<bool, String>,
) -> Report {
    // Each seed read once first, so that caches filled on first use (the manifest, the JSON
    // names of the schemas) are not counted as the reader's allocations.
    for (which, input) in seeds.iter().enumerate() {
        assert!(
            read(which, input).is_some(),
            "{}: seed {} is not read",
            name,
            which
        );
    }
    let mut rng = Rng::new(seed);
    let mut tried = [0usize; KINDS.len()];
    let mut failures = Vec::new();
    let mut report = Report {
        accepted: 0,
        identical: 0,
    };
    for i in 0..MUTATIONS {
        let which = i % seeds.len();
        let (mutated, kind) = mutate::mutate(&seeds[which], format, &mut rng);
        tried[kind] += 1;
        let (outcome, peak) =
            alloc::peak_bytes(|| catch_unwind(AssertUnwindSafe(|| read(which, &mutated))));
        let limit = 64 * mutated.len() + (64 << 10);
        if peak > limit {
            failures.push(format!(
                "mutation {} ({}): {} bytes allocated for {} input bytes",
                i,
                KINDS[kind],
                peak,
                mutated.len()
            ));
        }
        let value = match outcome {
            Err(_) => {
                failures.push(format!(
                    "mutation {} ({}) panicked: {}",
                    i,
                    KINDS[kind],
                    hex(&mutated[..mutated.len().min(200)])
                ));
                continue;
            }
            Ok(None) => continue,
            Ok(Some(value)) => value,
        };
        report.accepted += 1;
        match catch_unwind(AssertUnwindSafe(|| check(&mutated, value))) {
            Ok(Ok(identical)) => report.identical += usize::from(identical),
            Ok(Err(problem)) => {
                failures.push(format!("mutation {} ({}): {}", i, KINDS[kind], problem))
            }
            Err(_) => failures.push(format!(
                "mutation {} ({}): the check panicked",
                i, KINDS[kind]
            )),
        }
    }
    for (kind, count) in KINDS.iter().zip(tried) {
        assert!(
            count > MUTATIONS / 20,
            "{}: '{}' tried {} times",
            name,
            kind,
            count
        );
    }
    assert!(
        failures.is_empty(),
        "{}: {} failures, the first:\n{}",
        name,
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    println!(
        "{}: {} mutations, {} read, {} of them written back identically",
        name, MUTATIONS, report.accepted, report.identical
    );
    report
}

fn bundles() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(support::runtime_dir().join("run/bundles"))
        .expect("bundles")
        .map(|e| e.expect("entry").file_name().into_string().expect("name"))
        .collect();
    names.sort();
    names
}

/// Checks that a message read from mutated bytes writes back to bytes that read as itself.
fn wire_fuzz(name: &str, schema: &'static dynamic::MessageSchema, seeds: &[Vec<u8>], seed: u64) {
    let report = fuzz(
        name,
        seeds,
        Format::Wire,
        seed,
        |_, input| dynamic::decode(schema, schemas::message, input).ok(),
        |input, message: Msg| {
            let bytes = dynamic::encode(schema, schemas::message, &message);
            let again = dynamic::decode(schema, schemas::message, &bytes)
                .map_err(|e| format!("its own writing is refused: {}", e))?;
            if again != message {
                return Err("its writing reads back as another message".to_string());
            }
            if dynamic::encode(schema, schemas::message, &again) != bytes {
                return Err("writing it twice gives other bytes".to_string());
            }
            Ok(bytes == input)
        },
    );
    assert!(
        report.accepted > 100,
        "{}: some mutations stay protobuf",
        name
    );
}

/// The protobuf reader on the sealed package's body, read as `execution_package`.
#[test]
fn fuzz_the_wire_reader_on_the_package() {
    let info = schemas::contract_info("execution_package");
    let sealed = support::read("run/package.binpb");
    let (body, _) = payload::read_binary(&info, &sealed).expect("the sealed package");
    wire_fuzz(
        "protobuf (execution_package)",
        &schemas::EXECUTION_PACKAGE,
        &[body.to_vec()],
        0x77697265,
    );
}

/// The protobuf reader on the Substrait plans of the run, read as messages of unknown type
/// (every field kept as it came).
#[test]
fn fuzz_the_wire_reader_on_substrait_plans() {
    let mut seeds = Vec::new();
    for bundle in bundles() {
        let plan = support::read(&format!("run/bundles/{}/substrait.binpb", bundle));
        if plan.len() <= 8 << 10 {
            seeds.push(plan);
        }
    }
    assert!(!seeds.is_empty(), "a plan of at most 8 KiB");
    wire_fuzz(
        "protobuf (Substrait plans)",
        &schemas::OPAQUE,
        &seeds,
        0x5b57,
    );
}

/// The canonical MessagePack reader: the hashed form of every payload of the run.
#[test]
fn fuzz_the_canonical_messagepack_reader() {
    let bodies = support::read_json("canonical-bodies.json");
    let seeds: Vec<Vec<u8>> = bodies
        .as_object()
        .expect("object")
        .iter()
        .map(|(_, v)| unhex(v.as_str().expect("hex")))
        .collect();
    assert!(seeds.len() >= 5);
    let report = fuzz(
        "canonical MessagePack",
        &seeds,
        Format::MsgPack,
        0x6d7367,
        |_, input| msgpack::decode(input).ok(),
        |input, value| match value.to_bytes() {
            Ok(bytes) if bytes == input => Ok(true),
            Ok(bytes) => Err(format!("read {} and wrote {}", hex(input), hex(&bytes))),
            Err(e) => Err(format!("read a value it cannot write: {}", e)),
        },
    );
    assert!(report.accepted > 100, "some mutations stay canonical");
    assert_eq!(report.identical, report.accepted);
}

/// The JSON payloads of the run, read as the Java readers read them (envelope, version gate,
/// every field, the hash rules).
#[test]
fn fuzz_the_json_payload_readers() {
    let first = bundles().into_iter().next().expect("a bundle");
    let files = [
        ("run/package.json".to_string(), "execution_package"),
        ("run/policy.json".to_string(), "compiled_execution_policy"),
        ("run/calibration.json".to_string(), "calibration_result"),
        (
            format!("run/bundles/{}/fingerprint.json", first),
            "plan_fingerprint",
        ),
        (
            format!("run/bundles/{}/identity.json", first),
            "plan_identity",
        ),
    ];
    let seeds: Vec<Vec<u8>> = files.iter().map(|(file, _)| support::read(file)).collect();
    let report = fuzz(
        "JSON payloads",
        &seeds,
        Format::Json,
        0x6a736f6e,
        |which, input| {
            let contract = files[which].1;
            read_and_write_json(contract, input)
                .ok()
                .map(|text| (contract, text))
        },
        |input, (contract, text): (&str, String)| {
            let again = read_and_write_json(contract, text.as_bytes())
                .map_err(|e| format!("its own writing is refused: {}", e))?;
            if again != text {
                return Err("writing it twice gives other text".to_string());
            }
            Ok(text.as_bytes() == input)
        },
    );
    assert!(report.accepted > 100, "some mutations stay readable");
}

/// The JSON reader alone: whatever it reads, its writing reads back to the same tree.
#[test]
fn fuzz_the_json_reader() {
    let seeds = vec![
        support::read("run/package.json"),
        support::read("run/lineage.json"),
        support::read("run/run.json"),
    ];
    fuzz(
        "JSON",
        &seeds,
        Format::Json,
        0x7472,
        |_, input| json::parse(input).ok().map(|tree| tree.into_owned()),
        |input, tree| {
            let text = json::to_pretty_string(&tree) + "\n";
            let again = json::parse(text.as_bytes())
                .map_err(|e| format!("its own writing is refused: {}", e))?;
            if again != tree {
                return Err("its writing reads back as another tree".to_string());
            }
            Ok(text.as_bytes() == input)
        },
    );
}

/// The envelopes and the version gate, JSON and binary, on the sealed package: whatever passes
/// the gate names this contract, version and schema, and wraps back to itself.
#[test]
fn fuzz_the_envelopes_and_the_version_gate() {
    let info = schemas::contract_info("execution_package");
    let seeds = vec![
        support::read("run/package.json"),
        support::read("run/package.binpb"),
    ];
    let is_json = |input: &[u8]| input.first() == Some(&b'{');
    let report = fuzz(
        "envelopes",
        &seeds,
        Format::Wire,
        0x656e76,
        |_, input| {
            if is_json(input) {
                payload::read_json(&info, input)
                    .ok()
                    .map(|(p, _)| payload::write_json(&info, p).into_bytes())
            } else {
                payload::read_binary(&info, input)
                    .ok()
                    .map(|(body, _)| payload::write_binary(&info, body))
            }
        },
        |input, written| {
            if is_json(input) {
                let envelope = payload::parse_json_envelope(info.name, input)
                    .map_err(|e| format!("passed the gate, then refused: {}", e))?;
                if envelope.contract != info.name
                    || envelope.version != info.version
                    || envelope.schema_fingerprint != info.schema_fingerprint
                {
                    return Err("passed the gate with another contract, version or schema".into());
                }
                let (payload_json, _) = payload::read_json(&info, &written)
                    .map_err(|e| format!("its own writing is refused: {}", e))?;
                if payload_json != envelope.payload {
                    return Err("its writing reads back as another payload".into());
                }
            } else {
                let envelope = payload::parse_binary_envelope(info.name, input)
                    .map_err(|e| format!("passed the gate, then refused: {}", e))?;
                if envelope.contract != info.name
                    || envelope.version != info.version
                    || envelope.schema_fingerprint != info.schema_fingerprint
                {
                    return Err("passed the gate with another contract, version or schema".into());
                }
                let (body, _) = payload::read_binary(&info, &written)
                    .map_err(|e| format!("its own writing is refused: {}", e))?;
                if body != envelope.body {
                    return Err("its writing reads back as another body".into());
                }
            }
            Ok(written == input)
        },
    );
    assert!(report.accepted > 100, "some mutations pass the gate");
}

//! Reading throughput of the Rust runtime (release build), for docs/benchmarks.md: each reader
//! on real payloads, and decode + verify of the sealed execution package and of the largest
//! TPC-DS plan bundle, each against raw SHA-256 over the same bytes. Std only: the timer is
//! `Instant`; each figure is the fastest of 15 batches of about 20 ms after a warm-up batch (the
//! fastest batch is the one other processes on the machine disturbed least), and each reader is
//! timed right after SHA-256 over its bytes, so the fraction compares like with like.
//!
//! Data: the run the Maven build writes (`target/parity/runtime/run`) and the largest TPC-DS
//! bundle `BenchFixtures` writes (`target/parity/bench/tpcds`); `CODEANATOMY_PARITY_DIR`
//! overrides `target/parity`. Run: `cargo run --release --offline --example read_bench`.

#![deny(warnings)]

use codeanatomy_rust_parity::core_contracts::payload::PayloadContract;
use codeanatomy_rust_parity::core_contracts::{
    canonical::sha256, json, msgpack, payload, wire::Message, ExecutionPackage, PlanFingerprint,
    PlanIdentity,
};
use codeanatomy_rust_parity::verify;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

/// Nanoseconds per call of `work`: the fastest of 15 batches, after a warm-up batch, each
/// batch long enough (about 20 ms) to dwarf the timer.
fn nanos_per_op<F: FnMut()>(mut work: F) -> f64 {
    let start = Instant::now();
    let mut iterations = 0u32;
    while start.elapsed().as_millis() < 20 {
        work();
        iterations += 1;
    }
    (0..15)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                work();
            }
            start.elapsed().as_nanos() as f64 / f64::from(iterations)
        })
        .fold(f64::INFINITY, f64::min)
}

fn dir() -> PathBuf {
    match std::env::var("CODEANATOMY_PARITY_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/parity"),
    }
}

fn read(path: &str) -> Vec<u8> {
    let file = dir().join(path);
    std::fs::read(&file).unwrap_or_else(|e| {
        panic!(
            "{}: {} (the Maven build writes runtime/run; BenchFixtures writes bench/tpcds)",
            file.display(),
            e
        )
    })
}

/// One line: what, how many bytes, the time, the throughput, raw SHA-256 over the same bytes.
fn report(name: &str, bytes: usize, ns: f64, sha_ns: f64) {
    let mb = bytes as f64 / 1_048_576.0;
    println!(
        "{:<44} {:>6} B {:>9.2} us {:>8.1} MiB/s  sha256 {:>7.1} MiB/s  fraction {:.2}",
        name,
        bytes,
        ns / 1e3,
        mb / (ns / 1e9),
        mb / (sha_ns / 1e9),
        sha_ns / ns
    );
}

fn sha_ns(parts: &[&[u8]]) -> f64 {
    nanos_per_op(|| {
        for part in parts {
            black_box(sha256::digest(black_box(part)));
        }
    })
}

fn main() {
    // --- the sealed execution package (binary) ---
    let package = read("runtime/run/package.binpb");
    let raw = sha_ns(&[&package]);
    let (body, _) = payload::read_binary(&ExecutionPackage::INFO, &package).expect("the package");
    let decode = nanos_per_op(|| {
        black_box(ExecutionPackage::decode(black_box(body)).expect("decode"));
    });
    report(
        "package.binpb: wire decode (body)",
        package.len(),
        decode,
        raw,
    );
    let verify = nanos_per_op(|| {
        let sealed = ExecutionPackage::from_binary(black_box(&package))
            .expect("envelope, gate, decode, hash rules")
            .value;
        assert_eq!(sealed.hash().expect("hash"), sealed.package_fingerprint);
    });
    report("package.binpb: decode + verify", package.len(), verify, raw);
    let sealed = ExecutionPackage::decode(body).expect("decode");
    let hash = nanos_per_op(|| {
        black_box(black_box(&sealed).hash().expect("hash"));
    });
    report(
        "package: its hash alone (generated code)",
        package.len(),
        hash,
        raw,
    );
    let write = nanos_per_op(|| {
        black_box(
            ExecutionPackage::decode(body)
                .expect("decode")
                .to_binary()
                .expect("valid"),
        );
    });
    report(
        "package.binpb: decode + write again",
        package.len(),
        write,
        raw,
    );

    // --- the largest TPC-DS plan bundle ---
    let fingerprint = read("bench/tpcds/fingerprint.json");
    let identity = read("bench/tpcds/identity.json");
    let plan = read("bench/tpcds/substrait.binpb");
    let query = String::from_utf8(read("bench/tpcds/query.txt")).expect("text");
    let total = fingerprint.len() + identity.len() + plan.len();
    let raw = sha_ns(&[&fingerprint, &identity, &plan]);
    let verify = nanos_per_op(|| {
        let f = PlanFingerprint::from_json(&fingerprint)
            .expect("fingerprint.json")
            .value;
        let i = PlanIdentity::from_json(&identity)
            .expect("identity.json")
            .value;
        assert_eq!(sha256::hex(&plan), f.substrait_hash);
        assert_eq!(f.hash().expect("hash"), i.plan_fingerprint);
        black_box(i.hash().expect("hash"));
    });
    report(
        &format!("TPC-DS {} bundle: decode + verify", query.trim()),
        total,
        verify,
        raw,
    );
    let json_only = fingerprint.len() + identity.len();
    let raw_json = sha_ns(&[&fingerprint, &identity]);
    let parse = nanos_per_op(|| {
        black_box(json::parse(black_box(&fingerprint)).expect("JSON"));
        black_box(json::parse(black_box(&identity)).expect("JSON"));
    });
    report(
        "TPC-DS bundle JSON: JSON reader (tree)",
        json_only,
        parse,
        raw_json,
    );
    let mapped = nanos_per_op(|| {
        black_box(PlanFingerprint::from_json(&fingerprint).expect("fingerprint"));
        black_box(PlanIdentity::from_json(&identity).expect("identity"));
    });
    report(
        "TPC-DS bundle JSON: envelope + mapping",
        json_only,
        mapped,
        raw_json,
    );
    // --- canonical MessagePack and JSON on the run's payloads ---
    let bodies = read("runtime/canonical-bodies.json");
    let bodies = json::parse(&bodies).expect("bodies");
    for (file, hex) in bodies.as_object().expect("object") {
        if !matches!(file.as_ref(), "policy.json" | "package.json") {
            continue;
        }
        let text = hex.as_str().expect("hex");
        let bytes: Vec<u8> = (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
            .collect();
        let raw = sha_ns(&[&bytes]);
        let decode = nanos_per_op(|| {
            black_box(msgpack::decode(black_box(&bytes)).expect("canonical"));
        });
        report(
            &format!("{} canonical: MessagePack value", file),
            bytes.len(),
            decode,
            raw,
        );
        let check = nanos_per_op(|| {
            let mut r = msgpack::Reader::new(black_box(&bytes));
            r.skip_value().expect("canonical");
            r.finish().expect("one value");
        });
        report(
            &format!("{} canonical: MessagePack check", file),
            bytes.len(),
            check,
            raw,
        );
    }
    for file in ["package.json", "policy.json"] {
        let bytes = read(&format!("runtime/run/{}", file));
        let raw = sha_ns(&[&bytes]);
        let parse = nanos_per_op(|| {
            black_box(json::parse(black_box(&bytes)).expect("JSON"));
        });
        report(
            &format!("{}: JSON reader (tree)", file),
            bytes.len(),
            parse,
            raw,
        );
    }

    // --- the whole run, as codeanatomy-verify checks it (in memory: no file system) ---
    let mut files = std::collections::BTreeMap::new();
    collect(&dir().join("runtime/run"), "", &mut files);
    let total: usize = files.values().map(Vec::len).sum();
    let parts: Vec<&[u8]> = files.values().map(Vec::as_slice).collect();
    let raw = sha_ns(&parts);
    let verify = nanos_per_op(|| {
        let verification = verify::verify_files(black_box(files.clone()));
        assert!(verification.intact(), "{:?}", verification.problems);
    });
    report("the run: codeanatomy-verify", total, verify, raw);
}

fn collect(
    dir: &std::path::Path,
    prefix: &str,
    files: &mut std::collections::BTreeMap<String, Vec<u8>>,
) {
    for entry in std::fs::read_dir(dir).expect("the run") {
        let entry = entry.expect("an entry");
        let name = format!("{}{}", prefix, entry.file_name().to_string_lossy());
        if entry.file_type().expect("a type").is_dir() {
            collect(&entry.path(), &format!("{}/", name), files);
        } else {
            files.insert(name, std::fs::read(entry.path()).expect("a file"));
        }
    }
}

//! Hashing throughput of the generated Rust module (release build), for docs/benchmarks.md:
//! the settings hash of the largest profile, an execution package's hash, and SHA-256 alone
//! against canonical encoding plus SHA-256 on payloads from 4 KiB up. Std only: the timer is
//! `Instant`, each figure the median of 7 batches.
//!
//! Run: `cargo run --release --example hash_bench` (the Maven build sets `CODEANATOMY_RUST_DIR`;
//! the benchmark harness, `examples/benchmarks`, runs it).

use codeanatomy_rust_parity::core_contracts::canonical::{sha256, Writer};
use codeanatomy_rust_parity::core_contracts::{
    CacheDiagnostics, CodeAnatomyPolicy, ExecutionPackage,
};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

/// Nanoseconds per call of `work`: the median of 7 batches of `iterations` calls.
fn nanos_per_op<F: FnMut()>(iterations: u32, mut work: F) -> f64 {
    for _ in 0..iterations {
        work(); // warm-up
    }
    let mut batches: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                work();
            }
            start.elapsed().as_nanos() as f64 / f64::from(iterations)
        })
        .collect();
    batches.sort_by(|a, b| a.total_cmp(b));
    batches[3]
}

fn hex(seed: u64) -> String {
    format!(
        "{:064x}",
        u128::from(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    )
}

fn main() {
    let large = CodeAnatomyPolicy::profile("large").expect("the large profile");
    let settings = nanos_per_op(2_000, || {
        black_box(black_box(&large).profile_settings_hash());
    });
    println!("settings_hash_large_profile_ns {:.0}", settings);

    let mut views = BTreeMap::new();
    for i in 0..20u64 {
        views.insert(format!("views.view_{:02}", i), hex(100 + i));
    }
    let package = ExecutionPackage {
        manifest_hash: hex(1),
        policy_artifact_hash: hex(2),
        capability_snapshot_hash: String::new(),
        plan_bundle_fingerprints: views,
        session_config_hash: hex(3),
        planning_env_hash: hex(4),
        rulepack_hash: hex(5),
        information_schema_hash: hex(6),
        function_registry_hash: hex(7),
        cache_diagnostics: Some(CacheDiagnostics::default()),
        ..ExecutionPackage::default()
    };
    let package_ns = nanos_per_op(5_000, || {
        black_box(black_box(&package).hash().expect("hash"));
    });
    println!("execution_package_hash_ns {:.0}", package_ns);

    for size in [4_096usize, 65_536, 1_048_576] {
        let payload: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
        let iterations = (64 * 1_048_576 / size) as u32;
        let raw = nanos_per_op(iterations, || {
            black_box(sha256::digest(black_box(&payload)));
        });
        let encoded = nanos_per_op(iterations, || {
            let mut writer = Writer::with_capacity(size + 16);
            writer.write_bin(black_box(&payload));
            black_box(writer.sha256_hex());
        });
        let mb = size as f64 / 1_048_576.0;
        println!(
            "payload_{} raw_sha256_mb_s {:.1} encode_and_hash_mb_s {:.1} fraction {:.3}",
            size,
            mb / (raw / 1e9),
            mb / (encoded / 1e9),
            raw / encoded
        );
    }
}

#![deny(warnings)]
//! Proves by running it that the generated Rust agrees with the Java side: the canonical
//! encoding vectors, SHA-256, and every profile's settings and hashes.
//!
//! The data comes from `CODEANATOMY_PARITY_DIR` (default `target/parity`), which the Maven build
//! fills: `canonical-vectors.json`, `manifests/<set>.manifest.json` (the processor's expected
//! hashes) and `java-settings-vectors.json` (what the generated Java computes at run time).

#[path = "support/json.rs"]
mod json;

use codeanatomy_rust_parity::core_contracts::canonical::{sha256, Writer};
use codeanatomy_rust_parity::core_contracts::CodeAnatomyPolicy;
use codeanatomy_rust_parity::quickstart_contracts::CrawlPolicy;
use codeanatomy_rust_parity::{core_contracts, quickstart_contracts};
use json::Json;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

fn parity_dir() -> PathBuf {
    match std::env::var("CODEANATOMY_PARITY_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/parity"),
    }
}

fn read_json(name: &str) -> Json {
    let path = parity_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {}", path.display(), e));
    json::parse(&text).unwrap_or_else(|e| panic!("{}: {}", path.display(), e))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{:02x}", b);
        s
    })
}

// ------------------------------------------------------------------------------------------
// SHA-256

#[test]
fn sha256_matches_the_fips_180_4_examples() {
    assert_eq!(
        sha256::hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256::hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256::hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(
        sha256::hex(&vec![b'a'; 1_000_000]),
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    );
}

#[test]
fn sha256_handles_every_padding_length() {
    // Messages of 55, 56, 63, 64 and 65 bytes cross the one- and two-block padding boundary.
    let expected = [
        (
            55,
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
        ),
        (
            56,
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
        ),
        (
            63,
            "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
        ),
        (
            64,
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ),
        (
            65,
            "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
        ),
    ];
    for (len, hash) in expected {
        assert_eq!(sha256::hex(&vec![b'a'; len]), hash, "{} bytes of 'a'", len);
    }
}

// ------------------------------------------------------------------------------------------
// canonical encoding vectors

/// Defines `$name`, reading the vector notation of `docs/canonical-encoding.md` into the `Value` of
/// generated module `$module` (each module is self-contained, with its own `Value`).
macro_rules! vector_value_fn {
    ($name:ident, $module:ident) => {
        /// The vector notation of `docs/canonical-encoding.md` as a value; `Err` when the value cannot
        /// exist in Rust at all (an integer beyond 64 bits, a string that is not text).
        fn $name(node: &Json) -> Result<$module::canonical::Value, &'static str> {
            use $module::canonical::Value;
            let (kind, x) = &node.members()[0];
            Ok(match kind.as_str() {
                "nil" => Value::Nil,
                "bool" => Value::Bool(*x == Json::Bool(true)),
                "int" => {
                    let text = x.str();
                    if let Ok(i) = text.parse::<i64>() {
                        Value::Int(i)
                    } else if let Ok(u) = text.parse::<u64>() {
                        Value::UInt(u)
                    } else {
                        return Err("integer_out_of_range");
                    }
                }
                "float" => Value::Float(match x.str() {
                    "NaN" => f64::NAN,
                    "Infinity" => f64::INFINITY,
                    "-Infinity" => f64::NEG_INFINITY,
                    other => other.parse().expect("a float"),
                }),
                "str" => match x {
                    Json::Str(s) => Value::Str(s.clone()),
                    Json::NotText(_) => return Err("unpaired_surrogate"),
                    other => panic!("bad str {:?}", other),
                },
                "str_repeat" => {
                    let count: usize = number(&x.items()[1]);
                    Value::Str(x.items()[0].str().repeat(count))
                }
                "bin" => Value::Bin(unhex(x.str())),
                "bin_repeat" => Value::Bin(unhex(x.items()[0].str()).repeat(number(&x.items()[1]))),
                "array" => Value::Array(x.items().iter().map($name).collect::<Result<_, _>>()?),
                "array_repeat" => {
                    let item = $name(&x.items()[0])?;
                    Value::Array(vec![item; number(&x.items()[1])])
                }
                "map" => Value::Map(
                    x.items()
                        .iter()
                        .map(|pair| {
                            Ok((pair.items()[0].str().to_string(), $name(&pair.items()[1])?))
                        })
                        .collect::<Result<_, _>>()?,
                ),
                other => panic!("unknown vector type {}", other),
            })
        }
    };
}

vector_value_fn!(vector_value, core_contracts);
vector_value_fn!(quickstart_value, quickstart_contracts);

fn number(node: &Json) -> usize {
    match node {
        Json::Number(n) => n.parse().expect("a count"),
        other => panic!("expected a number, got {:?}", other),
    }
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn every_canonical_vector_encodes_to_its_bytes_and_hash() {
    let file = read_json("canonical-vectors.json");
    let vectors = file.field("vectors").items();
    assert!(
        vectors.len() >= 40,
        "at least 40 vectors, found {}",
        vectors.len()
    );
    let mut failures = Vec::new();
    for vector in vectors {
        let name = vector.field("name").str();
        let value = vector_value(vector.field("value"));
        if let Some(error) = vector.get("error") {
            let rejected = match value {
                Err(kind) => kind == error.str(),
                Ok(value) => {
                    let mut writer = Writer::new();
                    error.str() == "non_finite_float" && value.encode(&mut writer).is_err()
                }
            };
            if !rejected {
                failures.push(format!("{}: expected rejection {}", name, error.str()));
            }
            continue;
        }
        let bytes = match value.map(|v| v.to_bytes()) {
            Ok(Ok(bytes)) => bytes,
            other => {
                failures.push(format!("{}: cannot encode: {:?}", name, other));
                continue;
            }
        };
        let expected_bytes = match vector.get("hex") {
            Some(h) => hex(&bytes) == h.str(),
            None => {
                bytes.len() == number(vector.field("length"))
                    && hex(&bytes[..16]) == vector.field("head_hex").str()
            }
        };
        if !expected_bytes {
            failures.push(format!(
                "{}: bytes differ: {}",
                name,
                hex(&bytes[..bytes.len().min(40)])
            ));
        }
        if sha256::hex(&bytes) != vector.field("sha256").str() {
            failures.push(format!("{}: hash differs", name));
        }
    }
    assert!(
        failures.is_empty(),
        "canonical vectors failed:\n{}",
        failures.join("\n")
    );
}

// ------------------------------------------------------------------------------------------
// settings parity with Java

/// One view over the policies of both modules. Each generated module is self-contained and
/// declares its own `PlanningPolicy` trait, so a crate that includes several bridges them once.
trait AnyPolicy: Sized + PartialEq + std::fmt::Debug {
    const NAME: &'static str;
    const SCHEMA_FINGERPRINT: &'static str;
    const PROFILE_NAMES: &'static [&'static str];
    fn profile(name: &str) -> Self;
    fn expected_profile_settings_hash(name: &str) -> Option<&'static str>;
    /// (key, type, default, doc) of every setting.
    fn descriptors() -> Vec<(
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
    )>;
    fn effective_settings(&self) -> BTreeMap<String, String>;
    fn profile_settings_hash(&self) -> String;
    fn session_config_hash(&self) -> String;
    fn feature_gate_parity_hash(&self) -> Option<String>;
    fn round_trip(&self) -> Result<Self, String>;
}

macro_rules! any_policy {
    ($policy:ty, $module:ident) => {
        impl AnyPolicy for $policy {
            const NAME: &'static str = <$policy as $module::PlanningPolicy>::NAME;
            const SCHEMA_FINGERPRINT: &'static str =
                <$policy as $module::PlanningPolicy>::SCHEMA_FINGERPRINT;
            const PROFILE_NAMES: &'static [&'static str] =
                <$policy as $module::PlanningPolicy>::PROFILE_NAMES;
            fn profile(name: &str) -> Self {
                <$policy as $module::PlanningPolicy>::profile(name).expect("a declared profile")
            }
            fn expected_profile_settings_hash(name: &str) -> Option<&'static str> {
                <$policy as $module::PlanningPolicy>::expected_profile_settings_hash(name)
            }
            fn descriptors() -> Vec<(
                &'static str,
                &'static str,
                Option<&'static str>,
                &'static str,
            )> {
                <$policy as $module::PlanningPolicy>::descriptors()
                    .into_iter()
                    .map(|d| (d.key, d.type_name, d.default_value, d.doc))
                    .collect()
            }
            fn effective_settings(&self) -> BTreeMap<String, String> {
                $module::PlanningPolicy::effective_settings(self)
            }
            fn profile_settings_hash(&self) -> String {
                $module::PlanningPolicy::profile_settings_hash(self)
            }
            fn session_config_hash(&self) -> String {
                $module::PlanningPolicy::session_config_hash(self)
            }
            fn feature_gate_parity_hash(&self) -> Option<String> {
                $module::PlanningPolicy::feature_gate_parity_hash(self)
            }
            fn round_trip(&self) -> Result<Self, String> {
                let settings = $module::PlanningPolicy::effective_settings(self);
                <$policy as $module::PlanningPolicy>::from_settings(&settings)
                    .map_err(|e| e.to_string())
            }
        }
    };
}

any_policy!(CodeAnatomyPolicy, core_contracts);
any_policy!(CrawlPolicy, quickstart_contracts);

/// One row of the parity report.
struct Row {
    set: String,
    profile: String,
    java: String,
    rust: String,
}

/// Checks every profile of policy `P` against the manifest (the processor's expected hashes) and
/// the Java vectors (what the generated Java computes); returns the report rows and the problems.
fn check_policy<P: AnyPolicy>(
    set: &str,
    manifest: &Json,
    java: &Json,
    rows: &mut Vec<Row>,
    failures: &mut Vec<String>,
) {
    let manifest_policy = manifest
        .field("policies")
        .items()
        .iter()
        .find(|p| p.field("name").str() == P::NAME)
        .unwrap_or_else(|| panic!("manifest of {} has no policy {}", set, P::NAME));
    if manifest_policy.field("schemaFingerprint").str() != P::SCHEMA_FINGERPRINT {
        failures.push(format!(
            "{}: policy schema fingerprint differs from the manifest",
            set
        ));
    }
    let manifest_profiles = manifest_policy.field("profiles").items();
    let names: Vec<&str> = manifest_profiles
        .iter()
        .map(|p| p.field("name").str())
        .collect();
    if names != P::PROFILE_NAMES {
        failures.push(format!(
            "{}: profile names {:?} != {:?}",
            set,
            P::PROFILE_NAMES,
            names
        ));
    }
    for expected in manifest_profiles {
        let name = expected.field("name").str();
        let policy = P::profile(name);
        let rust_hash = policy.profile_settings_hash();
        let java_hash = expected.field("settingsHash").str().to_string();
        let mut problems = Vec::new();
        if P::expected_profile_settings_hash(name) != Some(java_hash.as_str()) {
            problems.push("the generated expected hash differs from the manifest".to_string());
        }
        if policy.session_config_hash() != expected.field("planningEnvironmentHash").str() {
            problems.push("planning-environment hash differs".to_string());
        }
        let gates = match expected.field("featureGateParityHash") {
            Json::Str(s) => Some(s.clone()),
            _ => None,
        };
        if policy.feature_gate_parity_hash() != gates {
            problems.push("feature-gate parity hash differs".to_string());
        }
        let java_profile = java_profile(java, set, P::NAME, name);
        let java_settings: BTreeMap<String, String> = java_profile
            .field("effectiveSettings")
            .members()
            .iter()
            .map(|(k, v)| (k.clone(), v.str().to_string()))
            .collect();
        let rust_settings = policy.effective_settings();
        for key in java_settings.keys().chain(rust_settings.keys()) {
            if java_settings.get(key) != rust_settings.get(key) {
                problems.push(format!(
                    "{}: Java {:?}, Rust {:?}",
                    key,
                    java_settings.get(key),
                    rust_settings.get(key)
                ));
                break;
            }
        }
        if java_profile.field("settingsHash").str() != rust_hash {
            problems.push("settings hash differs from the Java run".to_string());
        }
        match policy.round_trip() {
            Ok(parsed) if parsed == policy => {}
            Ok(parsed) => problems.push(format!("round trip changed the policy: {:?}", parsed)),
            Err(e) => problems.push(format!("round trip failed: {}", e)),
        }
        for problem in problems {
            failures.push(format!("{} {}: {}", set, name, problem));
        }
        rows.push(Row {
            set: set.to_string(),
            profile: name.to_string(),
            java: java_hash,
            rust: rust_hash,
        });
    }
    check_descriptors::<P>(set, manifest, failures);
}

fn java_profile<'a>(java: &'a Json, set: &str, policy: &str, profile: &str) -> &'a Json {
    java.field("policies")
        .items()
        .iter()
        .find(|p| p.field("contractSet").str() == set && p.field("policy").str() == policy)
        .and_then(|p| {
            p.field("profiles")
                .items()
                .iter()
                .find(|x| x.field("name").str() == profile)
        })
        .unwrap_or_else(|| panic!("no Java vectors for {} {} {}", set, policy, profile))
}

/// The key registry of Rust equals the manifest's: keys, types, defaults and docs, exactly.
fn check_descriptors<P: AnyPolicy>(set: &str, manifest: &Json, failures: &mut Vec<String>) {
    let mut declared = BTreeMap::new();
    for schema in manifest.field("settingsSchemas").items() {
        for setting in schema.field("settings").items() {
            declared.insert(setting.field("key").str().to_string(), setting.clone());
        }
    }
    for (key, type_name, default_value, doc) in P::descriptors() {
        let Some(setting) = declared.get(key) else {
            failures.push(format!("{}: {} is not in the manifest", set, key));
            continue;
        };
        let default = match setting.field("default") {
            Json::Str(s) => Some(s.as_str()),
            _ => None,
        };
        if setting.field("doc").str() != doc
            || setting.field("type").str() != type_name
            || default != default_value
        {
            failures.push(format!("{}: descriptor of {} differs", set, key));
        }
    }
}

#[test]
fn every_profile_agrees_with_java_and_the_manifest() {
    let java = read_json("java-settings-vectors.json");
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    let mut covered = Vec::new();
    for entry in java.field("policies").items() {
        let set = entry.field("contractSet").str();
        let policy = entry.field("policy").str();
        let manifest = read_json(&format!("manifests/{}.manifest.json", set));
        match (set, policy) {
            ("core", "codeanatomy") => {
                check_policy::<CodeAnatomyPolicy>(set, &manifest, &java, &mut rows, &mut failures)
            }
            ("quickstart", "crawler") => {
                check_policy::<CrawlPolicy>(set, &manifest, &java, &mut rows, &mut failures)
            }
            other => failures.push(format!("no Rust policy type is wired for {:?}", other)),
        }
        covered.push(format!("{}/{}", set, policy));
    }
    assert_eq!(covered, ["core/codeanatomy", "quickstart/crawler"]);

    let mut report = String::from("contract set  profile     Java hash (manifest)                                              Rust hash                                                         equal\n");
    for row in &rows {
        let _ = writeln!(
            report,
            "{:<13} {:<11} {} {} {}",
            row.set,
            row.profile,
            row.java,
            row.rust,
            if row.java == row.rust { "yes" } else { "NO" }
        );
    }
    std::fs::write(parity_dir().join("parity-report.txt"), &report).expect("write the report");
    println!("{}", report);
    assert!(
        rows.iter().all(|r| r.java == r.rust),
        "hashes differ:\n{}",
        report
    );
    assert!(
        failures.is_empty(),
        "parity failures:\n{}",
        failures.join("\n")
    );
}

// ------------------------------------------------------------------------------------------
// contract parity with Java

/// The schema fingerprint the generated module of `set` has for `contract`.
fn contract_fingerprint(set: &str, contract: &str) -> Option<&'static str> {
    match set {
        "core" => core_contracts::contract_schema_fingerprint(contract),
        "quickstart" => quickstart_contracts::contract_schema_fingerprint(contract),
        other => panic!(
            "no Rust module with contracts is wired for contract set {}",
            other
        ),
    }
}

/// The module-level contract lookup of a contract set's generated module.
fn contract_hasher(set: &str) -> fn(&str, &Json) -> Result<String, String> {
    match set {
        "core" => |contract, value| {
            let value = vector_value(value).expect("a representable sample");
            core_contracts::hash_contract_value(contract, &value)
        },
        "quickstart" => |contract, value| {
            let value = quickstart_value(value).expect("a representable sample");
            quickstart_contracts::hash_contract_value(contract, &value)
        },
        other => panic!(
            "no Rust module with contracts is wired for contract set {}",
            other
        ),
    }
}

#[test]
fn every_contract_sample_hashes_as_in_java() {
    let java = read_json("java-contract-vectors.json");
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in java.field("contracts").items() {
        let set = entry.field("contractSet").str();
        let contract = entry.field("contract").str();
        let hasher = contract_hasher(set);
        let manifest = read_json(&format!("manifests/{}.manifest.json", set));
        let declared = manifest
            .field("contracts")
            .items()
            .iter()
            .find(|c| c.field("name").str() == contract)
            .map(|c| c.field("schemaFingerprint").str());
        if declared != contract_fingerprint(set, contract) {
            failures.push(format!(
                "{} {}: schema fingerprint differs from the manifest",
                set, contract
            ));
        }
        let mut base = String::new();
        for case in entry.field("cases").items() {
            let name = case.field("name").str();
            let java_hash = case.field("hash").str();
            match hasher(contract, case.field("value")) {
                Ok(rust_hash) if rust_hash == java_hash => {}
                Ok(rust_hash) => failures.push(format!(
                    "{} {} ({}): Rust {} != Java {} (Java bytes {})",
                    set,
                    contract,
                    name,
                    rust_hash,
                    java_hash,
                    case.field("hex").str()
                )),
                Err(e) => failures.push(format!("{} {} ({}): {}", set, contract, name, e)),
            }
            match case.field("expect").str() {
                "base" => base = java_hash.to_string(),
                "same" if java_hash != base => {
                    failures.push(format!("{} ({}): expected the base hash", contract, name))
                }
                "differs" if java_hash == base => {
                    failures.push(format!("{} ({}): expected another hash", contract, name))
                }
                _ => {}
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no contract samples");
    assert!(
        failures.is_empty(),
        "contract parity failures:\n{}",
        failures.join("\n")
    );
}

/// The CPU's SHA extensions and the portable code give the same digest, at every length around
/// the block and padding boundaries and on longer data.
#[test]
fn sha256_paths_agree() {
    for len in (0..300).chain([4_096, 65_537]) {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 % 256) as u8).collect();
        assert_eq!(
            sha256::digest(&data),
            sha256::digest_portable(&data),
            "length {}",
            len
        );
    }
}

/// docs/domain.md, section 3 gives this hash for the execution package with every field empty.
#[test]
fn the_empty_execution_package_hashes_to_the_domain_vector() {
    use core_contracts::ExecutionPackage;
    // The provenance fields set, the rest left empty (an unset message hashes as empty).
    let empty = ExecutionPackage {
        package_fingerprint: "provenance, not hashed".to_string(),
        created_at_unix_ms: 1_700_000_000_000,
        ..ExecutionPackage::default()
    };
    assert_eq!(
        empty.hash().unwrap(),
        "bebedbd41367f862873ca48f2839a7aeda478cfcf8c59fc652817ae77b2b0263"
    );
}

#[test]
fn contracts_refuse_values_that_do_not_fit() {
    use codeanatomy_rust_parity::quickstart_contracts::canonical::Value;
    use codeanatomy_rust_parity::quickstart_contracts::PageVisit;
    let value = Value::Map(vec![
        (
            "url".to_string(),
            Value::Str("https://example.org".to_string()),
        ),
        ("status".to_string(), Value::Str("200".to_string())),
        ("bytes".to_string(), Value::Int(10)),
    ]);
    let error = PageVisit::from_value(&value).unwrap_err();
    assert_eq!(
        error.to_string(),
        "page_visit.status: expected an integer in the range of i64, got a string"
    );
    let unknown = Value::Map(vec![("colour".to_string(), Value::Nil)]);
    assert_eq!(
        PageVisit::from_value(&unknown).unwrap_err().path,
        "page_visit.colour"
    );
}

#[test]
fn unknown_profiles_and_bad_settings_are_reported_with_their_keys() {
    let error = CodeAnatomyPolicy::profile("staging").unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown profile 'staging' of policy codeanatomy; known profiles: default, dev, prod, \
         symtable, small, medium, large"
    );
    let mut settings = CodeAnatomyPolicy::profile_default().effective_settings();
    settings.remove("datafusion.execution.batch_size");
    settings.insert("datafusion.optimizer.max_passes".into(), "three".into());
    settings.insert(
        "datafusion.execution.repartition_file_scans".into(),
        "true".into(),
    );
    let violations = CodeAnatomyPolicy::from_settings(&settings).unwrap_err();
    let text: Vec<String> = violations
        .violations
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        text,
        [
            "datafusion.execution.repartition_file_scans: unknown key; did you mean \
             datafusion.optimizer.repartition_file_scans?",
            "datafusion.execution.batch_size: missing: expected int",
            "datafusion.optimizer.max_passes: expected an int, got 'three'",
        ]
    );
}

//! The Rust side of the contract fuzz (examples/contract-fuzz, docs/testing.md): every
//! generated set's module is checked against what the set's generated Java computed, read from
//! `vectors/<set>.json` (written by `JavaVectors`). A check appends what differs to the set's
//! failures and goes on, so one run reports every difference of every set; `run` writes them to
//! `results/<set>.txt` and fails the set's test when there are any.

use contract_fuzz_sets::codeanatomy_runtime::canonical::Value;
use contract_fuzz_sets::codeanatomy_runtime::json::{self, Json};
use contract_fuzz_sets::codeanatomy_runtime::{Contract, PlanningPolicy, SettingDescriptor};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

pub type Failures = Vec<String>;

fn base_dir() -> PathBuf {
    match std::env::var("CONTRACT_FUZZ_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    }
}

/// Reads the vectors of `set`, runs `check` over them and records its failures.
pub fn run(set: &str, check: impl FnOnce(&Json, &mut Failures)) {
    let path = base_dir().join("vectors").join(format!("{}.json", set));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
    let root = json::parse(&bytes).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
    let mut failures = Vec::new();
    check(&root, &mut failures);
    let results = base_dir().join("results");
    std::fs::create_dir_all(&results).expect("the results folder");
    std::fs::write(results.join(format!("{}.txt", set)), failures.join("\n"))
        .expect("the results file");
    assert!(
        failures.is_empty(),
        "set {}: {} differences between Java and Rust:\n{}",
        set,
        failures.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------------------------------------------
// reading the vectors

/// The element of the array `list` of `node` whose `key` is `value`.
pub fn find<'a, 'b>(node: &'a Json<'b>, list: &str, key: &str, value: &str) -> &'a Json<'b> {
    items(node, list)
        .iter()
        .find(|item| text(item, key) == value)
        .unwrap_or_else(|| panic!("the vectors have no {} with {} {}", list, key, value))
}

pub fn items<'a, 'b>(node: &'a Json<'b>, key: &str) -> &'a [Json<'b>] {
    node.get(key)
        .and_then(Json::as_array)
        .unwrap_or_else(|| panic!("the vectors have no array {}", key))
}

pub fn text<'a>(node: &'a Json<'_>, key: &str) -> &'a str {
    node.get(key)
        .and_then(Json::as_str)
        .unwrap_or_else(|| panic!("the vectors have no string {}", key))
}

fn optional_text<'a>(node: &'a Json<'_>, key: &str) -> Option<&'a str> {
    match node.get(key) {
        Some(Json::String(s)) => Some(s),
        _ => None,
    }
}

fn flag(node: &Json, key: &str) -> bool {
    matches!(node.get(key), Some(Json::Bool(true)))
}

fn number(node: &Json, key: &str) -> i64 {
    match node.get(key) {
        Some(Json::Number(n)) => n.parse().expect("an integer"),
        _ => panic!("the vectors have no number {}", key),
    }
}

fn string_map(node: &Json, key: &str) -> BTreeMap<String, String> {
    node.get(key)
        .and_then(Json::as_object)
        .unwrap_or_else(|| panic!("the vectors have no object {}", key))
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                v.as_str().expect("a string value").to_string(),
            )
        })
        .collect()
}

/// The typed value notation of the canonical vectors (floats as their bits) as a `Value`.
pub fn typed(node: &Json) -> Result<Value, String> {
    let (kind, x) = node
        .as_object()
        .and_then(|members| members.first())
        .ok_or("a typed value is an object with one member")?;
    Ok(match kind.as_ref() {
        "nil" => Value::Nil,
        "bool" => Value::Bool(*x == Json::Bool(true)),
        "int" => {
            let text = x.as_str().ok_or("an int as text")?;
            match text.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::UInt(text.parse::<u64>().map_err(|e| e.to_string())?),
            }
        }
        "float_bits" => Value::Float(f64::from_bits(
            u64::from_str_radix(x.as_str().ok_or("bits as hex")?, 16).map_err(|e| e.to_string())?,
        )),
        "str" => Value::Str(x.as_str().ok_or("a string")?.to_string()),
        "bin" => Value::Bin(unhex(x.as_str().ok_or("hex")?)),
        "array" => Value::Array(
            x.as_array()
                .ok_or("an array")?
                .iter()
                .map(typed)
                .collect::<Result<_, _>>()?,
        ),
        "map" => Value::Map(
            x.as_array()
                .ok_or("map entries")?
                .iter()
                .map(|pair| {
                    let pair = pair.as_array().ok_or("a [key, value] pair")?;
                    let key = pair[0].as_str().ok_or("a string key")?.to_string();
                    Ok((key, typed(&pair[1])?))
                })
                .collect::<Result<_, String>>()?,
        ),
        other => return Err(format!("unknown typed value {}", other)),
    })
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{:02x}", b);
        s
    })
}

fn differ<T: std::fmt::Debug + PartialEq>(what: &str, java: T, rust: T, f: &mut Failures) {
    if java != rust {
        f.push(format!("{}: Java {:?}, Rust {:?}", what, java, rust));
    }
}

// ------------------------------------------------------------------------------------------
// settings

/// The key registry: every row, field by field.
pub fn descriptors(what: &str, rust: &[&SettingDescriptor], java: &[Json], f: &mut Failures) {
    differ(
        &format!("{}: number of settings", what),
        java.len(),
        rust.len(),
        f,
    );
    for (d, row) in rust.iter().zip(java) {
        let at = format!("{} {}", what, d.key);
        differ(&format!("{}: key", at), text(row, "key"), d.key, f);
        differ(&format!("{}: type", at), text(row, "type"), d.type_name, f);
        differ(&format!("{}: optional", at), flag(row, "optional"), d.optional, f);
        differ(
            &format!("{}: default", at),
            optional_text(row, "default"),
            d.default_value,
            f,
        );
        differ(&format!("{}: doc", at), text(row, "doc"), d.doc, f);
        differ(
            &format!("{}: unit", at),
            text(row, "unit").to_string(),
            format!("{:?}", d.unit).to_uppercase(),
            f,
        );
        differ(
            &format!("{}: scope", at),
            text(row, "scope").to_string(),
            format!("{:?}", d.scope).to_uppercase(),
            f,
        );
        differ(
            &format!("{}: planning-affecting", at),
            flag(row, "planningAffecting"),
            d.planning_affecting,
            f,
        );
        differ(
            &format!("{}: feature gate", at),
            flag(row, "featureGate"),
            d.feature_gate,
            f,
        );
        differ(&format!("{}: min", at), optional_text(row, "min"), d.min, f);
        differ(&format!("{}: max", at), optional_text(row, "max"), d.max, f);
        let allowed: Vec<&str> = items(row, "allowed")
            .iter()
            .map(|a| a.as_str().expect("a text"))
            .collect();
        differ(
            &format!("{}: allowed values", at),
            allowed,
            d.allowed_values.to_vec(),
            f,
        );
    }
}

/// A settings schema: its registry, its defaults, and reading them back.
pub fn schema(
    v: &Json,
    version: u32,
    fingerprint: &str,
    rust: &[SettingDescriptor],
    defaults: BTreeMap<String, String>,
    round_trip: Result<BTreeMap<String, String>, String>,
    f: &mut Failures,
) {
    let what = format!("schema {}", text(v, "namespace"));
    differ(
        &format!("{}: version", what),
        number(v, "version"),
        i64::from(version),
        f,
    );
    differ(
        &format!("{}: fingerprint", what),
        text(v, "fingerprint"),
        fingerprint,
        f,
    );
    let rows: Vec<&SettingDescriptor> = rust.iter().collect();
    descriptors(&what, &rows, items(v, "descriptors"), f);
    differ(
        &format!("{}: defaults", what),
        string_map(v, "defaults"),
        defaults.clone(),
        f,
    );
    differ(
        &format!("{}: defaults read back", what),
        Ok(defaults),
        round_trip,
        f,
    );
}

/// The snapshots of a policy value against Java's.
fn snapshot<P: PlanningPolicy>(what: &str, p: &P, v: &Json, f: &mut Failures) {
    differ(
        &format!("{}: effective settings", what),
        string_map(v, "effectiveSettings"),
        p.effective_settings(),
        f,
    );
    differ(
        &format!("{}: planning-environment settings", what),
        string_map(v, "planningEnvironmentSettings"),
        p.planning_settings(),
        f,
    );
    differ(
        &format!("{}: settings hash", what),
        text(v, "settingsHash").to_string(),
        p.profile_settings_hash(),
        f,
    );
    differ(
        &format!("{}: planning-environment hash", what),
        text(v, "planningEnvironmentHash").to_string(),
        p.session_config_hash(),
        f,
    );
    differ(
        &format!("{}: feature-gate parity hash", what),
        optional_text(v, "featureGateParityHash").map(str::to_string),
        p.feature_gate_parity_hash(),
        f,
    );
}

/// A policy: its registry, every profile, and every edited profile read from its settings.
pub fn policy<P: PlanningPolicy + PartialEq + std::fmt::Debug>(v: &Json, f: &mut Failures) {
    let what = format!("policy {}", P::NAME);
    differ(&format!("{}: name", what), text(v, "name"), P::NAME, f);
    differ(
        &format!("{}: fingerprint", what),
        text(v, "fingerprint"),
        P::SCHEMA_FINGERPRINT,
        f,
    );
    let names: Vec<&str> = items(v, "profileNames")
        .iter()
        .map(|n| n.as_str().expect("a name"))
        .collect();
    differ(
        &format!("{}: profile names", what),
        names,
        P::PROFILE_NAMES.to_vec(),
        f,
    );
    descriptors(&what, &P::descriptors(), items(v, "descriptors"), f);
    for profile in items(v, "profiles") {
        let name = text(profile, "name");
        let at = format!("{} profile {}", what, name);
        differ(
            &format!("{}: expected settings hash", at),
            Some(text(profile, "expectedSettingsHash")),
            P::expected_profile_settings_hash(name),
            f,
        );
        match P::profile(name) {
            Ok(p) => {
                snapshot(&at, &p, profile, f);
                match P::from_settings(&p.effective_settings()) {
                    Ok(back) if back == p => {}
                    Ok(back) => f.push(format!("{}: read back as {:?}", at, back)),
                    Err(e) => f.push(format!("{}: its settings are refused: {}", at, e)),
                }
            }
            Err(e) => f.push(format!("{}: {}", at, e)),
        }
    }
    for (i, variant) in items(v, "variants").iter().enumerate() {
        if flag(variant, "refused") {
            continue;
        }
        let at = format!(
            "{} edit {} of {} ({})",
            what,
            i,
            optional_text(variant, "base").unwrap_or("the defaults"),
            json::to_compact_string(variant.get("edits").expect("edits"))
        );
        match P::from_settings(&string_map(variant, "input")) {
            Ok(p) => snapshot(&at, &p, variant, f),
            Err(e) => f.push(format!("{}: refused: {}", at, e)),
        }
    }
}

// ------------------------------------------------------------------------------------------
// contracts and enums

/// A contract: its identity, and every sample's canonical bytes and hash.
pub fn contract<C: Contract>(v: &Json, f: &mut Failures) {
    let what = format!("contract {}", C::CONTRACT_NAME);
    differ(&format!("{}: name", what), text(v, "name"), C::CONTRACT_NAME, f);
    differ(
        &format!("{}: version", what),
        number(v, "version"),
        i64::from(C::CONTRACT_VERSION),
        f,
    );
    differ(
        &format!("{}: fingerprint", what),
        text(v, "fingerprint"),
        C::SCHEMA_FINGERPRINT,
        f,
    );
    for (i, case) in items(v, "cases").iter().enumerate() {
        let at = format!("{} sample {}", what, i);
        let value = match typed(case.get("value").expect("a value")) {
            Ok(value) => value,
            Err(e) => {
                f.push(format!("{}: the vector does not read: {}", at, e));
                continue;
            }
        };
        let contract = match C::from_value(&value) {
            Ok(contract) => contract,
            Err(e) => {
                f.push(format!("{}: from_value refused it: {}", at, e));
                continue;
            }
        };
        match contract.canonical_bytes() {
            Ok(bytes) => differ(
                &format!("{}: canonical bytes", at),
                text(case, "hex").to_string(),
                hex(&bytes),
                f,
            ),
            Err(e) => f.push(format!("{}: cannot encode: {}", at, e)),
        }
        match contract.hash() {
            Ok(hash) => differ(
                &format!("{}: hash", at),
                text(case, "hash").to_string(),
                hash,
                f,
            ),
            Err(e) => f.push(format!("{}: cannot hash: {}", at, e)),
        }
    }
}

/// An enum attribute of the value whose text is `value_text`: Rust's number, bit for bit.
pub fn attribute(enum_name: &str, value: &Json, attribute: &str, rust: f64, f: &mut Failures) {
    let java = value
        .get("attributes")
        .and_then(|a| a.get(attribute))
        .and_then(Json::as_str)
        .map(|bits| f64::from_bits(u64::from_str_radix(bits, 16).expect("bits as hex")));
    differ(
        &format!(
            "enum {} {} attribute {} (bits)",
            enum_name,
            text(value, "text"),
            attribute
        ),
        java.map(f64::to_bits),
        Some(rust.to_bits()),
        f,
    );
}

#![deny(warnings)]
//! The old system's snapshot layouts of the function registry and the rulepack (its
//! `unavailable` form too), as docs/domain.md section 4 states them, implemented here in Rust
//! with the standard library only (its own canonical MessagePack writer and SHA-256), and
//! checked against the vectors the Java side wrote (`LegacySnapshots`, written by
//! `SnapshotLayoutsTest` into `CODEANATOMY_PARITY_DIR/snapshot-layouts/vectors.json`): each
//! snapshot, read as an engine writes it, must give Java's canonical bytes and hash, and each
//! snapshot Java refuses must be refused here too.
//!
//! Self-contained on purpose: the generated modules' runtime is being reworked elsewhere, and
//! the layouts are small enough to state twice.

#[allow(dead_code)]
#[path = "support/json.rs"]
mod parity_json;

use parity_json::Json;
use std::path::PathBuf;

// -------------------------------------------------------------------------------------------------
// the layouts

/// A value of an old-layout snapshot: strings, arrays, and maps with string keys.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str(String),
    Array(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// The members of `json`, an object with exactly `expected` (in any order), by name.
fn members<'a>(json: &'a Json, path: &str, expected: &[&str]) -> Result<Vec<&'a Json>, String> {
    let given = match json {
        Json::Object(members) => members,
        other => return Err(format!("{}: expected an object, got {:?}", path, other)),
    };
    for (i, (name, _)) in given.iter().enumerate() {
        if !expected.contains(&name.as_str()) {
            return Err(format!("{}: unexpected member {:?}", path, name));
        }
        if given[..i].iter().any(|(other, _)| other == name) {
            return Err(format!("{}: member {:?} twice", path, name));
        }
    }
    expected
        .iter()
        .map(|name| {
            json.get(name)
                .ok_or_else(|| format!("{}: expected the member {:?}, got none", path, name))
        })
        .collect()
}

fn text(json: &Json, path: &str) -> Result<String, String> {
    match json {
        Json::Str(s) => Ok(s.clone()),
        other => Err(format!("{}: expected a string, got {:?}", path, other)),
    }
}

/// The function registry: `{"functions": [entry, ...]}`, each entry `{"kind", "name",
/// "signature"}`, sorted by name, then kind, then signature (Rust compares `str` by its UTF-8
/// bytes, which is the stated order).
fn function_registry(json: &Json) -> Result<Value, String> {
    let functions = members(json, "$", &["functions"])?[0];
    let items = match functions {
        Json::Array(items) => items,
        other => return Err(format!("$.functions: expected an array, got {:?}", other)),
    };
    let mut entries: Vec<(String, String, String)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("$.functions[{}]", i);
        let m = members(item, &path, &["name", "kind", "signature"])?;
        let kind = text(m[1], &path)?;
        if !["scalar", "aggregate", "window", "table"].contains(&kind.as_str()) {
            return Err(format!("{}.kind: not a kind: {:?}", path, kind));
        }
        entries.push((text(m[0], &path)?, kind, text(m[2], &path)?));
    }
    entries.sort();
    let entries = entries
        .into_iter()
        .map(|(name, kind, signature)| {
            Value::Map(vec![
                ("kind".to_string(), Value::Str(kind)),
                ("name".to_string(), Value::Str(name)),
                ("signature".to_string(), Value::Str(signature)),
            ])
        })
        .collect();
    Ok(Value::Map(vec![(
        "functions".to_string(),
        Value::Array(entries),
    )]))
}

/// The rulepack: the `ok` form with its three rule lists in order and its source, or the
/// `unavailable` form with its reason.
fn rulepack(json: &Json) -> Result<Value, String> {
    let status = json
        .get("status")
        .ok_or_else(|| "$: expected the member \"status\", got none".to_string())?;
    match text(status, "$.status")?.as_str() {
        "unavailable" => {
            let m = members(json, "$", &["reason", "status"])?;
            Ok(Value::Map(vec![
                ("reason".to_string(), Value::Str(text(m[0], "$.reason")?)),
                ("status".to_string(), Value::Str("unavailable".to_string())),
            ]))
        }
        "ok" => {
            let names = [
                "analyzer_rules",
                "optimizer_rules",
                "physical_optimizer_rules",
                "source",
                "status",
            ];
            let m = members(json, "$", &names)?;
            let mut map = Vec::new();
            for (name, value) in names.iter().zip(m.iter()).take(3) {
                let items = match value {
                    Json::Array(items) => items,
                    other => return Err(format!("$.{}: expected an array, got {:?}", name, other)),
                };
                let rules = items
                    .iter()
                    .enumerate()
                    .map(|(i, rule)| text(rule, &format!("$.{}[{}]", name, i)).map(Value::Str))
                    .collect::<Result<Vec<_>, _>>()?;
                map.push((name.to_string(), Value::Array(rules)));
            }
            map.push(("source".to_string(), Value::Str(text(m[3], "$.source")?)));
            map.push(("status".to_string(), Value::Str("ok".to_string())));
            Ok(Value::Map(map))
        }
        other => Err(format!("$.status: not a status: {:?}", other)),
    }
}

// -------------------------------------------------------------------------------------------------
// canonical MessagePack (docs/canonical-encoding.md section 1, the parts these maps use)

fn write_length(out: &mut Vec<u8>, len: usize, fix: u8, fix_max: usize, codes: [u8; 3]) {
    if len <= fix_max {
        out.push(fix | len as u8);
    } else if len <= 0xff && codes[0] != 0 {
        out.push(codes[0]);
        out.push(len as u8);
    } else if len <= 0xffff {
        out.push(codes[1]);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(codes[2]);
        out.extend_from_slice(&(len as u32).to_be_bytes());
    }
}

fn write(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Str(s) => {
            write_length(out, s.len(), 0xa0, 31, [0xd9, 0xda, 0xdb]);
            out.extend_from_slice(s.as_bytes());
        }
        Value::Array(items) => {
            // Arrays and maps have no 8-bit length form.
            write_length(out, items.len(), 0x90, 15, [0, 0xdc, 0xdd]);
            for item in items {
                write(item, out);
            }
        }
        Value::Map(members) => {
            let mut sorted: Vec<&(String, Value)> = members.iter().collect();
            sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            write_length(out, sorted.len(), 0x80, 15, [0, 0xde, 0xdf]);
            for (key, item) in sorted {
                write(&Value::Str(key.clone()), out);
                write(item, out);
            }
        }
    }
}

fn canonical(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write(value, &mut out);
    out
}

// -------------------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4), hand-written: crates.io is not reachable where this crate is built

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

fn sha256_hex(data: &[u8]) -> String {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in message.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                block[4 * i],
                block[4 * i + 1],
                block[4 * i + 2],
                block[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, value) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *slot = slot.wrapping_add(value);
        }
    }
    h.iter().map(|word| format!("{:08x}", word)).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{:02x}", b)).collect()
}

// -------------------------------------------------------------------------------------------------
// the checks

fn vectors() -> Json {
    let dir = match std::env::var("CODEANATOMY_PARITY_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/parity"),
    };
    let path = dir.join("snapshot-layouts/vectors.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {} (the Maven build writes it: SnapshotLayoutsTest)",
            path.display(),
            e
        )
    });
    parity_json::parse(&text).unwrap_or_else(|e| panic!("{}: {}", path.display(), e))
}

fn layout(name: &str, json: &Json) -> Result<Value, String> {
    match name {
        "function_registry" => function_registry(json),
        "rulepack" => rulepack(json),
        other => panic!("the vectors name an unknown layout {:?}", other),
    }
}

#[test]
fn sha256_of_the_standard_examples() {
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
}

#[test]
fn the_old_layouts_hash_as_java_hashes_them() {
    let vectors = vectors();
    let mut checked = 0;
    for vector in vectors.field("vectors").items() {
        let name = vector.field("name").str();
        let value = layout(vector.field("layout").str(), vector.field("snapshot"))
            .unwrap_or_else(|e| panic!("vector {}: refused: {}", name, e));
        let bytes = canonical(&value);
        assert_eq!(
            hex(&bytes),
            vector.field("canonical_hex").str(),
            "vector {}: canonical MessagePack",
            name
        );
        assert_eq!(
            sha256_hex(&bytes),
            vector.field("sha256").str(),
            "vector {}: hash",
            name
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {} vectors", checked);
}

#[test]
fn snapshots_java_refuses_are_refused() {
    let vectors = vectors();
    let mut checked = 0;
    for vector in vectors.field("refused").items() {
        let name = vector.field("name").str();
        let result = layout(vector.field("layout").str(), vector.field("snapshot"));
        assert!(
            result.is_err(),
            "vector {}: Java refuses it ({}), Rust read it",
            name,
            vector.field("message").str()
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {} refused vectors", checked);
}

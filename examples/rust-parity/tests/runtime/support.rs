//! Where the test data is, and small helpers to read and write it.

use crate::json::{self, Json};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The parity directory the Maven build fills (`CODEANATOMY_PARITY_DIR`).
pub fn parity_dir() -> PathBuf {
    match std::env::var("CODEANATOMY_PARITY_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/parity"),
    }
}

/// What `RuntimeVectors` wrote.
pub fn runtime_dir() -> PathBuf {
    parity_dir().join("runtime")
}

/// The bytes of a file under the runtime directory.
pub fn read(name: &str) -> Vec<u8> {
    let path = runtime_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {} (the Maven build writes it: RustRuntimeTest)",
            path.display(),
            e
        )
    })
}

/// A JSON file under the runtime directory, parsed by the runtime's own JSON reader.
pub fn read_json(name: &str) -> Json<'static> {
    let bytes = read(name);
    let limits = json::Limits {
        max_bytes: 64 << 20,
        ..json::Limits::default()
    };
    json::parse_with(&bytes, &limits)
        .unwrap_or_else(|e| panic!("{}: {}", name, e))
        .into_owned()
}

/// Writes a file for the Java side to read, under `runtime/rust-out`.
pub fn write_out(name: &str, bytes: &[u8]) {
    let path = runtime_dir().join("rust-out").join(name);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create rust-out");
    }
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {}", path.display(), e));
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{:02x}", b);
        s
    })
}

pub fn unhex(text: &str) -> Vec<u8> {
    assert!(text.len() % 2 == 0, "odd hex length");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// The string member `key` of a JSON object (test data: missing is a bug in the data).
pub fn text<'a>(node: &'a Json<'_>, key: &str) -> &'a str {
    node.get(key)
        .and_then(Json::as_str)
        .unwrap_or_else(|| panic!("no string {} in {}", key, json::to_compact_string(node)))
}

/// The array member `key` of a JSON object.
pub fn items<'a, 'b>(node: &'a Json<'b>, key: &str) -> &'a [Json<'b>] {
    node.get(key)
        .and_then(Json::as_array)
        .unwrap_or_else(|| panic!("no array {}", key))
}

/// The boolean member `key`, false when absent.
pub fn flag(node: &Json<'_>, key: &str) -> bool {
    node.get(key) == Some(&Json::Bool(true))
}

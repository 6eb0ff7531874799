//! The canonical MessagePack reader: every accepted encoding of the shared vectors, the Java
//! writer's values and the contract samples read back to bytes that are identical; every
//! non-canonical form of the decoding vectors refused.

use crate::canonical::{Value, Writer};
use crate::json::{self, Json};
use crate::msgpack::{self, Integer, KeyOrder, Kind, Reader};
use crate::mutate::Rng;
use crate::parity_json::Json as TestJson;
use crate::read_error::ErrorKind;
use crate::support::{self, hex, items, text, unhex};
use std::borrow::Cow;

/// The value notation of `canonical-vectors.json` (read with the parity tests' lenient reader:
/// the file holds a lone surrogate on purpose); `None` where Rust has no such value (an integer
/// beyond 64 bits, a string that is not text).
fn vector_value(node: &TestJson) -> Option<Value> {
    let (kind, x) = node.members().first()?;
    let number = |n: &TestJson| -> usize {
        match n {
            TestJson::Number(t) => t.parse().expect("a count"),
            other => panic!("not a count: {:?}", other),
        }
    };
    let text = |n: &TestJson| -> Option<String> {
        match n {
            TestJson::Str(s) => Some(s.clone()),
            _ => None,
        }
    };
    Some(match kind.as_str() {
        "nil" => Value::Nil,
        "bool" => Value::Bool(*x == TestJson::Bool(true)),
        "int" => {
            let t = text(x)?;
            match t.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::UInt(t.parse().ok()?),
            }
        }
        "float" => Value::Float(match text(x)?.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            t => t.parse().expect("a float"),
        }),
        "str" => Value::Str(text(x)?),
        "str_repeat" => {
            let parts = x.items();
            Value::Str(text(&parts[0])?.repeat(number(&parts[1])))
        }
        "bin" => Value::Bin(unhex(&text(x)?)),
        "bin_repeat" => {
            let parts = x.items();
            Value::Bin(unhex(&text(&parts[0])?).repeat(number(&parts[1])))
        }
        "array" => Value::Array(x.items().iter().map(vector_value).collect::<Option<_>>()?),
        "array_repeat" => {
            let parts = x.items();
            Value::Array(vec![vector_value(&parts[0])?; number(&parts[1])])
        }
        "map" => Value::Map(
            x.items()
                .iter()
                .map(|pair| {
                    let pair = pair.items();
                    Some((text(&pair[0])?, vector_value(&pair[1])?))
                })
                .collect::<Option<_>>()?,
        ),
        other => panic!("unknown vector type {}", other),
    })
}

/// `v` as the reader gives it back: non-negative integers below 2^63 as `Int`, map entries in
/// key order.
fn normalized(v: &Value) -> Value {
    match v {
        Value::UInt(u) if *u <= i64::MAX as u64 => Value::Int(*u as i64),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        Value::Map(entries) => {
            let mut sorted: Vec<(String, Value)> = entries
                .iter()
                .map(|(k, v)| (k.clone(), normalized(v)))
                .collect();
            sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            Value::Map(sorted)
        }
        other => other.clone(),
    }
}

/// Equal, floats by their bits (the sign of zero counts).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.0 == b.0 && same(&a.1, &b.1))
        }
        _ => a == b,
    }
}

#[test]
fn every_canonical_vector_reads_back_to_its_value_and_bytes() {
    let raw = String::from_utf8(support::read("../canonical-vectors.json")).expect("UTF-8");
    let file = crate::parity_json::parse(&raw).expect("the vector file");
    let mut failures = Vec::new();
    let mut checked = 0;
    for vector in file.field("vectors").items() {
        let name = vector.field("name").str();
        if vector.get("error").is_some() {
            continue;
        }
        let value = match vector_value(vector.field("value")) {
            Some(value) => value,
            None => continue,
        };
        let bytes = value.to_bytes().expect("encodable");
        if let Some(expected) = vector.get("hex") {
            assert_eq!(hex(&bytes), expected.str(), "{}", name);
        }
        match msgpack::decode(&bytes) {
            Ok(read) => {
                if read.to_bytes().expect("encodable") != bytes {
                    failures.push(format!("{}: written back differently", name));
                }
                if !same(&read, &normalized(&value)) {
                    failures.push(format!("{}: read as another value", name));
                }
            }
            Err(e) => failures.push(format!("{}: refused: {}", name, e)),
        }
        checked += 1;
    }
    assert!(checked >= 60, "{} vectors", checked);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_decoding_vector_is_refused_or_accepted_as_it_says() {
    let file = support::read_json("canonical-decoding-vectors.json");
    let mut failures = Vec::new();
    for vector in items(&file, "vectors") {
        let name = text(vector, "name");
        let bytes = unhex(text(vector, "hex"));
        let (result, peak) = crate::alloc::peak_bytes(|| msgpack::decode(&bytes));
        if peak > 64 * bytes.len() + 4096 {
            failures.push(format!("{}: {} bytes allocated", name, peak));
        }
        match (result, support::flag(vector, "valid")) {
            (Ok(value), true) => {
                if value.to_bytes().expect("encodable") != bytes {
                    failures.push(format!("{}: written back differently", name));
                }
            }
            (Err(e), false) => {
                if e.offset.is_none() || e.kind == ErrorKind::Schema {
                    failures.push(format!("{}: {:?}", name, e));
                }
            }
            (Ok(value), false) => failures.push(format!("{}: accepted as {:?}", name, value)),
            (Err(e), true) => failures.push(format!("{}: refused: {}", name, e)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Values the Java writer encoded: read and written back identically, then handed to Java (with
/// values Rust made up itself) to read in turn.
#[test]
fn java_written_values_read_back_identically_and_go_back_to_java() {
    let file = support::read_json("msgpack-values.json");
    let mut failures = Vec::new();
    let mut out = Vec::new();
    for vector in items(&file, "values") {
        let name = text(vector, "name");
        let bytes = unhex(text(vector, "hex"));
        match msgpack::decode(&bytes) {
            Ok(value) => {
                let again = value.to_bytes().expect("encodable");
                if again != bytes {
                    failures.push(format!("{}: {} became {}", name, hex(&bytes), hex(&again)));
                }
                out.push((format!("java {}", name), again));
            }
            Err(e) => failures.push(format!("{}: refused: {}", name, e)),
        }
    }
    let mut rng = Rng::new(0x5eed);
    for i in 0..100 {
        let value = random_value(&mut rng, 0);
        let bytes = value.to_bytes().expect("encodable");
        let read = msgpack::decode(&bytes).expect("read what Rust wrote");
        assert!(same(&read, &normalized(&value)), "random {}", i);
        out.push((format!("rust {}", i), bytes));
    }
    let members = out
        .into_iter()
        .map(|(k, v)| (Cow::Owned(k), Json::String(Cow::Owned(hex(&v)))))
        .collect();
    support::write_out(
        "msgpack.json",
        json::to_pretty_string(&Json::Object(members)).as_bytes(),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    let pieces = ["a", "é", "\u{ff61}", "\u{1f600}", "key", "\u{0}"];
    let string = |rng: &mut Rng| -> String {
        let n = if rng.below(8) == 0 { 40 } else { 5 };
        let n = rng.below(n);
        (0..n).map(|_| pieces[rng.below(pieces.len())]).collect()
    };
    match rng.below(if depth > 3 { 7 } else { 9 }) {
        0 => Value::Nil,
        1 => Value::Bool(rng.below(2) == 0),
        2 => Value::Int(rng.next_u64() as i64 >> rng.below(64)),
        3 => Value::UInt(rng.next_u64() | 1 << 63),
        4 => Value::Float(f64::from_bits(rng.next_u64() & 0x7fef_ffff_ffff_ffff)),
        5 => Value::Str(string(rng)),
        6 => Value::Bin((0..rng.below(300)).map(|_| rng.byte()).collect()),
        7 => Value::Array(
            (0..rng.below(18))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let mut entries: Vec<(String, Value)> = (0..rng.below(18))
                .map(|_| (string(rng), random_value(rng, depth + 1)))
                .collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            entries.dedup_by(|a, b| a.0 == b.0);
            Value::Map(entries)
        }
    }
}

/// The canonical bytes of every contract sample (the hashed form): read and written back.
#[test]
fn every_contract_sample_reads_back_identically() {
    let file = support::read_json("../java-contract-vectors.json");
    let mut checked = 0;
    for contract in items(&file, "contracts") {
        for case in items(contract, "cases") {
            let bytes = unhex(text(case, "hex"));
            let value = msgpack::decode(&bytes).unwrap_or_else(|e| {
                panic!(
                    "{} {}: {}",
                    text(contract, "contract"),
                    text(case, "name"),
                    e
                )
            });
            assert_eq!(value.to_bytes().expect("encodable"), bytes);
            checked += 1;
        }
    }
    assert!(checked > 50, "{} samples", checked);
}

#[test]
fn the_reader_reads_one_value_at_a_time() {
    let mut w = Writer::new();
    w.write_map_header(3);
    w.write_str("a");
    w.write_uint(u64::MAX);
    w.write_str("b");
    w.write_array_header(2);
    w.write_nil();
    w.write_bin(&[1, 2]);
    w.write_str("c");
    w.write_f64(-0.0).expect("finite");
    let bytes = w.into_bytes();
    let mut r = Reader::new(&bytes);
    assert_eq!(r.peek_kind().expect("kind"), Kind::Map);
    assert_eq!(r.read_map_header().expect("map"), 3);
    let mut keys = KeyOrder::new();
    assert_eq!(r.read_key(&mut keys).expect("key"), "a");
    assert_eq!(r.read_integer().expect("int"), Integer::UInt(u64::MAX));
    assert_eq!(r.read_key(&mut keys).expect("key"), "b");
    assert_eq!(r.read_array_header().expect("array"), 2);
    assert!(r.read_nil_if_next());
    assert_eq!(r.read_bin().expect("bin"), &[1, 2]);
    assert_eq!(r.read_key(&mut keys).expect("key"), "c");
    assert_eq!(r.read_f64().expect("float").to_bits(), (-0.0f64).to_bits());
    r.finish().expect("the end");
    // Asking for the wrong kind names both.
    let error = Reader::new(&[0xc3]).read_str().unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected a string, got a boolean (at byte 0)"
    );
}

#[test]
fn errors_name_what_was_expected_what_came_and_where() {
    let cases: [(&[u8], &str); 6] = [
        (
            &[0x91, 0xcc, 0x05],
            "field [0]: expected the smallest encoding of 5 (positive fixint), got uint 8 \
             (0xcc) (at byte 1)",
        ),
        (
            &[0x82, 0xa1, 0x62, 0xc0, 0xa1, 0x61, 0xc0],
            "expected map keys in increasing UTF-8 byte order, each once, got the key \"a\" \
             after \"b\" (at byte 4)",
        ),
        (
            &[0xca, 0x3f, 0xc0, 0, 0],
            "expected float 64 (canonical payloads hold every float as float64), got float 32 \
             (0xca) (at byte 0)",
        ),
        (
            &[0xdd, 0xff, 0xff, 0xff, 0xff],
            "expected at most 0 elements (one byte each at least), got an array of 4294967295 \
             elements (at byte 0)",
        ),
        (
            &[0xc0, 0xc0],
            "expected the end of the input after the value, got 1 more bytes (at byte 1)",
        ),
        (
            &[0xd9, 0x01, 0x61],
            "expected the smallest encoding of a string of length 1 (fixstr), got str 8 (0xd9) \
             (at byte 0)",
        ),
    ];
    for (bytes, message) in cases {
        assert_eq!(msgpack::decode(bytes).unwrap_err().to_string(), message);
    }
}

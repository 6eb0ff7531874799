//! The protobuf wire format against protobuf-java: the bytes it writes, how it reads inputs it
//! would not write, what it refuses.

use crate::dynamic::{self, Msg};
use crate::json::{self, Json};
use crate::read_error::ErrorKind;
use crate::schemas::{self, EVERYTHING};
use crate::support::{self, hex, items, text, unhex};
use crate::wire::{
    self, Bool, Fixed32, Int32, Int64, Message, Reader, SInt32, SInt64, Str, Tag, UInt64,
    UnknownFields, UnknownValue, WireType, Writer,
};
use std::borrow::Cow;
use std::collections::BTreeMap;

fn decode(bytes: &[u8]) -> Result<Msg, crate::read_error::ReadError> {
    dynamic::decode(&EVERYTHING, schemas::message, bytes)
}

fn encode(message: &Msg) -> Vec<u8> {
    dynamic::encode(&EVERYTHING, schemas::message, message)
}

/// Every message Java wrote: read from `toByteArray()` (maps in insertion order) and from the
/// deterministic bytes, the same message; written, exactly the deterministic bytes.
#[test]
fn wire_messages_decode_and_encode_as_protobuf_java() {
    let vectors = support::read_json("wire-vectors.json");
    let mut failures = Vec::new();
    let mut written = Vec::new();
    let messages = items(&vectors, "messages");
    for vector in messages {
        let name = text(vector, "name");
        let deterministic = unhex(text(vector, "deterministic_hex"));
        let from_insertion_order = decode(&unhex(text(vector, "hex")));
        let from_deterministic = decode(&deterministic);
        match (from_insertion_order, from_deterministic) {
            (Ok(a), Ok(b)) => {
                if a != b {
                    failures.push(format!("{}: the two Java encodings read differently", name));
                }
                let bytes = encode(&a);
                if bytes != deterministic {
                    failures.push(format!(
                        "{}: Rust wrote {}, protobuf-java {}",
                        name,
                        hex(&bytes),
                        hex(&deterministic)
                    ));
                }
                written.push((
                    Cow::Owned(name.to_string()),
                    Json::String(Cow::Owned(hex(&bytes))),
                ));
            }
            (a, b) => failures.push(format!("{}: not read: {:?} / {:?}", name, a.err(), b.err())),
        }
    }
    support::write_out(
        "wire.json",
        json::to_pretty_string(&Json::Object(written)).as_bytes(),
    );
    assert!(messages.len() > 200, "{} messages", messages.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The JSON Java printed for every message: read as `JsonFormat` reads it (the same message
/// Java's own JSON round trip gives), and written as Java writes it, character for character.
/// Two JSON trees are the same, except that a number Rust writes may be shorter than Java's
/// and read back to the same float or double: Java 17's `Float.toString` and
/// `Double.toString` sometimes write a digit more than the shortest (`1.17549435E-38` for the
/// float `1.1754944E-38`); Java 19 and later write the shortest, as Rust does.
fn same_but_shorter_numbers(
    rust: &Json<'_>,
    java: &Json<'_>,
    longer: &mut usize,
) -> Result<(), String> {
    match (rust, java) {
        (Json::Number(r), Json::Number(j)) if r != j => {
            let as_double = |t: &str| t.parse::<f64>().ok();
            let as_float = |t: &str| t.parse::<f32>().ok();
            let same_value = as_double(r) == as_double(j) || as_float(r) == as_float(j);
            if same_value && r.len() < j.len() {
                *longer += 1;
                Ok(())
            } else {
                Err(format!("Rust wrote {}, Java {}", r, j))
            }
        }
        (Json::Array(r), Json::Array(j)) if r.len() == j.len() => r
            .iter()
            .zip(j)
            .try_for_each(|(r, j)| same_but_shorter_numbers(r, j, longer)),
        (Json::Object(r), Json::Object(j)) if r.len() == j.len() => {
            r.iter().zip(j).try_for_each(|((rk, rv), (jk, jv))| {
                if rk != jk {
                    return Err(format!("key {} where Java has {}", rk, jk));
                }
                same_but_shorter_numbers(rv, jv, longer)
            })
        }
        (r, j) if r == j => Ok(()),
        (r, j) => Err(format!(
            "Rust wrote {}, Java {}",
            json::to_compact_string(r),
            json::to_compact_string(j)
        )),
    }
}

#[test]
fn wire_messages_read_and_write_json_as_json_format() {
    let vectors = support::read_json("wire-vectors.json");
    let mut failures = Vec::new();
    let mut longer = 0;
    for vector in items(&vectors, "messages") {
        let name = text(vector, "name");
        let java_json = text(vector, "json");
        match json::parse_str(java_json)
            .and_then(|tree| dynamic::from_json(&EVERYTHING, schemas::message, &tree, false))
        {
            Ok(message) => {
                let expected = text(vector, "json_roundtrip_hex");
                if hex(&encode(&message)) != expected {
                    failures.push(format!(
                        "{}: read from JSON as {}, Java {}",
                        name,
                        hex(&encode(&message)),
                        expected
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: JSON not read: {}", name, e)),
        }
        let message = decode(&unhex(text(vector, "deterministic_hex"))).expect("read");
        let rust_json =
            json::to_pretty_string(&dynamic::to_json(&EVERYTHING, schemas::message, &message))
                + "\n";
        if rust_json != java_json {
            let rust_tree = json::parse_str(&rust_json).expect("Rust's JSON");
            let java_tree = json::parse_str(java_json).expect("Java's JSON");
            if let Err(problem) = same_but_shorter_numbers(&rust_tree, &java_tree, &mut longer) {
                failures.push(format!("{}: {}", name, problem));
            }
            // Nothing but the number texts may differ: the same layout and everything else.
            if json::to_pretty_string(&rust_tree).len() > json::to_pretty_string(&java_tree).len() {
                failures.push(format!("{}: Rust's JSON is longer", name));
            }
        }
    }
    println!(
        "floats and doubles Java 17 writes with more digits than the shortest: {}",
        longer
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Inputs protobuf-java reads though it would not write them (unpacked packed fields, repeated
/// singular fields, overlong varints, unknown fields between known ones, map entries without key
/// or value...): read to the same message, written as Java writes it after reading.
#[test]
fn non_canonical_inputs_read_as_protobuf_java_reads_them() {
    let vectors = support::read_json("wire-vectors.json");
    let mut failures = Vec::new();
    let inputs = items(&vectors, "inputs");
    for vector in inputs {
        let name = text(vector, "name");
        match decode(&unhex(text(vector, "input_hex"))) {
            Ok(message) => {
                let bytes = hex(&encode(&message));
                if bytes != text(vector, "java_hex") {
                    failures.push(format!(
                        "{}: Rust {}, Java {}",
                        name,
                        bytes,
                        text(vector, "java_hex")
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: refused: {}", name, e)),
        }
    }
    assert!(inputs.len() >= 25, "{} inputs", inputs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where the Rust reader is stricter than protobuf-java, by design (docs/rust-parity.md).
const STRICTER_THAN_JAVA: [&str; 2] = [
    // protobuf-java drops the bits of a tenth varint byte beyond 64; Rust refuses them.
    "a ten-byte varint beyond 64 bits",
    // protobuf-java keeps the low 32 bits of a longer tag; Rust refuses it.
    "a tag beyond 32 bits",
];

#[test]
fn invalid_inputs_are_refused_as_protobuf_java_refuses_them() {
    let vectors = support::read_json("wire-vectors.json");
    let mut failures = Vec::new();
    for vector in items(&vectors, "invalid") {
        let name = text(vector, "name");
        let java_refuses = vector.get("java_error").is_some();
        if !java_refuses && !STRICTER_THAN_JAVA.contains(&name) {
            failures.push(format!(
                "{}: Java reads it, and it is not a known difference",
                name
            ));
        }
        match decode(&unhex(text(vector, "input_hex"))) {
            Ok(message) => failures.push(format!("{}: read as {:?}", name, message)),
            Err(e) => {
                if e.offset.is_none() || e.kind == ErrorKind::Schema {
                    failures.push(format!(
                        "{}: the error has no offset, or is not malformed input: {}",
                        name, e
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ------------------------------------------------------------------------------------------
// the reader and writer directly

fn tag(r: &mut Reader<'_>) -> Tag {
    r.next_tag().expect("a tag").expect("not the end")
}

#[test]
fn varints_at_every_length_and_the_ten_byte_limit() {
    for value in [
        0u64,
        1,
        127,
        128,
        16383,
        16384,
        u32::MAX as u64,
        1 << 63,
        u64::MAX,
    ] {
        let mut w = Writer::new();
        w.varint(value);
        let bytes = w.into_bytes();
        let expected_len = if value == 0 {
            1
        } else {
            (64 - value.leading_zeros() as usize + 6) / 7
        };
        assert_eq!(bytes.len(), expected_len, "{}", value);
        assert_eq!(Reader::new(&bytes).varint().expect("read"), value);
    }
    let overflow = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
    let error = Reader::new(&overflow).varint().unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected a varint within 64 bits (a tenth byte of 0 or 1), got a tenth byte 0x02 \
         (at byte 0)"
    );
    let eleven = [0xff; 11];
    assert!(Reader::new(&eleven).varint().is_err());
    let truncated = [0x80, 0x80];
    let error = Reader::new(&truncated).varint().unwrap_err();
    assert_eq!(error.offset, Some(0));
}

#[test]
fn zigzag_and_sign_extension_as_protobuf_writes_them() {
    let cases: [(i64, &str); 5] = [
        (0, "00"),
        (-1, "01"),
        (1, "02"),
        (-2, "03"),
        (i64::MIN, "ffffffffffffffffff01"),
    ];
    for (value, expected) in cases {
        let mut z = Writer::new();
        <SInt64 as wire::Codec>::write(&mut z, &value);
        assert_eq!(hex(z.as_bytes()), expected, "{}", value);
        assert_eq!(
            Reader::new(z.as_bytes()).read::<SInt64>().expect("read"),
            value
        );
    }
    let mut w = Writer::new();
    <SInt32 as wire::Codec>::write(&mut w, &i32::MIN);
    assert_eq!(hex(w.as_bytes()), "ffffffff0f");
    // A negative int32 is ten bytes, sign-extended; read back through truncation.
    let mut w = Writer::new();
    w.field::<Int32>(1, &-1);
    assert_eq!(hex(w.as_bytes()), "08ffffffffffffffffff01");
    let mut r = Reader::new(w.as_bytes());
    tag(&mut r);
    assert_eq!(r.read::<Int32>().expect("read"), -1);
}

#[test]
fn implicit_presence_leaves_defaults_out_but_not_negative_zero() {
    let mut w = Writer::new();
    w.implicit::<Int64>(1, &0);
    w.implicit::<Str>(2, &String::new());
    w.implicit::<wire::Double>(3, &0.0);
    w.implicit::<Bool>(4, &false);
    assert!(w.is_empty());
    w.implicit::<wire::Double>(3, &-0.0);
    w.optional::<Int64>(5, &Some(0));
    w.optional::<Int64>(6, &None);
    assert_eq!(hex(w.as_bytes()), "1900000000000000802800");
}

#[test]
fn packed_and_unpacked_both_read() {
    let mut w = Writer::new();
    w.packed::<SInt32>(1, &[1, -1, 300]);
    w.unpacked::<SInt32>(1, &[7]);
    w.packed::<Fixed32>(2, &[1, 2]);
    w.packed::<Fixed32>(3, &[]);
    assert_eq!(hex(w.as_bytes()), "0a040201d804080e12080100000002000000");
    let mut r = Reader::new(w.as_bytes());
    let mut ints = Vec::new();
    let mut fixed = Vec::new();
    while let Some(t) = r.next_tag().expect("tag") {
        match t.number {
            1 => r.repeated::<SInt32>(t, &mut ints).expect("ints"),
            _ => r.repeated::<Fixed32>(t, &mut fixed).expect("fixed"),
        }
    }
    assert_eq!(ints, [1, -1, 300, 7]);
    assert_eq!(fixed, [1, 2]);
    // A packed fixed32 list whose length is not a multiple of 4 is refused before reading.
    let broken = [0x0a, 0x03, 1, 2, 3];
    let mut r = Reader::new(&broken);
    let t = tag(&mut r);
    assert!(r.repeated::<Fixed32>(t, &mut Vec::new()).is_err());
}

#[test]
fn lengths_beyond_the_input_are_refused_before_anything_is_allocated() {
    let huge = [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x61];
    let mut r = Reader::new(&huge);
    tag(&mut r);
    let ((), peak) = crate::alloc::peak_bytes(|| {
        let error = r.bytes().unwrap_err();
        assert_eq!(
            error.problem_text(),
            "expected a length of at most the 1 bytes left, got length 4294967295"
        );
    });
    assert!(peak < 1024, "{} bytes allocated", peak);
}

#[test]
fn nested_messages_deeper_than_the_limit_are_refused() {
    fn nested(depth: usize) -> Vec<u8> {
        let mut bytes = Vec::new();
        for _ in 0..depth {
            let mut w = Writer::new();
            w.tag(80, WireType::Len);
            w.len_prefixed(&bytes);
            bytes = w.into_bytes();
        }
        bytes
    }
    assert!(decode(&nested(100)).is_ok());
    let error = decode(&nested(101)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Limit);
    assert_eq!(error.path, "child.".repeat(101).trim_end_matches('.'));
    assert!(decode(&nested(5000)).is_err());
}

#[test]
fn map_entries_read_as_protobuf_java_reads_them() {
    // Value before key, an unknown field inside, a key of another wire type: skipped.
    let entry = [
        0x12, 0x01, 0x76, 0x18, 0x01, 0x0a, 0x01, 0x6b, 0x0d, 1, 0, 0, 0,
    ];
    let mut w = Writer::new();
    w.tag(4, WireType::Len);
    w.len_prefixed(&entry);
    let mut r = Reader::new(w.as_bytes());
    tag(&mut r);
    let (key, value) = r.map_entry::<Str, Str>().expect("entry");
    assert_eq!((key.as_str(), value.as_str()), ("k", "v"));
    // A missing key and value are their defaults.
    let mut r = Reader::new(&[0x22, 0x00]);
    tag(&mut r);
    assert_eq!(
        r.map_entry::<UInt64, Str>().expect("entry"),
        (0, String::new())
    );
    // Written as protobuf-java writes them: both fields, defaults too, keys in Java's order.
    let mut map = BTreeMap::new();
    map.insert(u64::MAX, String::new());
    map.insert(1, "x".to_string());
    let mut w = Writer::new();
    w.map::<UInt64, Str>(4, &map);
    assert_eq!(
        hex(w.as_bytes()),
        "220d08ffffffffffffffffff011200220508011201 78".replace(' ', "")
    );
}

#[test]
fn java_string_order_differs_from_utf8_only_around_surrogates() {
    use std::cmp::Ordering;
    assert_eq!(wire::utf16_cmp("\u{ff61}", "\u{1f600}"), Ordering::Greater);
    assert_eq!("\u{ff61}".cmp("\u{1f600}"), Ordering::Less);
    assert_eq!(wire::utf16_cmp("a", "ab"), Ordering::Less);
    assert_eq!(wire::utf16_cmp("\u{1f600}", "\u{1f601}"), Ordering::Less);
    assert_eq!(wire::utf16_cmp("\u{d7ff}", "\u{1f600}"), Ordering::Less);
    assert_eq!(wire::utf16_cmp("é", "é"), Ordering::Equal);
}

#[test]
fn unknown_fields_are_written_back_in_java_order() {
    let mut fields = UnknownFields::new();
    fields.push(20, UnknownValue::Bytes(b"a".to_vec()));
    fields.push(15, UnknownValue::Varint(1));
    fields.push(20, UnknownValue::Varint(5));
    fields.push(20, UnknownValue::Fixed32(7));
    let mut group = UnknownFields::new();
    group.push(1, UnknownValue::Fixed64(9));
    fields.push(16, UnknownValue::Group(group));
    let mut w = Writer::new();
    w.unknown(&fields);
    assert_eq!(
        hex(w.as_bytes()),
        "7801830109090000000000000084 01a00105a50107000000a2010161".replace(' ', "")
    );
    assert_eq!(fields.numbers(), [15, 16, 20]);
    let mut read = UnknownFields::new();
    let mut r = Reader::new(w.as_bytes());
    while let Some(t) = r.next_tag().expect("tag") {
        r.unknown(t, &mut read).expect("unknown");
    }
    assert_eq!(read, fields);
}

#[test]
fn strings_must_be_utf8_and_errors_say_where() {
    let bytes = [0x0a, 0x02, 0xc3, 0x28];
    let mut r = Reader::new(&bytes);
    tag(&mut r);
    let error = r.string().unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected a string of valid UTF-8, got an invalid byte sequence at byte 0 of the \
         string (at byte 1)"
    );
    let error = decode(&[0x0a, 0x04, 0x72, 0x02, 0xc3, 0x28]).unwrap_err();
    assert_eq!(error.path, "scalars.text");
    assert_eq!(error.offset, Some(3));
}

/// A generated message type round-trips through `Message::decode` and `encode`.
#[test]
fn the_message_trait_decodes_and_encodes() {
    #[derive(Debug, Default, PartialEq)]
    struct Point {
        x: i64,
        label: Option<String>,
        unknown: UnknownFields,
    }
    impl Message for Point {
        fn merge_from(&mut self, r: &mut Reader<'_>) -> Result<(), crate::read_error::ReadError> {
            while let Some(t) = r.next_tag()? {
                match (t.number, t.wire_type) {
                    (1, WireType::Varint) => self.x = r.read::<SInt64>()?,
                    (2, WireType::Len) => self.label = Some(r.read::<Str>()?),
                    _ => r.unknown(t, &mut self.unknown)?,
                }
            }
            Ok(())
        }
        fn write_to(&self, w: &mut Writer) {
            w.implicit::<SInt64>(1, &self.x);
            w.optional::<Str>(2, &self.label);
            w.unknown(&self.unknown);
        }
    }
    let point = Point {
        x: -3,
        label: Some(String::new()),
        unknown: UnknownFields::new(),
    };
    let bytes = point.encode();
    assert_eq!(hex(&bytes), "08051200");
    assert_eq!(Point::decode(&bytes).expect("decode"), point);
    // A nested message longer than 127 bytes gets a two-byte length in front.
    let mut w = Writer::new();
    w.tag(3, WireType::Len);
    w.length_delimited(|w| w.raw(&[7; 200]));
    assert_eq!(&w.as_bytes()[..3], &[0x1a, 0xc8, 0x01]);
    assert_eq!(w.len(), 203);
}

//! The strict JSON reader and the writer that renders as Java does, and the payload mapping
//! helpers (base64 as Guava and the JDK read it, doubles as Java writes them).

use crate::json::{self, Json, Limits};
use crate::json_mapping::{self, java_double_text, proto, record};
use crate::read_error::ErrorKind;
use crate::support;
use std::borrow::Cow;

/// Every JSON file of the real run, read and written again: the same bytes (the writer renders
/// as Java's payload writers do).
#[test]
fn every_json_file_of_the_run_is_written_back_byte_for_byte() {
    let run = support::runtime_dir().join("run");
    let mut files = vec![
        "package.json".to_string(),
        "policy.json".to_string(),
        "calibration.json".to_string(),
        "run.json".to_string(),
        "lineage.json".to_string(),
    ];
    let bundles = std::fs::read_dir(run.join("bundles")).expect("bundles");
    for bundle in bundles {
        let name = bundle
            .expect("entry")
            .file_name()
            .into_string()
            .expect("name");
        files.push(format!("bundles/{}/fingerprint.json", name));
        files.push(format!("bundles/{}/identity.json", name));
    }
    for file in &files {
        let bytes = support::read(&format!("run/{}", file));
        let tree = json::parse(&bytes).unwrap_or_else(|e| panic!("{}: {}", file, e));
        let written = json::to_pretty_string(&tree) + "\n";
        assert_eq!(written.as_bytes(), bytes.as_slice(), "{}", file);
    }
    assert!(files.len() >= 10, "{:?}", files);
}

fn error(text: &str) -> crate::read_error::ReadError {
    json::parse(text.as_bytes()).expect_err(text)
}

#[test]
fn rfc_8259_and_nothing_more() {
    let accepted = [
        "0",
        "-0",
        "1.5e-3",
        "1E+400",
        "-12345678901234567890123",
        "\"\\u0000\\ud83d\\ude00 \\/\\b\\f\\n\\r\\t\"",
        " [ ] ",
        "{\"a\":{\"b\":[true,false,null]}}",
        "\"é\u{1f600}\"",
    ];
    for text in accepted {
        assert!(json::parse(text.as_bytes()).is_ok(), "{}", text);
    }
    let refused = [
        "",
        " ",
        "01",
        "1.",
        ".5",
        "1e",
        "-",
        "+1",
        "NaN",
        "Infinity",
        "[1,]",
        "{,}",
        "{\"a\"}",
        "{\"a\":1,}",
        "{a:1}",
        "'a'",
        "tru",
        "nul",
        "[1 2]",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"a\u{1}\"",
        "\"a\nb\"",
        "\"abc",
        "[",
        "{} {}",
        "1 // comment",
        "\u{feff}{}",
        "{\"a\":1,\"a\":2}",
    ];
    for text in refused {
        let e = error(text);
        assert_eq!(e.kind, ErrorKind::Syntax, "{}: {}", text, e);
        assert!(e.line_column.is_some(), "{}", text);
    }
    for bytes in [
        &b"\"\xc3\x28\""[..],
        b"\"\xc0\x80\"",
        b"\"\xed\xa0\x80\"",
        b"\"\xff\"",
    ] {
        assert!(json::parse(bytes).is_err(), "{:?}", bytes);
    }
}

#[test]
fn numbers_are_kept_as_their_text() {
    let tree = json::parse(b"[9223372036854775808, 0.1000000000000000055511151231257827, -0]")
        .expect("parse");
    let items: Vec<&str> = tree
        .as_array()
        .expect("array")
        .iter()
        .map(|v| match v {
            Json::Number(n) => n.as_ref(),
            _ => "",
        })
        .collect();
    assert_eq!(
        items,
        [
            "9223372036854775808",
            "0.1000000000000000055511151231257827",
            "-0"
        ]
    );
}

#[test]
fn errors_say_where_in_lines_and_characters() {
    let e = error("{\n  \"a\": 1,\n  \"a\": 2\n}");
    assert_eq!(
        e.to_string(),
        "expected object keys that are each used once, got the key \"a\" twice (at line 3, \
         column 3)"
    );
    assert_eq!(e.offset, Some(14));
    let e = error("[\"é\", tru]");
    assert_eq!(e.line_column, Some((1, 7)));
    assert_eq!(e.path, "[1]");
    let e = json::parse(b"{\"k\": \"\xff\"}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected UTF-8 text, got an invalid byte sequence (at line 1, column 8)"
    );
}

#[test]
fn limits_hold_depth_size_and_number_length() {
    let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
    assert!(json::parse(deep(100).as_bytes()).is_ok());
    let e = error(&deep(101));
    assert_eq!(e.kind, ErrorKind::Limit);
    assert!(json::parse(deep(100_000).as_bytes()).is_err());
    let objects = "{\"a\":".repeat(101) + "1" + &"}".repeat(101);
    assert_eq!(error(&objects).kind, ErrorKind::Limit);
    let long = "1".repeat(1000);
    assert!(json::parse(long.as_bytes()).is_ok());
    assert_eq!(error(&(long + "1")).kind, ErrorKind::Limit);
    let small = Limits {
        max_bytes: 4,
        ..Limits::default()
    };
    assert_eq!(
        json::parse_with(b"[1,2]", &small).unwrap_err().kind,
        ErrorKind::Limit
    );
}

#[test]
fn duplicate_keys_are_found_in_large_objects_too() {
    let mut text = String::from("{");
    for i in 0..100 {
        text.push_str(&format!("\"k{}\": {},", i, i));
    }
    text.push_str("\"k7\": 0}");
    let e = error(&text);
    assert!(e.found.contains("\"k7\" twice"), "{}", e);
}

#[test]
fn strings_are_written_as_jackson_escapes_them() {
    let value = Json::String(Cow::Borrowed(
        "\"\\/\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}é\u{2028}😀",
    ));
    assert_eq!(
        json::to_compact_string(&value),
        "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001F\u{7f}é\u{2028}😀\""
    );
    let tree = json::parse(b"{\"a\":[],\"b\":{},\"c\":[1,{\"d\":null}]}").expect("parse");
    assert_eq!(
        json::to_pretty_string(&tree),
        "{\n  \"a\": [ ],\n  \"b\": { },\n  \"c\": [\n    1,\n    {\n      \"d\": null\n    }\n  ]\n}"
    );
}

#[test]
fn doubles_are_written_as_java_writes_them() {
    let cases = [
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (0.95, "0.95"),
        (100.0, "100.0"),
        (0.001, "0.001"),
        (0.000_99, "9.9E-4"),
        (1e7, "1.0E7"),
        (9_999_999.0, "9999999.0"),
        (123_456_789.125, "1.23456789125E8"),
        (1e21, "1.0E21"),
        (1.5e-5, "1.5E-5"),
        (f64::MIN_POSITIVE, "2.2250738585072014E-308"),
        (5e-324, "4.9E-324"),
        (f64::MAX, "1.7976931348623157E308"),
        (-2.5, "-2.5"),
    ];
    for (value, java) in cases {
        assert_eq!(java_double_text(value), java, "{:e}", value);
    }
}

#[test]
fn base64_as_guava_and_the_jdk_read_it() {
    let string = |s: &str| Json::String(Cow::Owned(s.to_string()));
    // protobuf bytes: Guava's decoder, standard alphabet, else URL-safe; padding optional.
    let guava = [
        ("YQ==", Some(&b"a"[..])),
        ("YQ", Some(b"a")),
        ("YQ=", Some(b"a")),
        ("YR==", Some(b"a")),
        ("YWJ", Some(b"ab")),
        ("-_-_", Some(&[0xfb, 0xff, 0xbf][..])),
        ("+/+/", Some(&[0xfb, 0xff, 0xbf][..])),
        ("", Some(b"")),
        ("Y", None),
        ("YQ==YQ==", None),
        ("-/+_", None),
        ("Y Q==", None),
    ];
    for (text, expected) in guava {
        let read = proto::bytes(&string(text)).ok();
        assert_eq!(read.as_deref(), expected, "{}", text);
    }
    // record byte[]: the JDK's basic decoder and its messages, then only what the writer
    // writes (padded, no stray bits), as RecordPayloads reads it.
    let canonical = |t: &str| {
        format!(
            "base64 as the writer writes it (padded, no stray bits), got '{}'",
            t
        )
    };
    for text in ["YQ", "YR=="] {
        let error = record::bytes(&string(text)).unwrap_err();
        assert_eq!(
            error.found,
            format!("expected {}", canonical(text)),
            "{}",
            text
        );
    }
    let jdk = [
        ("YQ==", Ok(&b"a"[..])),
        ("", Ok(b"")),
        ("YQ=", Err("Input byte array has wrong 4-byte ending unit")),
        (
            "Y",
            Err("Input byte[] should at least have 2 bytes for base64 bytes"),
        ),
        (
            "YQ==YQ==",
            Err("Input byte array has incorrect ending byte at 4"),
        ),
        ("-_-_", Err("Illegal base64 character 2d")),
        ("Y Q==", Err("Illegal base64 character 20")),
        ("YQé=", Err("Illegal base64 character -17")),
    ];
    for (text, expected) in jdk {
        match (record::bytes(&string(text)), expected) {
            (Ok(bytes), Ok(expected)) => assert_eq!(bytes, expected, "{}", text),
            (Err(e), Err(message)) => {
                assert_eq!(
                    e.found,
                    format!("expected a base64 string: {}", message),
                    "{}",
                    text
                )
            }
            (other, expected) => panic!("{}: {:?}, expected {:?}", text, other, expected),
        }
    }
    assert_eq!(json_mapping::base64_encode(b"ab"), "YWI=");
    assert_eq!(json_mapping::base64_encode(&[0xfb, 0xff]), "+/8=");
}

#[test]
fn protobuf_json_numbers_as_the_java_reader_takes_them() {
    let parse = |t: &str| json::parse(t.as_bytes()).expect(t).into_owned();
    assert_eq!(
        proto::int64(&parse("\"-9223372036854775808\"")).expect("min"),
        i64::MIN
    );
    assert_eq!(proto::int64(&parse("12")).expect("number"), 12);
    assert_eq!(proto::int64(&parse("\"007\"")).expect("zeros"), 7);
    for refused in ["\"+5\"", "\" 5\"", "5.0", "\"1e3\"", "\"\"", "true", "null"] {
        assert!(proto::int64(&parse(refused)).is_err(), "{}", refused);
    }
    assert_eq!(
        proto::int64(&parse("true")).unwrap_err().problem_text(),
        "expected an int64 (a whole number, or a string of digits), got a boolean true"
    );
    assert_eq!(
        proto::int64_as(&parse("\"09223372036854775808\""), "sint64")
            .unwrap_err()
            .problem_text(),
        "expected an sint64, from -9223372036854775808 to 9223372036854775807, got \
         9223372036854775808, which is out of its range"
    );
    // A payload holds finite numbers only; JsonFormat's specials and tolerance are refused.
    assert!(proto::finite_double(&parse("\"NaN\"")).is_err());
    assert_eq!(
        proto::finite_double(&parse("1e400"))
            .unwrap_err()
            .problem_text(),
        "expected a finite double, got a number beyond its range; contracts hold finite numbers \
         only"
    );
    assert!(proto::finite_float(&parse("3.4028236e38")).is_err());
    assert!(proto::float(&parse("3.4028236e38")).is_ok());
    assert_eq!(
        proto::uint64(&parse("\"18446744073709551615\"")).expect("max"),
        u64::MAX
    );
    assert_eq!(proto::uint32(&parse("4294967295")).expect("max"), u32::MAX);
    assert!(proto::int32(&parse("\"5\"")).is_err());
    assert!(proto::int32(&parse("2147483648")).is_err());
    assert_eq!(proto::double(&parse("-0.0")).expect("zero").to_bits(), 0);
    assert_eq!(
        proto::float(&parse("-0.0")).expect("zero").to_bits(),
        (-0.0f32).to_bits()
    );
    assert!(proto::double(&parse("1e400")).is_err());
    assert!(proto::double(&parse("\"NaN\"")).expect("nan").is_nan());
    assert_eq!(record::double(&parse("-0")).expect("zero").to_bits(), 0);
    assert_eq!(
        record::double(&parse("-0.0")).expect("zero").to_bits(),
        (-0.0f64).to_bits()
    );
    assert_eq!(proto::json_name("created_at_unix_ms"), "createdAtUnixMs");
    let names = [("RED", 1), ("BLUE", 2)];
    assert_eq!(
        proto::enum_number(&parse("\"BLUE\""), &names).expect("name"),
        2
    );
    assert_eq!(proto::enum_number(&parse("7"), &names).expect("number"), 7);
    assert_eq!(
        proto::enum_number(&parse("\"GREEN\""), &names)
            .unwrap_err()
            .problem_text(),
        "expected one of RED, BLUE, got 'GREEN'"
    );
}

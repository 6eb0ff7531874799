#![deny(warnings)]
//! The contract-independent runtime that generated decoders call, checked by running it: the
//! protobuf wire format against protobuf-java's bytes, canonical MessagePack against the Java
//! writer and reader, JSON and the payload mappings against what the Java payload readers accept
//! and write, the envelope and version gate against Java's messages, and every reader under a
//! seeded mutation fuzzer.
//!
//! The runtime's sources are included exactly as the generated module embeds them, one module
//! each. The data comes from `CODEANATOMY_PARITY_DIR/runtime` (default `target/parity/runtime`),
//! which `RustRuntimeTest` fills; what Rust writes for Java to read goes to `runtime/rust-out`.

#[allow(dead_code)]
#[path = "../../../processor/src/main/resources/io/codeanatomy/processor/emit/rust/canonical.rs"]
mod canonical;
#[allow(dead_code)]
#[path = "../../../processor/src/main/resources/io/codeanatomy/processor/emit/rust/json.rs"]
mod json;
#[allow(dead_code)]
#[path = "../../../processor/src/main/resources/io/codeanatomy/processor/emit/rust/json_mapping.rs"]
mod json_mapping;
#[allow(dead_code)]
#[path = "../../../processor/src/main/resources/io/codeanatomy/processor/emit/rust/msgpack.rs"]
mod msgpack;
#[allow(dead_code)]
#[path = "../../../processor/src/main/resources/io/codeanatomy/processor/emit/rust/payload.rs"]
mod payload;
#[allow(dead_code)]
#[path = "../../../processor/src/main/resources/io/codeanatomy/processor/emit/rust/read_error.rs"]
mod read_error;
#[allow(dead_code)]
#[path = "../../../processor/src/main/resources/io/codeanatomy/processor/emit/rust/wire.rs"]
mod wire;

// The `Contract` trait the payload module names (the generated module embeds it beside it).
include!("../../../processor/src/main/resources/io/codeanatomy/processor/emit/rust/contracts.rs");

#[path = "runtime/alloc.rs"]
mod alloc;
#[path = "runtime/dynamic.rs"]
mod dynamic;
#[path = "runtime/fuzz_tests.rs"]
mod fuzz_tests;
#[path = "runtime/json_tests.rs"]
mod json_tests;
#[path = "runtime/msgpack_tests.rs"]
mod msgpack_tests;
#[path = "runtime/mutate.rs"]
mod mutate;
#[allow(dead_code)]
#[path = "support/json.rs"]
mod parity_json;
#[path = "runtime/payload_tests.rs"]
mod payload_tests;
#[path = "runtime/schemas.rs"]
mod schemas;
#[path = "runtime/support.rs"]
mod support;
#[path = "runtime/wire_tests.rs"]
mod wire_tests;

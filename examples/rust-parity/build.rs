//! Points the crate at the generated Rust modules. The Maven build writes them (with the
//! manifests and the Java vectors) into `target/parity/rust/`; `CODEANATOMY_RUST_DIR` overrides
//! it. The test data directory (`CODEANATOMY_PARITY_DIR`) is read at run time, by the tests.

use std::env;
use std::path::PathBuf;

fn main() {
    let rust = match env::var("CODEANATOMY_RUST_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("target/parity/rust"),
    };
    for module in ["core_contracts.rs", "quickstart_contracts.rs"] {
        let file = rust.join(module);
        if !file.exists() {
            panic!(
                "{} is missing: run the Maven build first (./mvnw -B verify), which generates the \
                 Rust modules and writes them there",
                file.display()
            );
        }
        println!("cargo:rerun-if-changed={}", file.display());
    }
    println!("cargo:rustc-env=CODEANATOMY_RUST_DIR={}", rust.display());
    println!("cargo:rerun-if-env-changed=CODEANATOMY_RUST_DIR");
}

#![deny(warnings)]
//! A Rust engine's whole path with a sealed run, as `docs/rust-parity.md` shows it ("A Rust
//! engine's path"): the code between the `engine-path` markers is the doc's, word for word (the
//! first test checks it), and runs here on the run `RustVerifyTest` wrote
//! (`CODEANATOMY_VERIFY_RUN`).

use std::path::{Path, PathBuf};

// engine-path: begin
use codeanatomy_rust_parity::core_contracts::payload::{PayloadContract, PayloadErrorKind};
use codeanatomy_rust_parity::core_contracts::{CodeAnatomyPolicy, ExecutionPackage, PlanIdentity};
use codeanatomy_rust_parity::verify;
use std::collections::BTreeMap;

/// What an engine takes from a sealed run before it executes anything.
pub struct Accepted {
    pub package: ExecutionPackage,
    /// The profile's effective settings, as setting text: what to configure the session with.
    pub settings: BTreeMap<String, String>,
}

pub fn accept(run: &Path) -> Result<Accepted, String> {
    // 1. Read the sealed package: the envelope and the version gate first (contract name,
    //    version, schema fingerprint against this module's and the lock's accepted versions),
    //    then every field, strictly.
    let bytes = std::fs::read(run.join("package.binpb")).map_err(|e| e.to_string())?;
    let package = match ExecutionPackage::from_binary(&bytes) {
        Ok(read) => read.value,
        // 2. Another contract, version or schema: the error names what was expected and what
        //    came, as Java's ContractVersionException does.
        Err(e) if matches!(e.kind, PayloadErrorKind::Version { .. }) => {
            return Err(format!("not a package this engine reads: {}", e))
        }
        Err(e) => return Err(e.to_string()),
    };
    // 3. Verify: the package fingerprint from its content, then the whole run as
    //    `codeanatomy verify` checks it (file hashes, Substrait hashes, plan fingerprints and
    //    identities, the compiled policy).
    let content = package.hash().map_err(|e| e.to_string())?;
    if content != package.package_fingerprint {
        return Err(format!(
            "package_fingerprint {} but the content hashes to {}",
            package.package_fingerprint, content
        ));
    }
    let verification = verify::verify(run).map_err(|e| e.to_string())?;
    if !verification.intact() {
        return Err(verification.problems.join("\n"));
    }
    // 4. Take the profile's settings: those a plan was made with (its identity's
    //    df_settings_entries), parsed strictly, and the very ones the package was sealed with.
    let plan = package
        .plan_bundle_fingerprints
        .keys()
        .next()
        .ok_or("a package of no plan")?;
    let identity_file = run
        .join("bundles")
        .join(verify::layout::bundle_folder(plan))
        .join("identity.json");
    let identity = std::fs::read(identity_file).map_err(|e| e.to_string())?;
    let identity = PlanIdentity::from_json(&identity)
        .map_err(|e| e.to_string())?
        .value;
    let policy = CodeAnatomyPolicy::from_settings(&identity.df_settings_entries)
        .map_err(|e| e.to_string())?;
    if policy.profile_settings_hash() != package.policy_artifact_hash
        || policy.session_config_hash() != package.session_config_hash
    {
        return Err("the settings are not those the package was sealed with".to_string());
    }
    Ok(Accepted {
        package,
        settings: policy.effective_settings(),
    })
}
// engine-path: end

fn run_dir() -> PathBuf {
    match std::env::var("CODEANATOMY_VERIFY_RUN") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/verify/run"),
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copy");
        }
    }
}

#[test]
fn the_doc_shows_this_code_word_for_word() {
    let doc = include_str!("../../../docs/rust-parity.md");
    let source = include_str!("engine_path.rs");
    let between = |text: &'static str, begin: &str, end: &str| -> &'static str {
        let start = text.find(begin).expect(begin) + begin.len();
        let stop = start + text[start..].find(end).expect(end);
        text[start..stop].trim()
    };
    let in_source = between(source, "// engine-path: begin\n", "// engine-path: end");
    let in_doc = between(
        doc,
        "```rust\n// engine-path: begin\n",
        "// engine-path: end",
    );
    assert_eq!(
        in_doc, in_source,
        "docs/rust-parity.md shows other code than tests/engine_path.rs"
    );
}

#[test]
fn an_engine_accepts_the_sealed_run_and_takes_its_settings() {
    let accepted = accept(&run_dir()).unwrap_or_else(|e| panic!("refused: {}", e));
    assert!(!accepted.package.plan_bundle_fingerprints.is_empty());
    let default = CodeAnatomyPolicy::profile("default").expect("the default profile");
    assert_eq!(
        accepted.settings,
        default.effective_settings(),
        "the run used the default"
    );
}

#[test]
fn an_engine_refuses_a_payload_of_another_contract_naming_both() {
    let copy = std::env::temp_dir().join(format!("codeanatomy-engine-path-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    copy_tree(&run_dir(), &copy);
    let plan = accept(&run_dir()).expect("intact").package;
    let first = plan.plan_bundle_fingerprints.keys().next().expect("a plan");
    let fingerprint_json = std::fs::read(
        copy.join("bundles")
            .join(verify::layout::bundle_folder(first))
            .join("fingerprint.json"),
    )
    .expect("fingerprint.json");
    let fingerprint =
        codeanatomy_rust_parity::core_contracts::PlanFingerprint::from_json(&fingerprint_json)
            .expect("a fingerprint")
            .value;
    std::fs::write(
        copy.join("package.binpb"),
        fingerprint.to_binary().expect("valid"),
    )
    .expect("written");
    let refused = accept(&copy).err().expect("refused");
    let _ = std::fs::remove_dir_all(&copy);
    assert!(
        refused.starts_with(
            "not a package this engine reads: cannot read execution_package: this build reads \
             execution_package version 1 (schema "
        ) && refused.contains("but the payload is plan_fingerprint version 1"),
        "{}",
        refused
    );
}

//! Verifies a run folder in Rust, as the Java `codeanatomy verify` does: every payload read with the
//! generated strict readers (envelope and version gate first) and required to be byte for byte
//! what the writer writes for the values it holds, and every hash the artifacts determine
//! recomputed from the bytes: the run manifest's file hashes, each Substrait plan's hash, each plan
//! fingerprint and what its identity and the package record of it, the settings hashes, the
//! compiled policy's fingerprint and the package fingerprint.
//!
//! Each artifact is one function of [`artifacts`] that reads its files through a [`Run`] and
//! reports problems on it; a new artifact of the run layout is one more function, called from
//! [`verify`]. The report has the shape of Java's: one line per problem naming file and field,
//! then what the artifacts cannot confirm (`unchecked:`), then a summary.

mod artifacts;
mod run;

pub use run::{Digests, Recomputed, Run, Unreadable, Verification};

use std::collections::BTreeMap;
use std::path::Path;

/// The files of a run folder, by name, as the Java `RunLayout` names them.
pub mod layout {
    /// The format of `run.json`.
    pub const FORMAT: &str = "codeanatomy-run/1";
    pub const RUN: &str = "run.json";
    pub const PACKAGE_JSON: &str = "package.json";
    pub const PACKAGE_BINARY: &str = "package.binpb";
    pub const POLICY: &str = "policy.json";
    pub const CALIBRATION: &str = "calibration.json";
    pub const LINEAGE: &str = "lineage.json";
    pub const BUNDLES: &str = "bundles";
    pub const FINGERPRINT: &str = "fingerprint.json";
    pub const IDENTITY: &str = "identity.json";
    pub const SUBSTRAIT: &str = "substrait.binpb";
    pub const PLANS: &str = "plans.txt";

    /// The sections of `plans.txt`, in order.
    pub const UNOPTIMIZED: &str = "-- unoptimized\n";
    pub const OPTIMIZED: &str = "\n-- optimized\n";
    pub const PHYSICAL: &str = "\n-- physical\n";

    /// The folder of a plan: anything but letters, digits, '.', '_' and '-' replaced by '_', and
    /// '_' put before a name of dots only (`..` would name the parent folder).
    pub fn bundle_folder(plan: &str) -> String {
        let mut folder = String::with_capacity(plan.len());
        // One '_' per code point, as Java's regular expression replaces them.
        for c in plan.chars() {
            let kept = c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-';
            folder.push(if kept { c } else { '_' });
        }
        if folder.chars().all(|c| c == '.') {
            folder.insert(0, '_');
        }
        folder
    }

    /// `bundles/FOLDER/FILE`.
    pub fn bundle_file(folder: &str, file: &str) -> String {
        format!("{}/{}/{}", BUNDLES, folder, file)
    }
}

/// Verifies the run in `dir`; `Err` when the folder is not one that holds a run or cannot be
/// listed (exit code 2 of `codeanatomy-verify`).
pub fn verify(dir: &Path) -> Result<Verification, Unreadable> {
    Ok(check(Run::open(dir)?).0)
}

/// Verifies a run given as its files' bytes, by relative name (`bundles/NAME/FILE`).
pub fn verify_files(files: BTreeMap<String, Vec<u8>>) -> Verification {
    check(Run::in_memory(files, Digests::default())).0
}

/// [`verify_files`] for one of many variants of a run: files whose content `digests` has seen
/// are not hashed again; the digests of this run are added.
pub fn verify_files_with(files: BTreeMap<String, Vec<u8>>, digests: &mut Digests) -> Verification {
    let (verification, known) = check(Run::in_memory(files, std::mem::take(digests)));
    *digests = known;
    verification
}

/// Every artifact's check, in the order the Java verify runs them.
fn check(mut run: Run) -> (Verification, Digests) {
    let manifest = artifacts::run_manifest(&mut run);
    let package = artifacts::execution_package(&mut run);
    let bundles = artifacts::bundles(&mut run, package.as_ref());
    artifacts::policy(&mut run, package.as_ref(), &bundles);
    artifacts::calibration(&mut run);
    artifacts::lineage(&mut run);
    artifacts::results(&mut run, &manifest, package.as_ref());
    run.finish()
}

/// The report as `codeanatomy verify` prints it, and its exit code: 0 intact, 1 a problem.
/// With `recomputed`, each recomputed hash first (`recomputed: FILE FIELD HASH`).
pub fn report(verification: &Verification, recomputed: bool) -> (String, i32) {
    let mut out = String::new();
    if recomputed {
        for hash in &verification.recomputed {
            out.push_str(&format!(
                "recomputed: {} {} {}\n",
                hash.file, hash.field, hash.hash
            ));
        }
    }
    for problem in &verification.problems {
        out.push_str(problem);
        out.push('\n');
    }
    for line in &verification.unchecked {
        out.push_str("unchecked: ");
        out.push_str(line);
        out.push('\n');
    }
    let problems = verification.problems.len();
    if problems == 0 {
        out.push_str(&format!(
            "intact: every value the artifacts determine matches; {} unchecked\n",
            verification.unchecked.len()
        ));
        (out, 0)
    } else {
        out.push_str(&format!(
            "{} {}\n",
            problems,
            if problems == 1 { "problem" } else { "problems" }
        ));
        (out, 1)
    }
}

//! One function per artifact of the run layout: each reads its files through the [`Run`],
//! recomputes what they determine and reports what differs, naming file and field. Hashes are
//! named by the payload field they must equal.

use super::layout::{self, bundle_file, bundle_folder};
use super::run::{Run, Shown};
use crate::core_contracts::json::{self, Json};
use crate::core_contracts::payload::{is_sha256_hex, PayloadContract};
use crate::core_contracts::wire::utf16_cmp;
use crate::core_contracts::{
    CalibrationResult, CodeAnatomyPolicy, CompiledExecutionPolicy, ExecutionPackage,
    PlanFingerprint, PlanIdentity,
};
use std::collections::{BTreeMap, BTreeSet};

/// One plan's artifacts, as far as they could be read.
pub struct Bundle {
    pub folder: String,
    pub fingerprint: Option<PlanFingerprint>,
    /// The fingerprint's hash: what the package and the identity record as the plan's.
    pub fingerprint_hash: Option<String>,
    pub identity: Option<PlanIdentity>,
}

/// One view's results as `run.json` records them (field `results`).
pub struct RecordedView {
    pub view: String,
    /// `results/FOLDER`.
    pub path: String,
    pub rows: u64,
    pub content_hash: String,
    /// Each Parquet file of the view and its SHA-256, by name within the run folder.
    pub files: Vec<(String, String)>,
}

/// What `run.json` said, as far as it read: whether its file list read (results are checked only
/// then), and the results it records (`None`: the run wrote none).
#[derive(Default)]
pub struct RunManifest {
    pub read: bool,
    pub results: Option<Vec<RecordedView>>,
}

/// `run.json`: its form, and the SHA-256 of every file, listed or not; result files are checked
/// view by view by [`results`].
pub fn run_manifest(run: &mut Run) -> RunManifest {
    let file = layout::RUN;
    let mut manifest = RunManifest::default();
    let Some(bytes) = run.bytes(file) else {
        for name in run.file_names() {
            run.problem(&name, format!("not covered by {}", file));
        }
        return manifest;
    };
    let root = match json::parse_with(&bytes, &crate::core_contracts::payload::JSON_LIMITS) {
        Ok(root) => root,
        Err(e) => {
            run.problem(file, e);
            return manifest;
        }
    };
    let Json::Object(members) = &root else {
        run.problem(file, "expected an object with format and files");
        return manifest;
    };
    // Java's TreeSet prints [a, b]; the names are sorted as Java sorts strings.
    let mut unknown: Vec<&str> = members
        .iter()
        .map(|(k, _)| k.as_ref())
        .filter(|k| *k != "format" && *k != "files" && *k != "results")
        .collect();
    unknown.sort_by(|a, b| utf16_cmp(a, b));
    unknown.dedup();
    if !unknown.is_empty() {
        run.problem(
            file,
            format!(
                "unknown fields [{}]; it has format and files, and results when the run wrote \
                 results",
                unknown.join(", ")
            ),
        );
    }
    let member = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    match member("format") {
        Some(Json::String(format)) if format == layout::FORMAT => {}
        other => {
            let got = other.map_or("absent".to_string(), json::to_compact_string);
            run.problem(
                file,
                format!("field format is {}, expected '{}'", got, layout::FORMAT),
            );
            return manifest;
        }
    }
    let Some(Json::Object(entries)) = member("files") else {
        run.problem(
            file,
            "field files: expected an object of file names and SHA-256 digests",
        );
        return manifest;
    };
    let mut listed: Vec<(String, String)> = Vec::new();
    for (name, hash) in entries {
        if !is_relative_name(name) {
            run.problem(
                file,
                format!(
                    "field files[{}]: not a file of the run folder (a relative name of plain \
                     parts, not run.json)",
                    name
                ),
            );
            continue;
        }
        match hash {
            Json::String(hash) if is_sha256_hex(hash) => {
                if name.starts_with(RESULTS_PREFIX) {
                    run.problem(
                        file,
                        format!(
                            "field files[{}]: a result file, which is recorded with its view in \
                             field results",
                            name
                        ),
                    );
                    continue;
                }
                listed.push((name.to_string(), hash.to_string()))
            }
            other => run.problem(
                file,
                format!(
                    "field files[{}]: expected a SHA-256 digest, got {}",
                    name,
                    json::to_compact_string(other)
                ),
            ),
        }
    }
    manifest.read = true;
    let (results, whole) = recorded_results(run, member("results"));
    // The writer lists the files sorted as Java sorts strings (by UTF-16 units).
    listed.sort_by(|a, b| utf16_cmp(&a.0, &b.0));
    let mut tree = vec![
        ("format".into(), Json::String(layout::FORMAT.into())),
        (
            "files".into(),
            Json::Object(
                listed
                    .iter()
                    .map(|(n, h)| (n.clone().into(), Json::String(h.clone().into())))
                    .collect(),
            ),
        ),
    ];
    if let Some(views) = &results {
        tree.push(("results".into(), results_json(views)));
    }
    if whole {
        let written = format!("{}\n", json::to_pretty_string(&Json::Object(tree))).into_bytes();
        run.as_written(file, &bytes, Ok::<_, String>(written));
    }
    for (name, recorded) in &listed {
        if !run.has(name) {
            if !run.is_irregular(name) {
                run.problem(file, format!("lists {}, which is missing", name));
            }
            continue;
        }
        if let Some(content) = run.bytes(name) {
            let actual = run.sha256(name, &content);
            run.recomputed_quietly(file, &format!("files[{}]", name), &actual);
            if &actual != recorded {
                run.problem(
                    name,
                    format!("its SHA-256 is {}, {} recorded {}", actual, file, recorded),
                );
            }
        }
    }
    let names: BTreeSet<&String> = listed.iter().map(|(n, _)| n).collect();
    for name in run.file_names() {
        // Result files are checked against field results, view by view (results()).
        if name != layout::RUN && !names.contains(&name) && !name.starts_with(RESULTS_PREFIX) {
            run.problem(&name, format!("not listed in {}", file));
        }
    }
    manifest.results = results;
    manifest
}

const RESULTS_PREFIX: &str = "results/";

/// Field `results` of `run.json`, read strictly: the views (`None` without the field) and whether
/// every view read, so that the file can be written back.
fn recorded_results(run: &mut Run, node: Option<&Json<'_>>) -> (Option<Vec<RecordedView>>, bool) {
    let file = layout::RUN;
    let Some(node) = node else {
        return (None, true);
    };
    let Json::Object(entries) = node else {
        run.problem(
            file,
            format!(
                "field results: expected an object of views, got {}",
                super::run::abbreviate(&json::to_compact_string(node))
            ),
        );
        return (None, false);
    };
    let mut views: Vec<RecordedView> = Vec::new();
    let mut whole = true;
    for (view, value) in entries {
        match recorded_view(run, view, value, &views) {
            Some(v) => views.push(v),
            None => whole = false,
        }
    }
    views.sort_by(|a, b| utf16_cmp(&a.view, &b.view));
    (Some(views), whole)
}

fn recorded_view(
    run: &mut Run,
    view: &str,
    node: &Json<'_>,
    earlier: &[RecordedView],
) -> Option<RecordedView> {
    let file = layout::RUN;
    let field = format!("field results[{}]", view);
    let folder = format!("{}{}", RESULTS_PREFIX, bundle_folder(view));
    let shown = |n: &Json<'_>| super::run::abbreviate(&json::to_compact_string(n));
    let Json::Object(members) = node else {
        run.problem(
            file,
            format!(
                "{}: expected an object of path, rows, content_hash and files, got {}",
                field,
                shown(node)
            ),
        );
        return None;
    };
    let names: BTreeSet<&str> = members.iter().map(|(k, _)| k.as_ref()).collect();
    let expected: BTreeSet<&str> = ["path", "rows", "content_hash", "files"].into_iter().collect();
    if names != expected || members.len() != 4 {
        run.problem(
            file,
            format!(
                "{}: expected an object of path, rows, content_hash and files, got {}",
                field,
                shown(node)
            ),
        );
        return None;
    }
    if let Some(other) = earlier.iter().find(|v| v.path == folder) {
        run.problem(
            file,
            format!(
                "{}: views {} and {} share the folder {}",
                field, other.view, view, folder
            ),
        );
        return None;
    }
    let member = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v).unwrap();
    let mut ok = true;
    let path = member("path");
    if !matches!(path, Json::String(p) if p.as_ref() == folder) {
        run.problem(
            file,
            format!(
                "{}.path is {}, but the results of view {} are in {}",
                field,
                shown(path),
                view,
                folder
            ),
        );
        ok = false;
    }
    let rows = match member("rows") {
        // As Java reads it: a whole number from 0 to the largest int64.
        Json::Number(n) => n.parse::<i64>().ok().filter(|r| *r >= 0).map(|r| r as u64),
        _ => None,
    };
    if rows.is_none() {
        run.problem(
            file,
            format!(
                "{}.rows: expected a row count (an integer from 0), got {}",
                field,
                shown(member("rows"))
            ),
        );
        ok = false;
    }
    let hash = member("content_hash");
    let content_hash = match hash {
        Json::String(h) if is_sha256_hex(h) => Some(h.to_string()),
        _ => {
            run.problem(
                file,
                format!(
                    "{}.content_hash: expected a SHA-256 digest, got {}",
                    field,
                    shown(hash)
                ),
            );
            ok = false;
            None
        }
    };
    let parts = member("files");
    let mut files: Vec<(String, String)> = Vec::new();
    match parts {
        Json::Object(entries) if !entries.is_empty() => {
            for (name, digest) in entries {
                let base = name.strip_prefix(&format!("{}/", folder)).unwrap_or("");
                if base.is_empty()
                    || base.contains('/')
                    || base.starts_with('.')
                    || !base.ends_with(".parquet")
                    || !is_relative_name(name)
                {
                    run.problem(
                        file,
                        format!(
                            "{}.files[{}]: not a Parquet file of the view's folder {} \
                             ({}/NAME.parquet)",
                            field, name, folder, folder
                        ),
                    );
                    ok = false;
                } else if let Json::String(d) = digest {
                    if is_sha256_hex(d) {
                        files.push((name.to_string(), d.to_string()));
                    } else {
                        run.problem(
                            file,
                            format!("{}.files[{}]: expected a SHA-256 digest, got {}", field, name, shown(digest)),
                        );
                        ok = false;
                    }
                } else {
                    run.problem(
                        file,
                        format!("{}.files[{}]: expected a SHA-256 digest, got {}", field, name, shown(digest)),
                    );
                    ok = false;
                }
            }
        }
        other => {
            run.problem(
                file,
                format!(
                    "{}.files: expected an object of the view's Parquet files and their SHA-256 \
                     digests, got {}",
                    field,
                    shown(other)
                ),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    files.sort_by(|a, b| utf16_cmp(&a.0, &b.0));
    Some(RecordedView {
        view: view.to_string(),
        path: folder,
        rows: rows.unwrap(),
        content_hash: content_hash.unwrap(),
        files,
    })
}

/// Field `results` as the writer writes it: views sorted, each with path, rows, content_hash and
/// its files sorted.
fn results_json(views: &[RecordedView]) -> Json<'static> {
    Json::Object(
        views
            .iter()
            .map(|v| {
                (
                    v.view.clone().into(),
                    Json::Object(vec![
                        ("path".into(), Json::String(v.path.clone().into())),
                        ("rows".into(), Json::Number(v.rows.to_string().into())),
                        ("content_hash".into(), Json::String(v.content_hash.clone().into())),
                        (
                            "files".into(),
                            Json::Object(
                                v.files
                                    .iter()
                                    .map(|(n, h)| (n.clone().into(), Json::String(h.clone().into())))
                                    .collect(),
                            ),
                        ),
                    ]),
                )
            })
            .collect(),
    )
}

/// How a problem names the results of a view: `results/NAME (view NAME)`.
fn result_place(view: &str) -> String {
    format!("{}{} (view {})", RESULTS_PREFIX, bundle_folder(view), view)
}

/// The results: every file under `results/` recorded by a view, and each view's files' SHA-256
/// as recorded. The row count, content hash and columns need the Parquet files read, which this
/// std-only verifier does not do: they are reported unchecked (the Java verify recomputes them).
pub fn results(run: &mut Run, manifest: &RunManifest, package: Option<&ExecutionPackage>) {
    let views = manifest.results.as_deref().unwrap_or(&[]);
    for name in run.file_names() {
        if !name.starts_with(RESULTS_PREFIX) {
            continue;
        }
        run.understood(&name);
        if !manifest.read {
            continue; // run.json's own problem covers it
        }
        let folder = &name[..name.rfind('/').unwrap_or(0)];
        match views.iter().find(|v| v.path == folder) {
            None => run.problem(&name, format!("not listed in {}", layout::RUN)),
            Some(v) if !v.files.iter().any(|(f, _)| *f == name) => {
                let place = result_place(&v.view);
                run.problem(&place, format!("file {} is not in {}", name, layout::RUN));
            }
            Some(_) => {}
        }
    }
    for v in views {
        let place = result_place(&v.view);
        if let Some(pkg) = package {
            if !pkg.plan_bundle_fingerprints.contains_key(&v.view) {
                run.problem(
                    layout::RUN,
                    format!(
                        "field results[{}] holds the results of a view the package does not list",
                        v.view
                    ),
                );
            }
        }
        for (name, recorded) in &v.files {
            if !run.has(name) {
                if !run.is_irregular(name) {
                    run.problem(&place, format!("file {} is missing", name));
                }
                continue;
            }
            if let Some(content) = run.bytes(name) {
                let actual = run.sha256(name, &content);
                // Named as every other file's hash is: by its file name.
                run.recomputed_quietly(layout::RUN, &format!("files[{}]", name), &actual);
                if &actual != recorded {
                    run.problem(
                        &place,
                        format!(
                            "file {} was changed: its SHA-256 is {}, {} recorded {}",
                            name,
                            actual,
                            layout::RUN,
                            recorded
                        ),
                    );
                }
            }
        }
        run.unchecked(format!(
            "{}: its row count and content hash (reading Parquet is not part of this std-only \
             verifier; its files' SHA-256 are recomputed)",
            place
        ));
    }
}

fn is_relative_name(name: &str) -> bool {
    !(name.is_empty() || name == layout::RUN || name.contains('\\') || name.starts_with('/'))
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// The package, JSON and binary: sealed (its fingerprint recomputed), and the same in both.
pub fn execution_package(run: &mut Run) -> Option<ExecutionPackage> {
    let json = run.payload::<ExecutionPackage>(layout::PACKAGE_JSON);
    let binary = run.binary_payload::<ExecutionPackage>(layout::PACKAGE_BINARY);
    if let (Some(json), Some(binary)) = (&json, &binary) {
        // Field by field, by the names the payload gives them.
        if let (Json::Object(a), Json::Object(b)) =
            (json.value.write_json(), binary.value.write_json())
        {
            for field in ExecutionPackage::FIELDS {
                let get = |m: &[(std::borrow::Cow<'static, str>, Json<'static>)]| {
                    m.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone())
                };
                if get(&a) != get(&b) {
                    run.problem(
                        layout::PACKAGE_BINARY,
                        format!("field {} differs from {}", field, layout::PACKAGE_JSON),
                    );
                }
            }
        }
    }
    let (file, package) = match (json, binary) {
        (Some(json), _) => (layout::PACKAGE_JSON, json.value),
        (None, Some(binary)) => (layout::PACKAGE_BINARY, binary.value),
        (None, None) => return None,
    };
    match package.hash() {
        Ok(hash) => {
            run.recomputed_quietly(file, "package_fingerprint", &hash);
            // Worded as Java's ExecutionPackageAssembler.verify words it.
            if hash != package.package_fingerprint {
                run.problem(
                    file,
                    format!(
                        "package_fingerprint: recorded {}, but the content hashes to {}",
                        package.package_fingerprint, hash
                    ),
                );
            }
        }
        Err(e) => run.problem(file, format!("cannot be hashed: {}", e)),
    }
    run.unchecked(format!(
        "{} field manifest_hash: the contract manifest it names is not among the artifacts",
        layout::PACKAGE_JSON
    ));
    run.unchecked(format!(
        "{} fields created_at_unix_ms, cache_diagnostics: provenance, outside every hash; \
         compared with {} only",
        layout::PACKAGE_JSON,
        layout::PACKAGE_BINARY
    ));
    Some(package)
}

/// Every bundle folder and every plan the package lists, by plan name.
pub fn bundles(run: &mut Run, package: Option<&ExecutionPackage>) -> BTreeMap<String, Bundle> {
    let mut names: BTreeMap<String, String> = BTreeMap::new(); // folder -> plan
    if let Some(package) = package {
        for name in package.plan_bundle_fingerprints.keys() {
            names.insert(bundle_folder(name), name.clone());
        }
    }
    let mut folders = BTreeSet::new();
    for file in run.file_names() {
        let parts: Vec<&str> = file.split('/').collect();
        if parts.len() == 3 && parts[0] == layout::BUNDLES {
            folders.insert(parts[1].to_string());
        } else if parts[0] == layout::BUNDLES {
            run.problem(
                &file,
                format!("not a file of a bundle ({}/NAME/FILE)", layout::BUNDLES),
            );
            run.understood(&file);
        }
    }
    let mut bundles = BTreeMap::new();
    let mut first: Option<(String, PlanIdentity)> = None;
    for folder in &folders {
        let name = names.get(folder).cloned().unwrap_or_else(|| folder.clone());
        let bundle = bundle(run, folder, package, first.as_ref());
        if first.is_none() {
            if let Some(identity) = &bundle.identity {
                first = Some((folder.clone(), identity.clone()));
            }
        }
        if package.is_some() && !names.contains_key(folder) {
            run.problem(
                &format!("{}/{}", layout::BUNDLES, folder),
                "a bundle the package does not list",
            );
        }
        bundles.insert(name, bundle);
    }
    if let Some(package) = package {
        for (name, recorded) in &package.plan_bundle_fingerprints {
            let folder = bundle_folder(name);
            let field = format!("field plan_bundle_fingerprints[{}]", name);
            if !folders.contains(&folder) {
                run.problem(
                    layout::PACKAGE_JSON,
                    format!("{} names a plan with no bundle folder", field),
                );
            } else if let Some(hash) = bundles.get(name).and_then(|b| b.fingerprint_hash.clone()) {
                if &hash != recorded {
                    run.problem(
                        layout::PACKAGE_JSON,
                        format!(
                            "{} is {}, but {} hashes to {}",
                            field,
                            recorded,
                            bundle_file(&folder, layout::FINGERPRINT),
                            hash
                        ),
                    );
                }
            }
        }
    }
    if !bundles.is_empty() {
        run.unchecked(format!(
            "{}/*/{}: the plan texts; their sections are checked, their text is covered by {} \
             only",
            layout::BUNDLES,
            layout::PLANS,
            layout::RUN
        ));
        run.unchecked(format!(
            "{}/*/{}: its SHA-256 is recomputed; reading it as a Substrait plan (its output \
             columns and tables, against {}) is left to the Java verify",
            layout::BUNDLES,
            layout::SUBSTRAIT,
            layout::LINEAGE
        ));
        run.unchecked(format!(
            "{}/*/{} fields domain_planner_names, planning_surface_policy_version, \
             planning_surface_policy_hash, profile_context_key, scan_units (their table \
             factories): what the session was built from; checked equal in every bundle",
            layout::BUNDLES,
            layout::IDENTITY
        ));
        run.unchecked(
            "planning_env_hash, rulepack_hash, information_schema_hash, function_registry_hash: \
             hashes of the session's snapshots (snapshots/, which this verifier does not read; \
             the Java verify recomputes them), checked equal in every file that carries them; \
             udf_snapshot_hash: per plan, checked equal between its fingerprint and identity",
        );
    }
    bundles
}

fn bundle(
    run: &mut Run,
    folder: &str,
    package: Option<&ExecutionPackage>,
    first: Option<&(String, PlanIdentity)>,
) -> Bundle {
    let fingerprint_file = bundle_file(folder, layout::FINGERPRINT);
    let identity_file = bundle_file(folder, layout::IDENTITY);
    let substrait_file = bundle_file(folder, layout::SUBSTRAIT);
    let fingerprint = run
        .payload::<PlanFingerprint>(&fingerprint_file)
        .map(|d| d.value);
    let identity = run.payload::<PlanIdentity>(&identity_file).map(|d| d.value);
    run.understood(&substrait_file);
    let substrait = run.bytes(&substrait_file);
    plans(run, &bundle_file(folder, layout::PLANS));
    let mut fingerprint_hash = None;
    if let Some(fingerprint) = &fingerprint {
        match fingerprint.hash() {
            Ok(hash) => fingerprint_hash = Some(hash),
            Err(e) => run.problem(&fingerprint_file, format!("cannot be hashed: {}", e)),
        }
        if let Some(substrait) = &substrait {
            let hash = run.sha256(&substrait_file, substrait);
            run.recomputed(
                &fingerprint_file,
                "substrait_hash",
                &fingerprint.substrait_hash,
                &hash,
                layout::SUBSTRAIT,
            );
        }
        if let Some(package) = package {
            let p = layout::PACKAGE_JSON;
            let f = fingerprint_file.as_str();
            run.same(
                f,
                "settings_hash",
                &fingerprint.settings_hash,
                p,
                "session_config_hash",
                &package.session_config_hash,
            );
            run.same(
                f,
                "planning_env_hash",
                &fingerprint.planning_env_hash,
                p,
                "planning_env_hash",
                &package.planning_env_hash,
            );
            run.same(
                f,
                "rulepack_hash",
                &fingerprint.rulepack_hash,
                p,
                "rulepack_hash",
                &package.rulepack_hash,
            );
            run.same(
                f,
                "information_schema_hash",
                &fingerprint.information_schema_hash,
                p,
                "information_schema_hash",
                &package.information_schema_hash,
            );
        }
    }
    if let Some(identity) = &identity {
        check_identity(
            run,
            &identity_file,
            identity,
            fingerprint.as_ref(),
            fingerprint_hash.as_deref(),
            package,
            first,
        );
    }
    Bundle {
        folder: folder.to_string(),
        fingerprint,
        fingerprint_hash,
        identity,
    }
}

/// What an identity must agree with: its fingerprint, the package, its settings, the others.
fn check_identity(
    run: &mut Run,
    file: &str,
    identity: &PlanIdentity,
    fingerprint: Option<&PlanFingerprint>,
    fingerprint_hash: Option<&str>,
    package: Option<&ExecutionPackage>,
    first: Option<&(String, PlanIdentity)>,
) {
    let version = PlanIdentity::CONTRACT_VERSION as i32;
    if identity.version != version {
        run.problem(
            file,
            format!(
                "field version is {}, but a plan_identity of contract version {} records {}",
                identity.version, version, version
            ),
        );
    }
    let f = "fingerprint.json";
    if let (Some(fingerprint), Some(hash)) = (fingerprint, fingerprint_hash) {
        run.recomputed(
            file,
            "plan_fingerprint",
            &identity.plan_fingerprint,
            hash,
            f,
        );
        run.same(
            file,
            "udf_snapshot_hash",
            &identity.udf_snapshot_hash,
            f,
            "udf_snapshot_hash",
            &fingerprint.udf_snapshot_hash,
        );
        run.same(
            file,
            "required_udfs",
            &sorted(&identity.required_udfs),
            f,
            "required_udfs",
            &sorted(&fingerprint.required_udfs),
        );
        run.same(
            file,
            "required_rewrite_tags",
            &sorted(&identity.required_rewrite_tags),
            f,
            "required_rewrite_tags",
            &sorted(&fingerprint.required_rewrite_tags),
        );
        run.same(
            file,
            "planning_env_hash",
            &identity.planning_env_hash,
            f,
            "planning_env_hash",
            &fingerprint.planning_env_hash,
        );
        run.same(
            file,
            "rulepack_hash",
            &identity.rulepack_hash,
            f,
            "rulepack_hash",
            &fingerprint.rulepack_hash,
        );
        run.same(
            file,
            "information_schema_hash",
            &identity.information_schema_hash,
            f,
            "information_schema_hash",
            &fingerprint.information_schema_hash,
        );
        run.same(
            file,
            "delta_inputs",
            &identity.delta_inputs,
            f,
            "delta_inputs",
            &fingerprint.delta_inputs,
        );
    }
    if let Some(package) = package {
        let p = layout::PACKAGE_JSON;
        run.same(
            file,
            "function_registry_hash",
            &identity.function_registry_hash,
            p,
            "function_registry_hash",
            &package.function_registry_hash,
        );
        run.same(
            file,
            "profile_settings_hash",
            &identity.profile_settings_hash,
            p,
            "policy_artifact_hash",
            &package.policy_artifact_hash,
        );
    }
    settings(run, file, identity, fingerprint);
    let scanned: Vec<Option<String>> = identity
        .scan_units
        .iter()
        .map(|unit| match unit.find(':') {
            Some(colon) if colon > 0 => Some(unit[colon + 1..].to_string()),
            _ => None,
        })
        .collect();
    let read: Vec<Option<String>> = identity
        .delta_inputs
        .iter()
        .map(|d| Some(d.dataset.clone()))
        .collect();
    if scanned.contains(&None) {
        run.problem(
            file,
            format!(
                "field scan_units: expected FACTORY:TABLE for each table, got {}",
                identity.scan_units.shown()
            ),
        );
    } else if scanned != read {
        run.problem(
            file,
            format!(
                "field scan_units names tables {}, but its delta_inputs read {}",
                scanned
                    .iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .shown(),
                read.iter().flatten().cloned().collect::<Vec<_>>().shown()
            ),
        );
    }
    if let Some((folder, reference)) = first {
        let other = bundle_file(folder, layout::IDENTITY);
        let o = other.as_str();
        run.same(
            file,
            "df_settings_entries",
            &identity.df_settings_entries,
            o,
            "df_settings_entries",
            &reference.df_settings_entries,
        );
        run.same(
            file,
            "domain_planner_names",
            &identity.domain_planner_names,
            o,
            "domain_planner_names",
            &reference.domain_planner_names,
        );
        run.same(
            file,
            "planning_surface_policy_version",
            &identity.planning_surface_policy_version,
            o,
            "planning_surface_policy_version",
            &reference.planning_surface_policy_version,
        );
        run.same(
            file,
            "planning_surface_policy_hash",
            &identity.planning_surface_policy_hash,
            o,
            "planning_surface_policy_hash",
            &reference.planning_surface_policy_hash,
        );
        run.same(
            file,
            "profile_context_key",
            &identity.profile_context_key,
            o,
            "profile_context_key",
            &reference.profile_context_key,
        );
        // udf_snapshot_hash is per plan (the functions it calls), so it is not compared here.
    }
}

/// The settings an identity records are a policy's effective settings, in their canonical
/// text: its `profile_settings_hash` is their hash, and the fingerprint's `settings_hash` that of
/// their planning-affecting part.
fn settings(
    run: &mut Run,
    file: &str,
    identity: &PlanIdentity,
    fingerprint: Option<&PlanFingerprint>,
) {
    let recorded = &identity.df_settings_entries;
    let policy = match CodeAnatomyPolicy::from_settings(recorded) {
        Ok(policy) => policy,
        Err(violations) => {
            return run.problem(
                file,
                format!(
                    "field df_settings_entries: not the settings of a policy: {}",
                    super::run::abbreviate(&violations.to_string())
                ),
            )
        }
    };
    let effective = policy.effective_settings();
    if &effective != recorded {
        let keys: BTreeSet<&String> = effective.keys().chain(recorded.keys()).collect();
        if let Some(key) = keys
            .into_iter()
            .find(|k| effective.get(*k) != recorded.get(*k))
        {
            return run.problem(
                file,
                format!(
                    "field df_settings_entries[{}] is {}, but the policy's setting text is {}",
                    key,
                    recorded.get(key).cloned().shown(),
                    effective.get(key).cloned().shown()
                ),
            );
        }
    }
    run.recomputed(
        file,
        "profile_settings_hash",
        &identity.profile_settings_hash,
        &policy.profile_settings_hash(),
        "its df_settings_entries",
    );
    if let Some(fingerprint) = fingerprint {
        let beside = file.replace(layout::IDENTITY, layout::FINGERPRINT);
        run.recomputed(
            &beside,
            "settings_hash",
            &fingerprint.settings_hash,
            &policy.session_config_hash(),
            "the planning-affecting df_settings_entries of identity.json",
        );
    }
}

fn sorted(values: &[String]) -> Vec<String> {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| utf16_cmp(a, b));
    sorted
}

/// `plans.txt`: UTF-8 text with its three sections, in order.
fn plans(run: &mut Run, file: &str) {
    run.understood(file);
    let Some(bytes) = run.bytes(file) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return run.problem(file, "not UTF-8 text");
    };
    let optimized = text.find(layout::OPTIMIZED);
    let physical = text.find(layout::PHYSICAL);
    let in_order = matches!((optimized, physical), (Some(o), Some(p)) if p >= o);
    if !text.starts_with(layout::UNOPTIMIZED) || !in_order {
        run.problem(
            file,
            "expected the sections '-- unoptimized', '-- optimized' and '-- physical', in this \
             order",
        );
    }
}

/// The policy: its fingerprint, the hashes it shares with the package, each view's plan.
pub fn policy(
    run: &mut Run,
    package: Option<&ExecutionPackage>,
    bundles: &BTreeMap<String, Bundle>,
) {
    let file = layout::POLICY;
    let Some(read) = run.payload::<CompiledExecutionPolicy>(file) else {
        return;
    };
    let policy = read.value;
    match policy.hash() {
        Ok(hash) => run.recomputed(
            file,
            "policy_fingerprint",
            &policy.policy_fingerprint,
            &hash,
            "the policy",
        ),
        Err(e) => run.problem(file, format!("cannot be hashed: {}", e)),
    }
    if let Some(package) = package {
        let p = layout::PACKAGE_JSON;
        for (field, value, expected) in [
            (
                "planning_env_hash",
                &policy.planning_env_hash,
                &package.planning_env_hash,
            ),
            (
                "rulepack_hash",
                &policy.rulepack_hash,
                &package.rulepack_hash,
            ),
            (
                "information_schema_hash",
                &policy.information_schema_hash,
                &package.information_schema_hash,
            ),
            (
                "function_registry_hash",
                &policy.function_registry_hash,
                &package.function_registry_hash,
            ),
        ] {
            if value != expected {
                run.problem(
                    file,
                    format!(
                        "field {} is {}, but {} has {}",
                        field,
                        value.shown(),
                        p,
                        expected.shown()
                    ),
                );
            }
        }
    }
    for (name, view) in &policy.views {
        let field = format!("views[{}]", name);
        let listed = package.map_or(true, |p| p.plan_bundle_fingerprints.contains_key(name));
        if !listed {
            run.problem(
                file,
                format!(
                    "field {} is the policy of a view the package does not list",
                    field
                ),
            );
        } else if let Some(bundle) = bundles.get(name) {
            if let Some(fingerprint) = &bundle.fingerprint {
                run.same(
                    file,
                    &format!("{}.required_udfs", field),
                    &view.required_udfs,
                    &bundle_file(&bundle.folder, layout::FINGERPRINT),
                    "required_udfs",
                    &fingerprint.required_udfs,
                );
            }
        }
    }
    run.unchecked(format!(
        "{} fields views[*].confidence: recomputed from the join strategy by the Java verify",
        file
    ));
    run.unchecked(format!(
        "{} fields validation_mode, workload_class, views[*].cache_policy, \
         views[*].join_strategy: the policy compiler's choices",
        file
    ));
}

/// A calibration, when the run calibrated: read strictly and as written.
pub fn calibration(run: &mut Run) {
    let file = layout::CALIBRATION;
    if !run.has(file) {
        return;
    }
    if let Some(read) = run.payload::<CalibrationResult>(file) {
        if !read.unknown_json.is_empty() {
            let names: Vec<&str> = read.unknown_json.iter().map(|(k, _)| k.as_str()).collect();
            run.unchecked(format!(
                "{} fields {}: not known to this build (kept, outside the hash)",
                file,
                names.join(", ")
            ));
        }
        run.unchecked(format!(
            "{} fields proposed, applied, clamped: what follows from its mode, cost ratio and \
             starting thresholds is recomputed by the Java verify",
            file
        ));
    }
}

/// The lineage, when written: a strict JSON document; its views and columns against the
/// Substrait plans are checked by the Java verify.
pub fn lineage(run: &mut Run) {
    let file = layout::LINEAGE;
    if !run.has(file) {
        return;
    }
    if run.json_document(file).is_some() {
        run.unchecked(format!(
            "{}: its views, columns and tables against the Substrait plans are checked by the \
             Java verify; covered by {} here",
            file,
            layout::RUN
        ));
    }
}

//! The run folder being verified: its files, read once each within the reading limits, the
//! payloads read strictly and checked as written, and what was found.

use super::layout;
use crate::core_contracts::canonical::sha256;
use crate::core_contracts::json::{self, Json};
use crate::core_contracts::payload::{self, Decoded, PayloadContract, MAX_DOCUMENT_BYTES};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// A folder with more files than this is not looked at further: no run has that many.
const MAX_FILES: usize = 100_000;
/// Folders inside a run folder: bundles/NAME/FILE is three deep; extras may nest more.
const MAX_DEPTH: usize = 16;

/// What verifying a run folder found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// One line per difference, naming the file and, where there is one, the field.
    pub problems: Vec<String>,
    /// One line per value the artifacts cannot confirm, naming file, fields and why.
    pub unchecked: Vec<String>,
    /// Every hash recomputed from the artifacts, in the order computed.
    pub recomputed: Vec<Recomputed>,
}

impl Verification {
    /// No problem: every value that can be recomputed matches.
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A hash recomputed from a run's bytes, named by the file and payload field it must equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recomputed {
    pub file: String,
    pub field: String,
    pub hash: String,
}

/// A folder that holds no run, or cannot be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreadable {}

/// Where a file's bytes are: on disk, or given (a run held in memory).
enum Source {
    Disk(PathBuf),
    Memory(Vec<u8>),
}

/// One run folder under verification; not for sharing between threads.
pub struct Run {
    files: BTreeMap<String, Source>,
    irregular: BTreeSet<String>,
    contents: HashMap<String, Option<Vec<u8>>>,
    understood: BTreeSet<String>,
    problems: Vec<String>,
    unchecked: Vec<String>,
    recomputed: Vec<Recomputed>,
    digests: Digests,
}

/// SHA-256 digests of file contents already hashed, by file: a caller that verifies many
/// variants of one run (the fuzz tests) hashes each unchanged file once.
#[derive(Debug, Default)]
pub struct Digests(HashMap<String, (Vec<u8>, String)>);

impl Run {
    /// Lists the folder: regular files by their relative name (`/`-separated); anything else is a
    /// problem.
    pub fn open(dir: &Path) -> Result<Run, Unreadable> {
        if !dir.is_dir() {
            return Err(Unreadable(format!(
                "{} is not a folder of run artifacts",
                dir.display()
            )));
        }
        let present = |name: &str| fs::symlink_metadata(dir.join(name)).is_ok();
        if !present(layout::RUN) && !present(layout::PACKAGE_JSON) {
            return Err(Unreadable(format!(
                "{} holds no run: it has neither {} nor {}",
                dir.display(),
                layout::RUN,
                layout::PACKAGE_JSON
            )));
        }
        let mut run = Run {
            files: BTreeMap::new(),
            irregular: BTreeSet::new(),
            contents: HashMap::new(),
            understood: BTreeSet::new(),
            problems: Vec::new(),
            unchecked: Vec::new(),
            recomputed: Vec::new(),
            digests: Digests::default(),
        };
        let entries = fs::read_dir(dir)
            .map_err(|e| Unreadable(format!("{} cannot be read: {}", dir.display(), e)))?;
        run.walk(entries, "", 1);
        Ok(run)
    }

    /// A run given as its files' bytes, by relative name (what a folder would hold).
    pub fn in_memory(files: BTreeMap<String, Vec<u8>>, digests: Digests) -> Run {
        Run {
            files: files
                .into_iter()
                .map(|(name, bytes)| (name, Source::Memory(bytes)))
                .collect(),
            irregular: BTreeSet::new(),
            contents: HashMap::new(),
            understood: BTreeSet::new(),
            problems: Vec::new(),
            unchecked: Vec::new(),
            recomputed: Vec::new(),
            digests,
        }
    }

    /// The SHA-256 of a file's content (hex).
    pub fn sha256(&mut self, file: &str, content: &[u8]) -> String {
        if let Some((known, digest)) = self.digests.0.get(file) {
            if known == content {
                return digest.clone();
            }
        }
        let digest = sha256::hex(content);
        self.digests
            .0
            .insert(file.to_string(), (content.to_vec(), digest.clone()));
        digest
    }

    fn walk(&mut self, entries: fs::ReadDir, prefix: &str, depth: usize) {
        let mut sorted: Vec<(String, PathBuf)> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => sorted.push((
                    entry.file_name().to_string_lossy().into_owned(),
                    entry.path(),
                )),
                Err(e) => {
                    self.problems
                        .push(format!("{}: cannot read: {}", prefix_or_dot(prefix), e))
                }
            }
        }
        sorted.sort();
        for (name, path) in sorted {
            if self.files.len() + self.irregular.len() >= MAX_FILES {
                self.problems.push(format!(
                    "the run folder holds more than {} files; the rest is not looked at",
                    MAX_FILES
                ));
                return;
            }
            let relative = format!("{}{}", prefix, name);
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_file() => {
                    self.files.insert(relative, Source::Disk(path));
                }
                Ok(meta) if meta.is_dir() => {
                    if depth >= MAX_DEPTH {
                        continue;
                    }
                    match fs::read_dir(&path) {
                        Ok(inner) => self.walk(inner, &format!("{}/", relative), depth + 1),
                        Err(e) => {
                            self.problems
                                .push(format!("{}: cannot read: {}", relative, e));
                            self.irregular.insert(relative);
                        }
                    }
                }
                Ok(meta) => {
                    let what = if meta.file_type().is_symlink() {
                        "a symbolic link"
                    } else {
                        "not a regular file"
                    };
                    self.problems.push(format!(
                        "{}: {}; a run holds regular files only",
                        relative, what
                    ));
                    self.irregular.insert(relative);
                }
                Err(e) => {
                    self.problems
                        .push(format!("{}: cannot read: {}", relative, e));
                    self.irregular.insert(relative);
                }
            }
        }
    }

    /// Every regular file, by relative name, sorted.
    pub fn file_names(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }

    /// Whether the folder holds `file` as a regular file.
    pub fn has(&self, file: &str) -> bool {
        self.files.contains_key(file)
    }

    /// Whether `file` is there but not a regular file (already a problem).
    pub fn is_irregular(&self, file: &str) -> bool {
        self.irregular.contains(file)
    }

    /// The bytes of a file, read once; `None` (and a problem) when missing, unreadable or over
    /// the reading limit.
    pub fn bytes(&mut self, file: &str) -> Option<Vec<u8>> {
        if let Some(read) = self.contents.get(file) {
            return read.clone();
        }
        let read = match self.files.get(file) {
            None => {
                if !self.irregular.contains(file) {
                    self.problems.push(format!("{}: missing", file));
                }
                None
            }
            Some(Source::Memory(bytes)) if bytes.len() > MAX_DOCUMENT_BYTES => {
                self.problems.push(format!(
                    "{}: over a reading limit: {} bytes, more than the {} a reader accepts",
                    file,
                    bytes.len(),
                    MAX_DOCUMENT_BYTES
                ));
                None
            }
            Some(Source::Memory(bytes)) => Some(bytes.clone()),
            Some(Source::Disk(path)) => match fs::metadata(path) {
                Ok(meta) if meta.len() > MAX_DOCUMENT_BYTES as u64 => {
                    self.problems.push(format!(
                        "{}: over a reading limit: {} bytes, more than the {} a reader accepts",
                        file,
                        meta.len(),
                        MAX_DOCUMENT_BYTES
                    ));
                    None
                }
                Ok(_) => match fs::read(path) {
                    Ok(bytes) => Some(bytes),
                    Err(e) => {
                        self.problems.push(format!("{}: cannot read: {}", file, e));
                        None
                    }
                },
                Err(e) => {
                    self.problems.push(format!("{}: cannot read: {}", file, e));
                    None
                }
            },
        };
        self.contents.insert(file.to_string(), read.clone());
        read
    }

    /// A JSON payload of `T`, read strictly (envelope, version gate, every field, the value's
    /// constraints) and required to be exactly what the writer writes for it.
    pub fn payload<T: PayloadContract>(&mut self, file: &str) -> Option<Decoded<T>> {
        self.understood(file);
        let bytes = self.bytes(file)?;
        match T::from_json(&bytes) {
            Err(e) => {
                self.problem(file, e.to_string());
                None
            }
            Ok(decoded) => {
                let again =
                    payload::to_json(&decoded.value, &decoded.unknown_json).map(String::into_bytes);
                self.as_written(file, &bytes, again);
                Some(decoded)
            }
        }
    }

    /// A binary payload of `T`, read strictly and required to be exactly as written.
    pub fn binary_payload<T: PayloadContract>(&mut self, file: &str) -> Option<Decoded<T>> {
        self.understood(file);
        let bytes = self.bytes(file)?;
        match T::from_binary(&bytes) {
            Err(e) => {
                self.problem(file, e.to_string());
                None
            }
            Ok(decoded) => {
                let again = payload::to_binary(&decoded.value, &decoded.unknown_values);
                self.as_written(file, &bytes, again);
                Some(decoded)
            }
        }
    }

    /// A JSON document read strictly (no duplicate keys, limits), for files that are not payloads.
    pub fn json_document(&mut self, file: &str) -> Option<Json<'static>> {
        self.understood(file);
        let bytes = self.bytes(file)?;
        match json::parse_with(&bytes, &payload::JSON_LIMITS) {
            Ok(tree) => Some(owned(tree)),
            Err(e) => {
                self.problem(file, e.to_string());
                None
            }
        }
    }

    /// The file is byte for byte what the writer writes for the values read from it: an edit
    /// that the readers accept (a number spelled otherwise, reordered keys, spaces) is still an
    /// edit.
    pub fn as_written<E: fmt::Display>(
        &mut self,
        file: &str,
        bytes: &[u8],
        written: Result<Vec<u8>, E>,
    ) {
        match written {
            Err(e) => self.problem(file, format!("its values cannot be written back: {}", e)),
            Ok(again) if again != bytes => {
                let line = first_different_line(bytes, &again);
                self.problem(
                    file,
                    format!(
                        "not as the writer writes it: the values it holds write back as other \
                         bytes, from line {}",
                        line
                    ),
                )
            }
            Ok(_) => {}
        }
    }

    /// Marks a file as read by some check, so that it is not listed as unknown.
    pub fn understood(&mut self, file: &str) {
        self.understood.insert(file.to_string());
    }

    /// A problem with a file: `FILE: what`.
    pub fn problem(&mut self, file: &str, what: impl fmt::Display) {
        self.problems.push(format!("{}: {}", file, what));
    }

    /// A problem when two files disagree on a value both record.
    pub fn same<V: Shown + PartialEq>(
        &mut self,
        file: &str,
        field: &str,
        value: &V,
        other: &str,
        other_field: &str,
        expected: &V,
    ) {
        if value != expected {
            self.problems.push(format!(
                "{}: field {} is {}, but {} {} is {}",
                file,
                field,
                value.shown(),
                other,
                other_field,
                expected.shown()
            ));
        }
    }

    /// A hash recomputed from the bytes; a problem when the file records another.
    pub fn recomputed(&mut self, file: &str, field: &str, recorded: &str, hash: &str, from: &str) {
        self.recomputed.push(Recomputed {
            file: file.to_string(),
            field: field.to_string(),
            hash: hash.to_string(),
        });
        if recorded != hash {
            self.problems.push(format!(
                "{}: field {} is {}, but {} hashes to {}",
                file,
                field,
                recorded.to_string().shown(),
                from,
                hash
            ));
        }
    }

    /// A hash recomputed from the bytes that no field records as such (a file's SHA-256 in
    /// `run.json` is compared by its caller, with its own words).
    pub fn recomputed_quietly(&mut self, file: &str, field: &str, hash: &str) {
        self.recomputed.push(Recomputed {
            file: file.to_string(),
            field: field.to_string(),
            hash: hash.to_string(),
        });
    }

    /// A value the artifacts cannot confirm, once.
    pub fn unchecked(&mut self, line: impl Into<String>) {
        let line = line.into();
        if !self.unchecked.contains(&line) {
            self.unchecked.push(line);
        }
    }

    /// The report: files no check read are listed as covered by `run.json` only.
    pub fn finish(mut self) -> (Verification, Digests) {
        let unknown: Vec<String> = self
            .files
            .keys()
            .filter(|f| !self.understood.contains(*f) && f.as_str() != layout::RUN)
            .cloned()
            .collect();
        for file in unknown {
            self.unchecked(format!(
                "{}: no reader in this build knows it; covered by {} only",
                file,
                layout::RUN
            ));
        }
        let verification = Verification {
            problems: self.problems,
            unchecked: self.unchecked,
            recomputed: self.recomputed,
        };
        (verification, self.digests)
    }
}

fn prefix_or_dot(prefix: &str) -> &str {
    if prefix.is_empty() {
        "."
    } else {
        prefix.trim_end_matches('/')
    }
}

fn first_different_line(a: &[u8], b: &[u8]) -> usize {
    let mut line = 1;
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return line;
        }
        if *x == b'\n' {
            line += 1;
        }
    }
    line
}

/// A parsed document that no longer borrows its bytes.
fn owned(tree: Json<'_>) -> Json<'static> {
    match tree {
        Json::Null => Json::Null,
        Json::Bool(b) => Json::Bool(b),
        Json::Number(n) => Json::Number(n.into_owned().into()),
        Json::String(s) => Json::String(s.into_owned().into()),
        Json::Array(items) => Json::Array(items.into_iter().map(owned).collect()),
        Json::Object(members) => Json::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.into_owned().into(), owned(v)))
                .collect(),
        ),
    }
}

/// A value as a problem line shows it: `absent`, `empty`, or its text, on one line, at most 200
/// characters.
pub trait Shown {
    fn shown(&self) -> String;
}

impl Shown for String {
    fn shown(&self) -> String {
        if self.is_empty() {
            "empty".to_string()
        } else {
            abbreviate(self)
        }
    }
}

impl Shown for i32 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl<T: fmt::Debug> Shown for Vec<T> {
    fn shown(&self) -> String {
        abbreviate(&format!("{:?}", self))
    }
}

impl<V: fmt::Debug> Shown for BTreeMap<String, V> {
    fn shown(&self) -> String {
        abbreviate(&format!("{:?}", self))
    }
}

impl<T: Shown> Shown for Option<T> {
    fn shown(&self) -> String {
        match self {
            Some(value) => value.shown(),
            None => "absent".to_string(),
        }
    }
}

/// At most 200 characters of `text`, on one line.
pub fn abbreviate(text: &str) -> String {
    let line: String = text
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let count = line.chars().count();
    if count <= 200 {
        line
    } else {
        let head: String = line.chars().take(180).collect();
        format!("{}... ({} characters)", head, count)
    }
}

//! What the generator is to emit for protobuf contracts, written by hand over the runtime's
//! typed API: the execution package and its diagnostics in binary (codecs, `Message`, `Reader`,
//! `Writer`, the envelope), and plan fingerprints and identities from JSON into the very structs
//! of the generated module that already hash. A reference for the generated decoders, a check
//! that the API reads the real run (and writes the package back byte for byte), and what the
//! reader benchmark (`examples/read_bench.rs`) measures.

use crate::json::Json;
use crate::json_mapping::{self, proto};
use crate::payload::{self, ContractInfo, PayloadError};
use crate::read_error::ReadError;
use crate::wire::{Enum, Int64, Message, Msg, Reader, Str, UnknownFields, WireType, Writer};
use codeanatomy_rust_parity::core_contracts as core;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CacheStats {
    pub cache: i32,
    pub entries: i64,
    pub hits: i64,
    pub misses: i64,
    pub evictions: i64,
    pub limit_bytes: i64,
    pub ttl_seconds: Option<i64>,
    pub possibly_stale_hits: Option<i64>,
    pub unknown_fields: UnknownFields,
}

impl Message for CacheStats {
    fn merge_from(&mut self, r: &mut Reader<'_>) -> Result<(), ReadError> {
        while let Some(tag) = r.next_tag()? {
            match (tag.number, tag.wire_type) {
                (1, WireType::Varint) => self.cache = r.read::<Enum>()?,
                (2, WireType::Varint) => self.entries = r.read::<Int64>()?,
                (3, WireType::Varint) => self.hits = r.read::<Int64>()?,
                (4, WireType::Varint) => self.misses = r.read::<Int64>()?,
                (5, WireType::Varint) => self.evictions = r.read::<Int64>()?,
                (6, WireType::Varint) => self.limit_bytes = r.read::<Int64>()?,
                (7, WireType::Varint) => self.ttl_seconds = Some(r.read::<Int64>()?),
                (8, WireType::Varint) => self.possibly_stale_hits = Some(r.read::<Int64>()?),
                _ => r.unknown(tag, &mut self.unknown_fields)?,
            }
        }
        Ok(())
    }

    fn write_to(&self, w: &mut Writer) {
        w.implicit::<Enum>(1, &self.cache);
        w.implicit::<Int64>(2, &self.entries);
        w.implicit::<Int64>(3, &self.hits);
        w.implicit::<Int64>(4, &self.misses);
        w.implicit::<Int64>(5, &self.evictions);
        w.implicit::<Int64>(6, &self.limit_bytes);
        w.optional::<Int64>(7, &self.ttl_seconds);
        w.optional::<Int64>(8, &self.possibly_stale_hits);
        w.unknown(&self.unknown_fields);
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CacheDiagnostics {
    pub caches: Vec<CacheStats>,
    pub event_time_unix_ms: i64,
    pub unknown_fields: UnknownFields,
}

impl Message for CacheDiagnostics {
    fn merge_from(&mut self, r: &mut Reader<'_>) -> Result<(), ReadError> {
        while let Some(tag) = r.next_tag()? {
            match (tag.number, tag.wire_type) {
                (1, WireType::Len) => {
                    let i = self.caches.len();
                    let stats = r.read::<Msg<CacheStats>>();
                    self.caches
                        .push(stats.map_err(|e| e.in_index(i).in_field("caches"))?);
                }
                (2, WireType::Varint) => self.event_time_unix_ms = r.read::<Int64>()?,
                _ => r.unknown(tag, &mut self.unknown_fields)?,
            }
        }
        Ok(())
    }

    fn write_to(&self, w: &mut Writer) {
        w.unpacked::<Msg<CacheStats>>(1, &self.caches);
        w.implicit::<Int64>(2, &self.event_time_unix_ms);
        w.unknown(&self.unknown_fields);
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExecutionPackage {
    pub manifest_hash: String,
    pub policy_artifact_hash: String,
    pub capability_snapshot_hash: String,
    pub plan_bundle_fingerprints: BTreeMap<String, String>,
    pub session_config_hash: String,
    pub planning_env_hash: String,
    pub rulepack_hash: String,
    pub information_schema_hash: String,
    pub function_registry_hash: String,
    pub package_fingerprint: String,
    pub created_at_unix_ms: i64,
    /// A message field keeps its presence: protobuf-java writes a set, empty message.
    pub cache_diagnostics: Option<CacheDiagnostics>,
    pub unknown_fields: UnknownFields,
}

impl Message for ExecutionPackage {
    fn merge_from(&mut self, r: &mut Reader<'_>) -> Result<(), ReadError> {
        while let Some(tag) = r.next_tag()? {
            let field = match (tag.number, tag.wire_type) {
                (1, WireType::Len) => r.read::<Str>().map(|v| self.manifest_hash = v),
                (2, WireType::Len) => r.read::<Str>().map(|v| self.policy_artifact_hash = v),
                (3, WireType::Len) => r.read::<Str>().map(|v| self.capability_snapshot_hash = v),
                (4, WireType::Len) => r.map_entry::<Str, Str>().map(|(k, v)| {
                    self.plan_bundle_fingerprints.insert(k, v);
                }),
                (5, WireType::Len) => r.read::<Str>().map(|v| self.session_config_hash = v),
                (6, WireType::Len) => r.read::<Str>().map(|v| self.planning_env_hash = v),
                (7, WireType::Len) => r.read::<Str>().map(|v| self.rulepack_hash = v),
                (8, WireType::Len) => r.read::<Str>().map(|v| self.information_schema_hash = v),
                (9, WireType::Len) => r.read::<Str>().map(|v| self.function_registry_hash = v),
                (10, WireType::Len) => r.read::<Str>().map(|v| self.package_fingerprint = v),
                (11, WireType::Varint) => r.read::<Int64>().map(|v| self.created_at_unix_ms = v),
                (12, WireType::Len) => {
                    r.merge_message(self.cache_diagnostics.get_or_insert_with(Default::default))
                }
                _ => {
                    r.unknown(tag, &mut self.unknown_fields)?;
                    continue;
                }
            };
            field.map_err(|e| e.in_field(FIELD_NAMES[tag.number as usize - 1]))?;
        }
        Ok(())
    }

    fn write_to(&self, w: &mut Writer) {
        w.implicit::<Str>(1, &self.manifest_hash);
        w.implicit::<Str>(2, &self.policy_artifact_hash);
        w.implicit::<Str>(3, &self.capability_snapshot_hash);
        w.map::<Str, Str>(4, &self.plan_bundle_fingerprints);
        w.implicit::<Str>(5, &self.session_config_hash);
        w.implicit::<Str>(6, &self.planning_env_hash);
        w.implicit::<Str>(7, &self.rulepack_hash);
        w.implicit::<Str>(8, &self.information_schema_hash);
        w.implicit::<Str>(9, &self.function_registry_hash);
        w.implicit::<Str>(10, &self.package_fingerprint);
        w.implicit::<Int64>(11, &self.created_at_unix_ms);
        w.optional::<Msg<CacheDiagnostics>>(12, &self.cache_diagnostics);
        w.unknown(&self.unknown_fields);
    }
}

const FIELD_NAMES: [&str; 12] = [
    "manifest_hash",
    "policy_artifact_hash",
    "capability_snapshot_hash",
    "plan_bundle_fingerprints",
    "session_config_hash",
    "planning_env_hash",
    "rulepack_hash",
    "information_schema_hash",
    "function_registry_hash",
    "package_fingerprint",
    "created_at_unix_ms",
    "cache_diagnostics",
];

impl ExecutionPackage {
    /// A binary payload, as a generated `from_binary` would read it: the envelope and version
    /// gate, the body, strictness (`execution_package` refuses unknown fields wherever they
    /// are), the hash fields.
    pub fn from_binary(info: &ContractInfo, bytes: &[u8]) -> Result<Self, PayloadError> {
        let (body, _version) = payload::read_binary(info, bytes)?;
        let package = Self::decode(body).map_err(|e| payload::body_error(info.name, e))?;
        let unknown = package
            .unknown_fields
            .numbers()
            .first()
            .map(|n| format!("#{}", n));
        let nested = package.cache_diagnostics.as_ref().and_then(|d| {
            d.unknown_fields
                .numbers()
                .first()
                .map(|n| format!("cache_diagnostics.#{}", n))
                .or_else(|| {
                    d.caches.iter().find_map(|c| {
                        c.unknown_fields
                            .numbers()
                            .first()
                            .map(|n| format!("cache_diagnostics.caches.#{}", n))
                    })
                })
        });
        if let Some(path) = unknown.or(nested) {
            return Err(payload::strict_unknown_field(info.name, &path));
        }
        let mut violations = Vec::new();
        let hashes = [
            ("manifest_hash", &package.manifest_hash),
            ("policy_artifact_hash", &package.policy_artifact_hash),
            (
                "capability_snapshot_hash",
                &package.capability_snapshot_hash,
            ),
        ];
        for (name, value) in hashes {
            if let Err(problem) = payload::check_hash(value, true) {
                violations.push((name.to_string(), problem));
            }
        }
        for (view, print) in &package.plan_bundle_fingerprints {
            if let Err(problem) = payload::check_hash(print, false) {
                violations.push((format!("plan_bundle_fingerprints[{}]", view), problem));
            }
        }
        match payload::violations_error(info.name, &violations) {
            Some(error) => Err(error),
            None => Ok(package),
        }
    }

    /// A binary payload, as Java's `ProtoPayloads.toBinary` writes it.
    pub fn to_binary(&self, info: &ContractInfo) -> Vec<u8> {
        payload::write_binary(info, &self.encode())
    }
}

impl ExecutionPackage {
    /// The generated module's contract struct, which hashes: the package fingerprint is its
    /// hash. `None` for a cache kind the generated enum does not name.
    pub fn to_contract(&self) -> Option<core::ExecutionPackage> {
        let diagnostics = self.cache_diagnostics.clone().unwrap_or_default();
        let caches = diagnostics
            .caches
            .iter()
            .map(|c| {
                Some(core::CacheStats {
                    cache: *core::CacheKind::ALL.get(usize::try_from(c.cache).ok()?)?,
                    entries: c.entries,
                    hits: c.hits,
                    misses: c.misses,
                    evictions: c.evictions,
                    limit_bytes: c.limit_bytes,
                    ttl_seconds: c.ttl_seconds,
                    possibly_stale_hits: c.possibly_stale_hits,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(core::ExecutionPackage {
            manifest_hash: self.manifest_hash.clone(),
            policy_artifact_hash: self.policy_artifact_hash.clone(),
            capability_snapshot_hash: self.capability_snapshot_hash.clone(),
            plan_bundle_fingerprints: self.plan_bundle_fingerprints.clone(),
            session_config_hash: self.session_config_hash.clone(),
            planning_env_hash: self.planning_env_hash.clone(),
            rulepack_hash: self.rulepack_hash.clone(),
            information_schema_hash: self.information_schema_hash.clone(),
            function_registry_hash: self.function_registry_hash.clone(),
            package_fingerprint: self.package_fingerprint.clone(),
            created_at_unix_ms: self.created_at_unix_ms,
            cache_diagnostics: core::CacheDiagnostics {
                caches,
                event_time_unix_ms: diagnostics.event_time_unix_ms,
            },
        })
    }
}

// ------------------------------------------------------------------------------------------
// JSON, into the generated module's structs

fn strings(value: &Json<'_>) -> Result<Vec<String>, ReadError> {
    let items = json_mapping::array(value)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(proto::string(item).map_err(|e| e.in_index(i))?.to_string());
    }
    Ok(out)
}

fn string_map(value: &Json<'_>) -> Result<BTreeMap<String, String>, ReadError> {
    let mut out = BTreeMap::new();
    for (key, item) in json_mapping::object(value)? {
        out.insert(
            key.to_string(),
            proto::string(item).map_err(|e| e.in_key(key))?.to_string(),
        );
    }
    Ok(out)
}

fn string(value: &Json<'_>) -> Result<String, ReadError> {
    proto::string(value).map(str::to_string)
}

const DELTA_INPUT: [(&str, &str); 3] = [
    ("dataset", "dataset"),
    ("version", "version"),
    ("snapshot_hash", "snapshotHash"),
];

/// A `delta_input` from JSON.
pub fn delta_input_from_json(value: &Json<'_>) -> Result<core::DeltaInput, ReadError> {
    let mut out = core::DeltaInput {
        dataset: String::new(),
        version: 0,
        snapshot_hash: String::new(),
    };
    let mut fields = proto::Fields::new(&DELTA_INPUT);
    for (key, item) in proto::object(value)? {
        let read = match fields.index(key)? {
            Some(0) => string(item).map(|v| out.dataset = v),
            Some(1) => proto::int64(item).map(|v| out.version = v),
            Some(2) => string(item).map(|v| out.snapshot_hash = v),
            _ => Err(proto::unknown_field(
                "DeltaInput",
                &["dataset", "version", "snapshot_hash"],
            )),
        };
        read.map_err(|e| e.in_field(key))?;
    }
    match fields.first_missing(&[false; 3]) {
        Some(missing) => Err(proto::missing().in_field(missing)),
        None => Ok(out),
    }
}

fn delta_inputs(value: &Json<'_>) -> Result<Vec<core::DeltaInput>, ReadError> {
    let items = json_mapping::array(value)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(delta_input_from_json(item).map_err(|e| e.in_index(i))?);
    }
    Ok(out)
}

const PLAN_FINGERPRINT: [(&str, &str); 10] = [
    ("substrait_hash", "substraitHash"),
    ("settings_hash", "settingsHash"),
    ("planning_env_hash", "planningEnvHash"),
    ("rulepack_hash", "rulepackHash"),
    ("information_schema_hash", "informationSchemaHash"),
    ("udf_snapshot_hash", "udfSnapshotHash"),
    ("required_udfs", "requiredUdfs"),
    ("required_rewrite_tags", "requiredRewriteTags"),
    ("delta_inputs", "deltaInputs"),
    ("delta_store_policy_hash", "deltaStorePolicyHash"),
];

/// A `plan_fingerprint` payload's content from JSON.
pub fn plan_fingerprint_from_json(value: &Json<'_>) -> Result<core::PlanFingerprint, ReadError> {
    let mut out = core::PlanFingerprint {
        substrait_hash: String::new(),
        settings_hash: String::new(),
        planning_env_hash: String::new(),
        rulepack_hash: String::new(),
        information_schema_hash: String::new(),
        udf_snapshot_hash: String::new(),
        required_udfs: Vec::new(),
        required_rewrite_tags: Vec::new(),
        delta_inputs: Vec::new(),
        delta_store_policy_hash: None,
    };
    let mut fields = proto::Fields::new(&PLAN_FINGERPRINT);
    for (key, item) in proto::object(value)? {
        let read = match fields.index(key)? {
            Some(0) => string(item).map(|v| out.substrait_hash = v),
            Some(1) => string(item).map(|v| out.settings_hash = v),
            Some(2) => string(item).map(|v| out.planning_env_hash = v),
            Some(3) => string(item).map(|v| out.rulepack_hash = v),
            Some(4) => string(item).map(|v| out.information_schema_hash = v),
            Some(5) => string(item).map(|v| out.udf_snapshot_hash = v),
            Some(6) => strings(item).map(|v| out.required_udfs = v),
            Some(7) => strings(item).map(|v| out.required_rewrite_tags = v),
            Some(8) => delta_inputs(item).map(|v| out.delta_inputs = v),
            Some(9) => string(item).map(|v| out.delta_store_policy_hash = Some(v)),
            _ => Err(proto::unknown_field(
                "PlanFingerprint",
                &PLAN_FINGERPRINT.map(|(name, _)| name),
            )),
        };
        read.map_err(|e| e.in_field(key))?;
    }
    // delta_inputs holds messages and delta_store_policy_hash is optional: both may be absent.
    let absent = [
        false, false, false, false, false, false, false, false, true, true,
    ];
    match fields.first_missing(&absent) {
        Some(missing) => Err(proto::missing().in_field(missing)),
        None => Ok(out),
    }
}

const PLAN_IDENTITY: [(&str, &str); 17] = [
    ("version", "version"),
    ("plan_fingerprint", "planFingerprint"),
    ("udf_snapshot_hash", "udfSnapshotHash"),
    ("function_registry_hash", "functionRegistryHash"),
    ("required_udfs", "requiredUdfs"),
    ("required_rewrite_tags", "requiredRewriteTags"),
    ("domain_planner_names", "domainPlannerNames"),
    ("df_settings_entries", "dfSettingsEntries"),
    ("planning_env_hash", "planningEnvHash"),
    (
        "planning_surface_policy_version",
        "planningSurfacePolicyVersion",
    ),
    ("planning_surface_policy_hash", "planningSurfacePolicyHash"),
    ("rulepack_hash", "rulepackHash"),
    ("information_schema_hash", "informationSchemaHash"),
    ("delta_inputs", "deltaInputs"),
    ("scan_units", "scanUnits"),
    ("profile_settings_hash", "profileSettingsHash"),
    ("profile_context_key", "profileContextKey"),
];

/// A `plan_identity` payload's content from JSON.
pub fn plan_identity_from_json(value: &Json<'_>) -> Result<core::PlanIdentity, ReadError> {
    let mut out = core::PlanIdentity {
        version: 0,
        plan_fingerprint: String::new(),
        udf_snapshot_hash: String::new(),
        function_registry_hash: String::new(),
        required_udfs: Vec::new(),
        required_rewrite_tags: Vec::new(),
        domain_planner_names: Vec::new(),
        df_settings_entries: BTreeMap::new(),
        planning_env_hash: String::new(),
        planning_surface_policy_version: String::new(),
        planning_surface_policy_hash: String::new(),
        rulepack_hash: String::new(),
        information_schema_hash: String::new(),
        delta_inputs: Vec::new(),
        scan_units: Vec::new(),
        profile_settings_hash: String::new(),
        profile_context_key: String::new(),
    };
    let mut fields = proto::Fields::new(&PLAN_IDENTITY);
    for (key, item) in proto::object(value)? {
        let read = match fields.index(key)? {
            Some(0) => proto::int32(item).map(|v| out.version = v),
            Some(1) => string(item).map(|v| out.plan_fingerprint = v),
            Some(2) => string(item).map(|v| out.udf_snapshot_hash = v),
            Some(3) => string(item).map(|v| out.function_registry_hash = v),
            Some(4) => strings(item).map(|v| out.required_udfs = v),
            Some(5) => strings(item).map(|v| out.required_rewrite_tags = v),
            Some(6) => strings(item).map(|v| out.domain_planner_names = v),
            Some(7) => string_map(item).map(|v| out.df_settings_entries = v),
            Some(8) => string(item).map(|v| out.planning_env_hash = v),
            Some(9) => string(item).map(|v| out.planning_surface_policy_version = v),
            Some(10) => string(item).map(|v| out.planning_surface_policy_hash = v),
            Some(11) => string(item).map(|v| out.rulepack_hash = v),
            Some(12) => string(item).map(|v| out.information_schema_hash = v),
            Some(13) => delta_inputs(item).map(|v| out.delta_inputs = v),
            Some(14) => strings(item).map(|v| out.scan_units = v),
            Some(15) => string(item).map(|v| out.profile_settings_hash = v),
            Some(16) => string(item).map(|v| out.profile_context_key = v),
            _ => Err(proto::unknown_field(
                "PlanIdentity",
                &PLAN_IDENTITY.map(|(name, _)| name),
            )),
        };
        read.map_err(|e| e.in_field(key))?;
    }
    let mut absent = [false; 17];
    absent[7] = true; // a map
    absent[13] = true; // messages
    match fields.first_missing(&absent) {
        Some(missing) => Err(proto::missing().in_field(missing)),
        None => Ok(out),
    }
}

/// Reads a JSON payload of `info`'s contract with `read`: envelope and version gate, content.
pub fn read_json_payload<T>(
    info: &ContractInfo,
    input: &[u8],
    read: fn(&Json<'_>) -> Result<T, ReadError>,
) -> Result<T, PayloadError> {
    let (content, _version) = payload::read_json(info, input)?;
    read(&content).map_err(|e| payload::json_error(info.name, e))
}

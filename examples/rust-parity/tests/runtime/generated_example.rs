//! What the generator is to emit for a protobuf contract, written by hand for the execution
//! package and the diagnostics it carries, over the runtime's typed API (codecs, `Message`,
//! `Reader`, `Writer`, the envelope): a reference for the generated decoders, and a check that
//! the API reads the real sealed package and writes it back byte for byte.

use crate::payload::{self, ContractInfo, PayloadError};
use crate::read_error::ReadError;
use crate::schemas;
use crate::support;
use crate::wire::{Enum, Int64, Message, Msg, Reader, Str, UnknownFields, WireType, Writer};
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

#[test]
fn the_typed_api_reads_the_sealed_package_and_writes_it_back_byte_for_byte() {
    let info = schemas::contract_info("execution_package");
    let sealed = support::read("run/package.binpb");
    let package = ExecutionPackage::from_binary(&info, &sealed).expect("the sealed package");
    assert!(!package.plan_bundle_fingerprints.is_empty());
    assert_eq!(package.to_binary(&info), sealed);
    // The same as the schema-driven reader makes of it.
    let dynamic = crate::dynamic::read_binary_payload(
        &info,
        &schemas::EXECUTION_PACKAGE,
        schemas::message,
        &sealed,
    )
    .expect("dynamic");
    let body = crate::dynamic::encode(&schemas::EXECUTION_PACKAGE, schemas::message, &dynamic);
    assert_eq!(body, package.encode());
}

#[test]
fn the_typed_api_keeps_presence_and_unknown_fields() {
    let mut package = ExecutionPackage {
        cache_diagnostics: Some(CacheDiagnostics::default()),
        ..Default::default()
    };
    package
        .plan_bundle_fingerprints
        .insert("\u{ff61}".into(), "a".into());
    package
        .plan_bundle_fingerprints
        .insert("\u{1f600}".into(), "b".into());
    package
        .unknown_fields
        .push(99, crate::wire::UnknownValue::Varint(1));
    let bytes = package.encode();
    // The emoji key first: protobuf-java sorts string keys by UTF-16 code units; the empty
    // message is written (62 00); the unknown field last.
    assert_eq!(
        support::hex(&bytes),
        "22090a04f09f98801201622208\
         0a03efbda11201616200980601"
    );
    assert_eq!(ExecutionPackage::decode(&bytes).expect("decode"), package);
    // A strict contract refuses the unknown field, naming it as Java does.
    let info = schemas::contract_info("execution_package");
    let error = ExecutionPackage::from_binary(&info, &package.to_binary(&info)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot read execution_package field #99: unknown field (a newer writer?); \
         execution_package is strict and refuses fields it does not declare"
    );
}

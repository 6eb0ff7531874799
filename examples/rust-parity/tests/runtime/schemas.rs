//! The schema tables of the messages and records the tests read: the wire-format test messages
//! (`src/test/proto/.../wire_test.proto`) and the core contracts the payload vectors use, as the
//! generator will have them from the descriptors and the manifest.

use crate::dynamic::{field, rfield, Field, Label, MessageSchema, RField, RTy, RecordSchema, Ty};
use crate::json::Json;
use crate::payload::ContractInfo;
use crate::support;

use Label::{Explicit as E, Implicit as I, Repeated as R, Unpacked as U};

const COLOUR: Ty = Ty::Enum(&[
    ("COLOUR_UNSPECIFIED", 0),
    ("RED", 1),
    ("GREEN", 2),
    ("INFRARED", -1),
]);

pub static SCALARS: MessageSchema = MessageSchema {
    name: "Scalars",
    forward_compatible: true,
    fields: &[
        field("i32", 1, Ty::Int32, I),
        field("i64", 2, Ty::Int64, I),
        field("u32", 3, Ty::UInt32, I),
        field("u64", 4, Ty::UInt64, I),
        field("s32", 5, Ty::SInt32, I),
        field("s64", 6, Ty::SInt64, I),
        field("fx32", 7, Ty::Fixed32, I),
        field("fx64", 8, Ty::Fixed64, I),
        field("sfx32", 9, Ty::SFixed32, I),
        field("sfx64", 10, Ty::SFixed64, I),
        field("flag", 11, Ty::Bool, I),
        field("real32", 12, Ty::Float, I),
        field("real64", 13, Ty::Double, I),
        field("text", 14, Ty::Str, I),
        field("data", 15, Ty::Bytes, I),
        field("colour", 16, COLOUR, I),
    ],
};

const SCALARS_TY: Ty = Ty::Message("Scalars");
const EVERYTHING_TY: Ty = Ty::Message("Everything");

pub static EVERYTHING: MessageSchema = MessageSchema {
    name: "Everything",
    forward_compatible: true,
    fields: &[
        field("scalars", 1, SCALARS_TY, E),
        field("opt_i32", 2, Ty::Int32, E),
        field("opt_i64", 3, Ty::Int64, E),
        field("opt_u64", 4, Ty::UInt64, E),
        field("opt_s32", 5, Ty::SInt32, E),
        field("opt_fx64", 6, Ty::Fixed64, E),
        field("opt_flag", 7, Ty::Bool, E),
        field("opt_real32", 8, Ty::Float, E),
        field("opt_real64", 9, Ty::Double, E),
        field("opt_text", 10, Ty::Str, E),
        field("opt_data", 11, Ty::Bytes, E),
        field("opt_colour", 12, COLOUR, E),
        field("rep_i32", 20, Ty::Int32, R),
        field("rep_i64", 21, Ty::Int64, R),
        field("rep_u32", 22, Ty::UInt32, R),
        field("rep_u64", 23, Ty::UInt64, R),
        field("rep_s32", 24, Ty::SInt32, R),
        field("rep_s64", 25, Ty::SInt64, R),
        field("rep_fx32", 26, Ty::Fixed32, R),
        field("rep_fx64", 27, Ty::Fixed64, R),
        field("rep_sfx32", 28, Ty::SFixed32, R),
        field("rep_sfx64", 29, Ty::SFixed64, R),
        field("rep_flag", 30, Ty::Bool, R),
        field("rep_real32", 31, Ty::Float, R),
        field("rep_real64", 32, Ty::Double, R),
        field("rep_colour", 33, COLOUR, R),
        field("rep_text", 34, Ty::Str, R),
        field("rep_data", 35, Ty::Bytes, R),
        field("rep_scalars", 36, SCALARS_TY, R),
        field("unpacked_i32", 40, Ty::Int32, U),
        field("unpacked_s64", 41, Ty::SInt64, U),
        field("unpacked_fx32", 42, Ty::Fixed32, U),
        field("unpacked_real64", 43, Ty::Double, U),
        field("unpacked_colour", 44, COLOUR, U),
        field("str_str", 50, Ty::Str, Label::Map(Ty::Str)),
        field("i32_i64", 51, Ty::Int64, Label::Map(Ty::Int32)),
        field("i64_str", 52, Ty::Str, Label::Map(Ty::Int64)),
        field("u32_colour", 53, COLOUR, Label::Map(Ty::UInt32)),
        field("u64_data", 54, Ty::Bytes, Label::Map(Ty::UInt64)),
        field("s32_scalars", 55, SCALARS_TY, Label::Map(Ty::SInt32)),
        field("s64_real64", 56, Ty::Double, Label::Map(Ty::SInt64)),
        field("fx32_real32", 57, Ty::Float, Label::Map(Ty::Fixed32)),
        field("fx64_flag", 58, Ty::Bool, Label::Map(Ty::Fixed64)),
        field("sfx32_u32", 59, Ty::UInt32, Label::Map(Ty::SFixed32)),
        field("sfx64_s32", 60, Ty::SInt32, Label::Map(Ty::SFixed64)),
        field("flag_str", 61, Ty::Str, Label::Map(Ty::Bool)),
        field("str_child", 62, EVERYTHING_TY, Label::Map(Ty::Str)),
        field("choice_i64", 70, Ty::Int64, E).oneof("choice"),
        field("choice_text", 71, Ty::Str, E).oneof("choice"),
        field("choice_scalars", 72, SCALARS_TY, E).oneof("choice"),
        field("child", 80, EVERYTHING_TY, E),
        field("renamed", 81, Ty::Str, I).json_name("customName"),
        field("far", 536_870_911, Ty::Int32, I),
    ],
};

// --- core contracts (contracts/src/main/proto/codeanatomy/relspec/v1) ---

const CACHE_KIND: Ty = Ty::Enum(&[
    ("CACHE_KIND_UNSPECIFIED", 0),
    ("LIST_FILES", 1),
    ("METADATA", 2),
    ("STATISTICS", 3),
    ("PREDICATE", 4),
    ("PLAN", 5),
    ("COMPILED_PLAN", 6),
]);

pub static CACHE_STATS: MessageSchema = MessageSchema {
    name: "CacheStats",
    forward_compatible: true,
    fields: &[
        field("cache", 1, CACHE_KIND, I),
        field("entries", 2, Ty::Int64, I),
        field("hits", 3, Ty::Int64, I),
        field("misses", 4, Ty::Int64, I),
        field("evictions", 5, Ty::Int64, I),
        field("limit_bytes", 6, Ty::Int64, I),
        field("ttl_seconds", 7, Ty::Int64, E),
        field("possibly_stale_hits", 8, Ty::Int64, E),
    ],
};

pub static CACHE_DIAGNOSTICS: MessageSchema = MessageSchema {
    name: "CacheDiagnostics",
    forward_compatible: true,
    fields: &[
        field("caches", 1, Ty::Message("CacheStats"), R),
        field("event_time_unix_ms", 2, Ty::Int64, I),
    ],
};

const fn hash(name: &'static str, number: u32, allow_empty: bool) -> Field {
    field(name, number, Ty::Str, I).hash(allow_empty)
}

pub static EXECUTION_PACKAGE: MessageSchema = MessageSchema {
    name: "ExecutionPackage",
    forward_compatible: false,
    fields: &[
        hash("manifest_hash", 1, true),
        hash("policy_artifact_hash", 2, true),
        hash("capability_snapshot_hash", 3, true),
        field("plan_bundle_fingerprints", 4, Ty::Str, Label::Map(Ty::Str)).hash(false),
        hash("session_config_hash", 5, true),
        hash("planning_env_hash", 6, true),
        hash("rulepack_hash", 7, true),
        hash("information_schema_hash", 8, true),
        hash("function_registry_hash", 9, true),
        field("package_fingerprint", 10, Ty::Str, I),
        field("created_at_unix_ms", 11, Ty::Int64, I),
        field("cache_diagnostics", 12, Ty::Message("CacheDiagnostics"), E),
    ],
};

pub static DELTA_INPUT: MessageSchema = MessageSchema {
    name: "DeltaInput",
    forward_compatible: false,
    fields: &[
        field("dataset", 1, Ty::Str, I),
        field("version", 2, Ty::Int64, I),
        hash("snapshot_hash", 3, true),
    ],
};

pub static PLAN_FINGERPRINT: MessageSchema = MessageSchema {
    name: "PlanFingerprint",
    forward_compatible: false,
    fields: &[
        hash("substrait_hash", 1, false),
        hash("settings_hash", 2, true),
        hash("planning_env_hash", 3, true),
        hash("rulepack_hash", 4, true),
        hash("information_schema_hash", 5, true),
        hash("udf_snapshot_hash", 6, true),
        field("required_udfs", 7, Ty::Str, R),
        field("required_rewrite_tags", 8, Ty::Str, R),
        field("delta_inputs", 9, Ty::Message("DeltaInput"), R),
        field("delta_store_policy_hash", 10, Ty::Str, E).hash(false),
    ],
};

pub static PLAN_IDENTITY: MessageSchema = MessageSchema {
    name: "PlanIdentity",
    forward_compatible: false,
    fields: &[
        field("version", 1, Ty::Int32, I),
        hash("plan_fingerprint", 2, false),
        hash("udf_snapshot_hash", 3, true),
        hash("function_registry_hash", 4, true),
        field("required_udfs", 5, Ty::Str, R),
        field("required_rewrite_tags", 6, Ty::Str, R),
        field("domain_planner_names", 7, Ty::Str, R),
        field("df_settings_entries", 8, Ty::Str, Label::Map(Ty::Str)),
        hash("planning_env_hash", 9, true),
        field("planning_surface_policy_version", 10, Ty::Str, I),
        hash("planning_surface_policy_hash", 11, true),
        hash("rulepack_hash", 12, true),
        hash("information_schema_hash", 13, true),
        field("delta_inputs", 14, Ty::Message("DeltaInput"), R),
        field("scan_units", 15, Ty::Str, R),
        hash("profile_settings_hash", 16, true),
        field("profile_context_key", 17, Ty::Str, I),
    ],
};

pub static SQL_POLICY: MessageSchema = MessageSchema {
    name: "SqlPolicy",
    forward_compatible: false,
    fields: &[
        field("allow_ddl", 1, Ty::Bool, I),
        field("allow_dml", 2, Ty::Bool, I),
        field("allow_statements", 3, Ty::Bool, I),
    ],
};

pub static PLANNING_ENVIRONMENT: MessageSchema = MessageSchema {
    name: "PlanningEnvironmentSnapshot",
    forward_compatible: false,
    fields: &[
        field("engine_version", 1, Ty::Str, I),
        field("settings", 2, Ty::Str, Label::Map(Ty::Str)),
        field("sql_policy", 3, Ty::Message("SqlPolicy"), E),
        field("explain_controls", 4, Ty::Str, Label::Map(Ty::Str)),
        field("planning_surface_policy_version", 5, Ty::Str, I),
        hash("planning_surface_policy_hash", 6, true),
    ],
};

pub static RULEPACK: MessageSchema = MessageSchema {
    name: "RulepackSnapshot",
    forward_compatible: false,
    fields: &[
        field(
            "profile",
            1,
            Ty::Enum(&[
                ("RULEPACK_PROFILE_UNSPECIFIED", 0),
                ("DEFAULT", 1),
                ("LOW_LATENCY", 2),
                ("REPLAY", 3),
                ("STRICT", 4),
            ]),
            I,
        ),
        field("analyzer_rules", 2, Ty::Str, R),
        field("logical_rules", 3, Ty::Str, R),
        field("physical_rules", 4, Ty::Str, R),
    ],
};

/// A message of unknown type: every field is an unknown field (Substrait plans, read only to
/// walk their wire format).
pub static OPAQUE: MessageSchema = MessageSchema {
    name: "Opaque",
    forward_compatible: true,
    fields: &[],
};

/// A message type by name.
pub fn message(name: &str) -> &'static MessageSchema {
    match name {
        "Scalars" => &SCALARS,
        "Everything" => &EVERYTHING,
        "CacheStats" => &CACHE_STATS,
        "CacheDiagnostics" => &CACHE_DIAGNOSTICS,
        "ExecutionPackage" => &EXECUTION_PACKAGE,
        "DeltaInput" => &DELTA_INPUT,
        "PlanFingerprint" => &PLAN_FINGERPRINT,
        "PlanIdentity" => &PLAN_IDENTITY,
        "SqlPolicy" => &SQL_POLICY,
        "PlanningEnvironmentSnapshot" => &PLANNING_ENVIRONMENT,
        "RulepackSnapshot" => &RULEPACK,
        "Opaque" => &OPAQUE,
        other => panic!("no schema for message {}", other),
    }
}

/// The message type of a protobuf contract, or `None` for a record contract.
pub fn contract_message(contract: &str) -> Option<&'static MessageSchema> {
    Some(match contract {
        "cache_stats" => &CACHE_STATS,
        "cache_diagnostics" => &CACHE_DIAGNOSTICS,
        "execution_package" => &EXECUTION_PACKAGE,
        "delta_input" => &DELTA_INPUT,
        "plan_fingerprint" => &PLAN_FINGERPRINT,
        "plan_identity" => &PLAN_IDENTITY,
        "sql_policy" => &SQL_POLICY,
        "planning_environment" => &PLANNING_ENVIRONMENT,
        "rulepack" => &RULEPACK,
        _ => return None,
    })
}

// --- records (contracts/src/main/java/io/codeanatomy/contracts/relspec) ---

const JOIN_STRATEGY: RTy = RTy::Enum(&[
    "span_overlap",
    "span_contains",
    "foreign_key",
    "symbol_match",
    "equi_join",
]);

pub static INFERENCE_CONFIDENCE: RecordSchema = RecordSchema {
    name: "inference_confidence",
    forward_compatible: false,
    fields: &[
        rfield("strategy", JOIN_STRATEGY),
        rfield("score", RTy::Double),
        rfield("high_confidence", RTy::Bool),
        rfield("fallback_reason", RTy::Optional(&RTy::Str)),
    ],
};

pub static VIEW_POLICY: RecordSchema = RecordSchema {
    name: "view_policy",
    forward_compatible: false,
    fields: &[
        rfield(
            "cache_policy",
            RTy::Enum(&["none", "delta_staging", "delta_output"]),
        ),
        rfield("join_strategy", JOIN_STRATEGY),
        rfield("confidence", RTy::Record("inference_confidence")),
        rfield("required_udfs", RTy::List(&RTy::Str)),
    ],
};

const fn rhash(name: &'static str) -> RField {
    rfield(name, RTy::Str).hash(true)
}

pub static COMPILED_EXECUTION_POLICY: RecordSchema = RecordSchema {
    name: "compiled_execution_policy",
    forward_compatible: false,
    fields: &[
        rfield("validation_mode", RTy::Enum(&["off", "warn", "error"])),
        rfield("workload_class", RTy::Str),
        rfield("views", RTy::Map(&RTy::Record("view_policy"))),
        rhash("planning_env_hash"),
        rhash("rulepack_hash"),
        rhash("information_schema_hash"),
        rhash("function_registry_hash"),
        rfield("policy_fingerprint", RTy::Str),
    ],
};

pub static CALIBRATION_THRESHOLDS: RecordSchema = RecordSchema {
    name: "calibration_thresholds",
    forward_compatible: false,
    fields: &[
        rfield("high_fanout", RTy::Long),
        rfield("small_table_rows", RTy::Long),
        rfield("large_table_rows", RTy::Long),
    ],
};

pub static CALIBRATION_RESULT: RecordSchema = RecordSchema {
    name: "calibration_result",
    forward_compatible: true,
    fields: &[
        rfield("mode", RTy::Enum(&["off", "warn", "enforce"])),
        rfield("cost_ratio", RTy::Double),
        rfield("before", RTy::Record("calibration_thresholds")),
        rfield("proposed", RTy::Record("calibration_thresholds")),
        rfield("applied", RTy::Record("calibration_thresholds")),
        rfield("clamped", RTy::List(&RTy::Str)),
    ],
};

/// A record contract by name.
pub fn record(name: &str) -> &'static RecordSchema {
    match name {
        "inference_confidence" => &INFERENCE_CONFIDENCE,
        "view_policy" => &VIEW_POLICY,
        "compiled_execution_policy" => &COMPILED_EXECUTION_POLICY,
        "calibration_thresholds" => &CALIBRATION_THRESHOLDS,
        "calibration_result" => &CALIBRATION_RESULT,
        other => panic!("no schema for record {}", other),
    }
}

/// What this build reads of `contract`: name, version and schema fingerprint from the core
/// manifest (the generator will have them as constants).
pub fn contract_info(contract: &str) -> ContractInfo {
    static ALL: std::sync::OnceLock<Vec<ContractInfo>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        let manifest = support::read_json("../manifests/core.manifest.json");
        support::items(&manifest, "contracts")
            .iter()
            .map(|entry| ContractInfo {
                name: Box::leak(support::text(entry, "name").to_string().into_boxed_str()),
                version: match entry.get("version") {
                    Some(Json::Number(n)) => n.parse().expect("a version"),
                    _ => panic!("no version"),
                },
                schema_fingerprint: Box::leak(
                    support::text(entry, "schemaFingerprint")
                        .to_string()
                        .into_boxed_str(),
                ),
                forward_compatible: entry.get("forwardCompatible") == Some(&Json::Bool(true)),
                earlier_fingerprints: &[],
                released: &[],
                accepted: std::borrow::Cow::Borrowed(&[]),
            })
            .collect()
    });
    all.iter()
        .find(|c| c.name == contract)
        .unwrap_or_else(|| panic!("the core manifest has no contract {}", contract))
        .clone()
}

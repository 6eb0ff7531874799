/// How the engine applies a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Per session (`SessionConfig`).
    Session,
    /// Per runtime environment (`RuntimeEnv`: memory pool, disk, caches).
    Runtime,
    /// Per table (table options).
    Table,
}

/// The unit of a numeric setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A plain number.
    None,
    /// A byte count.
    Bytes,
}

/// One row of a key registry: everything declared about a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingDescriptor {
    /// The full key, `datafusion.execution.target_partitions`.
    pub key: &'static str,
    /// `boolean`, `int`, `long`, `double`, `string`, `enum`, `duration`, `bytes`, `string_list`.
    pub type_name: &'static str,
    /// Whether the setting may be unset.
    pub optional: bool,
    /// The default as canonical setting text; `None` when unset by default.
    pub default_value: Option<&'static str>,
    /// What the setting does, exactly as declared.
    pub doc: &'static str,
    pub unit: Unit,
    pub scope: Scope,
    /// Whether the setting enters the planning-environment hash.
    pub planning_affecting: bool,
    /// Whether the setting enters the feature-gate parity hash.
    pub feature_gate: bool,
    /// The smallest allowed value as setting text, if bounded.
    pub min: Option<&'static str>,
    /// The largest allowed value as setting text, if bounded.
    pub max: Option<&'static str>,
    /// For an enum, the accepted texts in declaration order.
    pub allowed_values: &'static [&'static str],
}

impl SettingDescriptor {
    /// The type in words, as error messages use it: `optional bytes`, `enum (off|warn)`.
    pub fn type_description(&self) -> String {
        let base = if self.allowed_values.is_empty() {
            self.type_name.to_string()
        } else {
            format!("{} ({})", self.type_name, self.allowed_values.join("|"))
        };
        if self.optional {
            format!("optional {}", base)
        } else {
            base
        }
    }
}

/// A profile name that the policy does not declare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownProfile {
    pub policy: &'static str,
    pub requested: String,
    pub known: &'static [&'static str],
}

impl std::fmt::Display for UnknownProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown profile '{}' of policy {}; known profiles: {}",
            self.requested,
            self.policy,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownProfile {}

/// What every generated planning policy offers, for code that works with any of them (a
/// DataFusion adapter, a parity check). Each policy also has these as inherent methods.
pub trait PlanningPolicy: Sized {
    /// The policy name.
    const NAME: &'static str;
    /// SHA-256 of the policy's canonical description, as in the manifest.
    const SCHEMA_FINGERPRINT: &'static str;
    /// The profile names, in declaration order.
    const PROFILE_NAMES: &'static [&'static str];

    /// The profile named `name`.
    fn profile(name: &str) -> Result<Self, UnknownProfile>;
    /// The `profile_settings_hash` the processor computed for profile `name` (the manifest's).
    fn expected_profile_settings_hash(name: &str) -> Option<&'static str>;
    /// Every setting of every component, in component order.
    fn descriptors() -> Vec<&'static SettingDescriptor>;
    /// Every setting that has a value, as setting text, sorted by key.
    fn effective_settings(&self) -> BTreeMap<String, String>;
    /// The planning-affecting settings: what `session_config_hash` hashes.
    fn planning_settings(&self) -> BTreeMap<String, String>;
    /// SHA-256 of the sorted `[key, value]` pairs of the effective settings: what
    /// `plan_identity.profile_settings_hash` and `execution_package.policy_artifact_hash` record.
    fn profile_settings_hash(&self) -> String;
    /// The same hash of the planning-affecting settings only: what
    /// `execution_package.session_config_hash` and `plan_fingerprint.settings_hash` record.
    fn session_config_hash(&self) -> String;
    /// The feature-gate parity hash; `None` when the policy declares no feature gate.
    fn feature_gate_parity_hash(&self) -> Option<String>;
    /// Parses a complete settings map, reporting every problem at once.
    fn from_settings(settings: &BTreeMap<String, String>) -> Result<Self, Violations>;
}

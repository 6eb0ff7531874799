/// A value tree that does not fit a contract: a missing field, a wrong type, an unknown field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Where: `contract.field`, with `[i]` or `[key]` for elements.
    pub path: String,
    /// What was expected and what came.
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// What every generated contract offers, for code that handles any of them.
pub trait Contract: Sized {
    /// The contract name.
    const CONTRACT_NAME: &'static str;
    /// The declared contract version.
    const CONTRACT_VERSION: u32;
    /// SHA-256 of the contract's canonical description, as in the manifest.
    const SCHEMA_FINGERPRINT: &'static str;

    /// Reads the contract from a value tree: a map of field name to value.
    fn from_value(value: &canonical::Value) -> Result<Self, DecodeError>;
    /// Writes the hashed form (provenance fields left out).
    fn write(&self, writer: &mut canonical::Writer) -> Result<(), canonical::EncodeError>;

    /// The canonical bytes whose SHA-256 is the hash.
    fn canonical_bytes(&self) -> Result<Vec<u8>, canonical::EncodeError> {
        let mut writer = canonical::Writer::new();
        self.write(&mut writer)?;
        Ok(writer.into_bytes())
    }

    /// SHA-256 of the canonical bytes, lowercase hex.
    fn hash(&self) -> Result<String, canonical::EncodeError> {
        let mut writer = canonical::Writer::new();
        self.write(&mut writer)?;
        Ok(writer.sha256_hex())
    }
}

/// Reads `value` as contract `C` and hashes it; errors as text, for tools that handle any contract.
pub fn hash_value_as<C: Contract>(value: &canonical::Value) -> Result<String, String> {
    let contract = C::from_value(value).map_err(|e| e.to_string())?;
    contract.hash().map_err(|e| e.to_string())
}

/// Reading contract fields out of a value tree, with errors that name the field.
pub mod decode {
    use super::canonical::{TextError, Value};
    use super::DecodeError;

    fn describe(value: &Value) -> &'static str {
        match value {
            Value::Nil => "nil",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::UInt(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Str(_) => "a string",
            Value::Bin(_) => "binary",
            Value::Array(_) => "an array",
            Value::Map(_) => "a map",
        }
    }

    fn expected(path: &str, what: &str, value: &Value) -> DecodeError {
        DecodeError {
            path: path.to_string(),
            message: format!("expected {}, got {}", what, describe(value)),
        }
    }

    /// The fields of a contract value: it must be a map.
    pub fn fields<'a>(value: &'a Value, path: &str) -> Result<&'a [(String, Value)], DecodeError> {
        match value {
            Value::Map(entries) => Ok(entries),
            other => Err(expected(path, "a map of fields", other)),
        }
    }

    /// A required field.
    pub fn field<'a>(
        fields: &'a [(String, Value)],
        name: &str,
        path: &str,
    ) -> Result<&'a Value, DecodeError> {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
            .ok_or_else(|| DecodeError {
                path: path.to_string(),
                message: "missing field".to_string(),
            })
    }

    /// An optional field: `None` when missing or nil.
    pub fn optional_field<'a>(fields: &'a [(String, Value)], name: &str) -> Option<&'a Value> {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
            .filter(|value| **value != Value::Nil)
    }

    /// Refuses fields the contract does not declare (strict contracts).
    pub fn no_unknown_fields(
        fields: &[(String, Value)],
        known: &[&str],
        contract: &str,
    ) -> Result<(), DecodeError> {
        let unknown = fields
            .iter()
            .find(|(key, _)| !known.contains(&key.as_str()));
        match unknown {
            Some((key, _)) => Err(DecodeError {
                path: format!("{}.{}", contract, key),
                message: format!("unknown field; {} has: {}", contract, known.join(", ")),
            }),
            None => Ok(()),
        }
    }

    pub fn boolean(value: &Value, path: &str) -> Result<bool, DecodeError> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(expected(path, "a boolean", other)),
        }
    }

    pub fn int64(value: &Value, path: &str) -> Result<i64, DecodeError> {
        match value {
            Value::Int(i) => Ok(*i),
            Value::UInt(u) if *u <= i64::MAX as u64 => Ok(*u as i64),
            other => Err(expected(path, "an integer in the range of i64", other)),
        }
    }

    pub fn int32(value: &Value, path: &str) -> Result<i32, DecodeError> {
        let wide = int64(value, path)?;
        i32::try_from(wide).map_err(|_| DecodeError {
            path: path.to_string(),
            message: format!("expected an integer in the range of i32, got {}", wide),
        })
    }

    pub fn float64(value: &Value, path: &str) -> Result<f64, DecodeError> {
        match value {
            Value::Float(f) => Ok(*f),
            other => Err(expected(path, "a float", other)),
        }
    }

    pub fn string(value: &Value, path: &str) -> Result<String, DecodeError> {
        match value {
            Value::Str(s) => Ok(s.clone()),
            other => Err(expected(path, "a string", other)),
        }
    }

    pub fn bytes(value: &Value, path: &str) -> Result<Vec<u8>, DecodeError> {
        match value {
            Value::Bin(b) => Ok(b.clone()),
            other => Err(expected(path, "binary", other)),
        }
    }

    pub fn array<'a>(value: &'a Value, path: &str) -> Result<&'a [Value], DecodeError> {
        match value {
            Value::Array(items) => Ok(items),
            other => Err(expected(path, "an array", other)),
        }
    }

    pub fn map<'a>(value: &'a Value, path: &str) -> Result<&'a [(String, Value)], DecodeError> {
        match value {
            Value::Map(entries) => Ok(entries),
            other => Err(expected(path, "a map", other)),
        }
    }

    /// An enum value from its text, with `parse` the enum's `from_text`.
    pub fn text<T>(
        value: &Value,
        path: &str,
        parse: fn(&str) -> Result<T, TextError>,
    ) -> Result<T, DecodeError> {
        parse(&string(value, path)?).map_err(|e| text_error(e, path))
    }

    /// An enum's text that names no constant.
    pub fn text_error(error: TextError, path: &str) -> DecodeError {
        DecodeError {
            path: path.to_string(),
            message: error.to_string(),
        }
    }
}

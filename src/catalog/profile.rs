//! Profiles: which keys a draft needs before publishing, and when. A profile is data — a JSON
//! file checked against `profile.schema.json` — so operators can load their own.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{field::enum_values, Catalog, CatalogError};

const PROFILE_SCHEMA: &str = include_str!("profile.schema.json");

static PROFILE_VALIDATOR: LazyLock<Result<jsonschema::Validator, String>> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(PROFILE_SCHEMA).map_err(|e| e.to_string())?;
    jsonschema::validator_for(&schema).map_err(|e| e.to_string())
});

/// A test on one key of the draft; every part that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    pub present: Option<bool>,
    pub equals: Option<String>,
    #[serde(rename = "in")]
    pub one_of: Option<Vec<String>>,
    pub not_in: Option<Vec<String>>,
}

impl Condition {
    /// Whether the condition holds for `value` (the key's current value, if any).
    pub fn holds(&self, value: Option<&Value>) -> bool {
        let text = value.and_then(Value::as_str);
        if let Some(present) = self.present {
            if value.is_some() != present {
                return false;
            }
        }
        if let Some(want) = &self.equals {
            if text != Some(want.as_str()) {
                return false;
            }
        }
        if let Some(set) = &self.one_of {
            if !text.is_some_and(|t| set.iter().any(|s| s == t)) {
                return false;
            }
        }
        if let Some(set) = &self.not_in {
            if text.is_some_and(|t| set.iter().any(|s| s == t)) {
                return false;
            }
        }
        true
    }
}

/// "`field` is required (when every `when` condition holds)"; with `anyOf`, one of several keys.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequiredRule {
    pub field: String,
    #[serde(default)]
    pub any_of: Vec<String>,
    #[serde(default)]
    pub when: BTreeMap<String, Condition>,
    #[serde(default = "default_code")]
    pub code: String,
    pub message: Option<String>,
    pub prompt: Option<String>,
}

fn default_code() -> String {
    "missing_required_field".to_string()
}

impl RequiredRule {
    /// The keys a client may PATCH to satisfy the rule.
    pub fn update_keys(&self) -> Vec<String> {
        if self.any_of.is_empty() {
            vec![self.field.clone()]
        } else {
            self.any_of.clone()
        }
    }

    /// Whether the rule applies to a draft whose present values are `fields`.
    pub fn applies(&self, fields: &Map<String, Value>) -> bool {
        self.when
            .iter()
            .all(|(key, cond)| cond.holds(fields.get(key)))
    }

    /// Whether the draft satisfies the rule.
    pub fn satisfied(&self, fields: &Map<String, Value>) -> bool {
        self.update_keys().iter().any(|k| fields.contains_key(k))
    }
}

/// Wording a profile changes for one key.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOverride {
    pub label: Option<String>,
    pub prompt: Option<String>,
    #[serde(default, deserialize_with = "some_value")]
    pub hint: Option<Value>,
    pub example: Option<Value>,
}

fn some_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// A named set of requirements.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub required: Vec<RequiredRule>,
    #[serde(default)]
    pub fields: BTreeMap<String, FieldOverride>,
}

/// Checks a profile document against the schema, then its keys and enum values against the catalog.
pub(super) fn parse(value: &Value, catalog: &Catalog) -> Result<Profile, CatalogError> {
    let validator = PROFILE_VALIDATOR
        .as_ref()
        .map_err(|e| CatalogError(vec![format!("profile schema: {e}")]))?;
    let schema_errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if !schema_errors.is_empty() {
        return Err(CatalogError(schema_errors));
    }
    let profile: Profile =
        serde_json::from_value(value.clone()).map_err(|e| CatalogError(vec![e.to_string()]))?;
    let mut errors = Vec::new();
    let known = |key: &str| catalog.field(key).is_some();
    for rule in &profile.required {
        for key in std::iter::once(&rule.field).chain(&rule.any_of) {
            if !known(key) {
                errors.push(format!("required rule names unknown key {key}"));
            }
        }
        for (key, cond) in &rule.when {
            if !known(key) {
                errors.push(format!("condition on unknown key {key}"));
                continue;
            }
            if let Some(allowed) = enum_values(key) {
                let named = cond
                    .equals
                    .iter()
                    .chain(cond.one_of.iter().flatten())
                    .chain(cond.not_in.iter().flatten());
                for v in named {
                    if !allowed.contains(&v.as_str()) {
                        errors.push(format!(
                            "condition on {key} names {v}, not one of its values"
                        ));
                    }
                }
            }
        }
    }
    for (key, over) in &profile.fields {
        if !known(key) {
            errors.push(format!("wording given for unknown key {key}"));
        }
        if let Some(example) = &over.example {
            if example.get(key).is_none() {
                errors.push(format!(
                    "example for {key} must be a PATCH body setting {key}"
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(profile)
    } else {
        Err(CatalogError(errors))
    }
}

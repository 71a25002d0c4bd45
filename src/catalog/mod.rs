//! The field catalog (DESIGN.md §3) as data: every key's type, label, prompt, example and hint,
//! and the profiles that say which keys a draft needs before it can be published.

mod field;
mod profile;

pub use field::{enum_label, enum_loose, enum_values, FieldDef, FieldType};
pub use profile::{Condition, FieldOverride, Profile, RequiredRule};

use std::collections::BTreeMap;

use jobdraft_parsers::FIELD_KEYS;
use serde_json::Value;

/// The profile used when neither the server nor the request names one.
pub const DEFAULT_PROFILE: &str = "ai-training";

const FIELDS_JSON: &str = include_str!("fields.json");
const BUILTIN_PROFILES: &[&str] = &[
    include_str!("profiles/ai-training.json"),
    include_str!("profiles/general.json"),
];

/// The whole catalog: field definitions plus the loaded profiles.
#[derive(Debug, Clone)]
pub struct Catalog {
    fields: Vec<FieldDef>,
    profiles: BTreeMap<String, Profile>,
}

/// A catalog or profile file that cannot be used, with every reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError(pub Vec<String>);

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid catalog profile: {}", self.0.join("; "))
    }
}

impl std::error::Error for CatalogError {}

impl Catalog {
    /// The built-in catalog with both built-in profiles.
    pub fn builtin() -> Catalog {
        let fields =
            field::load(FIELDS_JSON).unwrap_or_else(|e| panic!("built-in fields.json: {e}"));
        let mut catalog = Catalog {
            fields,
            profiles: BTreeMap::new(),
        };
        for text in BUILTIN_PROFILES {
            catalog
                .add_profile_json(text)
                .unwrap_or_else(|e| panic!("built-in profile: {e}"));
        }
        catalog
    }

    /// Adds (or replaces) a profile from its JSON text, checked against the profile JSON Schema
    /// and against the catalog's keys and enum values.
    pub fn add_profile_json(&mut self, text: &str) -> Result<String, CatalogError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| CatalogError(vec![format!("not JSON: {e}")]))?;
        let profile = profile::parse(&value, self)?;
        let name = profile.name.clone();
        self.profiles.insert(name.clone(), profile);
        Ok(name)
    }

    pub fn fields(&self) -> &[FieldDef] {
        &self.fields
    }

    pub fn field(&self, key: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    pub fn profile_names(&self) -> Vec<&str> {
        self.profiles.keys().map(String::as_str).collect()
    }

    /// Every updatable key, in catalog order.
    pub fn update_keys(&self) -> &'static [&'static str] {
        FIELD_KEYS
    }

    /// The catalog key closest to `key` (for "did you mean" hints), if any is close enough.
    pub fn suggest(&self, key: &str) -> Option<&'static str> {
        let lower = key.to_lowercase();
        FIELD_KEYS
            .iter()
            .map(|k| (edit_distance(&lower, &k.to_lowercase()), *k))
            .filter(|(d, k)| *d <= 3.max(k.len() / 3))
            .min_by_key(|(d, _)| *d)
            .map(|(_, k)| k)
    }
}

/// Levenshtein distance over chars; inputs are short keys.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_has_every_key_and_both_profiles() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.fields().len(), FIELD_KEYS.len());
        assert_eq!(catalog.profile_names(), vec!["ai-training", "general"]);
    }

    #[test]
    fn suggestions_find_near_misses_only() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.suggest("pricePerHr"), Some("pricePerHour"));
        assert_eq!(catalog.suggest("experiencelevel"), Some("experienceLevel"));
        assert_eq!(catalog.suggest("zzzzzzzzzzzzzzzzzz"), None);
    }

    #[test]
    fn profiles_are_checked_against_the_schema_and_the_keys() {
        let mut catalog = Catalog::builtin();
        let err = catalog
            .add_profile_json(r#"{"name": "x", "required": [{"field": "nope"}]}"#)
            .unwrap_err();
        assert!(err.0.iter().any(|e| e.contains("nope")), "{err}");
        let err = catalog
            .add_profile_json(r#"{"name": "x", "required": [{"field": "jobTitle", "bogus": 1}]}"#)
            .unwrap_err();
        assert!(!err.0.is_empty());
        let err = catalog
            .add_profile_json(
                r#"{"name": "x", "required": [{"field": "pricePerHour", "when": {"paymentType": {"equals": "HOURLY"}}}]}"#,
            )
            .unwrap_err();
        assert!(err.0.iter().any(|e| e.contains("HOURLY")), "{err}");
        assert!(catalog
            .add_profile_json(r#"{"name": "mine", "required": [{"field": "jobTitle"}]}"#)
            .is_ok());
    }
}

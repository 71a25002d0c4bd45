//! One catalog key: its value type, the enum values it allows, and the words used to ask for it.

use std::collections::BTreeMap;

use jobdraft_parsers::{
    Category, DataType, DataVolumeUnit, EmploymentType, ExperienceLevel, LabelType, LocationType,
    PaymentType, SalaryPeriod, FIELD_KEYS,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The value type of a key, as reported in `missingFields[].type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldType {
    #[serde(rename = "string")]
    String,
    #[serde(rename = "text")]
    Text,
    #[serde(rename = "integer")]
    Integer,
    #[serde(rename = "number")]
    Number,
    #[serde(rename = "enum")]
    Enum,
    #[serde(rename = "enum[]")]
    EnumList,
    #[serde(rename = "string[]")]
    StringList,
    #[serde(rename = "language[]")]
    LanguageList,
    #[serde(rename = "country[]")]
    CountryList,
    #[serde(rename = "url")]
    Url,
    #[serde(rename = "email")]
    Email,
    #[serde(rename = "date")]
    Date,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Text => "text",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Enum => "enum",
            FieldType::EnumList => "enum[]",
            FieldType::StringList => "string[]",
            FieldType::LanguageList => "language[]",
            FieldType::CountryList => "country[]",
            FieldType::Url => "url",
            FieldType::Email => "email",
            FieldType::Date => "date",
        }
    }

    pub fn is_list(self) -> bool {
        matches!(
            self,
            FieldType::EnumList
                | FieldType::StringList
                | FieldType::LanguageList
                | FieldType::CountryList
        )
    }
}

/// A catalog key with its wording.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    pub key: &'static str,
    pub ty: FieldType,
    pub label: String,
    pub prompt: String,
    pub example: Value,
    pub hint: Option<String>,
    /// Canonical values for `enum` and `enum[]` keys.
    pub enum_values: Option<Vec<&'static str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldJson {
    #[serde(rename = "type")]
    ty: FieldType,
    label: String,
    prompt: String,
    example: Value,
    hint: Option<String>,
}

/// The canonical values of an enum key; the enums live in the parsers crate so that parsing,
/// PATCH and the catalog share one table.
pub fn enum_values(key: &str) -> Option<Vec<&'static str>> {
    Some(match key {
        "category" => Category::names(),
        "dataType" => DataType::names(),
        "labelTypes" => LabelType::names(),
        "dataVolumeUnit" => DataVolumeUnit::names(),
        "experienceLevel" => ExperienceLevel::names(),
        "paymentType" => PaymentType::names(),
        "salaryPeriod" => SalaryPeriod::names(),
        "employmentType" => EmploymentType::names(),
        "locationType" => LocationType::names(),
        _ => return None,
    })
}

/// The canonical value of an enum key for a loose spelling (case, spacing or display label).
pub fn enum_loose(key: &str, s: &str) -> Option<&'static str> {
    fn pick<T: Copy>(
        found: Option<(T, bool)>,
        name: fn(T) -> &'static str,
    ) -> Option<&'static str> {
        found.map(|(v, _)| name(v))
    }
    match key {
        "category" => pick(Category::from_loose(s), Category::as_str),
        "dataType" => pick(DataType::from_loose(s), DataType::as_str),
        "labelTypes" => pick(LabelType::from_loose(s), LabelType::as_str),
        "dataVolumeUnit" => pick(DataVolumeUnit::from_loose(s), DataVolumeUnit::as_str),
        "experienceLevel" => pick(ExperienceLevel::from_loose(s), ExperienceLevel::as_str),
        "paymentType" => pick(PaymentType::from_loose(s), PaymentType::as_str),
        "salaryPeriod" => pick(SalaryPeriod::from_loose(s), SalaryPeriod::as_str),
        "employmentType" => pick(EmploymentType::from_loose(s), EmploymentType::as_str),
        "locationType" => pick(LocationType::from_loose(s), LocationType::as_str),
        _ => None,
    }
}

/// The display label of a canonical enum value ("PAY_PER_HOUR" → "Pay per hour").
pub fn enum_label(key: &str, canonical: &str) -> Option<&'static str> {
    match key {
        "category" => Category::from_canonical(canonical).map(Category::label),
        "dataType" => DataType::from_canonical(canonical).map(DataType::label),
        "labelTypes" => LabelType::from_canonical(canonical).map(LabelType::label),
        "dataVolumeUnit" => DataVolumeUnit::from_canonical(canonical).map(DataVolumeUnit::label),
        "experienceLevel" => ExperienceLevel::from_canonical(canonical).map(ExperienceLevel::label),
        "paymentType" => PaymentType::from_canonical(canonical).map(PaymentType::label),
        "salaryPeriod" => SalaryPeriod::from_canonical(canonical).map(SalaryPeriod::label),
        "employmentType" => EmploymentType::from_canonical(canonical).map(EmploymentType::label),
        "locationType" => LocationType::from_canonical(canonical).map(LocationType::label),
        _ => None,
    }
}

/// Reads `fields.json`, which must describe exactly the keys of `FIELD_KEYS`.
pub(super) fn load(text: &str) -> Result<Vec<FieldDef>, String> {
    let mut raw: BTreeMap<String, FieldJson> =
        serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut fields = Vec::with_capacity(FIELD_KEYS.len());
    for key in FIELD_KEYS {
        let def = raw
            .remove(*key)
            .ok_or_else(|| format!("fields.json lacks {key}"))?;
        let enum_values = enum_values(key);
        if matches!(def.ty, FieldType::Enum | FieldType::EnumList) != enum_values.is_some() {
            return Err(format!(
                "{key}: type {:?} disagrees with the enum table",
                def.ty
            ));
        }
        if def.example.get(*key).is_none() {
            return Err(format!("{key}: example must be a PATCH body setting {key}"));
        }
        fields.push(FieldDef {
            key,
            ty: def.ty,
            label: def.label,
            prompt: def.prompt,
            example: def.example,
            hint: def.hint,
            enum_values,
        });
    }
    if let Some(extra) = raw.keys().next() {
        return Err(format!("fields.json describes unknown key {extra}"));
    }
    Ok(fields)
}

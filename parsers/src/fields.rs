//! `JobFields`: the normalized draft of DESIGN.md §3.1 and its serde shape (camelCase keys,
//! absent values omitted, whole numbers written without a fraction).

use serde::{Deserialize, Serialize, Serializer};

use crate::enums::{
    Category, DataType, DataVolumeUnit, EmploymentType, ExperienceLevel, LabelType, LocationType,
    PaymentType, SalaryPeriod,
};

/// Every catalog key, in catalog order. The catalog, PATCH and the OpenAPI document all read
/// this list, so adding a field here (and to [`JobFields`]) is the whole change.
pub const FIELD_KEYS: &[&str] = &[
    "jobTitle",
    "jobDescription",
    "labelingOverview",
    "datasetDescription",
    "category",
    "dataType",
    "labelTypes",
    "subjectMatter",
    "labelingSoftware",
    "dataVolume",
    "dataVolumeUnit",
    "headcount",
    "experienceLevel",
    "yearsExperience",
    "paymentType",
    "pricePerHour",
    "pricePerLabel",
    "fixedPrice",
    "currency",
    "salaryMin",
    "salaryMax",
    "salaryPeriod",
    "hoursPerWeek",
    "projectDurationWeeks",
    "languages",
    "countries",
    "companyName",
    "companyWebsite",
    "employmentType",
    "locationType",
    "locations",
    "applyUrl",
    "applyEmail",
    "validThrough",
    "skills",
];

/// The structured draft. `None` / empty means "not known"; the validator decides what is missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labeling_overview: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<DataType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub label_types: Vec<LabelType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_matter: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labeling_software: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole"
    )]
    pub data_volume: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_volume_unit: Option<DataVolumeUnit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience_level: Option<ExperienceLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_experience: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole"
    )]
    pub price_per_hour: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole"
    )]
    pub price_per_label: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole"
    )]
    pub fixed_price: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole"
    )]
    pub salary_min: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole"
    )]
    pub salary_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_period: Option<SalaryPeriod>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole"
    )]
    pub hours_per_week: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole"
    )]
    pub project_duration_weeks: Option<f64>,
    /// English language names ("Spanish").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// ISO 3166-1 alpha-2 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_type: Option<EmploymentType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_type: Option<LocationType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_email: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_through: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
}

impl JobFields {
    /// The fields as a JSON object (only the keys that hold a value).
    pub fn to_map(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        }
    }

    /// Rebuilds fields from a JSON object whose values are already canonical.
    pub fn from_map(
        map: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Self, serde_json::Error> {
        serde_json::from_value(serde_json::Value::Object(map))
    }

    /// How many keys hold a value (`parser.parsedFields`).
    pub fn count(&self) -> usize {
        self.to_map().len()
    }

    /// Whether the catalog key `key` holds a value (what [`JobFields::to_map`] would list,
    /// without building it).
    pub fn has(&self, key: &str) -> bool {
        match key {
            "jobTitle" => self.job_title.is_some(),
            "jobDescription" => self.job_description.is_some(),
            "labelingOverview" => self.labeling_overview.is_some(),
            "datasetDescription" => self.dataset_description.is_some(),
            "category" => self.category.is_some(),
            "dataType" => self.data_type.is_some(),
            "labelTypes" => !self.label_types.is_empty(),
            "subjectMatter" => !self.subject_matter.is_empty(),
            "labelingSoftware" => self.labeling_software.is_some(),
            "dataVolume" => self.data_volume.is_some(),
            "dataVolumeUnit" => self.data_volume_unit.is_some(),
            "headcount" => self.headcount.is_some(),
            "experienceLevel" => self.experience_level.is_some(),
            "yearsExperience" => self.years_experience.is_some(),
            "paymentType" => self.payment_type.is_some(),
            "pricePerHour" => self.price_per_hour.is_some(),
            "pricePerLabel" => self.price_per_label.is_some(),
            "fixedPrice" => self.fixed_price.is_some(),
            "currency" => self.currency.is_some(),
            "salaryMin" => self.salary_min.is_some(),
            "salaryMax" => self.salary_max.is_some(),
            "salaryPeriod" => self.salary_period.is_some(),
            "hoursPerWeek" => self.hours_per_week.is_some(),
            "projectDurationWeeks" => self.project_duration_weeks.is_some(),
            "languages" => !self.languages.is_empty(),
            "countries" => !self.countries.is_empty(),
            "companyName" => self.company_name.is_some(),
            "companyWebsite" => self.company_website.is_some(),
            "employmentType" => self.employment_type.is_some(),
            "locationType" => self.location_type.is_some(),
            "locations" => !self.locations.is_empty(),
            "applyUrl" => self.apply_url.is_some(),
            "applyEmail" => self.apply_email.is_some(),
            "validThrough" => self.valid_through.is_some(),
            "skills" => !self.skills.is_empty(),
            _ => false,
        }
    }

    /// Fills every key that `self` lacks from `other`; returns the keys that were filled.
    pub fn fill_from(&mut self, other: &JobFields) -> Vec<String> {
        let mut mine = self.to_map();
        let mut filled = Vec::new();
        for (key, value) in other.to_map() {
            if !mine.contains_key(&key) {
                filled.push(key.clone());
                mine.insert(key, value);
            }
        }
        if let Ok(merged) = JobFields::from_map(mine) {
            *self = merged;
        }
        filled
    }
}

/// Writes a whole `f64` as an integer (`18`, not `18.0`), so reports read the way people write.
pub fn whole<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => serializer.serialize_i64(*v as i64),
        Some(v) => serializer.serialize_f64(*v),
        None => serializer.serialize_none(),
    }
}

/// A number as a JSON value, whole numbers as integers (see [`whole`]).
pub fn number_value(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::Value::from(v as i64)
    } else {
        serde_json::Number::from_f64(v)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_serialize_without_fraction_and_keys_are_camel_case() {
        let fields = JobFields {
            price_per_hour: Some(18.0),
            price_per_label: Some(0.05),
            payment_type: Some(PaymentType::PayPerHour),
            ..Default::default()
        };
        let json = serde_json::to_string(&fields).unwrap();
        assert_eq!(
            json,
            r#"{"paymentType":"PAY_PER_HOUR","pricePerHour":18,"pricePerLabel":0.05}"#
        );
    }

    #[test]
    fn field_keys_match_the_struct() {
        let all: serde_json::Value = serde_json::json!({
            "jobTitle": "t", "jobDescription": "d", "labelingOverview": "o", "datasetDescription": "s",
            "category": "OTHER", "dataType": "TEXT", "labelTypes": ["RATING"], "subjectMatter": ["law"],
            "labelingSoftware": "CVAT", "dataVolume": 1, "dataVolumeUnit": "NUMBER_OF_FILES",
            "headcount": 1, "experienceLevel": "EXPERT", "yearsExperience": 2, "paymentType": "FIXED_PRICE",
            "pricePerHour": 1, "pricePerLabel": 1, "fixedPrice": 1, "currency": "USD", "salaryMin": 1,
            "salaryMax": 2, "salaryPeriod": "YEAR", "hoursPerWeek": 10, "projectDurationWeeks": 3,
            "languages": ["English"], "countries": ["US"], "companyName": "c",
            "companyWebsite": "https://c.example", "employmentType": "FULL_TIME", "locationType": "REMOTE",
            "locations": ["Austin, TX, US"], "applyUrl": "https://c.example/a", "applyEmail": "a@c.example",
            "validThrough": "2030-01-01", "skills": ["Go"]
        });
        let fields: JobFields = serde_json::from_value(all).unwrap();
        let keys: Vec<String> = fields.to_map().keys().cloned().collect();
        let mut expected: Vec<String> = FIELD_KEYS.iter().map(|s| s.to_string()).collect();
        assert!(keys.iter().all(|k| fields.has(k)));
        assert!(!JobFields::default().has("jobTitle") && !fields.has("nope"));
        let mut got = keys.clone();
        expected.sort();
        got.sort();
        assert_eq!(got, expected);
    }
}

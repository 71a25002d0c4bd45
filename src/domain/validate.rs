//! The validator (DESIGN.md §4): what a draft still lacks under its profile (`missingFields`)
//! and which present values block publishing (`issues`).

use chrono::NaiveDate;
use jobdraft_parsers::{JobFields, PaymentType};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::catalog::{Catalog, Profile};

/// One gap, worded so an agent can ask a person and PATCH the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingField {
    pub field: String,
    pub label: String,
    pub message: String,
    pub code: String,
    pub prompt: String,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub enum_values: Option<Vec<&'static str>>,
    pub update_keys: Vec<String>,
    pub example: Value,
    pub hint: Option<Value>,
}

/// A present value that blocks publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    pub field: String,
    pub code: &'static str,
    pub message: String,
    pub update_keys: Vec<String>,
}

/// The validator's verdict.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Validation {
    pub missing: Vec<MissingField>,
    pub issues: Vec<Issue>,
}

impl Validation {
    pub fn publish_ready(&self) -> bool {
        self.missing.is_empty() && self.issues.is_empty()
    }
}

/// Validates `fields` under `profile`; `today` decides what "in the past" means.
pub fn validate(
    fields: &JobFields,
    catalog: &Catalog,
    profile: &Profile,
    today: NaiveDate,
) -> Validation {
    let present = fields.to_map();
    let currency = fields.currency.clone().unwrap_or_else(|| "USD".to_string());
    let mut missing = Vec::new();
    for rule in &profile.required {
        if !rule.applies(&present) || rule.satisfied(&present) {
            continue;
        }
        let Some(def) = catalog.field(&rule.field) else {
            continue;
        };
        let over = profile.fields.get(&rule.field);
        let label = over
            .and_then(|o| o.label.clone())
            .unwrap_or_else(|| def.label.clone());
        let prompt = rule
            .prompt
            .clone()
            .or_else(|| over.and_then(|o| o.prompt.clone()))
            .unwrap_or_else(|| def.prompt.clone())
            .replace("{currency}", &currency);
        let message = rule
            .message
            .clone()
            .unwrap_or_else(|| format!("{label} is required before publishing."));
        let hint = match over.and_then(|o| o.hint.clone()) {
            Some(h) => Some(h).filter(|h| !h.is_null()),
            None => def.hint.clone().map(Value::String),
        };
        missing.push(MissingField {
            field: rule.field.clone(),
            label,
            message,
            code: rule.code.clone(),
            prompt,
            ty: def.ty.as_str(),
            enum_values: def.enum_values.clone(),
            update_keys: rule.update_keys(),
            example: over
                .and_then(|o| o.example.clone())
                .unwrap_or_else(|| def.example.clone()),
            hint,
        });
    }
    Validation {
        missing,
        issues: issues(fields, &present, today),
    }
}

fn issue(field: &str, code: &'static str, message: String) -> Issue {
    Issue {
        field: field.to_string(),
        code,
        message,
        update_keys: vec![field.to_string()],
    }
}

/// Keys that must be greater than 0 to publish. A PATCH stores any number (parsers can produce
/// such values too); the report names the problem as a `value_out_of_range` issue.
pub const MUST_BE_POSITIVE: [&str; 5] = [
    "dataVolume",
    "pricePerHour",
    "pricePerLabel",
    "fixedPrice",
    "projectDurationWeeks",
];

/// Present-but-wrong values.
fn issues(fields: &JobFields, present: &Map<String, Value>, today: NaiveDate) -> Vec<Issue> {
    let mut out = Vec::new();
    let positive = MUST_BE_POSITIVE.into_iter().zip([
        fields.data_volume,
        fields.price_per_hour,
        fields.price_per_label,
        fields.fixed_price,
        fields.project_duration_weeks,
    ]);
    for (key, value) in positive {
        if let Some(v) = value.filter(|v| *v <= 0.0 || !v.is_finite()) {
            out.push(issue(
                key,
                "value_out_of_range",
                format!("{key} must be greater than 0 (it is {v})."),
            ));
        }
    }
    for (key, value) in [
        ("salaryMin", fields.salary_min),
        ("salaryMax", fields.salary_max),
    ] {
        if let Some(v) = value.filter(|v| *v < 0.0 || !v.is_finite()) {
            out.push(issue(
                key,
                "value_out_of_range",
                format!("{key} cannot be negative (it is {v})."),
            ));
        }
    }
    if let Some(h) = fields.headcount.filter(|h| *h < 1) {
        out.push(issue(
            "headcount",
            "value_out_of_range",
            format!("headcount must be at least 1 (it is {h})."),
        ));
    }
    if let Some(y) = fields.years_experience.filter(|y| !(0..=70).contains(y)) {
        out.push(issue(
            "yearsExperience",
            "value_out_of_range",
            format!("yearsExperience must be between 0 and 70 (it is {y})."),
        ));
    }
    if let Some(h) = fields.hours_per_week.filter(|h| *h <= 0.0 || *h > 168.0) {
        out.push(issue(
            "hoursPerWeek",
            "value_out_of_range",
            format!("hoursPerWeek must be more than 0 and at most 168 (it is {h})."),
        ));
    }
    if let Some(title) = &fields.job_title {
        let n = title.chars().count();
        if n > 200 {
            out.push(issue(
                "jobTitle",
                "value_out_of_range",
                format!("jobTitle must be at most 200 characters (it is {n})."),
            ));
        }
    }
    if let (Some(min), Some(max)) = (fields.salary_min, fields.salary_max) {
        if min > max {
            out.push(Issue {
                field: "salaryMin".to_string(),
                code: "salary_range_inverted",
                message: format!("salaryMin ({min}) is greater than salaryMax ({max})."),
                update_keys: vec!["salaryMin".to_string(), "salaryMax".to_string()],
            });
        }
    }
    if let Some(date) = &fields.valid_through {
        if let Ok(d) = NaiveDate::parse_from_str(date, "%Y-%m-%d") {
            if d < today {
                out.push(issue(
                    "validThrough",
                    "date_in_past",
                    format!("validThrough ({date}) is in the past."),
                ));
            }
        }
    }
    if fields.payment_type.is_none() {
        for (key, kind) in [
            ("pricePerHour", PaymentType::PayPerHour),
            ("pricePerLabel", PaymentType::PayPerLabel),
            ("fixedPrice", PaymentType::FixedPrice),
        ] {
            if present.contains_key(key) {
                out.push(Issue {
                    field: key.to_string(),
                    code: "rate_without_payment_type",
                    message: format!("{key} is set but paymentType is not; set paymentType to {kind} or clear {key}."),
                    update_keys: vec!["paymentType".to_string(), key.to_string()],
                });
            }
        }
    }
    out
}

//! Writes fields as a schema.org `JobPosting` (formats.md §1): the inverse of `map.rs`, property
//! for property, so a posting jobdraft exports reads back through the schema.org parser to the
//! same fields (what schema.org cannot say — hybrid work, a per-label price — travels in the
//! jobdraft extension).

use serde_json::{json, Map, Value};

use crate::extension::{extension, JSON_LD_PROPERTY};
use crate::{JobFields, LocationType};

/// The keys the standard properties carry back through the mapping; the rest travel in the
/// jobdraft extension (pay and places are written too, for other readers).
pub const CARRIED: &[&str] = &[
    "jobTitle",
    "jobDescription",
    "companyName",
    "companyWebsite",
    "employmentType",
    "validThrough",
    "headcount",
    "yearsExperience",
    "skills",
    "applyUrl",
    "applyEmail",
];

/// What a posting needs besides the fields.
#[derive(Debug, Clone, Copy)]
pub struct PostingMeta<'a> {
    /// `identifier.value`: the job's stable id.
    pub identifier: &'a str,
    /// `datePosted`, RFC 3339.
    pub date_posted: &'a str,
}

/// The JobPosting object of `fields`.
pub fn posting(fields: &JobFields, meta: PostingMeta<'_>) -> Value {
    let f = fields;
    let mut p = Map::new();
    p.insert("@context".into(), json!("https://schema.org"));
    p.insert("@type".into(), json!("JobPosting"));
    put(&mut p, "title", f.job_title.as_deref());
    put(&mut p, "description", f.job_description.as_deref());
    p.insert("datePosted".into(), json!(meta.date_posted));
    p.insert(
        "identifier".into(),
        json!({"@type": "PropertyValue", "value": meta.identifier}),
    );
    if f.company_name.is_some() || f.company_website.is_some() {
        let mut org = Map::new();
        org.insert("@type".into(), json!("Organization"));
        put(&mut org, "name", f.company_name.as_deref());
        put(&mut org, "url", f.company_website.as_deref());
        p.insert("hiringOrganization".into(), Value::Object(org));
    }
    if let Some(t) = f.employment_type {
        p.insert("employmentType".into(), json!(t.as_str()));
    }
    if f.location_type == Some(LocationType::Remote) {
        p.insert("jobLocationType".into(), json!("TELECOMMUTE"));
    }
    // Countries before places: the parser keeps the first-seen order of countries.
    if !f.countries.is_empty() {
        let areas: Vec<Value> = f
            .countries
            .iter()
            .map(|c| json!({"@type": "Country", "name": c}))
            .collect();
        p.insert("applicantLocationRequirements".into(), Value::Array(areas));
    }
    if !f.locations.is_empty() {
        let places: Vec<Value> = f
            .locations
            .iter()
            .map(|l| json!({"@type": "Place", "address": l}))
            .collect();
        p.insert("jobLocation".into(), Value::Array(places));
    }
    if let Some(salary) = base_salary(f) {
        p.insert("baseSalary".into(), salary);
    }
    put(&mut p, "validThrough", f.valid_through.as_deref());
    if let Some(n) = f.headcount {
        p.insert("totalJobOpenings".into(), json!(n));
    }
    if let Some(y) = f.years_experience {
        p.insert(
            "experienceRequirements".into(),
            json!({"@type": "OccupationalExperienceRequirements", "monthsOfExperience": y * 12}),
        );
    }
    if !f.skills.is_empty() {
        p.insert("skills".into(), json!(f.skills));
    }
    if let Some(url) = &f.apply_url {
        p.insert("url".into(), json!(url));
        p.insert("directApply".into(), json!(true));
    }
    if let Some(email) = &f.apply_email {
        p.insert(
            "applicationContact".into(),
            json!({"@type": "ContactPoint", "email": email}),
        );
    }
    p.insert(
        JSON_LD_PROPERTY.into(),
        Value::Object(extension(f, CARRIED)),
    );
    Value::Object(p)
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        map.insert(key.into(), json!(v));
    }
}

/// `baseSalary` as a MonetaryAmount; an hourly price without a range is its single value.
fn base_salary(f: &JobFields) -> Option<Value> {
    let mut value = Map::new();
    value.insert("@type".into(), json!("QuantitativeValue"));
    match (f.salary_min, f.salary_max, f.price_per_hour) {
        (None, None, None) => return None,
        (None, None, Some(rate)) => {
            value.insert("value".into(), json!(rate));
            value.insert("unitText".into(), json!("HOUR"));
        }
        (min, max, _) => {
            if let Some(v) = min.or(max) {
                value.insert("minValue".into(), json!(v));
            }
            if let Some(v) = max.or(min) {
                value.insert("maxValue".into(), json!(v));
            }
            if let Some(period) = f.salary_period {
                value.insert("unitText".into(), json!(period.as_str()));
            }
        }
    }
    let mut amount = Map::new();
    amount.insert("@type".into(), json!("MonetaryAmount"));
    if let Some(c) = &f.currency {
        amount.insert("currency".into(), json!(c));
    }
    amount.insert("value".into(), Value::Object(value));
    Some(Value::Object(amount))
}

//! Maps one schema.org JobPosting object to fields (formats.md §1.3), tolerating the real-world
//! shapes of §1.4: strings for objects, arrays for singles, numbers as strings.

mod places;
mod salary;

use places::{applicant_locations, locations};
use salary::salary;
use serde_json::{Map, Value};

use crate::enums::ExperienceLevel;
use crate::normalize::{self as norm, push_unique};
use crate::{Limits, LocationType, ParseOutcome};

/// Properties read elsewhere or carrying nothing for a draft (metadata, the posting date which
/// the server owns, images).
const IGNORED: &[&str] = &[
    "@context",
    "@type",
    "@id",
    "datePosted",
    "image",
    "logo",
    "mainEntityOfPage",
    "dateModified",
    "inLanguage",
];

/// Known JobPosting properties with no catalog field: kept as unmapped sections.
const SECTIONS: &[&str] = &[
    "educationRequirements",
    "qualifications",
    "responsibilities",
    "jobBenefits",
    "benefits",
    "industry",
    "occupationalCategory",
    "workHours",
    "jobStartDate",
    "jobImmediateStart",
    "incentiveCompensation",
    "incentives",
    "employmentUnit",
    "estimatedSalary",
    "specialCommitments",
    "eligibilityToWorkRequirement",
    "securityClearanceRequirement",
    "physicalRequirement",
    "sensoryRequirement",
    "experienceInPlaceOfEducation",
    "employerOverview",
    "relevantOccupation",
    "jobDuration",
];

/// A scalar or the obvious scalar inside a wrapper object/array, as trimmed text.
pub fn text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(m) => {
            return ["name", "value", "@value"]
                .iter()
                .find_map(|k| m.get(*k).and_then(text))
        }
        Value::Array(a) => return a.iter().find_map(text),
        Value::Null => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite()),
        Value::String(s) => norm::amount(s),
        Value::Object(m) => m.get("value").and_then(number),
        _ => None,
    }
}

fn path(key: &str) -> String {
    format!("JobPosting.{key}")
}

pub fn map_posting(posting: &Value, limits: &Limits) -> ParseOutcome {
    let mut out = ParseOutcome::default();
    let Some(job) = posting.as_object() else {
        return out;
    };
    let mut has_site = false;
    for (key, value) in job {
        let k = key.as_str();
        match k {
            "title" => out.fields.job_title = text(value),
            "name" => {}
            "description" => {
                if let Some(d) = description(value) {
                    out.fields.job_description = Some(d);
                }
            }
            "hiringOrganization" => organization(&mut out, value),
            "jobLocation" => has_site |= locations(&mut out, value),
            "jobLocationType" => {
                let remote = items(value)
                    .into_iter()
                    .filter_map(text)
                    .any(|t| norm::fold(&t) == "telecommute");
                if remote {
                    out.fields.location_type = Some(LocationType::Remote);
                } else if let Some(t) = text(value) {
                    out.unmapped(path(k), "only TELECOMMUTE has a meaning", &t);
                }
            }
            "applicantLocationRequirements" => applicant_locations(&mut out, value),
            "employmentType" => employment(&mut out, value),
            "validThrough" => match text(value).as_deref().and_then(norm::date) {
                Some(d) => out.fields.valid_through = Some(d),
                None => out.unmapped(path(k), "not a date", &value.to_string()),
            },
            "totalJobOpenings" => match number(value).and_then(|n| norm::count(&n.to_string())) {
                Some(n) => out.fields.headcount = Some(n),
                None => out.unmapped(path(k), "not a positive whole number", &value.to_string()),
            },
            "skills" => {
                for item in items(value) {
                    let t = text(item).unwrap_or_default();
                    let parts: Vec<&str> = if item.is_string() {
                        t.split([',', ';', '\n']).collect()
                    } else {
                        vec![t.as_str()]
                    };
                    for p in parts {
                        push_unique(&mut out.fields.skills, p);
                    }
                }
            }
            "experienceRequirements" => experience(&mut out, value),
            "identifier" => {
                // PropertyValue: `name` is often the organization, `value` the id.
                out.external_id = items(value).into_iter().find_map(|i| match i {
                    Value::Object(m) => m.get("value").or_else(|| m.get("@value")).and_then(text),
                    other => text(other),
                })
            }
            "baseSalary" | "salaryCurrency" | "url" | "directApply" | "applicationContact" => {}
            _ if IGNORED.contains(&k) => {}
            _ if SECTIONS.contains(&k) => {
                let preview = text(value).unwrap_or_else(|| value.to_string());
                out.unmapped(path(k), "no catalog field for this property", &preview);
            }
            _ => out.unmapped(
                path(k),
                "not a JobPosting property jobdraft reads",
                &value.to_string(),
            ),
        }
    }
    if out.fields.job_title.is_none() {
        if let Some(name) = job.get("name").and_then(text) {
            out.fields.job_title = Some(name);
            out.low("jobTitle", "taken from name; the posting has no title");
        }
    }
    salary(&mut out, job);
    apply(&mut out, job);

    norm::fill_from_own_description(&mut out, limits.text_chars);
    norm::level_default(&mut out);
    norm::onsite_default(&mut out, has_site);
    out
}

/// The description as given, decoded once when it arrives double-escaped (`&lt;p&gt;`), with
/// control characters other than line breaks and tabs removed.
fn description(v: &Value) -> Option<String> {
    let raw = match v {
        Value::Array(a) => a.iter().filter_map(text).collect::<Vec<_>>().join("\n"),
        other => text(other)?,
    };
    let escaped = raw.matches("&lt;").count();
    let decoded = if escaped > 0 && escaped >= raw.matches('<').count() {
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#039;", "'")
            .replace("&amp;", "&")
    } else {
        raw
    };
    let clean: String = decoded
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    let clean = clean.trim();
    (!clean.is_empty()).then(|| clean.to_string())
}

fn organization(out: &mut ParseOutcome, v: &Value) {
    let name = text(v);
    match name.as_deref() {
        Some(n) if norm::fold(n).starts_with("confidential") => {
            out.warn("the employer is confidential; companyName left empty");
        }
        Some(n) => out.fields.company_name = Some(n.to_string()),
        None => {}
    }
    if let Some(org) = v.as_object() {
        let own = org.get("url").and_then(text).and_then(|u| norm::url(&u));
        let same_as = org
            .get("sameAs")
            .map(items)
            .unwrap_or_default()
            .into_iter()
            .filter_map(text)
            .filter_map(|u| norm::url(&u))
            .find(|u| !is_social(u));
        out.fields.company_website = own.or(same_as);
    }
}

fn is_social(url: &str) -> bool {
    let u = url.to_ascii_lowercase();
    [
        "linkedin.",
        "facebook.",
        "twitter.",
        "x.com/",
        "instagram.",
        "youtube.",
        "glassdoor.",
    ]
    .iter()
    .any(|s| u.contains(s))
}

fn employment(out: &mut ParseOutcome, v: &Value) {
    let values: Vec<String> = items(v)
        .into_iter()
        .filter_map(text)
        .flat_map(|t| {
            t.split(',')
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    for raw in values {
        match norm::employment_type(&raw) {
            Some((t, _)) if out.fields.employment_type.is_none() => {
                out.fields.employment_type = Some(t)
            }
            Some((t, _)) if out.fields.employment_type != Some(t) => out.warn(format!(
                "employmentType also lists {t}; kept the first value"
            )),
            Some(_) => {}
            None => out.unmapped("JobPosting.employmentType", "unknown employment type", &raw),
        }
    }
}

fn experience(out: &mut ParseOutcome, v: &Value) {
    let p = "JobPosting.experienceRequirements";
    for item in items(v) {
        if let Some(months) = item.get("monthsOfExperience").and_then(number) {
            if (0.0..1200.0).contains(&months) {
                let years = (months / 12.0).floor() as i64;
                out.fields.years_experience = Some(years);
                if months % 12.0 != 0.0 {
                    out.low(
                        "yearsExperience",
                        format!("{months} months rounded down to whole years"),
                    );
                }
                return;
            }
        }
        let Some(t) = item.as_str().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        if norm::fold(t) == "norequirements" {
            out.fields.experience_level = Some(ExperienceLevel::EntryLevel);
        } else if let Some(y) = norm::years(t) {
            out.fields.years_experience = Some(y);
        } else {
            out.unmapped(p, "no number of years", t);
        }
        return;
    }
}

fn apply(out: &mut ParseOutcome, job: &Map<String, Value>) {
    if let Some(contact) = job.get("applicationContact") {
        for c in items(contact) {
            if let Some(u) = c.get("url").and_then(text).and_then(|u| norm::url(&u)) {
                out.fields.apply_url.get_or_insert(u);
            }
            if let Some(e) = c.get("email").and_then(text).and_then(|e| norm::email(&e)) {
                out.fields.apply_email.get_or_insert(e);
            }
        }
    }
    let page = job.get("url").and_then(text).and_then(|u| norm::url(&u));
    let direct = job.get("directApply").and_then(|d| match d {
        Value::Bool(b) => Some(*b),
        Value::String(s) => Some(s.eq_ignore_ascii_case("true")),
        _ => None,
    });
    if out.fields.apply_url.is_none() {
        if let Some(u) = page {
            out.fields.apply_url = Some(u);
            if direct != Some(true) {
                out.low("applyUrl", "the posting page; directApply is not stated");
            }
        }
    }
}

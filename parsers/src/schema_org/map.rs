//! Maps one schema.org JobPosting object to fields (formats.md §1.3), tolerating the real-world
//! shapes of §1.4: strings for objects, arrays for singles, numbers as strings. Every field is
//! cited with the JSON pointer of the node it was read from (see [`Pointers`]).

mod places;
mod pointers;
mod salary;

use places::{applicant_locations, locations};
pub use pointers::Pointers;
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
    text_at(v).map(|(t, _)| t)
}

/// [`text`], with the node the text was read from (for citing it).
pub fn text_at(v: &Value) -> Option<(String, &Value)> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(m) => {
            return ["name", "value", "@value"]
                .iter()
                .find_map(|k| m.get(*k).and_then(text_at))
        }
        Value::Array(a) => return a.iter().find_map(text_at),
        Value::Null => return None,
    };
    (!s.is_empty()).then_some((s, v))
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

/// Maps `posting`; `at` turns the nodes values were read from into JSON pointers.
pub fn map_posting<'v>(posting: &'v Value, limits: &Limits, top: &Pointers<'v>) -> ParseOutcome {
    let mut out = ParseOutcome::default();
    let Some(job) = posting.as_object() else {
        return out;
    };
    let mut site = None;
    for (key, value) in job {
        let k = key.as_str();
        // Every value read in this arm lies inside this property's value.
        let at = &top.under(k, value);
        match k {
            "title" => {
                if let Some((title, node)) = text_at(value) {
                    out.fields.job_title = Some(title);
                    at.cite(&mut out, "jobTitle", node);
                }
            }
            "name" => {}
            "description" => {
                if let Some(d) = description(value) {
                    out.fields.job_description = Some(d);
                    at.cite(&mut out, "jobDescription", value);
                }
            }
            "hiringOrganization" => organization(&mut out, value, at),
            "jobLocation" => {
                let physical = locations(&mut out, value, at);
                site = site.or(physical);
            }
            "jobLocationType" => {
                let remote = items(value)
                    .into_iter()
                    .filter_map(text_at)
                    .find(|(t, _)| norm::fold(t) == "telecommute");
                if let Some((_, node)) = remote {
                    out.fields.location_type = Some(LocationType::Remote);
                    at.cite(&mut out, "locationType", node);
                } else if let Some(t) = text(value) {
                    out.unmapped(path(k), "only TELECOMMUTE has a meaning", &t);
                }
            }
            "applicantLocationRequirements" => applicant_locations(&mut out, value, at),
            "employmentType" => employment(&mut out, value, at),
            "validThrough" => match text_at(value).and_then(|(t, n)| Some((norm::date(&t)?, n))) {
                Some((d, node)) => {
                    out.fields.valid_through = Some(d);
                    at.cite(&mut out, "validThrough", node);
                }
                None => out.unmapped(path(k), "not a date", &value.to_string()),
            },
            "totalJobOpenings" => match number(value).and_then(|n| norm::count(&n.to_string())) {
                Some(n) => {
                    out.fields.headcount = Some(n);
                    at.cite(&mut out, "headcount", value);
                }
                None => out.unmapped(path(k), "not a positive whole number", &value.to_string()),
            },
            "skills" => {
                for item in items(value) {
                    let Some((t, node)) = text_at(item) else {
                        continue;
                    };
                    let parts: Vec<&str> = if item.is_string() {
                        t.split([',', ';', '\n']).collect()
                    } else {
                        vec![t.as_str()]
                    };
                    let before = out.fields.skills.len();
                    for p in parts {
                        push_unique(&mut out.fields.skills, p);
                    }
                    if out.fields.skills.len() > before {
                        at.cite(&mut out, "skills", node);
                    }
                }
            }
            "experienceRequirements" => experience(&mut out, value, at),
            "identifier" => {
                // PropertyValue: `name` is often the organization, `value` the id.
                out.external_id = items(value).into_iter().find_map(|i| match i {
                    Value::Object(m) => m.get("value").or_else(|| m.get("@value")).and_then(text),
                    other => text(other),
                })
            }
            "baseSalary" | "salaryCurrency" | "url" | "directApply" | "applicationContact" => {}
            crate::extension::JSON_LD_PROPERTY => {} // applied last, below
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
        if let Some(name) = job.get("name") {
            if let Some((title, node)) = text_at(name) {
                out.fields.job_title = Some(title);
                out.low("jobTitle", "taken from name; the posting has no title");
                top.under("name", name).cite(&mut out, "jobTitle", node);
            }
        }
    }
    salary(&mut out, job, top);
    apply(&mut out, job, top);

    norm::fill_from_own_description(&mut out, limits.text_chars);
    norm::level_default(&mut out);
    if norm::onsite_default(&mut out, site.is_some()) {
        if let Some(address) = site {
            top.cite(&mut out, "locationType", address);
        }
    }
    if let Some(extension) = job.get(crate::extension::JSON_LD_PROPERTY) {
        let path = format!("JobPosting.{}", crate::extension::JSON_LD_PROPERTY);
        crate::extension::apply(&mut out, &path, extension);
    }
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

/// An absolute URL read from `v`, with its node.
fn url_at(v: &Value) -> Option<(String, &Value)> {
    let (raw, node) = text_at(v)?;
    Some((norm::url(&raw)?, node))
}

fn organization(out: &mut ParseOutcome, v: &Value, at: &Pointers<'_>) {
    match text_at(v) {
        Some((n, _)) if norm::fold(&n).starts_with("confidential") => {
            out.warn("the employer is confidential; companyName left empty");
        }
        Some((n, node)) => {
            out.fields.company_name = Some(n);
            at.cite(out, "companyName", node);
        }
        None => {}
    }
    if let Some(org) = v.as_object() {
        let own = org.get("url").and_then(url_at);
        let same_as = || {
            org.get("sameAs")
                .map(items)
                .unwrap_or_default()
                .into_iter()
                .filter_map(url_at)
                .find(|(u, _)| !is_social(u))
        };
        if let Some((website, node)) = own.or_else(same_as) {
            out.fields.company_website = Some(website);
            at.cite(out, "companyWebsite", node);
        }
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

fn employment(out: &mut ParseOutcome, v: &Value, at: &Pointers<'_>) {
    let values: Vec<(String, &Value)> = items(v)
        .into_iter()
        .filter_map(text_at)
        .flat_map(|(t, node)| {
            t.split(',')
                .map(|s| (s.trim().to_string(), node))
                .collect::<Vec<_>>()
        })
        .filter(|(s, _)| !s.is_empty())
        .collect();
    for (raw, node) in values {
        match norm::employment_type(&raw) {
            Some((t, _)) if out.fields.employment_type.is_none() => {
                out.fields.employment_type = Some(t);
                at.cite(out, "employmentType", node);
            }
            Some((t, _)) if out.fields.employment_type != Some(t) => out.warn(format!(
                "employmentType also lists {t}; kept the first value"
            )),
            Some(_) => {}
            None => out.unmapped("JobPosting.employmentType", "unknown employment type", &raw),
        }
    }
}

fn experience(out: &mut ParseOutcome, v: &Value, at: &Pointers<'_>) {
    let p = "JobPosting.experienceRequirements";
    for item in items(v) {
        let months = item
            .get("monthsOfExperience")
            .and_then(|m| Some((number(m)?, m)));
        if let Some((months, node)) = months {
            if (0.0..1200.0).contains(&months) {
                let years = (months / 12.0).floor() as i64;
                out.fields.years_experience = Some(years);
                at.cite(out, "yearsExperience", node);
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
            at.cite(out, "experienceLevel", item);
        } else if let Some(y) = norm::years(t) {
            out.fields.years_experience = Some(y);
            at.cite(out, "yearsExperience", item);
        } else {
            out.unmapped(p, "no number of years", t);
        }
        return;
    }
}

fn apply<'v>(out: &mut ParseOutcome, job: &'v Map<String, Value>, top: &Pointers<'v>) {
    if let Some(contact) = job.get("applicationContact") {
        let at = top.under("applicationContact", contact);
        for c in items(contact) {
            if out.fields.apply_url.is_none() {
                if let Some((u, node)) = c.get("url").and_then(url_at) {
                    out.fields.apply_url = Some(u);
                    at.cite(out, "applyUrl", node);
                }
            }
            if out.fields.apply_email.is_none() {
                let email = c
                    .get("email")
                    .and_then(text_at)
                    .and_then(|(e, node)| Some((norm::email(&e)?, node)));
                if let Some((e, node)) = email {
                    out.fields.apply_email = Some(e);
                    at.cite(out, "applyEmail", node);
                }
            }
        }
    }
    let page_at = job.get("url").map(|page| top.under("url", page));
    let page = job.get("url").and_then(url_at);
    let direct = job.get("directApply").and_then(|d| match d {
        Value::Bool(b) => Some(*b),
        Value::String(s) => Some(s.eq_ignore_ascii_case("true")),
        _ => None,
    });
    if out.fields.apply_url.is_none() {
        if let (Some((u, node)), Some(at)) = (page, page_at) {
            out.fields.apply_url = Some(u);
            at.cite(out, "applyUrl", node);
            if direct != Some(true) {
                out.low("applyUrl", "the posting page; directApply is not stated");
            }
        }
    }
}

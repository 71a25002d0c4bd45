//! Writes fields as an Indeed `<job>` (formats.md §2): the inverse of `map.rs`, element for
//! element, so a feed jobdraft exports reads back through [`super::IndeedParser`] to the same
//! fields. Text goes in CDATA (Indeed's legacy rule, and safe for HTML descriptions).

use crate::extension::{extension, INDEED_ELEMENT};
use crate::{EmploymentType, JobFields, LocationType, SalaryPeriod};

/// The keys the standard elements carry back through the mapping; the rest (pay and places
/// included: written for other readers, but the salary text and one address per job cannot hold
/// every shape) travel in the jobdraft extension.
pub const CARRIED: &[&str] = &[
    "jobTitle",
    "jobDescription",
    "companyName",
    "applyUrl",
    "applyEmail",
    "employmentType",
    "locationType",
    "yearsExperience",
    "validThrough",
    "skills",
];

/// What a `<job>` needs besides the fields: its stable id and dates.
#[derive(Debug, Clone, Copy)]
pub struct JobMeta<'a> {
    /// `referencenumber`: never changes for a job.
    pub reference: &'a str,
    /// `date`: first publication, RFC 3339.
    pub date: &'a str,
}

/// The start of a feed, up to the first `<job>`.
pub fn feed_head(publisher: &str, publisher_url: &str, last_build: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n");
    element(&mut out, "publisher", publisher);
    element(&mut out, "publisherurl", publisher_url);
    element(&mut out, "lastBuildDate", last_build);
    out
}

/// The end of a feed.
pub const FEED_TAIL: &str = "</source>\n";

/// One `<job>…</job>` line.
pub fn job_xml(fields: &JobFields, meta: JobMeta<'_>) -> String {
    let f = fields;
    let mut out = String::with_capacity(256 + f.job_description.as_ref().map_or(0, |d| d.len()));
    out.push_str("<job>");
    opt(&mut out, "title", f.job_title.as_deref());
    element(&mut out, "date", meta.date);
    element(&mut out, "referencenumber", meta.reference);
    opt(&mut out, "url", f.apply_url.as_deref());
    opt(&mut out, "company", f.company_name.as_deref());
    let (city, state, country) = address(f);
    opt(&mut out, "city", city.as_deref());
    opt(&mut out, "state", state.as_deref());
    opt(&mut out, "country", country.as_deref());
    opt(&mut out, "email", f.apply_email.as_deref());
    opt(&mut out, "description", f.job_description.as_deref());
    opt(&mut out, "salary", salary_text(f).as_deref());
    opt(&mut out, "jobtype", f.employment_type.map(job_type));
    opt(&mut out, "remotetype", f.location_type.map(remote_type));
    if let Some(years) = f.years_experience {
        element(&mut out, "experience", &format!("{years}+ years"));
    }
    opt(&mut out, "expirationdate", f.valid_through.as_deref());
    if !f.skills.is_empty() {
        element(&mut out, "skills", &f.skills.join(", "));
    }
    let rest = serde_json::Value::Object(extension(f, CARRIED));
    element(&mut out, INDEED_ELEMENT, &rest.to_string());
    out.push_str("</job>\n");
    out
}

fn opt(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        element(out, name, v);
    }
}

/// `<name><![CDATA[value]]></name>`, with `]]>` inside the value split across two sections
/// and characters XML 1.0 forbids dropped.
fn element(out: &mut String, name: &str, value: &str) {
    out.push('<');
    out.push_str(name);
    out.push_str("><![CDATA[");
    push_cdata(out, value);
    out.push_str("]]></");
    out.push_str(name);
    out.push('>');
}

/// CDATA content: `]]>` ends a section, so it is written as `]]` + `]]><![CDATA[` + `>`.
pub fn push_cdata(out: &mut String, value: &str) {
    let mut rest = value;
    while let Some(at) = rest.find("]]>") {
        push_xml_chars(out, &rest[..at + 2]);
        out.push_str("]]><![CDATA[>");
        rest = &rest[at + 3..];
    }
    push_xml_chars(out, rest);
}

fn push_xml_chars(out: &mut String, text: &str) {
    out.extend(text.chars().filter(|&c| is_xml_char(c)));
}

/// XML 1.0 `Char`: tab, newline, carriage return and everything from U+0020 except the
/// surrogates (which a Rust `char` cannot be) and U+FFFE/U+FFFF.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// City, state and country of the first location, as the mapping composes them back
/// ("Austin, TX, US"): the country is the job's first country code when the place ends with it.
fn address(f: &JobFields) -> (Option<String>, Option<String>, Option<String>) {
    let country = f.countries.first().cloned();
    let Some(place) = f.locations.first() else {
        return (None, None, country);
    };
    let mut parts: Vec<&str> = place.split(", ").collect();
    let ends_with_country = match (&country, parts.last()) {
        (Some(c), Some(last)) => last.eq_ignore_ascii_case(c),
        _ => false,
    };
    if ends_with_country {
        parts.pop();
    }
    let (city, state) = match parts.as_slice() {
        [city, state] => (city.to_string(), Some(state.to_string())),
        _ => (parts.join(", "), None),
    };
    // A place that was only the country has no city.
    ((!city.is_empty()).then_some(city), state, country)
}

/// Salary as free text the mapping reads back: "USD 70000 - 90000 per year".
fn salary_text(f: &JobFields) -> Option<String> {
    let (min, max) = match (f.salary_min, f.salary_max) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => {
            let rate = f.price_per_hour?;
            let currency = f.currency.as_deref().unwrap_or("");
            return Some(
                format!("{currency} {} per hour", number(rate))
                    .trim()
                    .to_string(),
            );
        }
    };
    let mut text = String::new();
    if let Some(c) = &f.currency {
        text.push_str(c);
        text.push(' ');
    }
    text.push_str(&number(min));
    if max != min {
        text.push_str(" - ");
        text.push_str(&number(max));
    }
    if let Some(p) = f.salary_period {
        text.push_str(" per ");
        text.push_str(period_word(p));
    }
    Some(text)
}

/// A number without a fraction when it is whole and without digit grouping.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn period_word(p: SalaryPeriod) -> &'static str {
    match p {
        SalaryPeriod::Hour => "hour",
        SalaryPeriod::Day => "day",
        SalaryPeriod::Week => "week",
        SalaryPeriod::Month => "month",
        SalaryPeriod::Year => "year",
    }
}

fn job_type(t: EmploymentType) -> &'static str {
    t.as_str()
}

fn remote_type(t: LocationType) -> &'static str {
    match t {
        LocationType::Remote => "Fully remote",
        LocationType::Hybrid => "Hybrid remote",
        LocationType::Onsite => "In-person",
    }
}

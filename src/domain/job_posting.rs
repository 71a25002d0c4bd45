//! A listed job as schema.org `JobPosting` JSON-LD (what Google for Jobs reads), the job page's
//! address, and the check of Google's required and recommended properties that tests and
//! operators run against it.

use jobdraft_parsers::{LocationType, PaymentType, SalaryPeriod};
use serde_json::{json, Map, Value};

use super::draft::Draft;
use super::public_job::description_html;
use super::public_job::html_to_text;

/// The last path segment of a job page: lowercase ASCII words of the title, or `job`.
pub fn page_slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "job".to_string()
    } else {
        words.join("-")
    }
}

/// The path of a job's public page, `/jobs/{id}/{slug}`.
pub fn job_page_path(draft: &Draft) -> String {
    let title = draft.fields.job_title.as_deref().unwrap_or_default();
    format!("/jobs/{}/{}", draft.id, page_slug(title))
}

/// Who publishes the board, for the properties that name it.
#[derive(Debug, Clone)]
pub struct Board<'a> {
    /// The board's name (`JOBDRAFT_SITE_NAME`).
    pub name: &'a str,
    /// The absolute base URL, without a trailing slash.
    pub base_url: &'a str,
}

fn iso_ms(ms: i64) -> Option<String> {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

fn number(v: f64) -> Value {
    jobdraft_parsers::fields::number_value(v)
}

/// `baseSalary` from the pay fields: a range with its period, or an hourly price. Per-label and
/// fixed prices have no unit Google knows, so they stay on the page only.
fn base_salary(draft: &Draft) -> Option<Value> {
    let f = &draft.fields;
    let currency = f.currency.clone().unwrap_or_else(|| "USD".to_string());
    let quantity = match (f.salary_min, f.salary_max, f.salary_period) {
        (Some(min), Some(max), Some(period)) if min != max => {
            json!({"@type": "QuantitativeValue", "minValue": number(min), "maxValue": number(max), "unitText": period.as_str()})
        }
        (Some(v), _, Some(period)) | (None, Some(v), Some(period)) => {
            json!({"@type": "QuantitativeValue", "value": number(v), "unitText": period.as_str()})
        }
        _ => match (f.payment_type, f.price_per_hour) {
            (Some(PaymentType::PayPerHour) | None, Some(rate)) => {
                json!({"@type": "QuantitativeValue", "value": number(rate), "unitText": SalaryPeriod::Hour.as_str()})
            }
            _ => return None,
        },
    };
    Some(json!({"@type": "MonetaryAmount", "currency": currency, "value": quantity}))
}

fn country_list(codes: &[String]) -> Value {
    codes
        .iter()
        .map(|c| json!({"@type": "Country", "name": c}))
        .collect()
}

/// `jobLocation` places from `locations` ("Berlin, DE") and `countries`.
fn places(draft: &Draft) -> Vec<Value> {
    let f = &draft.fields;
    let single_country = (f.countries.len() == 1).then(|| f.countries[0].clone());
    let mut out: Vec<Value> = f
        .locations
        .iter()
        .map(|place| {
            let mut address = Map::new();
            address.insert("@type".into(), json!("PostalAddress"));
            let mut parts: Vec<&str> = place.split(',').map(str::trim).collect();
            let country = parts
                .last()
                .and_then(|c| jobdraft_parsers::lexicon::country_code(c))
                .map(str::to_string)
                .inspect(|_| {
                    parts.pop();
                })
                .or_else(|| single_country.clone());
            if let Some(locality) = parts.first().filter(|p| !p.is_empty()) {
                address.insert("addressLocality".into(), json!(locality));
            }
            if let Some(region) = parts.get(1).filter(|p| !p.is_empty()) {
                address.insert("addressRegion".into(), json!(region));
            }
            if let Some(c) = country {
                address.insert("addressCountry".into(), json!(c));
            }
            json!({"@type": "Place", "address": Value::Object(address)})
        })
        .collect();
    if out.is_empty() {
        out = f
            .countries
            .iter()
            .map(|c| json!({"@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": c}}))
            .collect();
    }
    out
}

/// The JobPosting of a listed job whose page is `page_url`.
pub fn job_posting(draft: &Draft, page_url: &str, board: &Board<'_>) -> Value {
    let f = &draft.fields;
    let mut p = Map::new();
    let mut put = |k: &str, v: Value| {
        p.insert(k.to_string(), v);
    };
    put("@context", json!("https://schema.org/"));
    put("@type", json!("JobPosting"));
    put("title", json!(f.job_title.clone().unwrap_or_default()));
    let description = [
        &f.job_description,
        &f.labeling_overview,
        &f.dataset_description,
    ]
    .into_iter()
    .flatten()
    .map(|d| description_html(d))
    .collect::<Vec<_>>()
    .join("\n");
    put("description", json!(description));
    let posted = draft.published_at.unwrap_or(draft.updated_at);
    put("datePosted", json!(iso_ms(posted)));
    if let Some(valid) = &f.valid_through {
        put("validThrough", json!(format!("{valid}T23:59:59Z")));
    }
    let mut org = Map::new();
    org.insert("@type".into(), json!("Organization"));
    org.insert(
        "name".into(),
        json!(f
            .company_name
            .clone()
            .unwrap_or_else(|| board.name.to_string())),
    );
    match (&f.company_name, &f.company_website) {
        (Some(_), Some(site)) => {
            org.insert("sameAs".into(), json!(site));
        }
        (None, _) => {
            org.insert("sameAs".into(), json!(board.base_url));
        }
        _ => {}
    }
    put("hiringOrganization", Value::Object(org));
    // No place stated and no location type (the ai-training profile asks for neither): the work
    // is done online, from wherever applicants are.
    let remote = f.location_type == Some(LocationType::Remote)
        || (f.location_type.is_none() && f.locations.is_empty());
    if remote {
        put("jobLocationType", json!("TELECOMMUTE"));
        // Google asks remote jobs where applicants may live; with no country stated, anywhere.
        let countries = if f.countries.is_empty() {
            json!([{"@type": "AdministrativeArea", "name": "Worldwide"}])
        } else {
            country_list(&f.countries)
        };
        put("applicantLocationRequirements", countries);
    }
    let places = places(draft);
    if !places.is_empty() {
        put("jobLocation", Value::Array(places));
    }
    if let Some(e) = f.employment_type {
        put("employmentType", json!(e.as_str()));
    }
    if let Some(salary) = base_salary(draft) {
        put("baseSalary", salary);
    }
    // Applying happens at the employer's link or address, not on this page.
    put("directApply", json!(false));
    put(
        "identifier",
        json!({"@type": "PropertyValue", "name": board.name, "value": draft.id}),
    );
    put("url", json!(page_url));
    if f.apply_url.is_some() || f.apply_email.is_some() {
        let mut contact = Map::new();
        contact.insert("@type".into(), json!("ContactPoint"));
        if let Some(u) = &f.apply_url {
            contact.insert("url".into(), json!(u));
        }
        if let Some(e) = &f.apply_email {
            contact.insert("email".into(), json!(e));
        }
        put("applicationContact", Value::Object(contact));
    }
    if let Some(n) = f.headcount {
        put("totalJobOpenings", json!(n));
    }
    if !f.skills.is_empty() {
        put("skills", json!(f.skills.join(", ")));
    }
    if let Some(y) = f.years_experience {
        put(
            "experienceRequirements",
            json!({"@type": "OccupationalExperienceRequirements", "monthsOfExperience": y * 12}),
        );
    }
    Value::Object(p)
}

/// JSON for inside a `<script>` element: `<`, `>` and `&` as `\u` escapes, so no text in the
/// posting can close the element or open a comment.
pub fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// What a JobPosting lacks of Google's required properties, and of the recommended ones it
/// has no data for (the second list is advice, the first is an error).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct GoogleCheck {
    pub missing_required: Vec<String>,
    pub missing_recommended: Vec<String>,
}

fn non_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty() && a.iter().all(|x| non_empty(Some(x))),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    }
}

/// Checks `posting` against Google's JobPosting rules (structured data guidelines: required
/// title, description, datePosted, hiringOrganization.name, and jobLocation with an address or
/// jobLocationType TELECOMMUTE with applicantLocationRequirements; recommended baseSalary,
/// employmentType, validThrough, directApply, identifier).
pub fn check_google(posting: &Value) -> GoogleCheck {
    let mut check = GoogleCheck::default();
    let get = |k: &str| posting.get(k);
    let mut need = |ok: bool, name: &str| {
        if !ok {
            check.missing_required.push(name.to_string());
        }
    };
    need(get("@type") == Some(&json!("JobPosting")), "@type");
    need(non_empty(get("title")), "title");
    need(
        !html_to_text(get("description").and_then(Value::as_str).unwrap_or("")).is_empty(),
        "description",
    );
    let date_ok = get("datePosted")
        .and_then(Value::as_str)
        .is_some_and(|d| chrono::DateTime::parse_from_rfc3339(d).is_ok());
    need(date_ok, "datePosted");
    need(
        non_empty(get("hiringOrganization").and_then(|o| o.get("name"))),
        "hiringOrganization.name",
    );
    let telecommute = get("jobLocationType") == Some(&json!("TELECOMMUTE"));
    let places_ok = get("jobLocation")
        .and_then(Value::as_array)
        .is_some_and(|places| {
            !places.is_empty()
                && places.iter().all(|p| {
                    p.get("address").is_some_and(|a| {
                        non_empty(a.get("addressCountry")) || non_empty(a.get("addressLocality"))
                    })
                })
        });
    if telecommute {
        need(
            non_empty(get("applicantLocationRequirements")),
            "applicantLocationRequirements",
        );
    } else {
        need(places_ok, "jobLocation");
    }
    if let Some(v) = get("validThrough") {
        need(
            v.as_str()
                .is_some_and(|d| chrono::DateTime::parse_from_rfc3339(d).is_ok()),
            "validThrough (ISO 8601)",
        );
    }
    if let Some(salary) = get("baseSalary") {
        let q = salary.get("value");
        let amount = q.is_some_and(|q| {
            q.get("value").is_some_and(Value::is_number)
                || (q.get("minValue").is_some_and(Value::is_number)
                    && q.get("maxValue").is_some_and(Value::is_number))
        });
        let unit = q
            .and_then(|q| q.get("unitText"))
            .and_then(Value::as_str)
            .is_some_and(|u| ["HOUR", "DAY", "WEEK", "MONTH", "YEAR"].contains(&u));
        need(
            non_empty(salary.get("currency")) && amount && unit,
            "baseSalary (currency, amount, unitText)",
        );
    }
    for key in [
        "baseSalary",
        "employmentType",
        "validThrough",
        "directApply",
        "identifier",
    ] {
        if !non_empty(get(key)) {
            check.missing_recommended.push(key.to_string());
        }
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_script_escapes() {
        assert_eq!(page_slug("Bounding Box — Street!"), "bounding-box-street");
        assert_eq!(page_slug("标注"), "job");
        let v = json!({"t": "</script><!--&"});
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        assert_eq!(serde_json::from_str::<Value>(&s).ok(), Some(v));
    }

    #[test]
    fn the_check_names_what_is_missing() {
        let c = check_google(&json!({"@type": "JobPosting", "title": "x"}));
        assert!(c.missing_required.contains(&"description".to_string()));
        assert!(c.missing_required.contains(&"jobLocation".to_string()));
        let remote = json!({"@type": "JobPosting", "title": "x", "description": "<p>y</p>",
            "datePosted": "2026-01-01T00:00:00Z", "hiringOrganization": {"name": "A"},
            "jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": [{"@type": "Country", "name": "US"}]});
        assert!(check_google(&remote).missing_required.is_empty());
    }
}

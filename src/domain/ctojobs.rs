//! CTOJobsHQ's draft posting API on jobdraft: its request objects checked by its documented rules
//! (errors keyed by JSON path, as CTOJobsHQ answers them) and its job object mapped onto the
//! catalog as a canonical job, so it runs through the same create pipeline as every other format.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::claim::normalize_email;

/// Field-path keyed error messages (`"job.title": ["can't be blank"]`).
pub type FieldErrors = BTreeMap<String, Vec<String>>;

const LOCATION_TYPES: &[(&str, &str)] = &[
    ("remote", "REMOTE"),
    ("hybrid", "HYBRID"),
    ("onsite", "ONSITE"),
];
const JOB_TYPES: &[(&str, &str)] = &[
    ("full_time", "FULL_TIME"),
    ("part_time", "PART_TIME"),
    ("contract", "CONTRACTOR"),
    ("fractional", "CONTRACTOR"),
    ("freelance", "CONTRACTOR"),
];
const CURRENCIES: &[&str] = &["USD", "EUR", "GBP", "AUD", "CHF", "JPY"];
const PERIODS: &[(&str, &str)] = &[
    ("Yearly", "YEAR"),
    ("Monthly", "MONTH"),
    ("Daily", "DAY"),
    ("Hourly", "HOUR"),
];

/// A checked request for an access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRequest {
    pub owner_email: String,
    pub owner_name: Option<String>,
    pub client_name: String,
}

/// A checked draft request: the canonical job and what the response needs.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftRequest {
    pub canonical: Value,
    pub poster_email: String,
    pub poster_name: Option<String>,
    pub warnings: Vec<String>,
}

fn add(errors: &mut FieldErrors, path: &str, message: &str) {
    errors
        .entry(path.to_string())
        .or_default()
        .push(message.to_string());
}

/// A required non-blank string at `obj[key]`.
fn required_text(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    errors: &mut FieldErrors,
) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            add(errors, path, "can't be blank");
            None
        }
        Some(_) => {
            add(errors, path, "must be a string");
            None
        }
    }
}

/// An optional string (blank is absent).
fn optional_text(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    errors: &mut FieldErrors,
) -> Option<String> {
    match obj.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Some(_) => {
            add(errors, path, "must be a string");
            None
        }
    }
}

fn object<'a>(
    body: &'a Map<String, Value>,
    key: &str,
    errors: &mut FieldErrors,
    required: bool,
) -> Option<&'a Map<String, Value>> {
    match body.get(key) {
        Some(Value::Object(m)) => Some(m),
        None | Some(Value::Null) if !required => None,
        None | Some(Value::Null) => {
            add(errors, key, "can't be blank");
            None
        }
        Some(_) => {
            add(errors, key, "must be an object");
            None
        }
    }
}

fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !r.chars().any(char::is_whitespace)
    })
}

fn email_field(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    required: bool,
    errors: &mut FieldErrors,
) -> Option<String> {
    let raw = if required {
        required_text(obj, key, path, errors)?
    } else {
        optional_text(obj, key, path, errors)?
    };
    let email = normalize_email(&raw);
    if email.is_none() {
        add(errors, path, "is invalid");
    }
    email
}

/// Checks `POST /api/v1/access_tokens {owner{email,name}, client{name}}`.
pub fn token_request(body: &Value) -> Result<TokenRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let Some(body) = body.as_object() else {
        add(&mut errors, "body", "must be a JSON object");
        return Err(errors);
    };
    let owner = object(body, "owner", &mut errors, true);
    let client = object(body, "client", &mut errors, true);
    let email = owner.and_then(|o| email_field(o, "email", "owner.email", true, &mut errors));
    let owner_name = owner.and_then(|o| optional_text(o, "name", "owner.name", &mut errors));
    let client_name = client.and_then(|c| required_text(c, "name", "client.name", &mut errors));
    if client_name
        .as_ref()
        .is_some_and(|n| n.chars().count() > 120)
    {
        add(
            &mut errors,
            "client.name",
            "is too long (maximum is 120 characters)",
        );
    }
    match (email, client_name) {
        (Some(owner_email), Some(client_name)) if errors.is_empty() => Ok(TokenRequest {
            owner_email,
            owner_name,
            client_name,
        }),
        _ => Err(errors),
    }
}

/// Checks `POST /api/v1/jobs/draft {job, poster, options}` and maps the job onto the catalog.
pub fn draft_request(body: &Value) -> Result<DraftRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let Some(body) = body.as_object() else {
        add(&mut errors, "body", "must be a JSON object");
        return Err(errors);
    };
    let mut warnings = Vec::new();
    let mut out = Map::new();
    if let Some(job) = object(body, "job", &mut errors, true) {
        map_job(job, &mut out, &mut errors, &mut warnings);
    }
    let poster = object(body, "poster", &mut errors, true);
    let poster_email =
        poster.and_then(|p| email_field(p, "email", "poster.email", true, &mut errors));
    let poster_name = poster.and_then(|p| optional_text(p, "name", "poster.name", &mut errors));
    if let Some(options) = object(body, "options", &mut errors, false) {
        match options.get("duration_months") {
            None | Some(Value::Null) => {}
            Some(v) if v.as_u64().is_some_and(|n| (1..=24).contains(&n)) => warnings.push(
                "options.duration_months is accepted but not used: a self-hosted board charges nothing and lists a job until it is closed or past validThrough.".to_string(),
            ),
            Some(_) => add(&mut errors, "options.duration_months", "must be a whole number of months from 1 to 24"),
        }
    }
    match poster_email {
        Some(poster_email) if errors.is_empty() => Ok(DraftRequest {
            canonical: Value::Object(out),
            poster_email,
            poster_name,
            warnings,
        }),
        _ => Err(errors),
    }
}

fn pick(table: &[(&str, &'static str)], value: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == value).map(|(_, v)| *v)
}

fn map_job(
    job: &Map<String, Value>,
    out: &mut Map<String, Value>,
    errors: &mut FieldErrors,
    warnings: &mut Vec<String>,
) {
    let mut put = |key: &str, value: Value| {
        out.insert(key.to_string(), value);
    };
    if let Some(t) = required_text(job, "title", "job.title", errors) {
        put("jobTitle", json!(t));
    }
    if let Some(c) = required_text(job, "company", "job.company", errors) {
        put("companyName", json!(c));
    }
    if let Some(d) = required_text(job, "description", "job.description", errors) {
        put("jobDescription", json!(d));
    }
    if let Some(lt) = required_text(job, "location_type", "job.location_type", errors) {
        match pick(LOCATION_TYPES, &lt) {
            Some(v) => put("locationType", json!(v)),
            None => add(errors, "job.location_type", "is not included in the list"),
        }
    }
    if let Some(jt) = required_text(job, "job_type", "job.job_type", errors) {
        match pick(JOB_TYPES, &jt) {
            Some(v) => {
                if jt == "fractional" {
                    warnings.push("job.job_type fractional has no schema.org employment type; stored as CONTRACTOR.".to_string());
                }
                put("employmentType", json!(v));
            }
            None => add(errors, "job.job_type", "is not included in the list"),
        }
    }
    let apply_email = email_field(job, "apply_email", "job.apply_email", false, errors);
    let apply_website = optional_text(job, "apply_website", "job.apply_website", errors);
    if let Some(url) = &apply_website {
        if !is_http_url(url) {
            add(errors, "job.apply_website", "is not a valid URL");
        }
    }
    let apply_email_given = job.get("apply_email").is_some_and(|v| !v.is_null());
    if !apply_email_given && apply_website.is_none() {
        add(
            errors,
            "job.apply_email",
            "can't be blank when apply_website is omitted",
        );
    }
    if let Some(e) = apply_email {
        put("applyEmail", json!(e));
    }
    if let Some(u) = apply_website.filter(|u| is_http_url(u)) {
        put("applyUrl", json!(u));
    }
    if let Some(url) = optional_text(job, "company_website", "job.company_website", errors) {
        if is_http_url(&url) {
            put("companyWebsite", json!(url));
        } else {
            add(errors, "job.company_website", "is not a valid URL");
        }
    }
    if optional_text(job, "company_logo_url", "job.company_logo_url", errors).is_some() {
        warnings.push("job.company_logo_url is accepted but not stored.".to_string());
    }
    if let Some(place) = optional_text(job, "office_location", "job.office_location", errors) {
        put("locations", json!([place]));
    }
    if let Some(v) = job.get("location_restricted").filter(|v| !v.is_null()) {
        match v
            .as_array()
            .and_then(|a| a.iter().map(Value::as_str).collect::<Option<Vec<_>>>())
        {
            Some(names) => {
                let mut codes = Vec::new();
                for name in names {
                    match jobdraft_parsers::lexicon::country_code(name) {
                        Some(code) => codes.push(code),
                        None => warnings.push(format!("job.location_restricted {name:?} is not a country name; it was left out.")),
                    }
                }
                if !codes.is_empty() {
                    put("countries", json!(codes));
                }
            }
            None => add(
                errors,
                "job.location_restricted",
                "must be an array of country names",
            ),
        }
    }
    map_salary(job, &mut put, errors);
    if let Some(v) = job.get("tech_stack").filter(|v| !v.is_null()) {
        match v
            .as_array()
            .and_then(|a| a.iter().map(Value::as_str).collect::<Option<Vec<_>>>())
        {
            Some(items) => put("skills", json!(items)),
            None => add(errors, "job.tech_stack", "must be an array of strings"),
        }
    }
    match job.get("is_recruitment_agency") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => warnings.push("is_recruitment_agency: the job is posted by an agency; moderation applies its staffing-agency rules at publish.".to_string()),
        Some(_) => add(errors, "job.is_recruitment_agency", "must be true or false"),
    }
}

fn map_salary(
    job: &Map<String, Value>,
    put: &mut impl FnMut(&str, Value),
    errors: &mut FieldErrors,
) {
    let whole = |key: &str, errors: &mut FieldErrors| -> Option<u64> {
        match job.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_u64() {
                Some(n) => Some(n),
                None => {
                    add(errors, &format!("job.{key}"), "must be a whole number");
                    None
                }
            },
        }
    };
    let given = |key: &str| job.get(key).is_some_and(|v| !v.is_null());
    let (min, max) = (whole("salary_min", errors), whole("salary_max", errors));
    if given("salary_min") != given("salary_max") {
        let missing = if given("salary_min") {
            "job.salary_max"
        } else {
            "job.salary_min"
        };
        add(
            errors,
            missing,
            "must be provided together with the other salary bound",
        );
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if hi < lo {
            add(
                errors,
                "job.salary_max",
                "must be greater than or equal to salary_min",
            );
        } else {
            put("salaryMin", json!(lo));
            put("salaryMax", json!(hi));
        }
    }
    if let Some(c) = optional_text(job, "salary_currency", "job.salary_currency", errors) {
        if CURRENCIES.contains(&c.as_str()) {
            put("currency", json!(c));
        } else {
            add(errors, "job.salary_currency", "is not included in the list");
        }
    }
    if let Some(p) = optional_text(job, "salary_period", "job.salary_period", errors) {
        match pick(PERIODS, &p) {
            Some(v) => put("salaryPeriod", json!(v)),
            None => add(errors, "job.salary_period", "is not included in the list"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_minimum_request_maps_onto_the_catalog() {
        let body = json!({
            "job": {"title": "Chief Technology Officer", "company": "Acme Corp", "location_type": "remote",
                    "job_type": "full_time", "description": "Lead engineering and product.",
                    "apply_email": "jobs@acme.com", "salary_min": 200000, "salary_max": 300000,
                    "salary_currency": "USD", "salary_period": "Yearly",
                    "location_restricted": ["United States", "Canada"], "tech_stack": ["Ruby", "AWS"]},
            "poster": {"email": "Jane@Acme.com", "name": "Jane Smith"}
        });
        let r = draft_request(&body).expect("valid");
        assert_eq!(r.poster_email, "jane@acme.com");
        let c = &r.canonical;
        assert_eq!(c["jobTitle"], "Chief Technology Officer");
        assert_eq!(c["employmentType"], "FULL_TIME");
        assert_eq!(c["locationType"], "REMOTE");
        assert_eq!(c["countries"], json!(["US", "CA"]));
        assert_eq!(c["salaryPeriod"], "YEAR");
        assert_eq!(c["skills"], json!(["Ruby", "AWS"]));
    }

    #[test]
    fn errors_are_keyed_by_path() {
        let body = json!({"job": {"title": " ", "location_type": "moon", "salary_min": 5, "salary_currency": "BTC"},
                          "poster": {}});
        let e = draft_request(&body).expect_err("invalid");
        assert_eq!(e["job.title"], vec!["can't be blank"]);
        assert_eq!(e["job.location_type"], vec!["is not included in the list"]);
        assert!(e.contains_key("job.salary_max"));
        assert!(e.contains_key("job.apply_email"));
        assert!(e.contains_key("job.salary_currency"));
        assert!(e.contains_key("poster.email"));
        let t = token_request(&json!({"owner": {"email": "nope"}})).expect_err("invalid");
        assert_eq!(t["owner.email"], vec!["is invalid"]);
        assert_eq!(t["client"], vec!["can't be blank"]);
    }
}

//! The `schema_org_job_posting` import format: finds the JobPosting in JSON-LD given as an
//! object, an array, an `@graph`, a JSON string or a whole HTML page (formats.md §1), then maps
//! it (see [`map`]). JSON-LD is read as plain JSON: no remote `@context` is ever fetched.
//!
//! Evidence sources are RFC 6901 JSON pointers from the root of the JSON the client sent
//! (`/@graph/1/baseSalary/value/minValue`, `/0/title` for an array); for JSON-LD sent inside a
//! JSON string, from the root of the decoded JSON; for an HTML page, from the root of the
//! `<script>` block that holds the posting.

pub mod export;
mod map;

use serde_json::Value;

use crate::locate::json_pointer;
use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};

/// The `SchemaOrg` format.
pub struct SchemaOrgParser;

/// Most `<script>` blocks looked at on one page.
const MAX_SCRIPTS: usize = 64;
/// Most JSON nodes visited while looking for JobPostings.
const MAX_NODES: usize = 200_000;

impl Parser for SchemaOrgParser {
    fn format(&self) -> Format {
        Format::SchemaOrg
    }

    fn parse(&self, input: Input<'_>, limits: &Limits) -> Result<ParseOutcome, ParseError> {
        let mut warnings = Vec::new();
        let owned: Vec<Value>;
        let values: &[Value] = match input {
            Input::Json(Value::String(s)) => {
                owned = from_text(s, limits, &mut warnings, 0)?;
                &owned
            }
            Input::Json(v) => std::slice::from_ref(v),
            Input::Text(t) => {
                owned = from_text(t, limits, &mut warnings, 0)?;
                &owned
            }
        };
        let mut postings = Vec::new();
        let mut types = Vec::new();
        for v in values {
            collect(v, &mut postings, &mut types);
        }
        let Some(first) = postings.first() else {
            let seen = if types.is_empty() {
                "no typed objects".to_string()
            } else {
                format!("only {}", types.join(", "))
            };
            return Err(ParseError::new(
                Format::SchemaOrg,
                format!("no JobPosting found in the JSON-LD ({seen})"),
            ));
        };
        // Evidence points from the root of the JSON that held the posting.
        let prefix = values
            .iter()
            .find_map(|root| json_pointer("", root, first))
            .unwrap_or_default();
        let mut out = map::map_posting(first, limits, &map::Pointers::new(first, &prefix));
        if postings.len() > 1 {
            if postings.iter().skip(1).all(|p| p == first) {
                out.warn(format!(
                    "the input holds {} copies of the same JobPosting; imported one",
                    postings.len()
                ));
            } else {
                out.warn(format!(
                    "the input holds {} different JobPosting objects; imported the first",
                    postings.len()
                ));
            }
        }
        for w in warnings {
            out.warn(w);
        }
        Ok(out)
    }
}

/// JSON text, a JSON string holding JSON-LD (once more), or an HTML page.
fn from_text(
    text: &str,
    limits: &Limits,
    warnings: &mut Vec<String>,
    nesting: u8,
) -> Result<Vec<Value>, ParseError> {
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.starts_with('{') || t.starts_with('[') || t.starts_with('"') {
        let value: Value = serde_json::from_str(t).map_err(|e| {
            ParseError::new(Format::SchemaOrg, format!("invalid JSON: {e}")).at(format!(
                "{}:{}",
                e.line(),
                e.column()
            ))
        })?;
        return match value {
            Value::String(inner) if nesting < 2 => from_text(&inner, limits, warnings, nesting + 1),
            Value::String(_) => Err(ParseError::new(
                Format::SchemaOrg,
                "JSON-LD is wrapped in too many JSON strings",
            )),
            v => Ok(vec![v]),
        };
    }
    if t.starts_with('<') {
        return Ok(scripts(t, limits, warnings));
    }
    Err(ParseError::new(
        Format::SchemaOrg,
        "expected JSON-LD (an object, an array or a JSON string) or an HTML page",
    )
    .at("1:1"))
}

/// The JSON values of a page's JSON-LD `<script>` blocks (also type-less scripts that hold
/// JSON-LD); blocks that are not valid JSON are skipped with a warning.
fn scripts(html: &str, limits: &Limits, warnings: &mut Vec<String>) -> Vec<Value> {
    let lower = html.to_ascii_lowercase();
    let mut values = Vec::new();
    let mut from = 0;
    let mut seen = 0;
    while let Some(rel) = lower.get(from..).and_then(|s| s.find("<script")) {
        let open = from + rel;
        let Some(tag_end) = lower
            .get(open..)
            .and_then(|s| s.find('>'))
            .map(|p| open + p)
        else {
            break;
        };
        let body_start = tag_end + 1;
        let body_end = lower
            .get(body_start..)
            .and_then(|s| s.find("</script"))
            .map_or(lower.len(), |p| body_start + p);
        from = body_end;
        let attrs = lower.get(open + 7..tag_end).unwrap_or("");
        let body = html.get(body_start..body_end).unwrap_or("");
        let body = strip_wrappers(body);
        let typed_ld = attrs.contains("ld+json");
        let untyped_ld = !attrs.contains("type")
            && (body.starts_with('{') || body.starts_with('['))
            && (body.contains("@type") || body.contains("@context"));
        if !(typed_ld || untyped_ld) {
            continue;
        }
        seen += 1;
        if seen > MAX_SCRIPTS {
            warnings.push(format!(
                "only the first {MAX_SCRIPTS} JSON-LD blocks were read"
            ));
            break;
        }
        if body.len() > limits.xml_bytes {
            warnings.push(format!(
                "skipped JSON-LD block {seen}: larger than {} bytes",
                limits.xml_bytes
            ));
            continue;
        }
        match serde_json::from_str::<Value>(body) {
            Ok(v) => values.push(v),
            Err(e) => warnings.push(format!(
                "skipped JSON-LD block {seen}: not valid JSON ({e})"
            )),
        }
    }
    values
}

fn strip_wrappers(body: &str) -> &str {
    let mut b = body.trim();
    for (start, end) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(inner) = b.strip_prefix(start) {
            b = inner.trim();
            if let Some(inner) = b.strip_suffix(end) {
                b = inner.trim();
            }
        }
    }
    b
}

/// Whether `@type` names JobPosting (`JobPosting`, `schema:JobPosting`,
/// `http://schema.org/JobPosting`, or an array holding one of them).
fn is_job_posting(map: &serde_json::Map<String, Value>) -> bool {
    let is = |t: &Value| {
        t.as_str()
            .map(|s| s.rsplit(['/', ':', '#']).next().unwrap_or(s))
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("JobPosting"))
    };
    match map.get("@type") {
        Some(Value::Array(ts)) => ts.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

/// Every JobPosting below `root`, in document order, without descending into one; the other
/// `@type`s seen are recorded for the error message.
fn collect<'v>(root: &'v Value, out: &mut Vec<&'v Value>, types: &mut Vec<String>) {
    let mut stack = vec![root];
    let mut visited = 0;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > MAX_NODES {
            return;
        }
        match v {
            Value::Object(map) => {
                if is_job_posting(map) {
                    out.push(v);
                    continue;
                }
                if let Some(t) = map.get("@type").and_then(Value::as_str) {
                    if types.len() < 8 && !types.iter().any(|x| x == t) {
                        types.push(t.to_string());
                    }
                }
                stack.extend(map.values().rev().filter(|c| c.is_object() || c.is_array()));
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<ParseOutcome, ParseError> {
        SchemaOrgParser.parse(Input::Text(s), &Limits::default())
    }

    #[test]
    fn finds_the_posting_in_wrappers() {
        let graph = r#"{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"A"},
            {"@type":["schema:JobPosting"],"title":"Rater"}]}"#;
        assert_eq!(
            parse(graph).unwrap().fields.job_title.as_deref(),
            Some("Rater")
        );
        let html = r#"<html><script type="application/ld+json">{bad json</script>
            <script>{"@context":"http://schema.org","@type":"http://schema.org/JobPosting","title":"T"}</script></html>"#;
        let out = parse(html).unwrap();
        assert_eq!(out.fields.job_title.as_deref(), Some("T"));
        assert!(out.warnings.iter().any(|w| w.contains("not valid JSON")));
        let s = serde_json::to_string(r#"{"@type":"JobPosting","title":"S"}"#).unwrap();
        assert_eq!(parse(&s).unwrap().fields.job_title.as_deref(), Some("S"));
    }

    #[test]
    fn refuses_what_is_not_json_ld() {
        let e = parse(r#"{"title": "x",}"#).unwrap_err();
        assert_eq!(e.location.as_deref(), Some("1:15"));
        assert!(parse(r#"{"@type":"Organization"}"#)
            .unwrap_err()
            .message
            .contains("Organization"));
        assert!(parse("plain words").is_err());
        assert!(parse("<html><body>no scripts</body></html>").is_err());
    }

    #[test]
    fn evidence_points_from_the_document_root() {
        let graph = r#"{"@graph":[{"@type":"Organization","name":"A"},{"@type":"JobPosting",
            "title":"Rater","hiringOrganization":{"@type":"Organization","name":"Acme"},
            "baseSalary":{"@type":"MonetaryAmount","currency":"EUR","value":{"minValue":20,
            "maxValue":25,"unitText":"HOUR"}},
            "jobLocation":[{"address":{"addressLocality":"Lyon","addressCountry":"FR"}}]}]}"#;
        let out = parse(graph).unwrap();
        assert_eq!(out.sources("jobTitle"), ["/@graph/1/title"]);
        assert_eq!(
            out.sources("companyName"),
            ["/@graph/1/hiringOrganization/name"]
        );
        assert_eq!(
            out.sources("salaryMin"),
            ["/@graph/1/baseSalary/value/minValue"]
        );
        assert_eq!(out.sources("currency"), ["/@graph/1/baseSalary/currency"]);
        assert_eq!(
            out.sources("paymentType"),
            ["/@graph/1/baseSalary/value/unitText"]
        );
        assert_eq!(
            out.sources("countries"),
            ["/@graph/1/jobLocation/0/address/addressCountry"]
        );
        assert_eq!(
            out.sources("locations"),
            [
                "/@graph/1/jobLocation/0/address/addressLocality",
                "/@graph/1/jobLocation/0/address/addressCountry"
            ]
        );
        // The on-site default cites the address it was assumed from.
        assert_eq!(
            out.sources("locationType"),
            ["/@graph/1/jobLocation/0/address"]
        );
        // An HTML page: pointers start at the JSON-LD block that holds the posting.
        let html = r#"<script type="application/ld+json">[{"@type":"JobPosting","title":"T",
            "baseSalary":"$20 per hour"}]</script>"#;
        let out = parse(html).unwrap();
        assert_eq!(out.sources("jobTitle"), ["/0/title"]);
        assert_eq!(out.sources("pricePerHour"), ["/0/baseSalary"]);
    }
}

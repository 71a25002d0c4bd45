//! The public face of a listed job: the marketplace object of the public reads (OpenTrain's public
//! job object), what the search index holds for it, and the opaque cursors of paginated lists.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::draft::Draft;
use super::sanitize::sanitize_html;

/// What the search index keeps for a listed job.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub title: String,
    pub body: String,
    /// (kind, value): category, payType, language, country, employmentType, locationType.
    pub tags: Vec<(&'static str, String)>,
    /// Unix ms after which the job is no longer listed (the day after `validThrough`).
    pub valid_until: Option<i64>,
}

/// The filter kinds of the public search, as query parameter names.
pub const TAG_KINDS: &[&str] = &[
    "category",
    "payType",
    "language",
    "country",
    "employmentType",
    "locationType",
];

/// Unix ms at which a job with `validThrough` = `date` stops being listed.
pub fn valid_until(date: &str) -> Option<i64> {
    let d = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    Some(
        d.succ_opt()?
            .and_hms_opt(0, 0, 0)?
            .and_utc()
            .timestamp_millis(),
    )
}

impl SearchDoc {
    pub fn of(draft: &Draft) -> SearchDoc {
        let f = &draft.fields;
        let body = [
            &f.job_description,
            &f.labeling_overview,
            &f.dataset_description,
        ]
        .into_iter()
        .flatten()
        .map(|s| html_to_text(s))
        .collect::<Vec<_>>()
        .join("\n");
        let mut tags: Vec<(&'static str, String)> = Vec::new();
        if let Some(c) = f.category {
            tags.push(("category", c.as_str().to_string()));
        }
        if let Some(p) = f.payment_type {
            tags.push(("payType", p.as_str().to_string()));
        }
        if let Some(e) = f.employment_type {
            tags.push(("employmentType", e.as_str().to_string()));
        }
        if let Some(l) = f.location_type {
            tags.push(("locationType", l.as_str().to_string()));
        }
        tags.extend(f.languages.iter().map(|l| ("language", l.clone())));
        tags.extend(f.countries.iter().map(|c| ("country", c.clone())));
        tags.sort();
        tags.dedup();
        SearchDoc {
            title: f.job_title.clone().unwrap_or_default(),
            body,
            tags,
            valid_until: f.valid_through.as_deref().and_then(valid_until),
        }
    }
}

/// Text of an HTML (or plain-text) description: tags dropped, common entities decoded.
pub fn html_to_text(input: &str) -> String {
    if !input.contains('<') && !input.contains('&') {
        return input.to_string();
    }
    let clean = sanitize_html(input);
    let mut out = String::with_capacity(clean.len());
    let mut in_tag = false;
    for ch in clean.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A URL slug: lowercase ASCII words of the title joined by `-`, then `--` and the id.
pub fn slug(title: &str, id: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        id.to_string()
    } else {
        format!("{}--{id}", words.join("-"))
    }
}

fn iso(ms: i64) -> Value {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| Value::from(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
        .unwrap_or(Value::Null)
}

/// The public job object; `job_url` is the job's public page.
pub fn public_job(draft: &Draft, job_url: &str) -> Value {
    let f = &draft.fields;
    let title = f.job_title.clone().unwrap_or_default();
    let description = f.job_description.clone().unwrap_or_default();
    let text = html_to_text(&description);
    let html = description_html(&description);
    let summary: String = match text.char_indices().nth(280) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.clone(),
    };
    let hourly_range = f.salary_period == Some(jobdraft_parsers::SalaryPeriod::Hour);
    let apply_url = f
        .apply_url
        .clone()
        .or_else(|| f.apply_email.as_ref().map(|e| format!("mailto:{e}")));
    let seo_title = match (&f.company_name, f.category) {
        (Some(company), _) => format!("{title} at {company}"),
        (None, Some(category)) => format!("{title} — {}", category.label()),
        (None, None) => title.clone(),
    };
    // OpenTrain shows display labels ("Audio", "Transcription"); the `…Code(s)` keys keep the
    // canonical values that the search filters and PATCH take.
    json!({
        "id": draft.id,
        "slug": slug(&title, &draft.id),
        "title": title,
        "seoTitle": seo_title,
        "companyName": f.company_name,
        "descriptionText": text,
        "descriptionHtml": html,
        "summary": summary,
        "status": draft.status.as_str(),
        "datePosted": draft.published_at.map_or(Value::Null, iso),
        "validThrough": f.valid_through,
        "updatedAt": iso(draft.updated_at),
        "employmentTypes": f.employment_type.map(|e| vec![e.as_str()]).unwrap_or_default(),
        "locationType": f.location_type.map(|l| l.as_str()),
        "locations": f.locations,
        "countries": f.countries,
        "languages": f.languages,
        "category": f.category.map(|c| c.label()),
        "categoryCode": f.category.map(|c| c.as_str()),
        "dataType": f.data_type.map(|d| d.label()),
        "dataTypeCode": f.data_type.map(|d| d.as_str()),
        "labelTypes": f.label_types.iter().map(|l| l.label()).collect::<Vec<_>>(),
        "labelTypeCodes": f.label_types.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        "labelingSoftware": f.labeling_software,
        "experienceLevel": f.experience_level.map(|e| e.label()),
        "experienceLevelCode": f.experience_level.map(|e| e.as_str()),
        "skills": f.skills,
        "headcount": f.headcount,
        "pay": {
            "paymentType": f.payment_type.map(|p| p.as_str()),
            "currency": f.currency.clone().unwrap_or_else(|| "USD".to_string()),
            "hourlyRate": num(f.price_per_hour),
            "hourlyMin": num(f.salary_min.filter(|_| hourly_range)),
            "hourlyMax": num(f.salary_max.filter(|_| hourly_range)),
            "fixedPrice": num(f.fixed_price),
            "perLabelRate": num(f.price_per_label),
        },
        "url": job_url,
        "applyUrl": apply_url,
    })
}

fn num(v: Option<f64>) -> Value {
    v.map_or(Value::Null, jobdraft_parsers::fields::number_value)
}

/// The description as HTML: sanitized markup as stored, or plain text in paragraphs. The public
/// object and the job page's JSON-LD both show this.
pub(super) fn description_html(raw: &str) -> String {
    if raw.contains('<') {
        sanitize_html(raw)
    } else {
        text_to_html(raw)
    }
}

fn text_to_html(text: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", esc(p).replace('\n', "<br>")))
        .collect()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// An opaque cursor: unpadded base64url of `"<number>:<id>"`.
pub fn encode_cursor(n: i64, id: &str) -> String {
    let raw = format!("{n}:{id}");
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(B64[((v >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes a cursor made by [`encode_cursor`]; `None` for anything else.
pub fn decode_cursor(cursor: &str) -> Option<(i64, String)> {
    if cursor.is_empty() || cursor.len() > 200 {
        return None;
    }
    let mut bytes = Vec::with_capacity(cursor.len());
    let mut acc = 0u32;
    let mut bits = 0;
    for c in cursor.bytes() {
        let v = B64.iter().position(|&b| b == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    let (n, id) = text.split_once(':')?;
    let id_ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    id_ok.then_some(())?;
    Some((n.parse().ok()?, id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        for (n, id) in [(0, "a"), (1_764_000_000_123, "0193f1c2ab"), (-5, "x_y-z")] {
            assert_eq!(
                decode_cursor(&encode_cursor(n, id)),
                Some((n, id.to_string()))
            );
        }
        for junk in ["", "!!!", "Zm9v", "MTo", &"A".repeat(300)] {
            assert_eq!(decode_cursor(junk), None, "{junk}");
        }
    }

    #[test]
    fn valid_until_is_the_next_midnight() {
        assert_eq!(valid_until("2026-01-01"), Some(1_767_312_000_000));
        assert_eq!(valid_until("nope"), None);
    }

    #[test]
    fn text_and_slugs() {
        assert_eq!(
            html_to_text("<p>A &amp; B</p><ul><li>x</li></ul>"),
            "A & B x"
        );
        assert_eq!(
            slug("Bounding Box — Street Images!", "id1"),
            "bounding-box-street-images--id1"
        );
    }
}

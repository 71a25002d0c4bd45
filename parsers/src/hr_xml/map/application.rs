//! How to apply (URL and e-mail, also inside EURES HTML instructions) and the closing and start
//! dates, each cited with the element or attribute it was read from.

use std::sync::OnceLock;

use regex::Regex;

use super::{all_of, first_valid, START_DATES};
use crate::hr_xml::origin::{At, Origin};
use crate::normalize as norm;
use crate::xml::Element;
use crate::ParseOutcome;

pub(super) fn apply(out: &mut ParseOutcome, profile: &Element, origin: &Origin) {
    static URL: OnceLock<Regex> = OnceLock::new();
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    let scopes = profile.find_all_vec(&["HowToApply", "ApplicationMethod", "ApplicationMethods"]);
    let url = first_valid(
        &scopes,
        &[
            "URL",
            "InternetWebAddress",
            "ApplicationUri",
            "Url",
            "URI",
            "WebAddress",
        ],
        norm::url,
    );
    if let Some((url, el)) = url {
        out.fields.apply_url = Some(url);
        origin.cite(out, "applyUrl", At::el(el));
    }
    let email = first_valid(
        &scopes,
        &[
            "InternetEmailAddress",
            "E-mail",
            "Email",
            "EmailAddress",
            "Address",
        ],
        norm::email,
    );
    if let Some((email, el)) = email {
        out.fields.apply_email = Some(email);
        origin.cite(out, "applyEmail", At::el(el));
    }
    // EURES writes the apply channel as HTML inside Instructions.
    let url_re = URL.get_or_init(|| {
        Regex::new(r#"https?://[^\s"'<>]+"#).unwrap_or_else(|_| Regex::new("$^").expect("empty"))
    });
    let email_re = EMAIL.get_or_init(|| {
        Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
            .unwrap_or_else(|_| Regex::new("$^").expect("empty"))
    });
    for el in scopes.iter().flat_map(|s| all_of(s, &["Instructions"])) {
        let text = el.deep_text();
        if out.fields.apply_url.is_none() {
            out.fields.apply_url = url_re.find(&text).and_then(|m| norm::url(m.as_str()));
            if out.fields.apply_url.is_some() {
                origin.cite(out, "applyUrl", At::el(el));
            }
        }
        if out.fields.apply_email.is_none() {
            out.fields.apply_email = email_re.find(&text).and_then(|m| norm::email(m.as_str()));
            if out.fields.apply_email.is_some() {
                origin.cite(out, "applyEmail", At::el(el));
            }
        }
    }
}

pub(super) fn dates(
    out: &mut ParseOutcome,
    posting: &Element,
    profile: &Element,
    root: &str,
    origin: &Origin,
) {
    // 1.x writes `<EndDate><Date>…</Date></EndDate>`: read all text below.
    fn text<'e>(e: &'e Element<'e>) -> Option<(String, At<'e>)> {
        Some((e.deep_text(), At::el(e))).filter(|(t, _)| !t.is_empty())
    }
    fn valid_to<'e>(e: &'e Element<'e>) -> Option<(String, At<'e>)> {
        let v = e.attr("validTo")?;
        Some((v.to_string(), At::attr(e, "validTo")))
    }
    let close = [
        profile.find("ApplicationCloseDate").and_then(text),
        posting
            .child("PostDetail")
            .and_then(|p| p.child("EndDate"))
            .and_then(text),
        posting
            .path(&["PositionPostings", "PositionPosting", "Id"])
            .and_then(valid_to),
        posting
            .path(&["PositionRecordInfo", "Status"])
            .and_then(valid_to),
        profile
            .find("PostingInstruction")
            .and_then(|p| p.child("End"))
            .and_then(text),
    ];
    for (raw, at) in close.into_iter().flatten() {
        let raw = raw.as_str();
        match norm::date(raw) {
            Some(d) => {
                out.fields.valid_through = Some(d);
                origin.cite(out, "validThrough", at);
                break;
            }
            None if norm::fold(raw) == "na" => {}
            None => out.unmapped(format!("{root}.ApplicationCloseDate"), "not a date", raw),
        }
    }
    for el in profile.find_all_vec(START_DATES) {
        if let Some(d) = el
            .find("StartDate")
            .map(Element::deep_text)
            .as_deref()
            .and_then(norm::date)
        {
            out.unmapped(
                format!("{root}.{}.StartDate", el.name),
                "the job's start date, not a posting date",
                &d,
            );
        }
    }
}

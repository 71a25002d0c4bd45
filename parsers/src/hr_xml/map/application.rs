//! How to apply (URL and e-mail, also inside EURES HTML instructions) and the closing and start
//! dates.

use std::sync::OnceLock;

use regex::Regex;

use super::{all_of, first_valid, START_DATES};
use crate::normalize as norm;
use crate::xml::Element;
use crate::ParseOutcome;

pub(super) fn apply(out: &mut ParseOutcome, profile: &Element) {
    static URL: OnceLock<Regex> = OnceLock::new();
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    let scopes = profile.find_all_vec(&["HowToApply", "ApplicationMethod", "ApplicationMethods"]);
    out.fields.apply_url = first_valid(
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
    out.fields.apply_email = first_valid(
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
        }
        if out.fields.apply_email.is_none() {
            out.fields.apply_email = email_re.find(&text).and_then(|m| norm::email(m.as_str()));
        }
    }
}

pub(super) fn dates(out: &mut ParseOutcome, posting: &Element, profile: &Element, root: &str) {
    // 1.x writes `<EndDate><Date>…</Date></EndDate>`: read all text below.
    let text = |e: &Element| Some(e.deep_text()).filter(|t| !t.is_empty());
    let attr = |e: &Element, a: &str| e.attr(a).map(str::to_string);
    let close = [
        profile.find("ApplicationCloseDate").and_then(text),
        posting
            .child("PostDetail")
            .and_then(|p| p.child("EndDate"))
            .and_then(text),
        posting
            .path(&["PositionPostings", "PositionPosting", "Id"])
            .and_then(|i| attr(i, "validTo")),
        posting
            .path(&["PositionRecordInfo", "Status"])
            .and_then(|s| attr(s, "validTo")),
        profile
            .find("PostingInstruction")
            .and_then(|p| p.child("End"))
            .and_then(text),
    ];
    for raw in close.into_iter().flatten() {
        let raw = raw.as_str();
        match norm::date(raw) {
            Some(d) => {
                out.fields.valid_through = Some(d);
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

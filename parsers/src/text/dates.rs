//! Dates: validThrough from an application deadline ("Apply by March 31, 2026", "Deadline:
//! 2026-04-15", "applications close 15 April 2026"). A date with no year, or one that is not a
//! deadline, sets nothing: a pure parser cannot know "this year".

use chrono::NaiveDate;

use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::labels::LabelKey;
use super::token::Kind;

fn month(word: &str) -> Option<u32> {
    Some(match word.trim_end_matches('.') {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// A day number, from a number token or an ordinal word ("31st").
fn day(doc: &Doc, i: usize) -> Option<u32> {
    let o = doc.orig(i);
    if !o.as_bytes().first().is_some_and(u8::is_ascii_digit) || o.len() > 4 {
        return None;
    }
    let split = o.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = o.split_at(split);
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| rest.eq_ignore_ascii_case(s));
    if digits.is_empty() || !(rest.is_empty() || ordinal) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(doc: &Doc, i: usize) -> Option<i32> {
    let o = doc.orig(i);
    if doc.kind(i) == Some(Kind::Num) && o.len() == 4 {
        o.parse().ok().filter(|y| (2000..=2100).contains(y))
    } else {
        None
    }
}

/// A date starting at token `i`.
/// The date written at token `i`, and the token after it.
fn date_at(doc: &Doc, i: usize) -> Option<(NaiveDate, usize)> {
    // 2026-04-15
    if let Some(y) = year(doc, i) {
        if (doc.punct(i + 1, '-') || doc.punct(i + 1, '/'))
            && (doc.punct(i + 3, '-') || doc.punct(i + 3, '/'))
        {
            let m: u32 = doc.orig(i + 2).parse().ok()?;
            let d: u32 = doc.orig(i + 4).parse().ok()?;
            return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, i + 5));
        }
        return None;
    }
    // March 31, 2026
    if let Some(m) = month(doc.w(i)) {
        if m == 5 && !doc.is_cap(i) {
            return None;
        }
        let d = day(doc, i + 1)?;
        let k = if doc.punct(i + 2, ',') { i + 3 } else { i + 2 };
        return NaiveDate::from_ymd_opt(year(doc, k)?, m, d).map(|date| (date, k + 1));
    }
    // 31 March 2026
    if let Some(d) = day(doc, i) {
        let k = if doc.is(i + 1, "of") { i + 2 } else { i + 1 };
        let m = month(doc.w(k))?;
        let k2 = if doc.punct(k + 1, ',') { k + 2 } else { k + 1 };
        return NaiveDate::from_ymd_opt(year(doc, k2)?, m, d).map(|date| (date, k2 + 1));
    }
    None
}

const CUES: &[&str] = &[
    "apply",
    "deadline",
    "close",
    "closes",
    "closing",
    "until",
    "valid",
    "expires",
    "expiry",
    "before",
    "later",
    "due",
    "by",
    "through",
    "open",
    "accepting",
];

pub fn valid_through(doc: &Doc, out: &mut ParseOutcome) {
    // Every form holds a year, as its first token or two to four tokens after it ("March 31,
    // 2026", "31 of March, 2026"): a token with no year there starts no date.
    let year_at = |k: usize| doc.kind(k) == Some(Kind::Num) && year(doc, k).is_some();
    for i in 0..doc.toks.len() {
        if ![0, 2, 3, 4].into_iter().any(|ahead| year_at(i + ahead)) {
            continue;
        }
        let Some((date, end)) = date_at(doc, i) else {
            continue;
        };
        let (sa, _) = doc.sentence(i);
        let cue = doc.any_word(i.saturating_sub(6).max(sa), i, CUES)
            || doc.label_of(i) == Some(LabelKey::Deadline);
        let start_date = doc.any_word(
            i.saturating_sub(4).max(sa),
            i,
            &[
                "start", "starts", "starting", "begin", "begins", "from", "posted",
            ],
        );
        if cue && !start_date {
            out.fields.valid_through = Some(date.to_string());
            out.cite("validThrough", doc.span(i, end));
            return;
        }
    }
}

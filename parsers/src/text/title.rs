//! The title: a labelled "Job title:" line, a heading-like first line, the lead of
//! "<Title> at <Company>" or "<Title> — <Company>, <City>"; otherwise a title synthesized from
//! the label type and the data ("Bounding Box Annotation — Dashcam Images", low confidence).

use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::token::Kind;
use super::volume::Volume;

const SENTENCE_STARTERS: &[&str] = &[
    "we",
    "we're",
    "our",
    "i",
    "i'm",
    "you",
    "you'll",
    "your",
    "looking",
    "join",
    "are",
    "do",
    "need",
    "this",
    "the",
    "about",
    "description",
    "please",
    "if",
    "in",
    "as",
    "help",
    "hi",
    "hello",
    "there",
    "it",
    "is",
    "a",
    "an",
    "my",
    "they",
    "work",
    "get",
    "earn",
    "want",
];
/// Employment and place words trimmed off the ends of a title.
const TRIM_WORDS: &[&str] = &[
    "contract",
    "full-time",
    "part-time",
    "fulltime",
    "parttime",
    "freelance",
    "remote",
    "temporary",
    "temp",
    "seasonal",
    "hybrid",
    "onsite",
    "on-site",
];

fn value_of_line(doc: &Doc, line: usize) -> String {
    let start = doc.line_value_start.get(line).copied().unwrap_or(0);
    let mut end = start;
    while end < doc.toks.len() && doc.line(end) == line && doc.toks[end].kind != Kind::Break {
        end += 1;
    }
    doc.span_text(start, end)
        .trim()
        .trim_end_matches('.')
        .trim()
        .to_string()
}

/// Capitalises each word except short function words; keeps words already holding capitals.
pub fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "and", "in", "on", "for", "the", "a", "an", "to", "with", "at", "by", "or",
    ];
    s.split_whitespace()
        .enumerate()
        .map(|(n, w)| {
            if n > 0 && SMALL.contains(&w) {
                return w.to_string();
            }
            if w.chars().skip(1).any(char::is_uppercase) {
                return w.to_string();
            }
            // Capitalise each hyphen-separated part ("social-media" → "Social-Media").
            w.split('-')
                .map(|part| {
                    let mut c = part.chars();
                    match c.next() {
                        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn clean_title(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    let trimmable = |w: &str| {
        !w.contains(['(', ')'])
            && TRIM_WORDS.contains(
                &w.to_lowercase()
                    .trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
            )
    };
    while words.first().is_some_and(|w| trimmable(w)) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| trimmable(w)) {
        words.pop();
    }
    let t = words
        .join(" ")
        .trim_matches(|c: char| c == ',' || c == '-' || c == ':' || c.is_whitespace())
        .to_string();
    if t.is_empty() || t.chars().count() > 200 {
        return None;
    }
    Some(title_case(&t))
}

/// Reads the title from the first sentence when it is a heading, not prose.
fn lead(doc: &Doc) -> Option<String> {
    let n = doc.toks.len();
    let first = (0..n).find(|&i| doc.toks[i].kind == Kind::Word)?;
    if doc
        .line_keys
        .get(doc.line(first))
        .is_some_and(|k| k.is_some())
    {
        return None;
    }
    if doc.is_any(first, SENTENCE_STARTERS) || !doc.is_cap(first) {
        return None;
    }
    let (a, b) = doc.sentence(first);
    if b - a > 40 {
        return None;
    }
    // "<Title> at <Company>".
    if let Some(at) = (a..b).find(|&i| doc.is(i, "at") && doc.is_cap(i + 1)) {
        let title = doc.span_text(a, at);
        if title.split_whitespace().count() <= 8 && !(a..at).any(|i| doc.kind(i) == Some(Kind::Num))
        {
            return clean_title(title);
        }
    }
    // "<Title> — <Company>, <City>" / "<Title> | <Company>".
    if let Some(dash) = (a..b).find(|&i| doc.punct(i, '-') && doc.toks[i].space) {
        let title = doc.span_text(a, dash);
        if title.split_whitespace().count() <= 8
            && !(a..dash).any(|i| doc.kind(i) == Some(Kind::Num))
        {
            let named = super::company::name_at(doc, dash + 1, b)
                .is_some_and(|(na, nb)| super::company::is_name(doc, na, nb));
            // "Audio annotation — emotion labels": a subtitle, not a company.
            let subtitle = !named
                && b - dash <= 7
                && !(dash..b).any(|i| doc.kind(i) == Some(Kind::Num))
                && doc
                    .toks
                    .get(b)
                    .is_none_or(|t| doc.text.get(t.s..t.e) == Some("\n"));
            if subtitle {
                return clean_title(doc.span_text(a, b));
            }
            return clean_title(title);
        }
    }
    // "Contract data engineer, 3-month engagement, …": a role noun phrase before the first comma.
    let clause_end = (a..b).find(|&i| doc.punct(i, ',')).unwrap_or(b);
    let before_paren = (a..clause_end)
        .find(|&i| doc.punct(i, '('))
        .unwrap_or(clause_end);
    let words = (a..before_paren)
        .filter(|&i| doc.kind(i) == Some(Kind::Word))
        .count();
    let has_num = (a..clause_end).any(|i| doc.kind(i) == Some(Kind::Num));
    let ends_with_role = doc.hit_ending_at(before_paren, |t| t == Tag::Person);
    let heading_line = b == n
        || doc
            .toks
            .get(b)
            .is_some_and(|t| doc.text.get(t.s..t.e) == Some("\n"));
    let capitalised = (a..before_paren)
        .filter(|&i| doc.kind(i) == Some(Kind::Word) && doc.is_cap(i))
        .count();
    if (1..=8).contains(&words)
        && !has_num
        && (ends_with_role
            || (heading_line && clause_end == b && capitalised * 2 >= words && words >= 2))
    {
        return clean_title(doc.span_text(a, clause_end));
    }
    None
}

/// "We're looking for a Junior Data Annotator (m/f/d)": a capitalised role after "looking for a".
fn looking_for(doc: &Doc) -> Option<String> {
    for i in 0..doc.toks.len().min(400) {
        if !matches!(doc.w(i), "for" | "hiring") || !doc.is_any(i + 1, &["a", "an"]) {
            continue;
        }
        if doc.is(i, "for") && !doc.is_any(i.wrapping_sub(1), &["looking", "searching", "seeking"])
        {
            continue;
        }
        let start = i + 2;
        let mut j = start;
        while j < doc.toks.len()
            && doc.kind(j) == Some(Kind::Word)
            && doc.is_cap(j)
            && j - start < 7
        {
            j += 1;
        }
        if j - start >= 2 && doc.hit_ending_at(j, |t| t == Tag::Person) {
            return clean_title(doc.span_text(start, j));
        }
    }
    None
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome, volume: Option<&Volume>) {
    let mut title = None;
    for (line, key) in doc.line_keys.iter().enumerate() {
        match key {
            Some(LabelKey::Title) if title.is_none() => {
                title = Some(value_of_line(doc, line))
                    .filter(|t| !t.is_empty() && t.chars().count() <= 200)
            }
            _ => {}
        }
    }
    if title.is_none() {
        title = lead(doc).or_else(|| looking_for(doc));
    }
    if title.is_none() {
        // "Facial landmark annotation: 68 keypoints…": a work heading before a colon.
        if let Some(first) = (0..doc.toks.len()).find(|&i| doc.toks[i].kind == Kind::Word) {
            if doc
                .line_keys
                .first()
                .is_some_and(|k| *k == Some(LabelKey::Other))
                && doc.line(first) == 0
            {
                let start = doc.line_value_start.first().copied().unwrap_or(0);
                let words = (first..start)
                    .filter(|&i| doc.kind(i) == Some(Kind::Word))
                    .count();
                if (2..=6).contains(&words)
                    && doc
                        .hits_in(first, start)
                        .any(|h| matches!(h.tag, Tag::Label(..) | Tag::AiCtx))
                {
                    title = clean_title(doc.span_text(first, start.saturating_sub(1)));
                    if title.is_some() {
                        out.low("jobTitle", "Taken from the lead-in before the first colon.");
                    }
                }
            }
        }
    }
    let mut synthesized = false;
    if title.is_none() {
        title = super::synth::synthesize(out, volume);
        synthesized = title.is_some();
        if title.is_some() {
            out.low(
                "jobTitle",
                "Synthesized from the label type and data; the text has no title line.",
            );
        }
    }
    if synthesized {
        let basis: Vec<(usize, usize)> = out
            .evidence
            .iter()
            .filter(|e| matches!(e.path.as_str(), "labelTypes" | "dataType" | "dataVolume"))
            .filter_map(|e| Some((e.start?, e.end?)))
            .collect();
        for bytes in basis {
            out.cite("jobTitle", bytes);
        }
    } else if let Some(t) = &title {
        cite_found(doc, out, "jobTitle", t);
    }
    out.fields.job_title = title;
}

/// Cites the first place `value` is written in the text (values read from whole lines are
/// trimmed copies of the text, so the first occurrence is where they were read).
fn cite_found(doc: &Doc, out: &mut ParseOutcome, path: &str, value: &str) {
    let at = doc.text.find(value).or_else(|| {
        let lower = value.to_lowercase();
        (lower.len() == value.len())
            .then(|| doc.lower.find(&lower))
            .flatten()
    });
    if let Some(at) = at {
        out.cite(path, (at, at + value.len()));
    }
}

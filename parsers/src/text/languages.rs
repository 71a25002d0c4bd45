//! Languages: human language names and forms ("native Japanese speakers", "Spanish-language",
//! "bilingual Hindi-English", "Brazilian Portuguese", locale tags like "pt-BR"), in order of first
//! mention. Programming languages are not in the lexicon; words that are also ordinary words
//! ("Polish", "Latin") count only next to a language cue.

use crate::lexicon::language_name;
use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::gazetteer::Tag;
use super::token::Kind;

/// Language names that are also common words or nationalities.
const NEEDS_CONTEXT: &[&str] = &[
    "Polish",
    "Latin",
    "Filipino",
    "Irish",
    "Maltese",
    "Hawaiian",
    "Georgian",
    "Twi",
    "Lao",
    "Malay",
    "Dari",
    "Scottish Gaelic",
    "Welsh",
    "Samoan",
    "Fijian",
    "Akan",
];

const CUE_BEFORE: &[&str] = &[
    "native",
    "fluent",
    "fluency",
    "bilingual",
    "speak",
    "speaks",
    "speaking",
    "in",
    "into",
    "from",
    "proficient",
    "proficiency",
    "language",
    "languages",
    "and",
    "or",
];
const CUE_AFTER: &[&str] = &[
    "speaker",
    "speakers",
    "language",
    "languages",
    "speaking",
    "native",
    "fluency",
    "translation",
    "translator",
    "translators",
    "text",
    "transcription",
    "audio",
    "speech",
    "dialect",
    "proficiency",
    "skills",
    "required",
    "and",
    "or",
];

fn has_context(doc: &Doc, a: usize, b: usize) -> bool {
    if !doc.is_cap(a) {
        return false;
    }
    let prev = if doc.punct(a.wrapping_sub(1), '-')
        || doc.punct(a.wrapping_sub(1), '/')
        || doc.punct(a.wrapping_sub(1), ',')
    {
        a.wrapping_sub(2)
    } else {
        a.wrapping_sub(1)
    };
    let next = if doc.punct(b, '-') || doc.punct(b, '/') || doc.punct(b, ',') {
        b + 1
    } else {
        b
    };
    // Joined to another language by "-", "/", ",", "and", "or" ("Tagalog/Filipino").
    let joiner = |i: usize| {
        doc.punct(i, '-')
            || doc.punct(i, '/')
            || doc.punct(i, ',')
            || doc.punct(i, '&')
            || doc.is_any(i, &["and", "or"])
    };
    let lang_near = doc.hits_in(a.saturating_sub(8), b + 4).any(|h| {
        matches!(h.tag, Tag::Lang(l) if !NEEDS_CONTEXT.contains(&l))
            && (h.b == a
                || h.a == b
                || (h.b + 1 == a && joiner(h.b))
                || (h.a == b + 1 && joiner(b)))
    });
    lang_near
        || (doc.is_any(prev, CUE_BEFORE) && !doc.is_any(prev, &["and", "or"]))
        || (doc.is_any(next, CUE_AFTER) && !doc.is_any(next, &["and", "or"]))
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let mut langs: Vec<String> = Vec::new();
    for h in &doc.hits {
        let Tag::Lang(name) = h.tag else {
            continue;
        };
        if NEEDS_CONTEXT.contains(&name) && !has_context(doc, h.a, h.b) {
            continue;
        }
        // Lowercase "english" in prose is still English; lowercase "polish" is a verb (above).
        if !langs.iter().any(|l| l == name) {
            langs.push(name.to_string());
            out.cite("languages", doc.span(h.a, h.b));
        }
    }
    // Locale tags: "es-MX", "pt_BR", "en-US".
    for i in 0..doc.toks.len().saturating_sub(2) {
        let t = doc.toks[i];
        if t.kind != Kind::Word
            || t.e - t.s != 2
            || !(doc.punct(i + 1, '-') || doc.punct(i + 1, '_'))
        {
            continue;
        }
        let region = doc.orig(i + 2);
        if region.len() == 2
            && doc.is_upper(i + 2)
            && doc.orig(i).chars().all(|c| c.is_ascii_lowercase())
        {
            if let Some(name) = language_name(doc.orig(i)) {
                if !langs.iter().any(|l| l == name) {
                    langs.push(name.to_string());
                    out.cite("languages", doc.span(i, i + 3));
                }
            }
        }
    }
    out.fields.languages = langs;
}

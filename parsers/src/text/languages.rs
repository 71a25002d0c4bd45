//! Languages: human language names and forms ("native Japanese speakers", "Spanish-language",
//! "bilingual Hindi-English", "Brazilian Portuguese", locale tags like "pt-BR"), in order of first
//! mention. Programming languages are not in the lexicon; words that are also ordinary words
//! ("Polish", "Latin") count only next to a language cue.

use crate::lexicon::language_name;
use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
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

/// Chinese language names (written inside runs of characters, so matched as substrings).
const HAN_NAMES: &[(&str, &str)] = &[
    ("英语", "English"),
    ("英文", "English"),
    ("中文", "Chinese"),
    ("汉语", "Chinese"),
    ("普通话", "Chinese"),
    ("粤语", "Cantonese"),
    ("日语", "Japanese"),
    ("韩语", "Korean"),
    ("法语", "French"),
    ("德语", "German"),
    ("西班牙语", "Spanish"),
    ("葡萄牙语", "Portuguese"),
    ("俄语", "Russian"),
    ("阿拉伯语", "Arabic"),
];

/// Words that make a Chinese language name a requirement or the data's language: ability,
/// level, native, fluent, reading/writing, speaking, speech, collection, listening.
const HAN_CUES: &[&str] = &[
    "能力", "水平", "母语", "流利", "读写", "口语", "语音", "采集", "听说", "沟通", "熟练", "精通",
];

/// "具有较强的英语读写能力" (strong English reading and writing), "语言: 中文 + 英语".
fn han_languages(doc: &Doc, out: &mut ParseOutcome, langs: &mut Vec<String>) {
    if doc.text.is_ascii() {
        return;
    }
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        if w.is_ascii() || doc.kind(i) != Some(Kind::Word) {
            continue;
        }
        let labelled = doc.label_of(i) == Some(LabelKey::Languages);
        let cued = labelled
            || HAN_CUES.iter().any(|c| w.contains(c))
            || (i + 1..i + 3).any(|k| HAN_CUES.iter().any(|c| doc.w(k).contains(c)));
        if !cued {
            continue;
        }
        for (han, name) in HAN_NAMES {
            if w.contains(han) && !langs.iter().any(|l| l == name) {
                langs.push((*name).to_string());
                out.cite("languages", doc.span(i, i + 1));
            }
        }
    }
}

/// Not a requirement: the language of the page itself ("This page is in German") or one to
/// learn as a perk ("learning secondary languages: English").
fn incidental(doc: &Doc, a: usize) -> bool {
    let page_language = doc.is(a.wrapping_sub(1), "in")
        && doc.is(a.wrapping_sub(2), "is")
        && doc.is_any(
            a.wrapping_sub(3),
            &[
                "page",
                "post",
                "posting",
                "text",
                "ad",
                "description",
                "website",
                "site",
                "this",
            ],
        );
    let (sa, _) = doc.sentence(a);
    let to_learn = doc.any_word(a.saturating_sub(6).max(sa), a, &["learning", "learn"]);
    page_language || to_learn
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
        // "Nederland" is the country; it only looks like "Nederlands" once plurals are folded.
        if doc.w(h.a) == "nederland" || incidental(doc, h.a) {
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
    han_languages(doc, out, &mut langs);
    out.fields.languages = langs;
}

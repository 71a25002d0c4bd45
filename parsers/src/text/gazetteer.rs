//! The gazetteer: every lexicon phrase (languages, places, people, data, label types, tools,
//! domains) in one map keyed by its first word, matched over the token stream in a single pass
//! with longest-match-wins, so each extractor reads tagged spans instead of rescanning the text.
//! The same lookup gives each word its word classes ([`super::classes`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::enums::{DataType, LabelType};
use crate::lexicon::work::{self, Measure};
use crate::lexicon::{countries, languages, places};

use super::classes::{self, Classes};
use super::token::{Kind, Tok};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tag {
    Lang(&'static str),
    Country(&'static str),
    City(&'static str),
    /// A state or province by full name, and the country it implies.
    Subdiv(&'static str),
    Region,
    Person,
    Data(Measure, Option<DataType>),
    Unit,
    Media(Option<DataType>),
    Label(LabelType, bool),
    DType(DataType),
    Tool(&'static str),
    Domain(&'static str),
    AiCtx,
    GenAi,
}

#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub tag: Tag,
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
}

struct Entry {
    tail: Vec<String>,
    tag: Tag,
}

/// What the map holds for a word: the phrases it starts (keyed by its singular form) and the
/// classes of the word itself (keyed as written).
#[derive(Default)]
struct Lexeme {
    entries: Vec<Entry>,
    classes: Classes,
}

/// The singular form a word is keyed under ("images" → "image", "queries" → "query"). Applied
/// the same way to lexicon phrases and to text, so odd stems ("analysis" → "analysi") still meet.
pub fn singular(word: &str) -> Cow<'_, str> {
    let n = word.len();
    // Every rule below needs a final "s"; most words end otherwise and leave here.
    if n <= 3 || !word.ends_with('s') || !word.is_ascii() {
        return Cow::Borrowed(word);
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return Cow::Owned(format!("{stem}y"));
    }
    for suffix in ["sses", "xes", "ches", "shes", "oes"] {
        if word.ends_with(suffix) {
            return Cow::Borrowed(&word[..n - 2]);
        }
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return Cow::Borrowed(word);
    }
    Cow::Borrowed(&word[..n - 1])
}

/// Splits a lexicon phrase into keyed words the way the tokenizer splits text.
fn phrase_words(phrase: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in phrase.chars() {
        if c.is_alphanumeric() || c == '\'' || c == '.' {
            cur.push(c);
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
        .into_iter()
        .map(|w| singular(w.trim_end_matches('.')).into_owned())
        .collect()
}

/// FNV-1a: the keys are a fixed lexicon and lookups are short words, so a cheap hash wins.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Lexicon = HashMap<String, Lexeme, BuildHasherDefault<Fnv>>;

static MAP: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut map: Lexicon = HashMap::with_capacity_and_hasher(4096, BuildHasherDefault::default());
    let mut add = |phrase: &str, tag: Tag| {
        let mut words = phrase_words(&phrase.to_lowercase());
        if words.is_empty() {
            return;
        }
        let head = words.remove(0);
        let list = &mut map.entry(head).or_default().entries;
        if !list.iter().any(|e| e.tail == words && e.tag == tag) {
            list.push(Entry { tail: words, tag });
        }
    };
    for (name, lang) in languages::name_forms() {
        add(&name, Tag::Lang(lang));
    }
    for (name, code) in countries::name_forms() {
        add(name, Tag::Country(code));
    }
    for (city, code) in places::CITIES {
        add(city, Tag::City(code));
    }
    for (_, name, code) in places::SUBDIVISIONS {
        if !places::AMBIGUOUS_SUBDIVISION_NAMES.contains(&name.to_lowercase().as_str()) {
            add(name, Tag::Subdiv(code));
        }
    }
    for region in places::REGIONS {
        add(region, Tag::Region);
    }
    for noun in work::PERSON_NOUNS {
        add(noun, Tag::Person);
    }
    for (noun, measure, dtype) in work::DATA_NOUNS {
        add(noun, Tag::Data(*measure, *dtype));
    }
    for noun in work::UNIT_NOUNS {
        add(noun, Tag::Unit);
    }
    for (noun, dtype) in work::MEDIA_NOUNS {
        add(noun, Tag::Media(*dtype));
    }
    for (cue, label, strong) in work::LABEL_CUES {
        add(cue, Tag::Label(*label, *strong));
    }
    for (cue, dtype) in work::DTYPE_CUES {
        add(cue, Tag::DType(*dtype));
    }
    for (cue, name) in work::TOOLS {
        add(cue, Tag::Tool(name));
    }
    for (cue, name) in work::DOMAINS {
        add(cue, Tag::Domain(name));
    }
    for cue in work::AI_CONTEXT {
        add(cue, Tag::AiCtx);
    }
    for cue in work::GENAI_CONTEXT {
        add(cue, Tag::GenAi);
    }
    for lexeme in map.values_mut() {
        lexeme
            .entries
            .sort_by_key(|e| std::cmp::Reverse(e.tail.len()));
    }
    for (class, word) in classes::listed() {
        map.entry(word.to_string()).or_default().classes |= class;
    }
    map
});

/// Forces the lexicon map to be built (benchmarks call this so set-up is not timed).
pub fn warm() {
    LazyLock::force(&MAP);
}

/// Hits of one family compete for the same words; different families may overlap.
fn family(tag: Tag) -> u8 {
    match tag {
        Tag::Lang(_) | Tag::Country(_) | Tag::City(_) | Tag::Subdiv(_) | Tag::Region => 0,
        Tag::Person | Tag::Data(..) | Tag::Unit => 1,
        _ => 2,
    }
}

/// Finds every lexicon phrase in the token stream, and the word classes of each token. Hyphens
/// between words are skipped, so "point-cloud" meets "point cloud"; a hit strictly inside a
/// longer one is dropped ("Jersey" inside "New Jersey", "Latin" inside "Latin America").
pub fn scan(text: &str, lower: &str, toks: &[Tok]) -> (Vec<Hit>, Vec<Classes>) {
    let mut hits: Vec<Hit> = Vec::new();
    // Keyed once per token: phrase tails compare against the same words many times.
    let mut keys: Vec<Option<Cow<'_, str>>> = Vec::with_capacity(toks.len());
    let mut lexemes: Vec<Option<&Lexeme>> = Vec::with_capacity(toks.len());
    let mut word_classes: Vec<Classes> = Vec::with_capacity(toks.len());
    for t in toks {
        let (key, lexeme, class) = if t.kind == Kind::Word {
            let as_written = lower.get(t.s..t.e);
            let key = as_written
                .or_else(|| text.get(t.s..t.e))
                .map(|w| singular(w.trim_end_matches('.')));
            let lexeme = key.as_deref().and_then(|k| MAP.get(k));
            // The key is the word with a final dot or plural cut: the word itself unless it
            // is shorter.
            let class = match (as_written, &key) {
                (Some(w), Some(k)) if k.len() == w.len() => {
                    lexeme.map_or(0, |l| l.classes) | classes::script(w)
                }
                (Some(w), _) => MAP.get(w).map_or(0, |l| l.classes) | classes::script(w),
                (None, _) => 0,
            };
            (key, lexeme, class)
        } else {
            (None, None, 0)
        };
        keys.push(key);
        lexemes.push(lexeme);
        word_classes.push(class);
    }
    let key_at = |i: usize| keys.get(i).and_then(Option::as_deref);
    let mut max_end = 0usize;
    for i in 0..toks.len() {
        let Some(head) = key_at(i) else {
            continue;
        };
        let Some(entries) = lexemes
            .get(i)
            .copied()
            .flatten()
            .map(|l| &l.entries)
            .or_else(|| {
                // Only a word the lowercase twin could not cover still holds capitals.
                let may_have_capitals = head.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80);
                if may_have_capitals && head.chars().any(|c| c.is_uppercase()) {
                    MAP.get(&head.to_lowercase()).map(|l| &l.entries)
                } else {
                    None
                }
            })
        else {
            continue;
        };
        let mut best_len = [0usize; 3];
        for entry in entries {
            let mut j = i + 1;
            let mut ok = true;
            for want in &entry.tail {
                if toks
                    .get(j)
                    .is_some_and(|t| t.kind == Kind::Punct && (t.ch == '-' || t.ch == '\''))
                {
                    j += 1;
                }
                match key_at(j) {
                    Some(w) if w == want.as_str() => j += 1,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            let fam = family(entry.tag) as usize;
            if !ok || j - i < best_len[fam] {
                continue;
            }
            best_len[fam] = j - i;
            if j <= max_end
                && hits.iter().rev().take(8).any(|h| {
                    h.a <= i && h.b >= j && h.b - h.a > j - i && family(h.tag) == family(entry.tag)
                })
            {
                continue;
            }
            hits.push(Hit {
                tag: entry.tag,
                a: i,
                b: j,
            });
            max_end = max_end.max(j);
        }
    }
    // Drop hits strictly inside a longer one of the same family that started earlier
    // ("Jersey" in "New Jersey"); a cue inside a noun stays ("voice" in "voice actors").
    let mut keep = vec![true; hits.len()];
    // The furthest end of the hits so far: a hit ending beyond it lies inside none of them.
    let mut furthest = 0;
    for (k, h) in hits.iter().enumerate() {
        let inside_none = h.b > furthest;
        furthest = furthest.max(h.b);
        if inside_none {
            continue;
        }
        for other in hits[k.saturating_sub(8)..k].iter() {
            if other.a <= h.a
                && other.b >= h.b
                && other.b - other.a > h.b - h.a
                && family(other.tag) == family(h.tag)
            {
                keep[k] = false;
            }
        }
    }
    let mut k = 0;
    hits.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    (hits, word_classes)
}

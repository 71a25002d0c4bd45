//! Binding a number to the noun it quantifies: the head of the noun phrase right after it
//! ("5 native German speakers" → speakers, "50,000 dashcam images" → images), stopping at
//! prepositions, verbs and punctuation so a count never leaks to a noun further on.

use super::doc::Doc;
use super::gazetteer::Tag;
use super::numbers::Quant;
use super::token::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

pub fn time_unit(word: &str) -> Option<TimeUnit> {
    Some(match word {
        "minute" | "minutes" | "min" | "mins" => TimeUnit::Minute,
        "hour" | "hours" | "hr" | "hrs" | "h" | "stunde" | "stunden" | "std" | "heure"
        | "heures" | "hora" | "horas" => TimeUnit::Hour,
        "day" | "days" | "d" | "dia" | "dias" | "día" | "días" => TimeUnit::Day,
        "week" | "weeks" | "wk" | "wks" | "w" | "semana" | "semanas" | "woche" | "wochen"
        | "weken" => TimeUnit::Week,
        "month" | "months" | "mo" | "mos" | "mes" | "meses" | "mês" | "monat" | "monate"
        | "monaten" | "maand" | "maanden" => TimeUnit::Month,
        "year" | "years" | "yr" | "yrs" | "annum" | "ano" | "anos" | "año" | "años" | "jahr"
        | "jahre" | "jahren" | "jaar" | "jaren" => TimeUnit::Year,
        _ => return None,
    })
}

/// The noun a quantity binds to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Head {
    /// A lexicon noun (person, data, annotation unit) spanning tokens `[a, b)`.
    Noun { tag: Tag, a: usize, b: usize },
    /// A time unit at token `at`.
    Time { unit: TimeUnit, at: usize },
}

impl Head {
    /// One past the head's last token.
    pub fn end(&self) -> usize {
        match *self {
            Head::Noun { b, .. } => b,
            Head::Time { at, .. } => at + 1,
        }
    }
}

/// Words that end a noun phrase.
pub const STOP: &[&str] = &[
    "per", "each", "every", "on", "in", "for", "with", "to", "at", "from", "by", "and", "or", "of",
    "a", "an", "the", "that", "who", "which", "will", "would", "are", "is", "be", "were", "was",
    "we", "you", "our", "your", "this", "these", "those", "as", "if", "than", "into", "across",
    "within", "over", "under", "need", "needed", "required", "wanted", "should", "must", "can",
    "may", "plus", "but", "so", "only", "via", "using", "about", "like", "such", "who", "whose",
    "where", "while", "during", "after", "before", "until", "through", "do", "does", "have", "has",
    "had", "it", "its", "they", "their", "them", "he", "she", "i", "me",
];

fn is_noun_tag(tag: Tag) -> bool {
    matches!(tag, Tag::Person | Tag::Data(..) | Tag::Unit)
}

/// The head noun after quantity `q` in its clause, skipping up to four modifiers.
pub fn head_after(doc: &Doc, q: &Quant) -> Option<Head> {
    let mut j = q.b;
    let n = doc.toks.len();
    let mut modifiers = 0;
    let mut found: Option<Head> = None;
    while j < n {
        let t = doc.toks[j];
        match t.kind {
            Kind::Word => {}
            Kind::Punct if matches!(t.ch, '-' | '\'') => {
                j += 1;
                continue;
            }
            // "Q&A pairs", "R&D notes": the letters round "&" are one modifier.
            Kind::Punct if t.ch == '&' && doc.orig(j + 1).chars().count() == 1 => {
                j += 2;
                continue;
            }
            _ => break,
        }
        if let Some(unit) = time_unit(doc.w(j)) {
            if found.is_none() {
                return Some(Head::Time { unit, at: j });
            }
            break;
        }
        // A noun may start here or inside a longer phrase that a modifier began ("video clips").
        let noun = doc
            .hits_in(j.saturating_sub(3), j + 1)
            .filter(|h| h.b > j && is_noun_tag(h.tag))
            .max_by_key(|h| (h.b, matches!(h.tag, Tag::Person)))
            .copied()
            .or_else(|| person_by_suffix(doc, j));
        if let Some(h) = noun {
            // "graduate-level", "box-labelled": a noun inside a hyphenated modifier.
            if doc.punct(h.a.wrapping_sub(1), '-')
                && doc.kind(h.b) == Some(Kind::Word)
                && !doc.is_any(h.b, STOP)
            {
                j = h.b;
                modifiers += 1;
                continue;
            }
            found = Some(Head::Noun {
                tag: h.tag,
                a: h.a,
                b: h.b,
            });
            j = h.b;
            // A compound continues only with another noun ("point-cloud sweeps").
            let mut k = j;
            while doc.punct(k, '-') {
                k += 1;
            }
            if doc.hits_at(k).any(|h| is_noun_tag(h.tag)) {
                j = k;
                continue;
            }
            break;
        }
        if found.is_some() || doc.is_any(j, STOP) {
            break;
        }
        modifiers += 1;
        if modifiers > 4 {
            break;
        }
        // Skip the whole hit (a language or place name) as one modifier.
        j = doc
            .hits_at(j)
            .map(|h| h.b)
            .max()
            .unwrap_or(j + 1)
            .max(j + 1);
    }
    found
}

/// The words between a quantity and its head, with the head ("dashcam images").
pub fn phrase(doc: &Doc, q: &Quant, head: &Head) -> String {
    doc.span_text(q.b, head.end()).to_string()
}

/// Whether the clause before `q` says the count is per person or per item ("each records 20
/// photos", "every participant submits 5 clips", "per task").
pub fn per_unit_before(doc: &Doc, q: &Quant) -> bool {
    let (a, _) = doc.sentence(q.a);
    let from = q.a.saturating_sub(5).max(a);
    (from..q.a).any(|i| {
        doc.is_any(i, &["each", "every"])
            && !doc.is(i + 1, "of")
            && !doc.any_word(
                i + 1,
                q.a,
                &[
                    "across", "in", "on", "of", "from", "for", "with", "and", "or",
                ],
            )
    })
}

/// Professions the lexicon lacks, by their ending ("dermatologists", "technicians").
fn person_by_suffix(doc: &Doc, j: usize) -> Option<super::gazetteer::Hit> {
    let w = doc.w(j);
    let person = [
        "ologist",
        "ologists",
        "ician",
        "icians",
        "iatrist",
        "iatrists",
        "ographer",
        "ographers",
    ]
    .iter()
    .any(|s| w.len() > s.len() + 2 && w.ends_with(s));
    person.then_some(super::gazetteer::Hit {
        tag: Tag::Person,
        a: j,
        b: j + 1,
    })
}

/// Whether the head is followed by "per X", "each", "a day", "at a time"… (a rate or a size of
/// one unit, not a total).
pub fn per_unit_after(doc: &Doc, end: usize) -> bool {
    let w = doc.w(end);
    if matches!(w, "each" | "apiece")
        && (doc.kind(end + 1) != Some(Kind::Word) || doc.is_any(end + 1, STOP))
    {
        return true;
    }
    if matches!(w, "per" | "daily" | "weekly" | "monthly") || doc.punct(end, '/') {
        return true;
    }
    if matches!(w, "a" | "an") && time_unit(doc.w(end + 1)).is_some() {
        return true;
    }
    if matches!(w, "in" | "on" | "for" | "from" | "at") && doc.is_any(end + 1, &["each", "every"]) {
        return true;
    }
    false
}

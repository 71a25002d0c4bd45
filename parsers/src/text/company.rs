//! The employer (`companyName`), read only where postings name it: a labelled line, the title
//! line ("<Title> at <Company>", "<Title> | <Company>", "[City - Company] <Title>",
//! "<Company> - Vacancies", "<Company>诚聘"), "At <Company>, we …", "<Company> is hiring" (and
//! its Dutch, German, Spanish, Portuguese and French forms), "a role with <Company>",
//! "About <Company>", a company line under the title that the text names again, or the apply
//! e-mail's domain when the text names it. Every candidate must read as a name — not a role, a
//! place, a heading or a work-arrangement word — or nothing is produced.

use crate::outcome::ParseOutcome;

use super::classes;
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::token::Kind;
mod title_line;

use title_line::{first_line, from_title_line};

use crate::lexicon::employers::{FREE_MAIL, GENERIC, HIRING_VERBS, ORG_SUFFIXES, ROLE_WORDS};

/// A byte range of the text holding a candidate name.
pub(super) type Bytes = (usize, usize);

/// The capitalised name starting at token `i` (before `end`), as a token range: capitalised
/// words, digits, "&"/"and"/"of"/"de" between them, ".ai"-style endings.
pub(super) fn name_at(doc: &Doc, i: usize, end: usize) -> Option<(usize, usize)> {
    let mut j = i;
    let mut last = None;
    while j < end.min(doc.toks.len()) && j < i + 8 {
        // Cheap tests first: this runs at every clause start.
        let capitalised = doc.kind(j) == Some(Kind::Word)
            && doc
                .orig(j)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !doc.has(j, classes::WORK_WORD);
        if capitalised {
            last = Some(j);
            j += 1;
            if doc.punct(j, '.')
                && doc.kind(j + 1) == Some(Kind::Word)
                && !doc.toks[j + 1].space
                && doc.orig(j + 1).len() <= 3
            {
                last = Some(j + 1);
                j += 2;
            }
            continue;
        }
        if last.is_none() || !doc.is_cap(j + 1) {
            break;
        }
        // "Wonen in Vlaanderen" is a name; "Lindner in Munich" is a name and a place.
        let place_next = || {
            doc.hits_at(j + 1).any(|h| {
                matches!(
                    h.tag,
                    Tag::City(_) | Tag::Country(_) | Tag::Region | Tag::Subdiv(_)
                )
            })
        };
        let joiner = doc.punct(j, '&')
            || doc.is_any(j, &["and", "of", "de", "da", "do", "del"])
            || (doc.is(j, "in") && !place_next());
        if joiner {
            j += 1;
            continue;
        }
        break;
    }
    last.map(|l| (i, l + 1))
}

/// Whether tokens `[a, b)` read as an employer's name.
pub(super) fn is_name(doc: &Doc, a: usize, b: usize) -> bool {
    if a >= b {
        return false;
    }
    let text = doc.span_text(a, b);
    let lower = text.to_lowercase();
    let words = (a..b).filter(|&i| doc.kind(i) == Some(Kind::Word)).count();
    if words == 0 || words > 6 || text.chars().count() > 60 || GENERIC.contains(&lower.as_str()) {
        return false;
    }
    if doc.is_any(
        a,
        &["we", "our", "this", "the", "a", "an", "your", "you", "i"],
    ) {
        return false;
    }
    let org = has_org_suffix(doc, b);
    // "Playgrounds Officer", "Senior Data Annotator": a role, not an employer.
    let role = doc.hit_ending_at(b, |t| t == Tag::Person) || doc.is_any(b - 1, ROLE_WORDS);
    let place = doc.hits_in(a, b).any(|h| {
        matches!(
            h.tag,
            Tag::City(_) | Tag::Country(_) | Tag::Region | Tag::Subdiv(_)
        ) && h.a == a
            && h.b == b
    });
    let work_word = (a..b).all(|i| {
        doc.kind(i) != Some(Kind::Word)
            || GENERIC.contains(&doc.w(i))
            || doc.has(i, classes::WORK_WORD)
    });
    org || !(role || place || work_word)
}

pub(super) fn has_org_suffix(doc: &Doc, b: usize) -> bool {
    b > 0 && doc.is_any(b - 1, ORG_SUFFIXES) && doc.is_cap(b - 1)
}

/// The name at `[a, b)` as a byte range, or `None` when it does not read as a name.
pub(super) fn checked(doc: &Doc, a: usize, b: usize) -> Option<Bytes> {
    is_name(doc, a, b).then(|| doc.span(a, b))
}

/// Whether the name at tokens `[a, b)` is written again, as a whole word, elsewhere in the text.
pub(super) fn named_again(doc: &Doc, a: usize, b: usize) -> bool {
    let (s, e) = doc.span(a, b);
    let Some(name) = doc.text.get(s..e) else {
        return false;
    };
    let whole_word = |at: usize| {
        let before = doc.text[..at].chars().next_back();
        let after = doc.text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    doc.text
        .match_indices(name)
        .any(|(at, _)| at != s && whole_word(at))
}

/// Whether token `i` starts a sentence or a line.
fn starts_clause(doc: &Doc, i: usize) -> bool {
    i == 0
        || matches!(doc.kind(i - 1), Some(Kind::Break))
        || doc.line(i - 1) != doc.line(i)
        || (doc.punct(i - 1, '>') || doc.punct(i - 1, '#') || doc.punct(i - 1, '*'))
}

/// "At Lumen, we …", "Lumen is hiring", "Lumen (LL), a logistics firm, is hiring",
/// "a contract role with Lumen", "About Lumen".
fn from_sentences(doc: &Doc) -> Option<Bytes> {
    let n = doc.toks.len().min(3000);
    for i in 0..n {
        let w = doc.w(i);
        if w.is_empty() {
            continue;
        }
        // Every reading below starts a clause, except "a role with Lumen".
        let clause = starts_clause(doc, i);
        if !clause && w != "with" {
            continue;
        }
        // "At Lumen, we're …" / "At Lumen we build …".
        if w == "at" && clause {
            if let Some((na, nb)) = name_at(doc, i + 1, n) {
                let k = if doc.punct(nb, ',') { nb + 1 } else { nb };
                let we = doc.w(k);
                if (we == "we" || we.starts_with("we'") || we.starts_with("we’") || we == "our")
                    && is_name(doc, na, nb)
                {
                    return Some(doc.span(na, nb));
                }
            }
        }
        // "<Name> is hiring", with an optional "(ACR)" and ", an appositive," between.
        if clause && doc.is_cap(i) {
            if let Some((na, nb)) = name_at(doc, i, n) {
                let mut k = nb;
                if doc.punct(k, '(') {
                    if let Some(close) = (k..(k + 6).min(n)).find(|&j| doc.punct(j, ')')) {
                        k = close + 1;
                    }
                }
                if doc.punct(k, ',') {
                    if let Some(close) = (k + 1..(k + 16).min(n)).find(|&j| doc.punct(j, ',')) {
                        k = close + 1;
                    }
                }
                if HIRING_VERBS
                    .iter()
                    .any(|v| doc.w(k) == v[0] && doc.phrase_at(k, v).is_some())
                    && is_name(doc, na, nb)
                {
                    return Some(doc.span(na, nb));
                }
            }
        }
        // "a project-based role with Lumen", "This role is with Lumen".
        if w == "with"
            && (doc.is_any(i.wrapping_sub(1), &["role", "position", "opportunity"])
                || (doc.is(i.wrapping_sub(1), "is")
                    && doc.is_any(i.wrapping_sub(2), &["role", "position", "opportunity"])))
        {
            if let Some((na, nb)) = name_at(doc, i + 1, n) {
                if let Some(bytes) = checked(doc, na, nb) {
                    return Some(bytes);
                }
            }
        }
        // An "About Lumen" heading (also Portuguese, Spanish, German, French, Dutch).
        if clause {
            let after = match w {
                "about" | "über" | "uber" | "over" => Some(i + 1),
                "sobre" => Some(if doc.is_any(i + 1, &["a", "o", "la", "el"]) {
                    i + 2
                } else {
                    i + 1
                }),
                "acerca" | "à" | "a" if doc.is(i + 1, "de") || doc.is(i + 1, "propos") => {
                    Some(if doc.is(i + 1, "propos") {
                        i + 3
                    } else {
                        i + 2
                    })
                }
                _ => None,
            };
            if let Some(s) = after {
                let line_end = (s..n)
                    .find(|&j| doc.line(j) != doc.line(i) || doc.kind(j) == Some(Kind::Break))
                    .unwrap_or(n);
                if let Some((na, nb)) = name_at(doc, s, line_end) {
                    if nb == line_end && line_end - i <= 7 {
                        if let Some(bytes) = checked(doc, na, nb) {
                            return Some(bytes);
                        }
                    }
                }
            }
        }
    }
    None
}

/// Job boards print the employer on its own line under the title ("Sales Agent\nLumen Labs\n"):
/// taken when the text names it again, or the name ends like an organisation's.
fn from_line_under_title(doc: &Doc) -> Option<Bytes> {
    let (_, first_end) = first_line(doc)?;
    let a = (first_end..doc.toks.len()).find(|&i| doc.kind(i) == Some(Kind::Word))?;
    let line = doc.line(a);
    if doc.line_keys.get(line).is_some_and(|k| k.is_some()) {
        return None;
    }
    let mut b = a;
    while b < doc.toks.len() && doc.line(b) == line && doc.kind(b) != Some(Kind::Break) {
        b += 1;
    }
    let (na, nb) = name_at(doc, a, b)?;
    if nb != b || !is_name(doc, na, nb) {
        return None;
    }
    let (s, e) = doc.span(na, nb);
    let name = doc.text.get(s..e)?;
    let named_again = doc.text.get(e..).is_some_and(|rest| rest.contains(name));
    (named_again || has_org_suffix(doc, nb)).then_some((s, e))
}

/// "apply to jobs@lumenlabs.com" and the text says "Lumenlabs" or "LumenLabs" somewhere.
fn from_email_domain(doc: &Doc) -> Option<Bytes> {
    for (i, t) in doc.toks.iter().enumerate() {
        if t.kind != Kind::Email {
            continue;
        }
        let email = doc.orig(i).trim_start_matches("mailto:").to_lowercase();
        let domain = email.split('@').nth(1)?;
        let label = domain.split('.').next()?;
        if label.len() < 3 || FREE_MAIL.contains(&label) {
            continue;
        }
        for (j, u) in doc.toks.iter().enumerate() {
            // The lowercase twin keeps byte offsets, so the length test needs no slicing.
            if u.kind == Kind::Word
                && u.e - u.s == label.len()
                && doc.w(j) == label
                && doc.is_cap(j)
            {
                return Some((u.s, u.e));
            }
        }
    }
    None
}

/// A labelled "Company: Lumen Labs" line.
fn from_label(doc: &Doc) -> Option<Bytes> {
    for (line, key) in doc.line_keys.iter().enumerate() {
        if *key != Some(LabelKey::Company) {
            continue;
        }
        let start = doc.line_value_start.get(line).copied()?;
        let mut end = start;
        while end < doc.toks.len() && doc.line(end) == line && doc.kind(end) != Some(Kind::Break) {
            end += 1;
        }
        // "Lumen Labs (LL)": the name without its abbreviation.
        let end = (start..end).find(|&i| doc.punct(i, '(')).unwrap_or(end);
        let (s, e) = doc.span(start, end);
        let value = doc.text.get(s..e)?.trim().trim_end_matches('.');
        let lower = value.to_lowercase();
        // "Company: a European self-driving startup" describes the employer without naming it.
        let described = lower.starts_with("a ") || lower.starts_with("an ");
        if !value.is_empty()
            && !described
            && value.chars().count() <= 80
            && !GENERIC.contains(&lower.as_str())
        {
            let lead = doc.text.get(s..e)?.len() - doc.text.get(s..e)?.trim_start().len();
            return Some((s + lead, s + lead + value.len()));
        }
    }
    None
}

/// Finds the employer and cites where it was read.
pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let strong = from_label(doc)
        .or_else(|| from_title_line(doc))
        .or_else(|| from_sentences(doc));
    let (bytes, low) = match strong {
        Some(b) => (b, None),
        None => match from_line_under_title(doc) {
            Some(b) => (b, Some("Read from the line under the title.")),
            None => match from_email_domain(doc) {
                Some(b) => (b, Some("The apply e-mail's domain, as the text writes it.")),
                None => return,
            },
        },
    };
    let Some(name) = doc.text.get(bytes.0..bytes.1) else {
        return;
    };
    out.fields.company_name = Some(name.trim().to_string());
    out.cite("companyName", bytes);
    if let Some(reason) = low {
        out.low("companyName", reason);
    }
}

//! The employer as the title line names it: "<Title> at <Company>", "<Title> | <Company>",
//! "[City - Company] <Title>", "<Company> - Vacancies", "<Company> Remote Full-time", an
//! organisation's name alone on the first line, and "<Company>诚聘".

use super::{checked, has_org_suffix, is_name, name_at, named_again, Bytes};
use crate::lexicon::employers::{GENERIC, ORG_PREFIXES};
use crate::text::classes;
use crate::text::doc::Doc;
use crate::text::token::Kind;

/// The tokens of the first line that has words: `[a, b)`.
pub(super) fn first_line(doc: &Doc) -> Option<(usize, usize)> {
    let a = (0..doc.toks.len()).find(|&i| doc.kind(i) == Some(Kind::Word))?;
    let line = doc.line(a);
    let mut b = a;
    while b < doc.toks.len() && doc.line(b) == line {
        b += 1;
    }
    // Drop the line's trailing break.
    while b > a && doc.kind(b - 1) == Some(Kind::Break) {
        b -= 1;
    }
    // A bracketed prefix ("[Remote]") may hold no word before the title: start at the line start.
    let start = (0..a)
        .rev()
        .find(|&i| doc.line(i) != line)
        .map_or(0, |i| i + 1);
    Some((start, b))
}

/// Separators that cut a title line into parts: " | ", " - ", " – ", " · ", " @ ", " / ".
/// (The tokenizer turns "|", "·" and "•" into breaks, so the source character decides.)
fn is_separator(doc: &Doc, i: usize, loose_hyphen: bool) -> bool {
    let Some(t) = doc.toks.get(i) else {
        return false;
    };
    match doc.text.get(t.s..t.e) {
        Some("|" | "·" | "•" | "@" | "–" | "—") => true,
        Some("/") => t.space,
        Some("-") => t.space || loose_hyphen,
        _ => false,
    }
}

/// The company named in the title line.
pub(super) fn from_title_line(doc: &Doc) -> Option<Bytes> {
    let (a, b) = first_line(doc)?;
    // "[HCM - Lumen Mobile] Junior Developer": the last name-like part inside the brackets.
    if doc.punct(a, '[') {
        if let Some(close) = (a + 1..b).find(|&i| doc.punct(i, ']')) {
            let mut best = None;
            let mut parts = 0;
            let mut s = a + 1;
            for k in a + 1..=close {
                if k == close || is_separator(doc, k, true) || doc.punct(k, ',') {
                    if let Some((na, nb)) = name_at(doc, s, k) {
                        if nb == k && is_name(doc, na, nb) && !doc.has(na, classes::WORK_WORD) {
                            best = Some((na, nb));
                        }
                    }
                    parts += 1;
                    s = k + 1;
                }
            }
            // "[Remote]", "[Berlin]" alone are tags; "[Berlin - Lumen]" names the employer.
            if let Some((na, nb)) = best.filter(|_| parts >= 2) {
                return Some(doc.span(na, nb));
            }
        }
    }
    // "Data Engineer at Lumen Labs" / "Data Engineer @ Lumen Labs".
    for i in a..b {
        if (doc.is(i, "at") && doc.is_cap(i + 1)) || doc.punct(i, '@') {
            if let Some((na, nb)) = name_at(doc, i + 1, b) {
                if let Some(bytes) = checked(doc, na, nb) {
                    return Some(bytes);
                }
            }
        }
    }
    // "Java Developer | Lumen | 100 PLN/h", "Riverside Council - Vacancies".
    // Each part with whether a dash opened it ("Title — Subtitle" is as common as
    // "Title — Company", so a dash-led name must be confirmed).
    let mut parts = Vec::new();
    let mut s = a;
    let mut dash_led = false;
    for k in a..=b {
        if k == b || is_separator(doc, k, false) {
            if s < k {
                parts.push((s, k, dash_led));
            }
            dash_led = doc.punct(k, '-');
            s = k + 1;
        }
    }
    if parts.len() >= 2 {
        let whole = |pa: usize, pb: usize| {
            let start = (pa..pb).find(|&i| doc.kind(i) == Some(Kind::Word))?;
            let (na, nb) = name_at(doc, start, pb)?;
            let ends = nb == pb
                || doc.punct(nb, '(')
                || doc.punct(nb, ',')
                || doc.kind(nb) == Some(Kind::Break);
            ends.then_some((na, nb))
        };
        for &(pa, pb, dash) in &parts[1..] {
            if let Some((na, nb)) = whole(pa, pb) {
                let confirmed = !dash || has_org_suffix(doc, nb) || named_again(doc, na, nb);
                if confirmed && is_name(doc, na, nb) {
                    return Some(doc.span(na, nb));
                }
            }
        }
        let rest_generic = parts[1..].iter().all(|&(pa, pb, _)| {
            let t = doc.span_text(pa, pb).trim().to_lowercase();
            GENERIC.contains(&t.as_str())
        });
        let (pa, pb, _) = parts[0];
        if let Some((na, nb)) = whole(pa, pb) {
            if (rest_generic || has_org_suffix(doc, nb)) && is_name(doc, na, nb) {
                return Some(doc.span(na, nb));
            }
        }
    }
    // "Lumen Remote Full-time": a name followed only by work-arrangement words.
    if let Some((na, nb)) = name_at(doc, a, b) {
        let rest_work = nb < b
            && (nb..b).all(|i| {
                doc.kind(i) != Some(Kind::Word)
                    || doc.has(i, classes::WORK_WORD)
                    || doc.is_any(i, &["full", "part", "time"])
            });
        let stops_before_work =
            doc.has(nb, classes::WORK_WORD) || doc.is_any(nb, &["full", "part"]);
        if rest_work && stops_before_work && is_name(doc, na, nb) {
            return Some(doc.span(na, nb));
        }
    }
    // "Riverside Council" / "Secretaría de Bienestar" alone on the first line.
    if let Some((na, nb)) = name_at(doc, a, b) {
        let org = has_org_suffix(doc, nb) || doc.is_any(na, ORG_PREFIXES);
        if nb == b && org && is_name(doc, na, nb) {
            return Some(doc.span(na, nb));
        }
    }
    from_chinese_hiring(doc, a, b)
}

/// "Lumen Labs诚聘 …", "[北京]Lumen公司招聘 …": the Latin name before 诚聘/招聘, without 公司.
fn from_chinese_hiring(doc: &Doc, a: usize, b: usize) -> Option<Bytes> {
    let (start, end) = doc.span(a, b);
    let line = doc.text.get(start..end)?;
    let at = line.find("诚聘").or_else(|| line.find("招聘"))?;
    let mut before = &line[..at];
    before = before.strip_suffix("公司").unwrap_or(before);
    let name_start = before.rfind([']', '】', ' ', '　']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    // Keep words that run together ("Lumen Labs") by stepping back over spaced Latin words.
    let mut from = name_start;
    let mut rest = &before[..name_start];
    while let Some(prev) = rest.trim_end().rsplit(' ').next() {
        let word_ok = !prev.is_empty()
            && prev.chars().all(|c| c.is_ascii_alphanumeric() || c == '&')
            && prev.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        if !word_ok {
            break;
        }
        let trimmed = rest.trim_end();
        from = trimmed.len() - prev.len();
        rest = &trimmed[..from];
    }
    let name = before.get(from..)?.trim();
    let latin = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '&' || c == '.');
    if !latin || !name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let offset = start + from + (before[from..].len() - before[from..].trim_start().len());
    Some((offset, offset + name.len()))
}

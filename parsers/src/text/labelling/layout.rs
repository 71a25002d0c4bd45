//! The layout of a posting: the section of each line by the heading above it, the sentences that
//! name skills rather than work, and what the title says the job is.

use crate::text::doc::Doc;
use crate::text::gazetteer::Tag;
use crate::text::labels::LabelKey;
use crate::text::token::Kind;

use super::*;

/// What a part of the posting is about, by the heading above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sec {
    /// No heading seen, or one that does not tell.
    Neutral,
    /// The role, the duties, the project.
    Task,
    /// Requirements, qualifications, nice-to-haves: skills the candidate brings.
    Skills,
    /// About the company, benefits, how to apply, legal and data-use notices.
    Boiler,
}

/// The section of each line, read from short heading lines ("Key Responsibilities",
/// "Requirements", "About Acme", "What we offer").
pub struct Layout {
    secs: Vec<Sec>,
    /// Whether each sentence (by number) names a skill or a wish, not the work.
    skill: Vec<bool>,
    /// The first line with a word: the title line.
    pub title_line: usize,
    /// The title names a language or translation ("Add Burmese", "Translator").
    pub title_language: bool,
    /// What the title says the job is.
    pub title: TitleKind,
}

impl Layout {
    pub fn new(doc: &Doc) -> Layout {
        let lines = doc.line_keys.len();
        let mut secs = vec![Sec::Neutral; lines];
        let mut title_line = usize::MAX;
        let mut cur = Sec::Neutral;
        let mut i = 0;
        let n = doc.toks.len();
        while i < n {
            let line = doc.line(i);
            let mut end = i;
            while end < n && doc.line(end) == line {
                end += 1;
            }
            let mut first = i;
            while first < end && doc.kind(first) != Some(Kind::Word) {
                first += 1;
            }
            let words = (first..end)
                .filter(|&k| doc.kind(k) == Some(Kind::Word))
                .count();
            if first < end && title_line == usize::MAX {
                title_line = line;
            }
            let mut line_sec = None;
            if first < end && words <= 8 {
                // Headings are looked up by their first word, so ordinary lines cost one probe.
                let fw = doc.w(first);
                let candidates = if head_first_word(fw) {
                    HEADS.get(fw)
                } else {
                    None
                };
                let matches = |want: Sec| {
                    candidates.is_some_and(|list| {
                        list.iter()
                            .any(|(h, s)| *s == want && heading_at(doc, first, end, h))
                    })
                };
                let found = if candidates.is_none() {
                    None
                } else if matches(Sec::Task) {
                    Some(Sec::Task)
                } else if matches(Sec::Skills) {
                    Some(Sec::Skills)
                } else if matches(Sec::Boiler)
                    // "About Acme": the company, unless it is "About the role".
                    || (doc.is(first, "about")
                        && words <= 4
                        && doc.kind(first + 1) == Some(Kind::Word)
                        && line != title_line)
                {
                    Some(Sec::Boiler)
                } else if matches(Sec::Neutral) {
                    Some(Sec::Neutral)
                } else {
                    None
                };
                if let Some(s) = found {
                    // A heading with a long value after its colon labels only its own line.
                    let colon = (first..end).find(|&k| doc.punct(k, ':'));
                    let after = colon
                        .map(|c| {
                            (c..end)
                                .filter(|&k| doc.kind(k) == Some(Kind::Word))
                                .count()
                        })
                        .unwrap_or(0);
                    if after > 3 {
                        line_sec = Some(s);
                    } else {
                        cur = s;
                    }
                }
            } else if first < end && words > 8 {
                // "Requirements: a degree, two years of …" on one line.
                let key = doc.line_keys.get(line).copied().flatten();
                if matches!(key, Some(LabelKey::Experience | LabelKey::Skills)) {
                    line_sec = Some(Sec::Skills);
                }
            }
            if let Some(slot) = secs.get_mut(line) {
                *slot = line_sec.unwrap_or(cur);
            }
            i = end;
        }
        let title_line = if title_line == usize::MAX {
            0
        } else {
            title_line
        };
        let sentences = doc.toks.last().map(|t| t.sent as usize + 1).unwrap_or(0);
        let mut skill = vec![false; sentences];
        for k in 0..n {
            if skill_word(doc, k) {
                if let Some(slot) = skill.get_mut(doc.sent(k) as usize) {
                    *slot = true;
                }
            }
        }
        let mut layout = Layout {
            secs,
            skill,
            title_line,
            title_language: false,
            title: TitleKind::Other,
        };
        let (title, tokens) = title_kind(doc, &layout);
        layout.title = title;
        layout.title_language = doc
            .hits_in(
                tokens.first().copied().unwrap_or(0),
                tokens.last().map_or(0, |t| t + 1),
            )
            .any(|h| tokens.binary_search(&h.a).is_ok() && matches!(h.tag, Tag::Lang(_)))
            || tokens.iter().any(|&k| doc.w(k).starts_with("translat"));
        layout
    }

    /// The sentence holding token `i` names a skill or a wish, not the work.
    pub fn skill_sentence(&self, doc: &Doc, i: usize) -> bool {
        matches!(
            doc.label_of(i),
            Some(LabelKey::Experience | LabelKey::Skills)
        ) || self
            .skill
            .get(doc.sent(i) as usize)
            .copied()
            .unwrap_or(false)
    }

    pub fn sec(&self, doc: &Doc, i: usize) -> Sec {
        self.secs.get(doc.line(i)).copied().unwrap_or(Sec::Neutral)
    }

    /// Token `i` is in a part that describes the work (not skills, not boilerplate).
    pub fn in_work(&self, doc: &Doc, i: usize) -> bool {
        matches!(self.sec(doc, i), Sec::Neutral | Sec::Task) && !self.skill_sentence(doc, i)
    }

    /// Token `i` is on the title line, or on a "Title:" line.
    pub fn in_title(&self, doc: &Doc, i: usize) -> bool {
        doc.line(i) == self.title_line || doc.label_of(i) == Some(LabelKey::Title)
    }
}

/// A word that makes its sentence a skill or a wish, not the work: "experience with",
/// "familiarity with", "knowledge of", "a plus", "preferred", "background in".
fn skill_word(doc: &Doc, k: usize) -> bool {
    match doc.w(k) {
        // "the experience of users" is not a skill; "experience with/in" is.
        "experience" => !doc.is_any(k.wrapping_sub(1), &["user", "customer", "candidate", "the"]),
        "familiarity" | "familiar" | "proficiency" | "proficient" | "preferred" | "desirable"
        | "nice" | "bonus" | "desired" => true,
        // "knowledge of", "background in" — but "apply your expertise to help train AI" is work.
        "knowledge" | "expertise" | "background" => {
            doc.is_any(k + 1, &["in", "of", "with", "on", "using"])
        }
        "plus" => doc.is_any(k.wrapping_sub(1), &["a", "big", "huge", "strong"]),
        _ => false,
    }
}

/// The sentence of token `i` states the company's track record, not this job: "Since 2015 we
/// have answered over 40 million messages", "our annotators have labeled more than 20 million
/// frames since 2018".
pub fn track_record(doc: &Doc, i: usize) -> bool {
    let (a, b) = doc.sentence(i);
    let (a, b) = (a.max(i.saturating_sub(20)), b.min(i + 20));
    let since_year = (a..b).any(|k| {
        doc.is(k, "since")
            && doc.kind(k + 1) == Some(Kind::Num)
            && doc
                .toks
                .get(k + 1)
                .is_some_and(|t| (1900.0..2100.0).contains(&t.num))
    });
    let perfect = doc.any_word(
        i.saturating_sub(6).max(a),
        i,
        &["have", "has", "we've", "they've"],
    ) && doc.any_word(
        i.saturating_sub(3).max(a),
        i,
        &["over", "than", "nearly", "almost"],
    );
    since_year || perfect
}

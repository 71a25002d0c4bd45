//! Headcount: a count bound to a person noun ("5 native German speakers", "Three annotators",
//! "a team of 12", "Annotators (x20)", "Openings: 4"), never a count of data or of things drawn.

use crate::outcome::ParseOutcome;

use super::bind::{self, Head};
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::numbers::Quant;
use super::token::Kind;

struct Candidate {
    value: i64,
    noun: String,
    at: usize,
    range: bool,
}

fn usable(q: &Quant) -> bool {
    !q.is_money() && !q.percent && !q.compound && q.lo >= 1.0 && q.hi < 1_000_000.0
}

/// Words before a count that make it the size of a company, community or platform.
fn is_organisation_size(doc: &Doc, q: &Quant) -> bool {
    let (mut start, _) = doc.sentence(q.a);
    if doc.label_of(q.a).is_some() {
        start = start.max(
            doc.line_value_start
                .get(doc.line(q.a))
                .copied()
                .unwrap_or(0),
        );
    }
    doc.any_word(
        q.a.saturating_sub(4).max(start),
        q.a,
        &[
            "our",
            "join",
            "community",
            "network",
            "platform",
            "trusted",
            "employs",
            "employ",
            "serving",
            "serve",
            "served",
            "worldwide",
            "millions",
            "thousands",
            "already",
        ],
    ) || doc.any_word(
        q.a.saturating_sub(7).max(start),
        q.a,
        &["paid", "helped", "onboarded"],
    )
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let mut found: Vec<Candidate> = Vec::new();
    for q in doc.quants.iter().filter(|q| usable(q)) {
        if q.lo.fract() != 0.0 || q.hi.fract() != 0.0 {
            continue;
        }
        let value = q.hi as i64;
        let before = doc.w(q.a.wrapping_sub(1));
        let before2 = doc.w(q.a.wrapping_sub(2));
        // "a team of 12", "group of 8 raters".
        if before == "of"
            && matches!(
                before2,
                "team" | "group" | "squad" | "panel" | "crew" | "pool" | "cohort"
            )
            && !is_organisation_size(doc, q)
            && !doc.any_word(
                q.a.saturating_sub(6),
                q.a,
                &[
                    "our",
                    "join",
                    "existing",
                    "we're",
                    "we",
                    "are",
                    "currently",
                    "now",
                ],
            )
        {
            found.push(Candidate {
                value,
                noun: format!("{before2} of {value}"),
                at: q.a,
                range: q.range,
            });
            continue;
        }
        // "Annotators (x20)".
        if doc.punct(q.a.wrapping_sub(1), '×') {
            let k = q.a.saturating_sub(2);
            let k = if doc.punct(k, '(') {
                k.saturating_sub(1)
            } else {
                k
            };
            if doc.hit_ending_at(k + 1, |t| t == Tag::Person) {
                found.push(Candidate {
                    value,
                    noun: doc.orig(k).to_string(),
                    at: q.a,
                    range: false,
                });
            }
            continue;
        }
        // "Openings: 4", "Headcount: 12".
        if doc.label_of(q.a) == Some(LabelKey::Headcount)
            && doc.line_value_start.get(doc.line(q.a)) == Some(&q.a)
        {
            found.push(Candidate {
                value,
                noun: "headcount".into(),
                at: q.a,
                range: q.range,
            });
            continue;
        }
        let Some(Head::Noun {
            tag: Tag::Person,
            a,
            b,
        }) = bind::head_after(doc, q)
        else {
            continue;
        };
        if (matches!(before, "of" | "with" | "by") || (before == "between" && !q.range))
            && !matches!(before2, "hiring" | "need")
        {
            // "photos of 3 people", "conversations between 2 speakers".
            continue;
        }
        if is_organisation_size(doc, q) || bind::per_unit_after(doc, b) {
            continue;
        }
        found.push(Candidate {
            value,
            noun: doc.span_text(a, b).to_string(),
            at: q.a,
            range: q.range,
        });
    }
    let Some(first) = found.first() else {
        return;
    };
    let mut value = first.value;
    let distinct: Vec<&Candidate> = found.iter().filter(|c| c.value != first.value).collect();
    if first.range {
        out.low(
            "headcount",
            format!("Stated as a range; used the upper figure {value}."),
        );
    }
    let same_sentence_joined = found.len() > 1
        && found.iter().all(|c| doc.sent(c.at) == doc.sent(first.at))
        && found.windows(2).all(|w| w[0].noun != w[1].noun);
    if !distinct.is_empty() || same_sentence_joined {
        // "10 annotators and 2 reviewers" in one sentence: both are hires.
        let same_sentence: Vec<&Candidate> = found
            .iter()
            .filter(|c| doc.sent(c.at) == doc.sent(first.at))
            .collect();
        let joined = same_sentence.len() == found.len()
            && same_sentence.len() > 1
            && same_sentence.windows(2).all(|w| {
                w[0].noun != w[1].noun
                    && doc.any_word(w[0].at, w[1].at, &["and", "plus"])
                    && !doc.toks[w[0].at..w[1].at]
                        .iter()
                        .any(|t| t.kind == Kind::Break)
            });
        if joined {
            value = same_sentence.iter().map(|c| c.value).sum();
            let parts: Vec<String> = same_sentence
                .iter()
                .map(|c| format!("{} {}", c.value, c.noun))
                .collect();
            out.low(
                "headcount",
                format!("Added the counts {}.", parts.join(" and ")),
            );
        } else {
            out.warn(format!(
                "The text states several headcounts ({} {} and {} {}); used the first.",
                first.value, first.noun, distinct[0].value, distinct[0].noun
            ));
            out.low(
                "headcount",
                format!(
                    "Several headcounts stated ({} and {}); picked the first.",
                    first.value, distinct[0].value
                ),
            );
        }
    }
    out.fields.headcount = Some(value);
}

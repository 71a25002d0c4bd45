//! Workplace (`locationType`): remote, hybrid or on-site, from English words and the common
//! Portuguese, Spanish, German, Dutch and Chinese ones; on-site and remote cues in one sentence
//! ("on site in Stuttgart, some days from home") read as hybrid.

use crate::enums::LocationType;
use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::token::Kind;

/// "hybrid model", "hybrid cloud": not a work arrangement.
const HYBRID_OTHER_SENSES: &[&str] = &[
    "model",
    "models",
    "cloud",
    "car",
    "cars",
    "vehicle",
    "vehicles",
    "approach",
    "architecture",
];

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let mut remote = None;
    let mut hybrid = None;
    let mut onsite = None;
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        if w.is_empty() {
            continue;
        }
        match w {
            "remote" | "remotely" | "wfh" | "remote-first" => {
                let negated = doc.is_any(i.wrapping_sub(1), &["not", "no", "non"])
                    || doc.phrase_at(i.wrapping_sub(2), &["not", "a"]).is_some();
                let other_sense = doc.is_any(
                    i + 1,
                    &[
                        "sensing",
                        "control",
                        "controls",
                        "desktop",
                        "access",
                        "monitoring",
                        "patient",
                        "server",
                        "repository",
                        "branch",
                    ],
                );
                if negated {
                    onsite.get_or_insert(i);
                } else if !other_sense {
                    remote.get_or_insert(i);
                }
            }
            "work"
                if doc.phrase_at(i, &["work", "from", "home"]).is_some()
                    || doc.phrase_at(i, &["work", "from", "anywhere"]).is_some() =>
            {
                remote.get_or_insert(i);
            }
            "telecommute" | "telecommuting" | "home-based" => {
                remote.get_or_insert(i);
            }
            "hybrid" if !doc.is_any(i + 1, HYBRID_OTHER_SENSES) || doc.label_of(i).is_some() => {
                hybrid.get_or_insert(i);
            }
            "onsite" | "on-site" | "in-person" | "in-office" | "office-based" => {
                onsite.get_or_insert(i);
            }
            "on" if doc.phrase_at(i, &["on", "site"]).is_some()
                && !doc.is(i.wrapping_sub(1), "stay") =>
            {
                onsite.get_or_insert(i);
            }
            "in" if doc.phrase_at(i, &["in", "person"]).is_some()
                || doc.phrase_at(i, &["in", "office"]).is_some()
                || doc.phrase_at(i, &["in", "the", "office"]).is_some() =>
            {
                // "2 days in office" is hybrid.
                let days_before = doc.toks[..i]
                    .iter()
                    .rev()
                    .take(6)
                    .any(|t| t.kind == Kind::Num)
                    && doc.any_word(i.saturating_sub(5), i, &["days", "day"]);
                if days_before {
                    hybrid.get_or_insert(i);
                } else {
                    onsite.get_or_insert(i);
                }
            }
            _ => {}
        }
    }
    let t = if let Some(h) = hybrid {
        Some((LocationType::Hybrid, h))
    } else {
        match (remote, onsite) {
            (Some(r), Some(o)) => {
                out.low(
                    "locationType",
                    "The text mentions both remote and on-site work; picked the first stated.",
                );
                Some(if r < o {
                    (LocationType::Remote, r)
                } else {
                    (LocationType::Onsite, o)
                })
            }
            (Some(r), None) => Some((LocationType::Remote, r)),
            (None, Some(o)) => Some((LocationType::Onsite, o)),
            (None, None) => None,
        }
    };
    if let Some((_, i)) = t {
        out.cite("locationType", doc.span(i, i + 1));
    }
    out.fields.location_type = t.map(|(t, _)| t);
}

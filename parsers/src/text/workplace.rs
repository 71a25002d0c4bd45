//! Workplace (`locationType`): remote, hybrid or on-site, from English words and the common
//! Portuguese, Spanish, German, Dutch and Chinese ones; on-site and remote cues in one sentence
//! ("on site in Stuttgart, some days from home") read as hybrid.

use crate::enums::LocationType;
use crate::outcome::ParseOutcome;

use super::classes;
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

/// Every ASCII word the workplace pass acts on (its gate class, [`classes::WORKPLACE_CUE`]); a
/// word added to a `match` in [`extract`] or [`is_cue_again`] must be added here too.
pub(super) const CUE_WORDS: &[&str] = &[
    "remoto",
    "remota",
    "teletrabalho",
    "teletrabajo",
    "homeoffice",
    "home-office",
    "presencial",
    "presencialmente",
    "non-hybrid",
    "from",
    "thuis",
    "kantoor",
    "vor",
    "work",
    "place",
    "remote",
    "remotely",
    "wfh",
    "remote-first",
    "telecommute",
    "telecommuting",
    "home-based",
    "hybrid",
    "onsite",
    "on-site",
    "in-person",
    "in-office",
    "office-based",
    "on",
    "in",
];

/// Whether token `i` repeats a remote (or on-site) cue already seen, so later mentions count
/// for the same-sentence test.
fn is_cue_again(doc: &Doc, i: usize, w: &str, remote: bool) -> bool {
    if remote {
        matches!(
            w,
            "remote" | "remotely" | "wfh" | "remoto" | "remota" | "homeoffice" | "home-office"
        ) || (w == "from" && doc.is(i + 1, "home"))
            || (w == "thuis" && doc.is(i.wrapping_sub(1), "van"))
    } else {
        matches!(w, "onsite" | "on-site" | "in-person" | "presencial")
            || (w == "kantoor" && doc.is(i.wrapping_sub(1), "op"))
            || (w == "vor" && doc.is(i + 1, "ort"))
    }
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let mut remote = None;
    let mut hybrid = None;
    let mut onsite = None;
    let mut remote_at = Vec::new();
    let mut onsite_at = Vec::new();
    // Only the Chinese cues below are read outside the gate class.
    for i in doc.words_in(classes::WORKPLACE_CUE | classes::NON_ASCII) {
        let w = doc.w(i);
        let (r0, o0) = (remote, onsite);
        match w {
            // "是否远程：否" (remote? no), a Chinese job-board template.
            "是否远程" => match doc.w(i + 2) {
                "是" => {
                    remote.get_or_insert(i);
                }
                "否" => {
                    onsite.get_or_insert(i);
                }
                _ => {}
            },
            _ if !w.is_ascii() && w.contains("远程") => {
                remote.get_or_insert(i);
            }
            "坐班" => {
                onsite.get_or_insert(i);
            }
            "remoto" | "remota" | "teletrabalho" | "teletrabajo" | "homeoffice" | "home-office" => {
                remote.get_or_insert(i);
            }
            "presencial" | "presencialmente" | "non-hybrid" => {
                onsite.get_or_insert(i);
            }
            "from" if doc.is(i + 1, "home") && !doc.is(i.wrapping_sub(1), "away") => {
                remote.get_or_insert(i);
            }
            "thuis" if doc.is(i.wrapping_sub(1), "van") => {
                remote.get_or_insert(i);
            }
            "kantoor" if doc.is(i.wrapping_sub(1), "op") => {
                onsite.get_or_insert(i);
            }
            "vor" if doc.is(i + 1, "ort") => {
                onsite.get_or_insert(i);
            }
            "work" if doc.phrase_at(i, &["work", "from", "office"]).is_some() => {
                onsite.get_or_insert(i);
            }
            // "The study will take place at 12 Harbour Drive".
            "place"
                if doc.is_any(i.wrapping_sub(1), &["take", "takes"])
                    && doc.is_any(i + 1, &["at", "in"])
                    && (doc.is_cap(i + 2)
                        || doc.kind(i + 2) == Some(Kind::Num)
                        || (doc.is(i + 2, "the") && doc.is_cap(i + 3))) =>
            {
                onsite.get_or_insert(i);
            }
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
            // "non-hybrid at the moment": on site.
            "hybrid" if doc.punct(i.wrapping_sub(1), '-') && doc.is(i.wrapping_sub(2), "non") => {
                onsite.get_or_insert(i);
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
        // Every cue, not only the first, for the same-sentence test below.
        if remote != r0 || (r0.is_some() && is_cue_again(doc, i, w, true)) {
            remote_at.push(i);
        }
        if onsite != o0 || (o0.is_some() && is_cue_again(doc, i, w, false)) {
            onsite_at.push(i);
        }
    }
    // "On site in Stuttgart, some days from home": both in one sentence is a hybrid workplace.
    if hybrid.is_none() {
        let together = remote_at.iter().find_map(|&r| {
            onsite_at
                .iter()
                .find(|&&o| doc.sent(o) == doc.sent(r) && o.abs_diff(r) <= 20)
                .map(|&o| r.min(o))
        });
        if let Some(at) = together {
            hybrid = Some(at);
            out.low(
                "locationType",
                "On-site and remote work are named in one sentence; read as hybrid.",
            );
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

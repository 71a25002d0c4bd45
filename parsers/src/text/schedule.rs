//! Schedule: hours per week ("20 hours per week", "10 hrs/week", "15 hours a week") and project
//! duration ("six weeks", "for 8 weeks", "3-month engagement" → 13 weeks), never a length of
//! experience, an age, a notice period or a pay cycle.

use crate::outcome::ParseOutcome;

use super::bind::{time_unit, TimeUnit};
use super::doc::Doc;
use super::labels::LabelKey;
use super::numbers::Quant;

/// The time unit right after a quantity, skipping a hyphen ("3-month"); returns (unit, index).
fn unit_after(doc: &Doc, q: &Quant) -> Option<(TimeUnit, usize)> {
    let mut j = q.b;
    if doc.punct(j, '-') {
        j += 1;
    }
    time_unit(doc.w(j)).map(|u| (u, j))
}

/// "per week", "a week", "/week", "/wk", "weekly", "each week".
fn per_week_at(doc: &Doc, j: usize) -> bool {
    let week = |k: usize| matches!(time_unit(doc.w(k)), Some(TimeUnit::Week));
    if doc.punct(j, '/') {
        return week(j + 1);
    }
    match doc.w(j) {
        "per" | "a" | "each" | "every" | "an" | "por" | "pro" | "par" | "à" => week(j + 1),
        "weekly" => true,
        // "15 hours of work per week", "15 hours of rating per week".
        "of" => {
            (doc.is(j + 2, "per") && week(j + 3))
                || (doc.is(j + 3, "per") && week(j + 4) && !doc.punct(j + 2, ','))
        }
        _ => false,
    }
}

fn hours_per_week(doc: &Doc, out: &mut ParseOutcome) {
    for q in doc.quants.iter().filter(|q| !q.is_money() && !q.percent) {
        let (unit, at) = match unit_after(doc, q) {
            Some(u) => u,
            None if doc.label_of(q.a) == Some(LabelKey::Hours) && per_week_at(doc, q.b) => {
                (TimeUnit::Hour, q.b.saturating_sub(1))
            }
            None => continue,
        };
        if unit != TimeUnit::Hour {
            continue;
        }
        // "40-hour week", "20 hours per week", "10 hrs/week".
        let compound_week = doc.punct(q.b, '-')
            && (matches!(time_unit(doc.w(at + 1)), Some(TimeUnit::Week))
                || doc.is_any(at + 1, &["workweek", "work-week"])
                || (doc.is(at + 1, "work") && doc.is(at + 2, "week")));
        let weekly = per_week_at(doc, at + 1)
            || compound_week
            || (doc.label_of(q.a) == Some(LabelKey::Hours) && !per_day(doc, at + 1));
        if !weekly {
            continue;
        }
        let value = q.lo;
        if value <= 0.0 || value > 168.0 {
            continue;
        }
        out.fields.hours_per_week = Some(value);
        out.cite("hoursPerWeek", doc.span(q.a, (at + 1).max(q.b)));
        if q.range {
            out.low(
                "hoursPerWeek",
                format!(
                    "Stated as a range {}–{}; used the lower figure.",
                    q.lo, q.hi
                ),
            );
        } else if q.up_to {
            out.low("hoursPerWeek", "Stated as a maximum (\"up to\").");
        }
        return;
    }
}

fn per_day(doc: &Doc, j: usize) -> bool {
    matches!(doc.w(j), "per" | "a" | "each")
        && matches!(time_unit(doc.w(j + 1)), Some(TimeUnit::Day))
        || doc.is(j, "daily")
}

const BEFORE_CUES: &[&str] = &[
    "for",
    "over",
    "runs",
    "run",
    "lasts",
    "dura",
    "durará",
    "dauert",
    "duurt",
    "last",
    "lasting",
    "duration",
    "length",
    "spanning",
    "spans",
    "span",
    "takes",
    "about",
    "approximately",
    "roughly",
    "around",
    "through",
    "during",
    "term",
    "timeline",
    "project",
    "engagement",
    "contract",
    "estimated",
    "expected",
    "within",
];
/// Verbs of keeping or waiting: a period after them is not the project's length.
const HOLD_VERBS: &[&str] = &[
    "reserve",
    "reserves",
    "reserved",
    "hold",
    "holds",
    "held",
    "valid",
    "kept",
    "keep",
    "stored",
    "store",
    "retain",
    "retained",
    "suspended",
    "banned",
    "locked",
    "wait",
    "waiting",
    "expires",
    "expire",
];

const AFTER_CUES: &[&str] = &[
    "project",
    "engagement",
    "contract",
    "assignment",
    "program",
    "programme",
    "long",
    "duration",
    "term",
    "sprint",
    "pilot",
    "gig",
    "role",
    "position",
    "job",
    "internship",
    "placement",
    "commitment",
    "initiative",
    "study",
    "effort",
    "period",
    "campaign",
];
const EXCLUDE: &[&str] = &[
    // "hear back within one week", "after 1 week another person may …".
    "within",
    "after",
    "experience",
    "ago",
    "notice",
    "old",
    "age",
    "aged",
    "older",
    "every",
    "after",
    "first",
    "probation",
    "probationary",
    "warranty",
    "trial",
    "past",
    "previous",
    "prior",
    "training",
    "onboarding",
    "vacation",
    "leave",
    "pto",
];

fn duration(doc: &Doc, out: &mut ParseOutcome) {
    let mut found: Vec<(f64, (usize, usize))> = Vec::new();
    for q in doc
        .quants
        .iter()
        .filter(|q| !q.is_money() && !q.percent && q.lo > 0.0)
    {
        let Some((unit, at)) = unit_after(doc, q) else {
            continue;
        };
        let weeks = match unit {
            TimeUnit::Week => q.hi,
            TimeUnit::Month => (q.hi * 52.0 / 12.0).round(),
            TimeUnit::Year => q.hi * 52.0,
            _ => continue,
        };
        let (sa, sb) = doc.sentence(q.a);
        let before_from = q.a.saturating_sub(4).max(sa);
        let after = at + 1;
        // A rate or frequency ("2 days per week", "3 months per year") is not a duration.
        if matches!(doc.w(after), "per" | "a" | "each") || doc.punct(after, '/') {
            continue;
        }
        let the_last = doc.is(q.a.wrapping_sub(1), "last") && doc.is(q.a.wrapping_sub(2), "the");
        if the_last
            || doc.any_word(before_from, q.a, EXCLUDE)
            || doc.any_word(
                after,
                (after + 4).min(sb),
                &["experience", "ago", "notice", "old", "of", "age"],
            ) && !doc.any_word(
                after,
                (after + 3).min(sb),
                &["work", "project", "engagement", "contract"],
            )
        {
            continue;
        }
        // "reserve the bounty for 1 week", "the link is valid for 2 weeks": how long something
        // else holds, not the work.
        let held = doc.any_word(q.a.saturating_sub(7).max(sa), q.a, HOLD_VERBS);
        let cue_before = (doc.any_word(before_from, q.a, BEFORE_CUES) || q.approx) && !held;
        // "during the 3 months": a period named before, not the project's length.
        if doc.is(q.a.wrapping_sub(1), "the") && !doc.is_any(after, AFTER_CUES) {
            continue;
        }
        let cue_after = doc.is_any(after, AFTER_CUES)
            || (doc.is_any(
                after,
                &[
                    "full-time",
                    "part-time",
                    "remote",
                    "paid",
                    "freelance",
                    "contract",
                ],
            ) && doc.is_any(after + 1, AFTER_CUES));
        let labelled = doc.label_of(q.a) == Some(LabelKey::Duration);
        // "6 weeks, 15-20h per week": a bare duration standing as its own list item.
        let bare = (q.a == sa
            || doc.punct(q.a.wrapping_sub(1), '(')
            || doc.punct(q.a.wrapping_sub(1), ',')
            || doc.punct(q.a.wrapping_sub(1), ':'))
            && (after >= sb
                || doc.punct(after, ',')
                || doc.punct(after, ')')
                || doc.punct(after, ';'))
            && matches!(unit, TimeUnit::Week | TimeUnit::Month)
            && doc.label_of(q.a).is_none_or(|k| k == LabelKey::Duration);
        let labelled = labelled || bare;
        if !(cue_before || cue_after || labelled) {
            continue;
        }
        if weeks > 0.0 && weeks <= 520.0 {
            found.push((weeks, (q.a, at + 1)));
        }
    }
    let Some(&(weeks, at)) = found.first() else {
        return;
    };
    out.fields.project_duration_weeks = Some(weeks);
    out.cite("projectDurationWeeks", doc.span(at.0, at.1));
    if let Some(&(other, _)) = found.iter().find(|(w, _)| (*w - weeks).abs() > 0.5) {
        out.warn(format!(
            "The text states two project durations ({weeks} and {other} weeks); used the first."
        ));
        out.low(
            "projectDurationWeeks",
            "Two durations stated; picked the first.",
        );
    }
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    hours_per_week(doc, out);
    duration(doc, out);
}

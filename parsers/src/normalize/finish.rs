//! The finishing step every structured format shares: the description text pass that fills
//! missing fields, then the documented defaults.

use super::employment::level_from_years;
use super::INFERRED;
use crate::enums::LocationType;
use crate::outcome::{Evidence, ParseOutcome};

thread_local! {
    /// Whether [`fill_from_description`] runs the text extractor (see [`without_text_pass`]).
    static TEXT_PASS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Runs `f` with the description text pass switched off on this thread, so a benchmark can time
/// the structured mapping alone. Outcomes produced inside lack every inferred field: this is a
/// measuring aid, not a parsing mode.
#[doc(hidden)]
pub fn without_text_pass<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            TEXT_PASS.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(TEXT_PASS.with(|c| c.replace(false)));
    f()
}

/// The shared finishing step (DESIGN §2): run the text extractor over the description and fill
/// every field the format did not carry, each marked low confidence.
pub fn fill_from_description(out: &mut ParseOutcome, description: &str, max_chars: usize) {
    if !TEXT_PASS.with(std::cell::Cell::get) {
        return;
    }
    fill_from_text(out, crate::text::html_to_text(description), max_chars);
}

/// [`fill_from_description`] over the outcome's own `jobDescription`, when it has one.
pub fn fill_from_own_description(out: &mut ParseOutcome, max_chars: usize) {
    if !TEXT_PASS.with(std::cell::Cell::get) {
        return;
    }
    let Some(description) = out.fields.job_description.as_deref() else {
        return;
    };
    let text = crate::text::html_to_text(description);
    fill_from_text(out, text, max_chars);
}

/// The text pass over a description already turned into text: extraction runs only when the
/// text has words and some field is still missing.
fn fill_from_text(out: &mut ParseOutcome, text: String, max_chars: usize) {
    let text = if text.chars().count() > max_chars {
        out.warn(format!(
            "only the first {max_chars} characters of the description were read for missing fields"
        ));
        text.chars().take(max_chars).collect()
    } else {
        text
    };
    if text.trim().is_empty() || out.fields.count() >= crate::FIELD_KEYS.len() {
        return;
    }
    let inferred = crate::text::extract(&text);
    for key in out.fields.fill_from(&inferred.fields) {
        out.low(&key, INFERRED);
        out.evidence
            .extend(inferred.evidence.iter().filter(|e| e.path == key).cloned());
    }
    // Quotes of inferred values point into the description as the text pass read it.
    out.source_text = inferred.source_text;
}

/// After the text fill: yearsExperience implies a level (low confidence) when none is known; the
/// level is cited where the years were read.
pub fn level_default(out: &mut ParseOutcome) {
    if out.fields.experience_level.is_none() {
        if let Some(level) = out.fields.years_experience.and_then(level_from_years) {
            out.fields.experience_level = Some(level);
            out.low(
                "experienceLevel",
                format!(
                    "inferred from {} years of experience",
                    out.fields.years_experience.unwrap_or_default()
                ),
            );
            let from_years: Vec<_> = out
                .evidence
                .iter()
                .filter(|e| e.path == "yearsExperience")
                .map(|e| Evidence {
                    path: "experienceLevel".to_string(),
                    ..e.clone()
                })
                .collect();
            out.uncite("experienceLevel");
            out.evidence.extend(from_years);
        }
    }
}

/// After the text fill: a job with a physical address and no remote/hybrid statement is taken
/// as on-site (low confidence). Returns whether it was, so the caller cites the address (its
/// path is only built then).
pub fn onsite_default(out: &mut ParseOutcome, has_address: bool) -> bool {
    if out.fields.location_type.is_none() && has_address {
        out.fields.location_type = Some(LocationType::Onsite);
        out.low(
            "locationType",
            "no remote or hybrid statement; assumed on-site at the given address",
        );
        out.uncite("locationType");
        return true;
    }
    false
}

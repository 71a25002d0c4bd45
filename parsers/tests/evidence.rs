//! Evidence over the whole golden corpus (DESIGN.md §10): every value a parser produced is cited,
//! and every quote is exactly the source text at its character offsets.

mod common;

use common::{case_name, cases, input_file};
use jobdraft_parsers::{parse, Format, Input, Limits, ParseOutcome};

/// Everything wrong with one outcome's evidence.
fn problems(outcome: &ParseOutcome) -> Vec<String> {
    let mut problems = Vec::new();
    let text: Vec<char> = outcome
        .source_text
        .as_deref()
        .unwrap_or_default()
        .chars()
        .collect();
    for e in &outcome.evidence {
        match (e.start, e.end, &e.quote, &e.source) {
            (Some(s), Some(end), Some(quote), None) => {
                let at: String = text
                    .get(s..end)
                    .map(|c| c.iter().collect())
                    .unwrap_or_default();
                if &at != quote {
                    problems.push(format!(
                        "{}: quote {quote:?} but the text at {s}..{end} is {at:?}",
                        e.path
                    ));
                }
            }
            (None, None, None, Some(source)) if !source.is_empty() => {}
            _ => problems.push(format!("{}: malformed evidence {e:?}", e.path)),
        }
    }
    for key in outcome.fields.to_map().keys() {
        // The description is the input itself; everything else was read from somewhere in it.
        if key != "jobDescription" && !outcome.evidence.iter().any(|e| &e.path == key) {
            problems.push(format!("{key}: produced without evidence"));
        }
    }
    problems
}

/// Parses every golden case of `formats` with `parse_case` and reports each case whose outcome
/// has problems; returns how many cases were checked and the failures.
fn check_golden(
    formats: &[Format],
    parse_case: impl Fn(Format, &str) -> Option<ParseOutcome>,
    check: impl Fn(&ParseOutcome) -> Vec<String>,
) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut checked = 0;
    for format in formats {
        for case in cases(*format) {
            let Some(input) = input_file(&case).and_then(|p| std::fs::read_to_string(p).ok())
            else {
                continue;
            };
            let Some(outcome) = parse_case(*format, &input) else {
                continue;
            };
            checked += 1;
            let found = check(&outcome);
            if !found.is_empty() {
                failures.push(format!(
                    "{}:\n    {}",
                    case_name(*format, &case),
                    found.join("\n    ")
                ));
            }
        }
    }
    (checked, failures)
}

#[test]
fn every_parsed_value_is_cited_and_every_quote_is_the_text_at_its_offsets() {
    let (checked, failures) = check_golden(
        Format::ALL,
        |format, input| parse(format, Input::Text(input), &Limits::default()).ok(),
        problems,
    );
    assert!(checked > 100, "only {checked} golden cases found");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The structured mappings on their own (the description text pass switched off): every field a
/// schema.org, Indeed, HR-XML or canonical mapping sets is cited with a source in the document.
#[test]
fn every_field_a_structured_mapping_sets_is_cited_with_its_source() {
    let structured: Vec<Format> = Format::ALL
        .iter()
        .copied()
        .filter(|f| *f != Format::Text)
        .collect();
    let (checked, failures) = check_golden(
        &structured,
        |format, input| {
            jobdraft_parsers::normalize::without_text_pass(|| {
                parse(format, Input::Text(input), &Limits::default())
            })
            .ok()
        },
        |outcome| {
            let mut found = problems(outcome);
            found.extend(
                outcome
                    .evidence
                    .iter()
                    .filter(|e| e.source.as_deref().is_some_and(|s| !s.starts_with('/')))
                    .map(|e| format!("{}: source {:?} is not a path", e.path, e.source)),
            );
            found
        },
    );
    assert!(checked > 50, "only {checked} structured cases found");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Damaged structured documents (cut short, elements and keys repeated, values swapped for
/// arrays) never panic, and whatever they yield is cited with well-formed paths.
#[test]
fn damaged_structured_documents_keep_their_evidence_well_formed() {
    let mut failures = Vec::new();
    for format in Format::ALL.iter().filter(|f| **f != Format::Text) {
        for case in cases(*format) {
            let Some(input) = input_file(&case).and_then(|p| std::fs::read_to_string(p).ok())
            else {
                continue;
            };
            let cuts = (1..12).filter_map(|i| {
                let mut at = input.len() * i / 12;
                while !input.is_char_boundary(at) {
                    at -= 1;
                }
                input.get(..at).map(str::to_string)
            });
            let twisted = [
                input.replace("</job>", "</job><job><title>x</title></job>"),
                input
                    .replace("\": \"", "\": [\"")
                    .replace("\",\n", "\"],\n"),
                input
                    .replace("<Address>", "<Address><Address>")
                    .replace("</Address>", "</Address></Address>"),
            ];
            for doc in cuts.chain(twisted) {
                let parsed = jobdraft_parsers::normalize::without_text_pass(|| {
                    parse(*format, Input::Text(&doc), &Limits::default())
                });
                let Ok(outcome) = parsed else {
                    continue;
                };
                let bad: Vec<String> = problems(&outcome)
                    .into_iter()
                    .chain(
                        outcome
                            .evidence
                            .iter()
                            .filter(|e| e.source.as_deref().is_some_and(|s| !s.starts_with('/')))
                            .map(|e| format!("{}: source {:?}", e.path, e.source)),
                    )
                    .collect();
                if !bad.is_empty() {
                    failures.push(format!("{}: {}", case_name(*format, &case), bad.join("; ")));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

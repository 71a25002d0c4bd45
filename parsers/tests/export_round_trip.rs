//! Feeds out and back in: every job of the golden corpus (Indeed, schema.org, HR-XML, canonical)
//! is exported as an Indeed `<job>` and as a schema.org JobPosting by the exporters, read back by
//! the Indeed and schema.org parsers, and must come back with the same fields and external id.
//! Without the jobdraft extension (what any other reader sees), every key the format's standard
//! elements carry must still come back the same.

mod common;

use std::fs;

use common::{case_name, cases, input_file};
use jobdraft_parsers::extension::{INDEED_ELEMENT, JSON_LD_PROPERTY};
use jobdraft_parsers::indeed::export::{self as indeed, feed_head, job_xml, JobMeta, FEED_TAIL};
use jobdraft_parsers::schema_org::export::{self as schema, posting, PostingMeta};
use jobdraft_parsers::{parser_for, Format, Input, JobFields, Limits, ParseOutcome};

/// Every job of every case of `format` that parses, with the case's name.
fn corpus_jobs(format: Format) -> Vec<(String, ParseOutcome)> {
    let mut jobs = Vec::new();
    for case in cases(format) {
        let Some(input) = input_file(&case).and_then(|p| fs::read_to_string(p).ok()) else {
            continue;
        };
        let name = case_name(format, &case);
        let mut index = 0;
        let _ =
            parser_for(format).parse_each(Input::Text(&input), &Limits::default(), &mut |job| {
                if let Ok(outcome) = job {
                    jobs.push((format!("{name} job {index}"), outcome));
                }
                index += 1;
            });
    }
    jobs
}

fn all_jobs() -> Vec<(String, ParseOutcome)> {
    let mut jobs = Vec::new();
    for format in [
        Format::IndeedXml,
        Format::SchemaOrg,
        Format::HrXml,
        Format::Canonical,
    ] {
        jobs.extend(corpus_jobs(format));
    }
    assert!(jobs.len() >= 40, "the corpus shrank: {} jobs", jobs.len());
    jobs
}

/// Differences between two field sets, one line per key.
fn diff(expected: &JobFields, actual: &JobFields) -> Vec<String> {
    let (a, b) = (expected.to_map(), actual.to_map());
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| format!("{k}: {:?} became {:?}", a.get(k), b.get(k)))
        .collect()
}

/// Differences in the `carried` keys `expected` has.
fn carried_diff(expected: &JobFields, actual: &JobFields, carried: &[&str]) -> Vec<String> {
    let (a, b) = (expected.to_map(), actual.to_map());
    carried
        .iter()
        .filter(|k| a.contains_key(**k) && a.get(**k) != b.get(**k))
        .map(|k| format!("{k}: {:?} became {:?}", a.get(*k), b.get(*k)))
        .collect()
}

fn indeed_read(feed: &str) -> Result<ParseOutcome, String> {
    let mut back = Vec::new();
    parser_for(Format::IndeedXml)
        .parse_each(Input::Text(feed), &Limits::default(), &mut |j| back.push(j))
        .map_err(|e| e.to_string())?;
    match back.pop() {
        Some(Ok(job)) => Ok(job),
        Some(Err(e)) => Err(e.to_string()),
        None => Err("no job".into()),
    }
}

fn reference(name: &str, outcome: &ParseOutcome) -> String {
    outcome
        .external_id
        .clone()
        .unwrap_or_else(|| format!("ref-{}", name.len()))
}

#[test]
fn indeed_export_reads_back_to_the_same_fields() {
    let mut failures = Vec::new();
    for (name, original) in all_jobs() {
        let reference = reference(&name, &original);
        let mut feed = feed_head("jobdraft", "http://127.0.0.1/", "2026-11-30T00:00:00Z");
        feed.push_str(&job_xml(
            &original.fields,
            JobMeta {
                reference: &reference,
                date: "2026-11-30T00:00:00Z",
            },
        ));
        feed.push_str(FEED_TAIL);
        match indeed_read(&feed) {
            Ok(again) => {
                let d = diff(&original.fields, &again.fields);
                if !d.is_empty() {
                    failures.push(format!("{name}:\n  {}\n  exported: {feed}", d.join("\n  ")));
                }
                if again.external_id.as_deref() != Some(reference.as_str()) {
                    failures.push(format!("{name}: referencenumber {:?}", again.external_id));
                }
            }
            Err(e) => failures.push(format!(
                "{name}: the export does not read back: {e}\n{feed}"
            )),
        }
        // What a reader without the extension gets: the standard elements alone.
        let open = format!("<{INDEED_ELEMENT}>");
        let close = format!("</{INDEED_ELEMENT}>");
        let (start, end) = (
            feed.find(&open).expect("extension"),
            feed.find(&close).expect("extension end"),
        );
        let plain = format!("{}{}", &feed[..start], &feed[end + close.len()..]);
        match indeed_read(&plain) {
            Ok(again) => {
                let d = carried_diff(&original.fields, &again.fields, indeed::CARRIED);
                if !d.is_empty() {
                    failures.push(format!(
                        "{name} (standard elements only):\n  {}\n  exported: {plain}",
                        d.join("\n  ")
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: the plain export does not read back: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} job(s) changed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn schema_org_export_reads_back_to_the_same_fields() {
    let mut failures = Vec::new();
    for (name, original) in all_jobs() {
        let reference = reference(&name, &original);
        let doc = posting(
            &original.fields,
            PostingMeta {
                identifier: &reference,
                date_posted: "2026-11-30T00:00:00Z",
            },
        );
        let text = doc.to_string();
        match parser_for(Format::SchemaOrg).parse(Input::Text(&text), &Limits::default()) {
            Ok(again) => {
                let d = diff(&original.fields, &again.fields);
                if !d.is_empty() {
                    failures.push(format!("{name}:\n  {}\n  exported: {text}", d.join("\n  ")));
                }
                if again.external_id.as_deref() != Some(reference.as_str()) {
                    failures.push(format!("{name}: identifier {:?}", again.external_id));
                }
            }
            Err(e) => failures.push(format!(
                "{name}: the export does not read back: {e}\n{text}"
            )),
        }
        let mut plain = doc.clone();
        plain
            .as_object_mut()
            .expect("an object")
            .remove(JSON_LD_PROPERTY);
        match parser_for(Format::SchemaOrg).parse(Input::Json(&plain), &Limits::default()) {
            Ok(again) => {
                let d = carried_diff(&original.fields, &again.fields, schema::CARRIED);
                if !d.is_empty() {
                    failures.push(format!(
                        "{name} (standard properties only):\n  {}\n  exported: {plain}",
                        d.join("\n  ")
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: the plain export does not read back: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} job(s) changed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn cdata_terminators_and_forbidden_characters_survive_the_export() {
    let fields = JobFields {
        job_title: Some("Rater ]]> <b>&amp;</b>".into()),
        job_description: Some("Use a[b[0]]> c; then ]]]]> and \u{1} end".into()),
        ..JobFields::default()
    };
    let mut feed = feed_head("p", "u", "d");
    feed.push_str(&job_xml(
        &fields,
        JobMeta {
            reference: "x]]>y",
            date: "2026-11-30",
        },
    ));
    feed.push_str(FEED_TAIL);
    let mut back = Vec::new();
    parser_for(Format::IndeedXml)
        .parse_each(Input::Text(&feed), &Limits::default(), &mut |j| {
            back.push(j)
        })
        .expect("the feed parses");
    let again = back.pop().expect("one job").expect("the job parses");
    assert_eq!(
        again.fields.job_title.as_deref(),
        Some("Rater ]]> <b>&amp;</b>")
    );
    assert_eq!(
        again.fields.job_description.as_deref(),
        Some("Use a[b[0]]> c; then ]]]]> and  end")
    );
    assert_eq!(again.external_id.as_deref(), Some("x]]>y"));
}

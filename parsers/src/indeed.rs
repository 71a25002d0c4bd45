//! The `indeed_xml` import format: `<source>` feeds and single `<job>` elements (formats.md §2),
//! read job by job so a feed of any length is streamed with memory bounded by one job.
//!
//! Evidence sources are XML paths from the root element: `/source/job[3]/salary` in a feed (a
//! job always carries its position among the jobs of its parent), `/job/title` for a single job,
//! and `[n]` on any other element that has same-named siblings.

use std::borrow::Cow;

pub mod export;
mod map;

use map::map_job;

use crate::xml::{Element, Node, XmlReader};
use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};

/// The `IndeedXml` format.
pub struct IndeedParser;

impl Parser for IndeedParser {
    fn format(&self) -> Format {
        Format::IndeedXml
    }

    fn parse(&self, input: Input<'_>, limits: &Limits) -> Result<ParseOutcome, ParseError> {
        let doc = document(input)?;
        if doc.len() > limits.xml_bytes {
            return Err(ParseError::new(
                Format::IndeedXml,
                format!(
                    "the XML document is {} bytes; the limit is {}",
                    doc.len(),
                    limits.xml_bytes
                ),
            ));
        }
        let mut first: Option<Result<ParseOutcome, ParseError>> = None;
        let jobs = stream(doc, limits, true, &mut |job| {
            if first.is_none() {
                first = Some(job.map(|(j, at)| map_job(&j, doc, limits, &at)));
            }
        })?;
        let mut outcome = first.unwrap_or_else(|| {
            Err(ParseError::new(
                Format::IndeedXml,
                "the feed holds no <job> element",
            ))
        })?;
        if jobs > 1 {
            outcome.warn(format!(
                "feed holds {jobs} jobs; only the first was imported — use POST \
                 /api/public/v1/job-drafts/batch to import all of them"
            ));
        }
        Ok(outcome)
    }

    fn parse_each(
        &self,
        input: Input<'_>,
        limits: &Limits,
        sink: &mut dyn FnMut(Result<ParseOutcome, ParseError>),
    ) -> Result<(), ParseError> {
        let doc = document(input)?;
        let jobs = stream(doc, limits, false, &mut |job| {
            sink(job.map(|(j, at)| map_job(&j, doc, limits, &at)));
        })?;
        if jobs == 0 {
            return Err(ParseError::new(
                Format::IndeedXml,
                "the feed holds no <job> element",
            ));
        }
        Ok(())
    }
}

fn document<'a>(input: Input<'a>) -> Result<&'a str, ParseError> {
    match input {
        Input::Text(t) => Ok(t),
        Input::Json(serde_json::Value::String(s)) => Ok(s.as_str()),
        Input::Json(_) => Err(ParseError::new(
            Format::IndeedXml,
            "expected the XML document as a string",
        )),
    }
}

/// Walks the document and hands each `<job>` tree and its XML path (or the error reading it) to
/// `sink`; with `first_only`, later jobs are skipped unread but counted. Each job is bounded by
/// `limits.xml_bytes` (the caller bounds the whole body). Returns how many jobs were seen.
/// Broken markup ends the walk: before any job it is the document's error, after one it is
/// the error of the job being read.
fn stream<'a>(
    doc: &'a str,
    limits: &Limits,
    first_only: bool,
    sink: &mut dyn FnMut(Result<(Element<'a>, String), ParseError>),
) -> Result<usize, ParseError> {
    let mut reader = XmlReader::new(doc, Format::IndeedXml, limits);
    let mut jobs = 0usize;
    let mut root_seen = false;
    // The open `<source>`/`<jobs>` elements around the next job, each with how many jobs it
    // has held so far: every other element is read or skipped whole, so each close ends one.
    let mut parents: Vec<(Cow<'a, str>, usize)> = Vec::new();
    loop {
        let base = reader.depth();
        let node = match reader.next_node() {
            Ok(n) => n,
            Err(e) if jobs == 0 => return Err(e),
            Err(e) => {
                sink(Err(e));
                return Ok(jobs);
            }
        };
        match node {
            Node::Eof => {
                if !root_seen {
                    return Err(ParseError::new(
                        Format::IndeedXml,
                        "the document has no root element",
                    ));
                }
                return Ok(jobs);
            }
            Node::Text(t) if !root_seen && !t.trim().is_empty() => {
                return Err(reader.error_at(0, "text before the root element; expected XML"));
            }
            Node::Text(_) => {}
            Node::Close => {
                parents.pop();
            }
            Node::Open {
                element,
                empty,
                offset,
            } => {
                if !root_seen {
                    root_seen = true;
                    if !(element.is("source") || element.is("job")) {
                        return Err(reader.error_at(
                            offset,
                            format!(
                                "the root element is <{}>; an Indeed feed has <source> or <job>",
                                element.name
                            ),
                        ));
                    }
                }
                if element.is("jobs") || element.is("source") {
                    if empty && element.is("source") {
                        return Ok(jobs);
                    }
                    if !empty {
                        parents.push((element.name.clone(), 0));
                    }
                    continue;
                }
                let is_job = element.is("job");
                let mut position = 0;
                if is_job {
                    jobs += 1;
                    if let Some((_, held)) = parents.last_mut() {
                        *held += 1;
                        position = *held;
                    }
                }
                if !is_job || (first_only && jobs > 1) {
                    reader.skip_to_depth(base)?;
                    continue;
                }
                let path = job_path(&parents, &element.name, position);
                match reader.read_element(element, empty, offset, limits.xml_bytes) {
                    Ok(job) => sink(Ok((job, path))),
                    Err(e) if reader.recoverable => {
                        reader.skip_to_depth(base)?;
                        sink(Err(e));
                    }
                    Err(e) if jobs == 1 => return Err(e),
                    Err(e) => {
                        sink(Err(e));
                        return Ok(jobs);
                    }
                }
            }
        }
    }
}

/// The XML path of a job: its parents' names, then its own with its position among the jobs of
/// its parent (`/source/job[3]`); a job that is the root has no position (`/job`).
fn job_path(parents: &[(Cow<'_, str>, usize)], name: &str, position: usize) -> String {
    let mut path = String::new();
    for (parent, _) in parents {
        path.push('/');
        path.push_str(parent);
    }
    path.push('/');
    path.push_str(name);
    if !parents.is_empty() {
        path.push('[');
        path.push_str(&position.to_string());
        path.push(']');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(jobs: usize) -> String {
        let mut s = String::from("<?xml version=\"1.0\"?><source><publisher>ATS</publisher>");
        for i in 0..jobs {
            s.push_str(&format!(
                "<job><title><![CDATA[Rater {i}]]></title><referencenumber>r{i}</referencenumber></job>"
            ));
        }
        s.push_str("</source>");
        s
    }

    #[test]
    fn parse_takes_first_job_and_warns_about_the_rest() {
        let doc = feed(3);
        let out = IndeedParser
            .parse(Input::Text(&doc), &Limits::default())
            .unwrap();
        assert_eq!(out.fields.job_title.as_deref(), Some("Rater 0"));
        assert_eq!(out.external_id.as_deref(), Some("r0"));
        assert!(out.warnings.iter().any(|w| w.contains("feed holds 3 jobs")));
    }

    #[test]
    fn parse_each_streams_every_job_and_isolates_bad_ones() {
        let doc = feed(2).replace(
            "<job><title><![CDATA[Rater 1]]>",
            &format!("<job>{}{}<title>x", "<a>".repeat(70), "</a>".repeat(70)),
        );
        let mut got = Vec::new();
        IndeedParser
            .parse_each(Input::Text(&doc), &Limits::default(), &mut |r| got.push(r))
            .unwrap();
        assert_eq!(got.len(), 2);
        assert!(got[0].is_ok());
        assert!(got[1].is_err());
    }

    #[test]
    fn truncated_and_wrong_documents_are_errors_not_panics() {
        let l = Limits::default();
        assert!(IndeedParser
            .parse(Input::Text("<source><job><title>x"), &l)
            .is_err());
        let e = IndeedParser
            .parse(Input::Text("<rss><job/></rss>"), &l)
            .unwrap_err();
        assert!(e.message.contains("<rss>"));
        assert!(IndeedParser
            .parse(Input::Text("<source></source>"), &l)
            .is_err());
        assert!(IndeedParser.parse(Input::Text("not xml"), &l).is_err());
    }

    #[test]
    fn evidence_paths_name_the_job_and_its_element() {
        let doc = "<source><publisher>p</publisher><jobs><job><title>A</title></job>\
                   <job><title>B</title><salary>$20 per hour</salary><city>Austin</city>\
                   <state>TX</state><skills>Go</skills><skills>Rust</skills></job></jobs></source>";
        let mut outs = Vec::new();
        IndeedParser
            .parse_each(Input::Text(doc), &Limits::default(), &mut |r| outs.push(r))
            .unwrap();
        let first = outs[0].as_ref().unwrap();
        assert_eq!(first.sources("jobTitle"), ["/source/jobs/job[1]/title"]);
        let second = outs[1].as_ref().unwrap();
        assert_eq!(second.sources("salaryMin"), ["/source/jobs/job[2]/salary"]);
        assert_eq!(
            second.sources("pricePerHour"),
            ["/source/jobs/job[2]/salary"]
        );
        assert_eq!(
            second.sources("locations"),
            ["/source/jobs/job[2]/city", "/source/jobs/job[2]/state"]
        );
        assert_eq!(
            second.sources("skills"),
            [
                "/source/jobs/job[2]/skills[1]",
                "/source/jobs/job[2]/skills[2]"
            ]
        );
        assert_eq!(second.sources("locationType"), ["/source/jobs/job[2]/city"]);
        let single = "<job><title>Solo</title><sourcename>Acme</sourcename><city>Remote</city>\
                      <title>Solo again</title></job>";
        let out = IndeedParser
            .parse(Input::Text(single), &Limits::default())
            .unwrap();
        // A second <title> replaces the first, and so does its citation.
        assert_eq!(out.sources("jobTitle"), ["/job/title[2]"]);
        assert_eq!(out.sources("companyName"), ["/job/sourcename"]);
        // City "Remote" says where the job is done.
        assert_eq!(out.sources("locationType"), ["/job/city"]);
    }
}

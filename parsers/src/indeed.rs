//! The `indeed_xml` import format: `<source>` feeds and single `<job>` elements (formats.md §2),
//! read job by job so a feed of any length is streamed with memory bounded by one job.

use crate::normalize::{self as norm, push_unique};
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
                first = Some(job.map(|j| map_job(&j, doc, limits)));
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
            sink(job.map(|j| map_job(&j, doc, limits)));
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

/// Walks the document and hands each `<job>` tree (or the error reading it) to `sink`; with
/// `first_only`, later jobs are skipped unread but counted. Each job is bounded by
/// `limits.xml_bytes` (the caller bounds the whole body). Returns how many jobs were seen.
/// Broken markup ends the walk: before any job it is the document's error, after one it is
/// the error of the job being read.
fn stream<'a>(
    doc: &'a str,
    limits: &Limits,
    first_only: bool,
    sink: &mut dyn FnMut(Result<Element<'a>, ParseError>),
) -> Result<usize, ParseError> {
    let mut reader = XmlReader::new(doc, Format::IndeedXml, limits);
    let mut jobs = 0usize;
    let mut root_seen = false;
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
            Node::Text(_) | Node::Close => {}
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
                    continue;
                }
                let is_job = element.is("job");
                if is_job {
                    jobs += 1;
                }
                if !is_job || (first_only && jobs > 1) {
                    reader.skip_to_depth(base)?;
                    continue;
                }
                match reader.read_element(element, empty, offset, limits.xml_bytes) {
                    Ok(job) => sink(Ok(job)),
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

/// Maps one `<job>` to fields (formats.md §2.2).
fn map_job(job: &Element, doc: &str, limits: &Limits) -> ParseOutcome {
    let mut out = ParseOutcome::default();
    let mut description = String::new();
    let (mut city, mut state, mut country, mut postal) = (None, None, None, None);
    let (mut reference, mut requisition, mut sourcename) = (None, None, None);
    let mut street = false;
    // One buffer for every child's lowercased name; the path is only built when reported.
    let mut key = String::new();
    for child in &job.children {
        let value = child.text();
        if value.is_empty() && child.children.is_empty() {
            continue;
        }
        key.clear();
        key.push_str(&child.name);
        key.make_ascii_lowercase();
        let name = key.as_str();
        let path = || format!("/job/{name}");
        let f = &mut out.fields;
        match name {
            "title" => f.job_title = Some(value.to_string()),
            "description" => {
                description = if child.children.is_empty() {
                    value.to_string()
                } else {
                    // HTML written as markup rather than CDATA: keep it as given.
                    child.inner_markup(doc).to_string()
                };
            }
            "date" | "lastbuilddate" | "publishdate" => {} // posting date is server-owned
            "referencenumber" | "reference_id" => reference = Some(value.to_string()),
            "requisitionid" => requisition = Some(value.to_string()),
            "company" => f.company_name = Some(value.to_string()),
            "sourcename" => sourcename = Some(value.to_string()),
            "city" | "location" => city = Some(value.to_string()),
            "state" => state = Some(value.to_string()),
            "country" => country = Some(value.to_string()),
            "postalcode" => postal = Some(value.to_string()),
            "streetaddress" => street = true,
            "url" => match norm::url(value) {
                Some(u) => f.apply_url = Some(u),
                None => out.unmapped(path(), "not an absolute http(s) URL", value),
            },
            "email" | "apply_email" | "applyemail" => match norm::email(value) {
                Some(e) => f.apply_email = Some(e),
                None => out.unmapped(path(), "not an e-mail address", value),
            },
            "salary" => match norm::salary_text(value) {
                Some(pay) => norm::apply_pay(&mut out, pay),
                None => out.unmapped(path(), "salary text states no amount", value),
            },
            "jobtype" => job_type(&mut out, &path(), value),
            "remotetype" => match norm::location_type(value) {
                Some(t) => f.location_type = Some(t),
                None => out.unmapped(path(), "unknown remote type", value),
            },
            "experience" => match norm::years(value) {
                Some(y) => f.years_experience = Some(y),
                None => out.unmapped(path(), "no number of years", value),
            },
            "expirationdate" | "expirydate" => match norm::date(value) {
                Some(d) => f.valid_through = Some(d),
                None => out.unmapped(path(), "not a date", value),
            },
            "skills" => {
                for s in value.split([',', ';']) {
                    push_unique(&mut out.fields.skills, s);
                }
            }
            "publisher" | "publisherurl" => {
                out.unmapped(path(), "the feed's ATS, not the employer", value)
            }
            "education" => out.unmapped(path(), "no catalog field for education", value),
            "category" | "jobfunction" | "jobindustries" => {
                out.unmapped(path(), "no catalog field for job categories", value)
            }
            _ => out.unmapped(
                path(),
                "no catalog field for this element",
                &child.deep_text(),
            ),
        }
    }
    if street {
        out.unmapped(
            "/job/streetaddress",
            "street addresses are not kept; city, state and country are",
            "…",
        );
    }
    out.external_id = reference.or(requisition);
    if out.fields.company_name.is_none() {
        out.fields.company_name = sourcename;
    }
    if !description.is_empty() {
        out.fields.job_description = Some(description);
    }

    // City "Remote" is a common way of saying the job has no site.
    let remote_city = city.as_deref().is_some_and(|c| {
        matches!(
            norm::fold(c).as_str(),
            "remote" | "anywhere" | "workfromhome" | "telecommute"
        )
    });
    if remote_city {
        city = None;
        if out.fields.location_type.is_none() {
            out.fields.location_type = Some(crate::LocationType::Remote);
        }
    }
    let code = country.as_deref().and_then(norm::country);
    if let (Some(raw), None) = (country.as_deref(), code) {
        out.unmapped("/job/country", "unknown country", raw);
    }
    if let Some(code) = code {
        push_unique(&mut out.fields.countries, code);
    }
    let has_site = city.is_some() || postal.is_some();
    let place = if city.is_some() || state.is_some() {
        norm::place(&[
            city.as_deref(),
            state.as_deref(),
            code.or(country.as_deref()),
        ])
    } else {
        norm::place(&[postal.as_deref(), code.or(country.as_deref())])
    };
    if let Some(p) = place {
        push_unique(&mut out.fields.locations, &p);
    }

    norm::fill_from_own_description(&mut out, limits.text_chars);
    norm::level_default(&mut out);
    norm::onsite_default(&mut out, has_site);
    out
}

/// `jobtype` is free text and sometimes a list ("fulltime, parttime"): the first known value
/// wins, the others are reported.
fn job_type(out: &mut ParseOutcome, path: &str, value: &str) {
    for part in value
        .split([',', '/', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match norm::employment_type(part) {
            Some((t, _)) if out.fields.employment_type.is_none() => {
                out.fields.employment_type = Some(t)
            }
            Some((t, _)) if out.fields.employment_type != Some(t) => {
                out.warn(format!("jobtype also lists {t}; kept the first value"))
            }
            Some(_) => {}
            None if norm::is_offering_only(part) => {}
            None => out.unmapped(path, "unknown job type", part),
        }
    }
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
}

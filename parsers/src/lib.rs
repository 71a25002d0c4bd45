//! Pure, deterministic parsers that turn a job description — plain text, schema.org JobPosting
//! JSON-LD, an Indeed XML feed, HR-XML or a canonical JSON object — into [`JobFields`].
//!
//! This crate does no IO and knows nothing of HTTP or storage: give it a string or a JSON value,
//! get back a [`ParseOutcome`] (fields, guesses, unplaced content, warnings) or a [`ParseError`]
//! that names the format and where the input stopped being that format.
//!
//! Adding a format is one module, one [`Format`] variant and one line in [`parser_for`].

pub mod canonical;
pub mod enums;
pub mod eval;
pub mod extension;
pub mod fields;
pub mod hr_xml;
pub mod indeed;
pub mod lexicon;
pub mod locate;
pub mod normalize;
pub mod outcome;
pub mod schema_org;
pub mod text;
pub mod xml;

pub use enums::*;
pub use fields::{JobFields, FIELD_KEYS};
pub use outcome::{Evidence, LowConfidence, ParseOutcome, Unmapped};

use serde_json::Value;

/// The import formats, under OpenTrain's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Canonical,
    SchemaOrg,
    IndeedXml,
    HrXml,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Canonical,
        Format::SchemaOrg,
        Format::IndeedXml,
        Format::HrXml,
    ];

    /// The wire name (`text`, `opentrain_canonical`, …).
    pub const fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Canonical => "opentrain_canonical",
            Format::SchemaOrg => "schema_org_job_posting",
            Format::IndeedXml => "indeed_xml",
            Format::HrXml => "hr_xml",
        }
    }

    /// Looks a format up by its wire name or an accepted alias (`canonical`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "canonical" => Some(Format::Canonical),
            _ => Format::ALL.iter().copied().find(|f| f.name() == name),
        }
    }

    /// Every accepted wire name, for `details.supportedFormats`.
    pub fn names() -> Vec<&'static str> {
        Format::ALL.iter().map(|f| f.name()).collect()
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a parser is given: a document as text, or an already-decoded JSON value.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Text(&'a str),
    Json(&'a Value),
}

/// Input limits (DESIGN.md §5.3). Parsers enforce them; the server sets them from config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest plain-text description, in characters.
    pub text_chars: usize,
    /// Largest XML document (or nested envelope payload), in bytes.
    pub xml_bytes: usize,
    /// Deepest XML element nesting.
    pub xml_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            text_chars: 60_000,
            xml_bytes: 1024 * 1024,
            xml_depth: 64,
        }
    }
}

/// The input is not the declared format at all (malformed XML/JSON, wrong root, over a limit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub format: Format,
    pub message: String,
    /// `line:column` for XML and text, a JSON pointer for JSON.
    pub location: Option<String>,
}

impl ParseError {
    pub fn new(format: Format, message: impl Into<String>) -> Self {
        ParseError {
            format,
            message: message.into(),
            location: None,
        }
    }

    pub fn at(mut self, location: impl Into<String>) -> Self {
        self.location = Some(location.into());
        self
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(loc) => write!(
                f,
                "{} input is invalid at {}: {}",
                self.format, loc, self.message
            ),
            None => write!(f, "{} input is invalid: {}", self.format, self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// One import format.
pub trait Parser: Sync {
    fn format(&self) -> Format;

    /// Parses one job. A document holding several (an Indeed feed) yields its first job with a
    /// warning naming how many it holds; use [`Parser::parse_each`] to get all of them.
    fn parse(&self, input: Input<'_>, limits: &Limits) -> Result<ParseOutcome, ParseError>;

    /// Calls `sink` once per job in the document, in order, so a caller can stream a feed with
    /// memory bounded by one job. A job that cannot be read is an `Err` for that job only; an
    /// `Err` return means the document as a whole is not this format.
    fn parse_each(
        &self,
        input: Input<'_>,
        limits: &Limits,
        sink: &mut dyn FnMut(Result<ParseOutcome, ParseError>),
    ) -> Result<(), ParseError> {
        sink(Ok(self.parse(input, limits)?));
        Ok(())
    }
}

/// The registry: the parser for each format.
pub fn parser_for(format: Format) -> &'static dyn Parser {
    match format {
        Format::Text => &text::TextParser,
        Format::Canonical => &canonical::CanonicalParser,
        Format::SchemaOrg => &schema_org::SchemaOrgParser,
        Format::IndeedXml => &indeed::IndeedParser,
        Format::HrXml => &hr_xml::HrXmlParser,
    }
}

/// Parses one job of `format`.
pub fn parse(
    format: Format,
    input: Input<'_>,
    limits: &Limits,
) -> Result<ParseOutcome, ParseError> {
    parser_for(format).parse(input, limits)
}

/// Guesses the format of a raw document from its first significant characters: XML by its root
/// element, JSON by `@type`/shape, HTML pages as schema.org, anything else as text.
pub fn detect(document: &str) -> Format {
    let trimmed = document.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        let lower: String = trimmed
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return Format::SchemaOrg;
        }
        return match xml::root_local_name(trimmed).as_deref() {
            Some("source") | Some("job") => Format::IndeedXml,
            Some("html") => Format::SchemaOrg,
            Some(_) => Format::HrXml,
            None => Format::Text,
        };
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
            return detect_json(&value);
        }
    }
    Format::Text
}

/// Guesses the format of a JSON document: JSON-LD by `@context`/`@type`/`@graph`, HR Open JSON
/// by `positionOpening`, anything else as the canonical job object.
pub fn detect_json(value: &Value) -> Format {
    let looks_ld = |v: &Value| {
        v.get("@type").is_some() || v.get("@context").is_some() || v.get("@graph").is_some()
    };
    match value {
        Value::Array(items) if items.iter().any(looks_ld) => Format::SchemaOrg,
        Value::Object(map) if looks_ld(value) => {
            let _ = map;
            Format::SchemaOrg
        }
        Value::Object(map)
            if map.contains_key("positionOpening") || map.contains_key("PositionOpening") =>
        {
            Format::HrXml
        }
        _ => Format::Canonical,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip_and_alias() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(*f));
        }
        assert_eq!(Format::from_name("canonical"), Some(Format::Canonical));
        assert_eq!(Format::from_name("pdf"), None);
    }

    #[test]
    fn detect_tells_documents_apart() {
        assert_eq!(
            detect("<?xml version=\"1.0\"?><source><job/></source>"),
            Format::IndeedXml
        );
        assert_eq!(
            detect("<PositionOpening xmlns=\"http://ns.hr-xml.org/2007-04-15\"/>"),
            Format::HrXml
        );
        assert_eq!(detect("<!DOCTYPE html><html></html>"), Format::SchemaOrg);
        assert_eq!(detect(r#"{"@type":"JobPosting"}"#), Format::SchemaOrg);
        assert_eq!(detect(r#"{"title":"x"}"#), Format::Canonical);
        assert_eq!(detect("We need annotators"), Format::Text);
    }
}

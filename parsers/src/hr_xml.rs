//! The `hr_xml` import format. Not implemented yet: every input is refused with a clear error.

use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};

/// The `HrXml` format.
pub struct HrXmlParser;

impl Parser for HrXmlParser {
    fn format(&self) -> Format {
        Format::HrXml
    }

    fn parse(&self, _input: Input<'_>, _limits: &Limits) -> Result<ParseOutcome, ParseError> {
        Err(ParseError::new(
            Format::HrXml,
            "this format is not supported yet",
        ))
    }
}

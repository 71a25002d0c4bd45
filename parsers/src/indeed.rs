//! The `indeed` import format. Not implemented yet: every input is refused with a clear error.

use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};

/// The `IndeedXml` format.
pub struct IndeedParser;

impl Parser for IndeedParser {
    fn format(&self) -> Format {
        Format::IndeedXml
    }

    fn parse(&self, _input: Input<'_>, _limits: &Limits) -> Result<ParseOutcome, ParseError> {
        Err(ParseError::new(
            Format::IndeedXml,
            "this format is not supported yet",
        ))
    }
}

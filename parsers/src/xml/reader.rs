//! The bounded pull reader: quick-xml events turned into [`Node`]s under the depth, size, DOCTYPE
//! and entity rules, and subtrees read into [`Element`] trees.

use std::borrow::Cow;

use quick_xml::escape::{resolve_html5_entity, resolve_xml_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{line_col, Element};
use crate::{Format, Limits, ParseError};

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

//! Where an HR-XML value was read (DESIGN.md §10): an XML path from the document's root element
//! (`/PositionOpening/PositionProfile/PositionTitle`, behind the path of the envelope element
//! that carried the posting as text, if any), or — for HR Open JSON, which is mapped as an
//! element tree — a JSON pointer into the JSON the client sent.

use serde_json::Value;

use crate::locate::{element_steps, xml_path};
use crate::xml::{same_name, Element};
use crate::ParseOutcome;

/// The document a posting tree came from, for turning the elements a value was read from into
/// paths. Paths are built only when a field is set.
pub(crate) enum Origin<'d> {
    /// An XML document: paths start at `root`; `prefix` is the path of the envelope element
    /// whose text held this document (empty when the client sent it directly).
    Xml {
        root: &'d Element<'d>,
        prefix: &'d str,
    },
    /// HR Open JSON: `tree` was built from `value` (see [`super::json`]); `prefix` is the
    /// pointer from the JSON the client sent to `value`.
    Json {
        value: &'d Value,
        tree: &'d Element<'d>,
        prefix: &'d str,
    },
}

/// A node a value was read from: an element, or one of its attributes.
#[derive(Clone, Copy)]
pub(crate) struct At<'e> {
    pub el: &'e Element<'e>,
    pub attr: Option<&'static str>,
}

impl<'e> At<'e> {
    pub fn el(el: &'e Element<'e>) -> Self {
        At { el, attr: None }
    }

    pub fn attr(el: &'e Element<'e>, attr: &'static str) -> Self {
        At {
            el,
            attr: Some(attr),
        }
    }
}

impl Origin<'_> {
    /// The path of `at` in the document, or `None` if it is not part of it.
    pub fn path(&self, at: At<'_>) -> Option<String> {
        match self {
            Origin::Xml { root, prefix } => {
                let mut path = xml_path(prefix, root, at.el)?;
                if let Some(attr) = at.attr {
                    // Attributes match without case: write the name as the document spells it.
                    let mut written = at.el.attrs.iter().map(|(k, _)| k.as_str());
                    let name = written.find(|k| same_name(k, attr));
                    path.push_str("/@");
                    path.push_str(name.unwrap_or(attr));
                }
                Some(path)
            }
            Origin::Json {
                value,
                tree,
                prefix,
            } => {
                let steps = element_steps(tree, at.el)?;
                super::json::pointer(prefix, value, &steps)
            }
        }
    }

    /// Cites `key` as read at `at` (one more source of the value).
    pub fn cite(&self, out: &mut ParseOutcome, key: &str, at: At<'_>) {
        if let Some(path) = self.path(at) {
            out.cite_source(key, path);
        }
    }

    /// Cites `key` as read at `at` only (the value replaced whatever was cited before).
    pub fn cite_only(&self, out: &mut ParseOutcome, key: &str, at: At<'_>) {
        out.uncite(key);
        self.cite(out, key, at);
    }
}

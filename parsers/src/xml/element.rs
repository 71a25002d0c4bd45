//! The element tree the XML formats map from, and the lookups they use (children by name, first
//! and all descendants, text, attributes, inner markup).

use std::borrow::Cow;

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

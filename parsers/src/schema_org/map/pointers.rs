//! JSON pointers for schema.org evidence: the nodes a mapping read, as RFC 6901 pointers from the
//! root of the JSON the posting was found in.

use serde_json::Value;

use crate::locate::{json_pointer, json_pointer_after, push_token};
use crate::ParseOutcome;

/// Turns nodes of one JobPosting into pointers. `prefix` is the pointer from the root of the
/// JSON the client sent (or, for an HTML page, of the JSON-LD block holding the posting) to the
/// posting, e.g. `/@graph/1`; it is empty when the posting is the whole document.
///
/// A node is found by a walk from `root`; [`Pointers::under`] narrows `root` to the value of one
/// property, so each walk covers that property's value only.
#[derive(Clone, Copy)]
pub struct Pointers<'v> {
    root: &'v Value,
    prefix: &'v str,
    /// The property `root` is the value of, when narrowed to one.
    key: Option<&'v str>,
}

impl<'v> Pointers<'v> {
    /// Pointers into `posting`, which sits at `prefix` in the document.
    pub fn new(posting: &'v Value, prefix: &'v str) -> Self {
        Pointers {
            root: posting,
            prefix,
            key: None,
        }
    }

    /// Pointers into `value`, the posting's property `key`.
    pub fn under(&self, key: &'v str, value: &'v Value) -> Self {
        Pointers {
            root: value,
            prefix: self.prefix,
            key: Some(key),
        }
    }

    /// The pointer of `node`, or `None` if it is not part of the value pointed into.
    pub fn path(&self, node: &Value) -> Option<String> {
        match self.key {
            None => json_pointer(self.prefix, self.root, node),
            Some(key) => {
                let mut start = String::with_capacity(self.prefix.len() + key.len() + 48);
                start.push_str(self.prefix);
                push_token(&mut start, key);
                json_pointer_after(start, self.root, node)
            }
        }
    }

    /// Cites `key` as read at `node` (one more source of the value).
    pub fn cite(&self, out: &mut ParseOutcome, key: &str, node: &Value) {
        if let Some(path) = self.path(node) {
            out.cite_source(key, path);
        }
    }
}

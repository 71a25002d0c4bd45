//! JSON pointers for schema.org evidence: the nodes a mapping read, as RFC 6901 pointers from the
//! root of the JSON the posting was found in.

use serde_json::Value;

use crate::locate::json_pointer;
use crate::ParseOutcome;

/// Turns nodes of one JobPosting into pointers: `prefix` is the pointer from the root of the
/// JSON the client sent (or, for an HTML page, of the JSON-LD block holding the posting) to the
/// posting, e.g. `/@graph/1`; it is empty when the posting is the whole document.
pub struct Pointers<'v> {
    posting: &'v Value,
    prefix: String,
}

impl<'v> Pointers<'v> {
    pub fn new(posting: &'v Value, prefix: String) -> Self {
        Pointers { posting, prefix }
    }

    /// The pointer of `node`, or `None` if it is not part of the posting.
    pub fn path(&self, node: &Value) -> Option<String> {
        let inner = json_pointer(self.posting, node)?;
        Some(format!("{}{inner}", self.prefix))
    }

    /// Cites `key` as read at `node` (one more source of the value).
    pub fn cite(&self, out: &mut ParseOutcome, key: &str, node: &Value) {
        if let Some(path) = self.path(node) {
            out.cite_source(key, path);
        }
    }
}

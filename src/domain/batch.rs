//! Splitting a batch into jobs as its bytes arrive, so an import holds one job in memory, not the
//! feed: `<job>…</job>` elements of an Indeed feed, or the elements of a JSON array.

/// What a batch holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchKind {
    IndeedFeed,
    JsonArray,
}

/// One job cut out of the batch, or why the stream could not be cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Job(String),
    /// The batch is unusable from here on (a DOCTYPE, an unterminated item, not an array …).
    Fatal(String),
}

/// Incremental splitter: `push` bytes as they arrive, take the complete jobs, `finish` at the end.
#[derive(Debug)]
pub struct Splitter {
    kind: BatchKind,
    buf: Vec<u8>,
    /// Bytes of `buf` already scanned without finding the end of the current item.
    scanned: usize,
    max_item_bytes: usize,
    failed: bool,
    json_started: bool,
    json_done: bool,
}

impl Splitter {
    pub fn new(kind: BatchKind, max_item_bytes: usize) -> Splitter {
        Splitter {
            kind,
            buf: Vec::new(),
            scanned: 0,
            max_item_bytes,
            failed: false,
            json_started: false,
            json_done: false,
        }
    }

    /// Adds bytes and returns every job completed by them.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Piece> {
        if self.failed {
            return Vec::new();
        }
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        loop {
            let piece = match self.kind {
                BatchKind::IndeedFeed => self.next_xml_job(),
                BatchKind::JsonArray => self.next_json_item(),
            };
            match piece {
                Some(p @ Piece::Fatal(_)) => {
                    self.failed = true;
                    self.buf.clear();
                    out.push(p);
                    return out;
                }
                Some(p) => out.push(p),
                None => break,
            }
        }
        if self.buf.len() > self.max_item_bytes {
            self.failed = true;
            self.buf.clear();
            out.push(Piece::Fatal(format!(
                "a job in the batch is larger than {} bytes",
                self.max_item_bytes
            )));
        }
        out
    }

    /// Ends the stream: anything left that is not whitespace or feed closing tags is reported.
    pub fn finish(&mut self) -> Option<Piece> {
        if self.failed {
            return None;
        }
        let rest = String::from_utf8_lossy(&self.buf).into_owned();
        let rest = rest.trim();
        match self.kind {
            BatchKind::IndeedFeed => {
                let leftover = strip_xml_noise(rest);
                if leftover.contains("<job") {
                    return Some(Piece::Fatal("the feed ends inside a <job> element".into()));
                }
                (!self.saw_anything() && leftover.is_empty())
                    .then(|| Piece::Fatal("the feed holds no <job> element".into()))
            }
            BatchKind::JsonArray => {
                if !self.json_started {
                    return Some(Piece::Fatal(
                        "the batch must be a JSON array of create bodies".into(),
                    ));
                }
                (!self.json_done).then(|| Piece::Fatal("the JSON array is not closed".into()))
            }
        }
    }

    fn saw_anything(&self) -> bool {
        self.scanned > 0 || self.json_started
    }

    /// Cuts the next `<job>…</job>` (outside comments and CDATA), dropping feed-level content.
    fn next_xml_job(&mut self) -> Option<Piece> {
        let buf = &self.buf;
        let mut i = 0;
        let mut start: Option<usize> = None;
        while i < buf.len() {
            let rest = &buf[i..];
            if rest.starts_with(b"<!--") {
                match find(rest, b"-->") {
                    Some(end) => i += end + 3,
                    None => return None,
                }
                continue;
            }
            if rest.starts_with(b"<![CDATA[") {
                match find(rest, b"]]>") {
                    Some(end) => i += end + 3,
                    None => return None,
                }
                continue;
            }
            if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!DOCTYPE") {
                return Some(Piece::Fatal("DOCTYPE declarations are not accepted".into()));
            }
            if start.is_none() && is_tag(rest, b"<job") {
                start = Some(i);
            } else if let Some(s) = start {
                if is_tag(rest, b"</job") {
                    let end = match rest.iter().position(|b| *b == b'>') {
                        Some(p) => i + p + 1,
                        None => return None,
                    };
                    let job = String::from_utf8_lossy(&buf[s..end]).into_owned();
                    self.buf.drain(..end);
                    self.scanned += 1;
                    return Some(Piece::Job(job));
                }
            }
            i += 1;
        }
        // Keep only from the open <job> (or a possible partial tag at the end) onwards.
        let keep_from = start.unwrap_or_else(|| buf.len().saturating_sub(16));
        if keep_from > 0 {
            self.buf.drain(..keep_from);
        }
        None
    }

    /// Cuts the next element of the top-level JSON array.
    fn next_json_item(&mut self) -> Option<Piece> {
        let mut i = 0;
        let buf = &self.buf;
        if !self.json_started {
            while i < buf.len() && buf[i].is_ascii_whitespace() {
                i += 1;
            }
            match buf.get(i) {
                None => return None,
                Some(b'[') => {
                    self.json_started = true;
                    self.buf.drain(..=i);
                    return self.next_json_item();
                }
                Some(_) => {
                    return Some(Piece::Fatal(
                        "the batch must be a JSON array of create bodies".into(),
                    ))
                }
            }
        }
        if self.json_done {
            return (!buf.iter().all(u8::is_ascii_whitespace))
                .then(|| Piece::Fatal("content after the end of the JSON array".into()));
        }
        // Skip separators before the item.
        while i < buf.len() && (buf[i].is_ascii_whitespace() || buf[i] == b',') {
            i += 1;
        }
        if i >= buf.len() {
            self.buf.drain(..i);
            return None;
        }
        if buf[i] == b']' {
            self.json_done = true;
            self.buf.drain(..=i);
            return self.next_json_item();
        }
        let start = i;
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        while i < buf.len() {
            let b = buf[i];
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        if depth == 0 {
                            return Some(Piece::Fatal("unbalanced JSON in the batch".into()));
                        }
                        depth -= 1;
                        if depth == 0 {
                            let item = String::from_utf8_lossy(&buf[start..=i]).into_owned();
                            self.buf.drain(..=i);
                            return Some(Piece::Job(item));
                        }
                    }
                    b',' if depth == 0 => {
                        let item = String::from_utf8_lossy(&buf[start..i]).into_owned();
                        self.buf.drain(..=i);
                        return Some(Piece::Job(item));
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        if start > 0 {
            self.buf.drain(..start);
        }
        None
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether `rest` starts with the tag `name` (followed by `>`, `/`, or whitespace).
fn is_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && matches!(rest[name.len()], b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
}

/// The text left once declarations and feed-level closing tags are removed.
fn strip_xml_noise(s: &str) -> String {
    let mut out = s.to_string();
    for t in ["</source>", "</jobs>"] {
        out = out.replace(t, "");
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs(pieces: &[Piece]) -> Vec<&str> {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Job(j) => Some(j.as_str()),
                Piece::Fatal(_) => None,
            })
            .collect()
    }

    #[test]
    fn xml_jobs_are_cut_across_chunk_boundaries_and_cdata_is_respected() {
        let feed = "<?xml version=\"1.0\"?><source><publisher>ATS</publisher>\
            <job><title><![CDATA[A </job> inside CDATA]]></title></job><!-- <job> --><job>\n<title>B</title></job></source>";
        for chunk in [1, 3, 7, 1000] {
            let mut s = Splitter::new(BatchKind::IndeedFeed, 1 << 20);
            let mut all = Vec::new();
            for part in feed.as_bytes().chunks(chunk) {
                all.extend(s.push(part));
            }
            assert_eq!(s.finish(), None, "chunk {chunk}");
            let got = jobs(&all);
            assert_eq!(got.len(), 2, "chunk {chunk}: {all:?}");
            assert!(got[0].contains("A </job> inside CDATA"));
            assert!(got[1].contains("<title>B</title>"));
        }
    }

    #[test]
    fn json_items_are_cut_with_strings_and_nesting() {
        let batch = r#" [ {"rawJobDescription": "a ] } , \" tricky"}, {"format": "text", "text": "b", "x": [1, {"y": 2}]} ] "#;
        for chunk in [1, 2, 5, 1000] {
            let mut s = Splitter::new(BatchKind::JsonArray, 1 << 20);
            let mut all = Vec::new();
            for part in batch.as_bytes().chunks(chunk) {
                all.extend(s.push(part));
            }
            assert_eq!(s.finish(), None, "chunk {chunk}");
            let got = jobs(&all);
            assert_eq!(got.len(), 2, "chunk {chunk}: {all:?}");
            for item in got {
                assert!(
                    serde_json::from_str::<serde_json::Value>(item).is_ok(),
                    "{item}"
                );
            }
        }
    }

    #[test]
    fn bad_batches_are_fatal_not_panics() {
        let mut s = Splitter::new(BatchKind::JsonArray, 1 << 20);
        assert!(matches!(
            s.push(b"{\"a\":1}").first(),
            Some(Piece::Fatal(_))
        ));
        let mut s = Splitter::new(BatchKind::IndeedFeed, 1 << 20);
        assert!(matches!(
            s.push(b"<!DOCTYPE x [<!ENTITY a 'b'>]><source>").first(),
            Some(Piece::Fatal(_))
        ));
        let mut s = Splitter::new(BatchKind::IndeedFeed, 64);
        let out = s.push(&[b"<source><job><title>".as_slice(), &[b'x'; 200]].concat());
        assert!(matches!(out.last(), Some(Piece::Fatal(_))));
        let mut s = Splitter::new(BatchKind::IndeedFeed, 1 << 20);
        s.push(b"<source><job><title>x</title>");
        assert!(matches!(s.finish(), Some(Piece::Fatal(_))));
        let mut s = Splitter::new(BatchKind::JsonArray, 1 << 20);
        s.push(b"[{\"a\": 1}");
        assert!(matches!(s.finish(), Some(Piece::Fatal(_))));
    }
}

//! `Doc`: the cleaned text, its lowercase twin, tokens with their word classes, gazetteer hits,
//! labelled lines and quantities — built once per description and read by every extractor.

use super::classes::Classes;
use super::gazetteer::{self, Hit, Tag};
use super::labels::{self, LabelKey};
use super::numbers::{self, Quant};
use super::token::{self, Kind, Tok};

pub struct Doc {
    pub text: String,
    pub lower: String,
    pub toks: Vec<Tok>,
    /// The word classes of each token, by token index.
    classes: Vec<Classes>,
    pub hits: Vec<Hit>,
    pub quants: Vec<Quant>,
    /// The label of each line that reads "Key: value" (by line number), if known.
    pub line_keys: Vec<Option<LabelKey>>,
    /// Where each line's value starts (token index), for labelled lines.
    pub line_value_start: Vec<usize>,
    /// The text mentions AI or data-labelling work (gates weak work cues).
    pub ai_context: bool,
    /// Token range `[a, b)` of each sentence, by sentence number.
    sentences: Vec<(usize, usize)>,
}

impl Doc {
    pub fn new(clean: String) -> Doc {
        // Lowercasing must keep byte offsets: Unicode case maps that change length fall back to ASCII.
        let mut lower = if clean.is_ascii() {
            clean.to_ascii_lowercase()
        } else {
            clean.to_lowercase()
        };
        if lower.len() != clean.len() {
            lower = clean.to_ascii_lowercase();
        }
        let toks = token::tokenize(&clean);
        let (hits, classes) = gazetteer::scan(&clean, &lower, &toks);
        let lines = toks.last().map(|t| t.line as usize + 1).unwrap_or(0);
        let mut doc = Doc {
            text: clean,
            lower,
            toks,
            classes,
            hits,
            quants: Vec::new(),
            line_keys: vec![None; lines],
            line_value_start: vec![0; lines],
            ai_context: false,
            sentences: Vec::new(),
        };
        doc.sentences = sentence_bounds(&doc.toks);
        labels::classify_lines(&mut doc);
        doc.quants = numbers::quantities(&doc);
        doc.ai_context = doc
            .hits
            .iter()
            .any(|h| matches!(h.tag, Tag::AiCtx | Tag::GenAi | Tag::Label(_, true)));
        doc
    }

    /// The lowercase text of word token `i` ("" for anything else).
    pub fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => self.lower.get(t.s..t.e).unwrap_or(""),
            _ => "",
        }
    }

    /// The original text of token `i`.
    pub fn orig(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.s..t.e))
            .unwrap_or("")
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        self.w(i) == word
    }

    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.w(i);
        !w.is_empty() && words.contains(&w)
    }

    /// Whether token `i` is a word in any of `classes`.
    pub fn has(&self, i: usize, classes: Classes) -> bool {
        #[cfg(test)]
        if super::classes::ungated::opens(classes) {
            return i < self.classes.len();
        }
        self.classes.get(i).is_some_and(|c| c & classes != 0)
    }

    /// The indexes of the words in any of `classes`, in order.
    pub fn words_in(&self, classes: Classes) -> impl Iterator<Item = usize> + '_ {
        // A search per hit rather than a filter per token: `position` compiles to a tight loop
        // over the class bits, while a filtered iterator kept its state in memory.
        #[cfg(test)]
        let every_token = super::classes::ungated::opens(classes);
        let mut from = 0;
        std::iter::from_fn(move || {
            #[cfg(test)]
            if every_token {
                from += 1;
                return (from <= self.classes.len()).then_some(from - 1);
            }
            let skip = self
                .classes
                .get(from..)?
                .iter()
                .position(|c| c & classes != 0)?;
            let i = from + skip;
            from = i + 1;
            Some(i)
        })
    }

    /// Whether any word in tokens `[a, b)` is in any of `classes`.
    pub fn any_class(&self, a: usize, b: usize, classes: Classes) -> bool {
        self.classes
            .get(a..b.min(self.classes.len()))
            .is_some_and(|c| c.iter().any(|c| c & classes != 0))
    }

    pub fn punct(&self, i: usize, ch: char) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.ch == ch)
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Starts with an uppercase letter in the original text.
    pub fn is_cap(&self, i: usize) -> bool {
        self.orig(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Every letter is uppercase in the original text ("US", "NSW").
    pub fn is_upper(&self, i: usize) -> bool {
        let o = self.orig(i);
        !o.is_empty()
            && o.chars().any(char::is_alphabetic)
            && o.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    }

    pub fn sent(&self, i: usize) -> u32 {
        self.toks.get(i).map(|t| t.sent).unwrap_or(u32::MAX)
    }

    pub fn line(&self, i: usize) -> usize {
        self.toks
            .get(i)
            .map(|t| t.line as usize)
            .unwrap_or(usize::MAX)
    }

    /// The label of the line token `i` sits on, when it is in the value part of a labelled line.
    pub fn label_of(&self, i: usize) -> Option<LabelKey> {
        let line = self.line(i);
        let key = (*self.line_keys.get(line)?)?;
        (i >= *self.line_value_start.get(line)?).then_some(key)
    }

    /// Token range `[a, b)` of the sentence holding token `i`.
    pub fn sentence(&self, i: usize) -> (usize, usize) {
        match self.toks.get(i) {
            Some(t) => self
                .sentences
                .get(t.sent as usize)
                .copied()
                .unwrap_or((i, i)),
            None => (self.toks.len(), self.toks.len()),
        }
    }

    /// Whether a hit matching `pred` ends exactly at token `b`.
    pub fn hit_ending_at(&self, b: usize, pred: impl Fn(Tag) -> bool) -> bool {
        self.hits_in(b.saturating_sub(8), b)
            .any(|h| h.b == b && pred(h.tag))
    }

    /// Whether any word in tokens `[a, b)` is one of `words`.
    pub fn any_word(&self, a: usize, b: usize, words: &[&str]) -> bool {
        (a..b.min(self.toks.len())).any(|i| self.is_any(i, words))
    }

    /// Whether the phrase (lowercase words, hyphens skipped) starts at token `i`; returns the
    /// index after it.
    pub fn phrase_at(&self, i: usize, words: &[&str]) -> Option<usize> {
        let mut j = i;
        for (n, want) in words.iter().enumerate() {
            if n > 0 && (self.punct(j, '-') || self.punct(j, '/')) {
                j += 1;
            }
            if self.w(j) != *want {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Whether the phrase occurs anywhere in tokens `[a, b)`.
    pub fn has_phrase(&self, a: usize, b: usize, words: &[&str]) -> bool {
        (a..b.min(self.toks.len())).any(|i| self.phrase_at(i, words).is_some())
    }

    /// Hits whose first token lies in `[a, b)`.
    pub fn hits_in(&self, a: usize, b: usize) -> impl Iterator<Item = &Hit> {
        let start = self.hits.partition_point(|h| h.a < a);
        self.hits[start..].iter().take_while(move |h| h.a < b)
    }

    /// Hits starting exactly at token `i`.
    pub fn hits_at(&self, i: usize) -> impl Iterator<Item = &Hit> {
        self.hits_in(i, i + 1)
    }

    /// The byte range of tokens `[a, b)` in the text, for [`ParseOutcome::cite`].
    ///
    /// [`ParseOutcome::cite`]: crate::ParseOutcome::cite
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        if a >= b || b > self.toks.len() {
            return (0, 0);
        }
        (self.toks[a].s, self.toks[b - 1].e)
    }

    /// The original text of tokens `[a, b)`.
    pub fn span_text(&self, a: usize, b: usize) -> &str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        self.text
            .get(self.toks[a].s..self.toks[b - 1].e)
            .unwrap_or("")
    }
}

/// The token range of each sentence: its tokens up to (not including) the break that ends it.
fn sentence_bounds(toks: &[Tok]) -> Vec<(usize, usize)> {
    let count = toks.last().map(|t| t.sent as usize + 1).unwrap_or(0);
    let mut bounds = vec![(0usize, 0usize); count];
    let mut i = 0;
    while i < toks.len() {
        let s = toks[i].sent as usize;
        let a = i;
        while i < toks.len() && toks[i].sent as usize == s && toks[i].kind != Kind::Break {
            i += 1;
        }
        if let Some(slot) = bounds.get_mut(s) {
            *slot = (a, i);
        }
        while i < toks.len() && toks[i].sent as usize == s {
            i += 1;
        }
    }
    bounds
}

//! Word classes: which cue lists each word token belongs to, looked up once per word when the
//! `Doc` is built, so extractor passes test a bit instead of comparing words with their lists.
//!
//! A class is either exact (the word is one of the list's words) or a gate: the union of every
//! word a pass acts on, so the pass skips the other words before its own `match`.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use super::gazetteer::Fnv;
use super::{employment, experience, general, labelling, numbers, workplace};

/// The classes of one token, one bit each (0 for anything but a word).
pub type Classes = u32;

/// A word with a non-ASCII letter: passes gated by ASCII cue lists read these too (Chinese cues,
/// words with accents).
pub const NON_ASCII: Classes = 1 << 31;
/// Gate: a word the experience phrase pass acts on.
pub const EXPERIENCE_PHRASE: Classes = 1 << 0;
/// Gate: a word the workplace pass acts on.
pub const WORKPLACE_CUE: Classes = 1 << 3;
/// Gate: a word the employment-type pass acts on.
pub const EMPLOYMENT_CUE: Classes = 1 << 4;
/// Gate: a word that may make its sentence optional ("preferred", "a plus").
pub const OPTIONAL_CUE: Classes = 1 << 5;
/// Gate: a word a label-type rule starts at ("write", "collect", "rate").
pub const LABEL_RULE_START: Classes = 1 << 6;
/// Gate: a word a number can be written with first ("twenty", "a dozen").
pub const NUMBER_WORD: Classes = 1 << 7;
/// Exact: a word that cues applying ([`general::APPLY_CUES`]).
pub const APPLY_CUE: Classes = 1 << 1;
/// Exact: a word for experience ([`experience::EXP_WORDS`]).
pub const EXPERIENCE_WORD: Classes = 1 << 2;

struct Index {
    classes: HashMap<&'static str, Classes, BuildHasherDefault<Fnv>>,
    /// Bit `len` of entry `b` is set when some listed word of `len` bytes starts with byte `b`,
    /// and of `ends` when one ends with it: most words in a posting fail these tests and are
    /// never hashed.
    starts: [u64; 256],
    ends: [u64; 256],
}

impl Index {
    fn add(&mut self, class: Classes, words: impl IntoIterator<Item = &'static str>) {
        for word in words {
            *self.classes.entry(word).or_default() |= class;
            if let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last()) {
                self.starts[usize::from(first)] |= length_bit(word);
                self.ends[usize::from(last)] |= length_bit(word);
            }
        }
    }
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut index = Index {
        classes: HashMap::default(),
        starts: [0; 256],
        ends: [0; 256],
    };
    index.add(EXPERIENCE_PHRASE, experience::phrase_words());
    index.add(WORKPLACE_CUE, workplace::CUE_WORDS.iter().copied());
    index.add(EMPLOYMENT_CUE, employment::CUE_WORDS.iter().copied());
    index.add(OPTIONAL_CUE, experience::OPTIONAL_CUES.iter().copied());
    index.add(LABEL_RULE_START, labelling::rule_start_words());
    index.add(NUMBER_WORD, numbers::number_words());
    index.add(APPLY_CUE, general::APPLY_CUES.iter().copied());
    index.add(EXPERIENCE_WORD, experience::EXP_WORDS.iter().copied());
    index
});

/// Forces the index to be built (benchmarks call this so set-up is not timed).
pub fn warm() {
    LazyLock::force(&INDEX);
}

/// The word's length as a bit; words of 63 bytes or more share the last one (the map settles
/// them).
fn length_bit(word: &str) -> u64 {
    1 << word.len().min(63)
}

/// The classes of a lowercase word.
pub fn of(word: &str) -> Classes {
    if !word.is_ascii() {
        return NON_ASCII | listed(word);
    }
    listed(word)
}

/// The classes of the lists a word is in.
fn listed(word: &str) -> Classes {
    let index = &*INDEX;
    let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last()) else {
        return 0;
    };
    let bit = length_bit(word);
    if index.starts[usize::from(first)] & index.ends[usize::from(last)] & bit == 0 {
        return 0;
    }
    index.classes.get(word).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_words_have_their_class_and_others_none() {
        assert_eq!(of("apply") & APPLY_CUE, APPLY_CUE);
        assert_eq!(of("申请"), APPLY_CUE | NON_ASCII);
        assert_eq!(of("experience"), EXPERIENCE_PHRASE | EXPERIENCE_WORD);
        assert_eq!(of("applying"), 0);
        assert_eq!(of(""), 0);
    }
}

//! Word classes: which cue lists each word token belongs to, found in the gazetteer's one lookup
//! per word when the `Doc` is built, so extractor passes test a bit instead of comparing words
//! with their lists.
//!
//! A class is either exact (the word is one of the list's words) or a gate: the union of every
//! word a pass acts on, so the pass skips the other words before its own `match`.

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

/// Every listed word with its class, for the gazetteer's map (which gives each word token its
/// classes in the lookup it already makes).
pub fn listed() -> impl Iterator<Item = (Classes, &'static str)> {
    let class = |class: Classes| move |word: &'static str| (class, word);
    let experience = experience::phrase_words().map(class(EXPERIENCE_PHRASE));
    let workplace = workplace::CUE_WORDS
        .iter()
        .copied()
        .map(class(WORKPLACE_CUE));
    let employment = employment::CUE_WORDS
        .iter()
        .copied()
        .map(class(EMPLOYMENT_CUE));
    let optional = experience::OPTIONAL_CUES
        .iter()
        .copied()
        .map(class(OPTIONAL_CUE));
    let rules = labelling::rule_start_words().map(class(LABEL_RULE_START));
    let numbers = numbers::number_words().map(class(NUMBER_WORD));
    let apply = general::APPLY_CUES.iter().copied().map(class(APPLY_CUE));
    let experience_words = experience::EXP_WORDS
        .iter()
        .copied()
        .map(class(EXPERIENCE_WORD));
    experience
        .chain(workplace)
        .chain(employment)
        .chain(optional)
        .chain(rules)
        .chain(numbers)
        .chain(apply)
        .chain(experience_words)
}

/// The class a word's script adds to the classes of the lists it is in.
pub fn script(word: &str) -> Classes {
    if word.is_ascii() {
        0
    } else {
        NON_ASCII
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(word: &str) -> Classes {
        let lists = listed().filter(|(_, w)| *w == word).map(|(c, _)| c);
        lists.fold(script(word), |all, c| all | c)
    }

    #[test]
    fn listed_words_have_their_class_and_others_none() {
        assert_eq!(of("apply") & APPLY_CUE, APPLY_CUE);
        assert_eq!(of("申请"), APPLY_CUE | NON_ASCII);
        assert_eq!(of("experience"), EXPERIENCE_PHRASE | EXPERIENCE_WORD);
        assert_eq!(of("applying"), 0);
    }
}

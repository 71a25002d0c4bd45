//! Word classes: which cue lists each word token belongs to, found in the gazetteer's one lookup
//! per word when the `Doc` is built, so extractor passes test a bit instead of comparing words
//! with their lists.
//!
//! A class is either exact (the word is one of the list's words) or a gate: the union of every
//! word a pass acts on, so the pass skips the other words before its own `match`. A word added
//! to a pass's `match` and not to its gate would be skipped silently; the test
//! `every_gate_lists_the_words_its_pass_acts_on` reads the golden corpus with every gate open
//! and fails on any case that then reads differently.

use super::{employment, experience, general, labelling, numbers, pay, workplace};
use crate::lexicon::employers;

/// The classes of one token, one bit each (0 for anything but a word).
pub type Classes = u32;

/// Every gate class: in tests, [`ungated`] opens them all, to check that each gate lists every
/// word its pass acts on.
#[cfg(test)]
pub const GATES: Classes = EXPERIENCE_PHRASE
    | OPTIONAL_CUE
    | WORKPLACE_CUE
    | EMPLOYMENT_CUE
    | LABEL_RULE_START
    | NUMBER_WORD;

/// A word with a non-ASCII letter: passes gated by ASCII cue lists read these too (Chinese cues,
/// words with accents).
pub const NON_ASCII: Classes = 1 << 31;

/// Gate: a word the experience phrase pass acts on.
pub const EXPERIENCE_PHRASE: Classes = 1 << 0;
/// Gate: a word that may make its sentence optional ("preferred", "a plus").
pub const OPTIONAL_CUE: Classes = 1 << 1;
/// Gate: a word the workplace pass acts on.
pub const WORKPLACE_CUE: Classes = 1 << 2;
/// Gate: a word the employment-type pass acts on.
pub const EMPLOYMENT_CUE: Classes = 1 << 3;
/// Gate: a word a label-type rule starts at ("write", "collect", "rate").
pub const LABEL_RULE_START: Classes = 1 << 4;
/// Gate: a word a number can be written with first ("twenty", "a dozen").
pub const NUMBER_WORD: Classes = 1 << 5;

/// Exact: a word that cues applying ([`general::APPLY_CUES`]).
pub const APPLY_CUE: Classes = 1 << 6;
/// Exact: a word for experience ([`experience::EXP_WORDS`]).
pub const EXPERIENCE_WORD: Classes = 1 << 7;
/// Exact: a word that names work, not an employer ([`employers::WORK_WORDS`]).
pub const WORK_WORD: Classes = 1 << 8;
/// Exact: a perk that money near it pays for ([`pay::TRAPS`]).
pub const PAY_TRAP: Classes = 1 << 9;
/// Exact: company money ("funding", "revenue"; [`pay::NEAR_TRAPS`]).
pub const PAY_NEAR_TRAP: Classes = 1 << 10;
/// Exact: a benefit that takes a budget ([`pay::BENEFIT_NOUNS`]).
pub const BENEFIT_NOUN: Classes = 1 << 11;
/// Exact: a word qualifying an amount ("gross", "net"; [`pay::QUALIFIERS`]).
pub const PAY_QUALIFIER: Classes = 1 << 12;

/// Every listed word with its class, for the gazetteer's map (which gives each word token its
/// classes in the lookup it already makes).
pub fn listed() -> impl Iterator<Item = (Classes, &'static str)> {
    let lists: [(Classes, &'static [&'static str]); 10] = [
        (WORKPLACE_CUE, workplace::CUE_WORDS),
        (EMPLOYMENT_CUE, employment::CUE_WORDS),
        (OPTIONAL_CUE, experience::OPTIONAL_CUES),
        (APPLY_CUE, general::APPLY_CUES),
        (EXPERIENCE_WORD, experience::EXP_WORDS),
        (WORK_WORD, employers::WORK_WORDS),
        (PAY_TRAP, pay::TRAPS),
        (PAY_NEAR_TRAP, pay::NEAR_TRAPS),
        (BENEFIT_NOUN, pay::BENEFIT_NOUNS),
        (PAY_QUALIFIER, pay::QUALIFIERS),
    ];
    let built = [
        (
            EXPERIENCE_PHRASE,
            experience::phrase_words().collect::<Vec<_>>(),
        ),
        (LABEL_RULE_START, labelling::rule_start_words().collect()),
        (NUMBER_WORD, numbers::number_words().collect()),
    ];
    let listed = lists
        .into_iter()
        .flat_map(|(class, words)| words.iter().map(move |w| (class, *w)));
    let built = built
        .into_iter()
        .flat_map(|(class, words)| words.into_iter().map(move |w| (class, w)));
    listed.chain(built)
}

/// The class a word's script adds to the classes of the lists it is in.
pub fn script(word: &str) -> Classes {
    if word.is_ascii() {
        0
    } else {
        NON_ASCII
    }
}

/// Test-only switch: while on, every token passes every gate (`Doc::words_in` yields each token,
/// `Doc::has` is true for a gate class), so a pass reads the whole text with its own `match`.
#[cfg(test)]
pub(crate) mod ungated {
    use std::cell::Cell;

    thread_local! {
        static ON: Cell<bool> = const { Cell::new(false) };
    }

    /// Whether the switch is on and `classes` holds a gate, which it then opens.
    pub fn opens(classes: super::Classes) -> bool {
        classes & super::GATES != 0 && ON.with(Cell::get)
    }

    /// Runs `f` with the gates open on this thread.
    pub fn run<T>(f: impl FnOnce() -> T) -> T {
        ON.with(|on| on.set(true));
        let out = f();
        ON.with(|on| on.set(false));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every golden text input, and each lowercased: a word a pass matches but its gate lacks
    /// reads differently with the gates open. The case (folder) that shows it is named.
    #[test]
    fn every_gate_lists_the_words_its_pass_acts_on() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/text");
        let mut cases = 0;
        let mut differ = Vec::new();
        for entry in std::fs::read_dir(&root).expect("testdata/text") {
            let case = entry.expect("case").path();
            let Some(input) = std::fs::read_dir(&case)
                .expect("case folder")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.file_stem().is_some_and(|s| s == "input"))
            else {
                continue;
            };
            let text = std::fs::read_to_string(&input).expect("input");
            for variant in [text.clone(), text.to_lowercase()] {
                cases += 1;
                let gated = crate::text::extract(&variant);
                let open = ungated::run(|| crate::text::extract(&variant));
                if gated != open {
                    differ.push(case.display().to_string());
                }
            }
        }
        assert!(
            cases > 100,
            "only {cases} inputs read from {}",
            root.display()
        );
        assert!(
            differ.is_empty(),
            "a gate misses a word its pass acts on; with the gates open these read differently: {differ:#?}"
        );
    }

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

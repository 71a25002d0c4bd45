//! Numbers at a token: digits with a following multiplier ("50 k", "2 million", "3 crore") and
//! number words ("eight", "twenty-five", "a dozen", "two hundred", "a single").

use super::super::classes;
use super::super::doc::Doc;
use super::super::token::Kind;

/// Unit number words, by value.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Tens number words, from twenty.
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Every word [`word_number`] can start a number at: its gate class,
/// [`classes::NUMBER_WORD`](super::super::classes::NUMBER_WORD).
pub(in crate::text) fn number_words() -> impl Iterator<Item = &'static str> {
    let starts = UNITS.into_iter().chain(TENS);
    starts.chain(["a", "an", "single", "dozen"])
}

fn unit_word(w: &str) -> Option<f64> {
    UNITS.iter().position(|u| *u == w).map(|v| v as f64)
}

fn tens_word(w: &str) -> Option<f64> {
    TENS.iter()
        .position(|t| *t == w)
        .map(|k| (k as f64 + 2.0) * 10.0)
}

pub(super) fn multiplier_word(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "thousand" => 1_000.0,
        "million" | "mil" | "mln" | "millions" => 1_000_000.0,
        "billion" | "bn" => 1_000_000_000.0,
        "lakh" | "lakhs" | "lac" | "lacs" | "lpa" => 100_000.0,
        "crore" | "crores" => 10_000_000.0,
        _ => return None,
    })
}

/// A number at token `i` (digits or words), with a following multiplier; returns
/// (value, index after, written in words).
pub(super) fn number_at(doc: &Doc, i: usize) -> Option<(f64, usize, bool)> {
    let t = doc.toks.get(i)?;
    let (mut value, mut j, word) = match t.kind {
        Kind::Num if !t.glued => (t.num, i + 1, false),
        Kind::Word => word_number(doc, i)?,
        _ => return None,
    };
    if let Some(m) = multiplier_word(doc.w(j)) {
        // "50 k" or "2 million"; a bare "k" only right after digits.
        if doc.w(j) != "k" || !doc.toks[j].space {
            value *= m;
            j += 1;
        }
    }
    Some((value, j, word))
}

/// Number words: "eight", "twenty-five", "a dozen", "two hundred", "a single", "a couple of".
pub(super) fn word_number(doc: &Doc, i: usize) -> Option<(f64, usize, bool)> {
    if !doc.has(i, classes::NUMBER_WORD) {
        return None;
    }
    let w = doc.w(i);
    if w == "a" || w == "an" {
        if doc.is(i + 1, "dozen") {
            return Some((12.0, i + 2, true));
        }
        if doc.is(i + 1, "single") {
            return Some((1.0, i + 2, true));
        }
        if doc.is(i + 1, "couple") && doc.is(i + 2, "of") {
            return Some((2.0, i + 3, true));
        }
        return None;
    }
    if w == "single" && !doc.is(i.wrapping_sub(1), "a") {
        return None;
    }
    let mut value;
    let mut j = i + 1;
    if let Some(t) = tens_word(w) {
        value = t;
        let k = if doc.punct(j, '-') { j + 1 } else { j };
        if let Some(u) = unit_word(doc.w(k)).filter(|u| *u > 0.0 && *u < 10.0) {
            value += u;
            j = k + 1;
        }
    } else if let Some(u) = unit_word(w) {
        value = u;
    } else if w == "dozen" {
        value = 12.0;
    } else {
        return None;
    }
    if doc.is(j, "dozen") {
        value *= 12.0;
        j += 1;
    }
    if doc.is(j, "hundred") {
        value *= 100.0;
        j += 1;
    }
    Some((value, j, true))
}

//! Numbers at a token: digits with a following multiplier ("50 k", "2 million", "3 crore") and
//! number words ("eight", "twenty-five", "a dozen", "two hundred", "a single").

use super::super::doc::Doc;
use super::super::token::Kind;

pub(super) fn unit_word(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        _ => return None,
    })
}

pub(super) fn tens_word(w: &str) -> Option<f64> {
    Some(match w {
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
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
    let w = doc.w(i);
    // Every number word starts with one of these letters; most words are rejected here.
    if !matches!(
        w.as_bytes().first(),
        Some(b'a' | b'd' | b'e' | b'f' | b'n' | b'o' | b's' | b't' | b'z')
    ) {
        return None;
    }
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

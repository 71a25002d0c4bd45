//! Number and money grammar shared by every extractor: digits with separators and decimals,
//! `k`/`M`/"million", number words ("eight", "twenty-five", "a dozen", "a single"), ranges
//! ("15–18", "between 15 and 18", "from A to B"), approximations (~, about, roughly), currency
//! marks and ISO codes on either side, and cents. A number at one token is read in `words`, the
//! currency around it in `currency`; this module assembles quantities from them.

mod currency;
mod words;

pub use currency::currency_word;
use currency::read_currency_after;
pub(super) use words::number_words;
use words::{multiplier_word, number_at};

use super::classes;
use super::doc::Doc;
use super::token::Kind;

/// One quantity read from the token stream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quant {
    pub lo: f64,
    pub hi: f64,
    pub range: bool,
    /// ISO 4217 code when the quantity is money.
    pub cur: Option<&'static str>,
    /// The currency symbol is ambiguous (¥).
    pub cur_low: bool,
    /// The currency came from a letter prefix ("R", "P") that the country must confirm.
    pub cur_ctx: bool,
    pub approx: bool,
    pub plus: bool,
    pub up_to: bool,
    pub at_least: bool,
    /// Written in words ("eight").
    pub word: bool,
    pub percent: bool,
    /// Glued to a following noun by a hyphen ("3-month", "500-word"): a modifier.
    pub compound: bool,
    /// First token (including a leading currency mark).
    pub a: usize,
    /// One past the last token (including suffixes: multiplier, currency code, "+").
    pub b: usize,
}

impl Quant {
    pub fn is_money(&self) -> bool {
        self.cur.is_some()
    }
}

/// Reads every quantity in the document, left to right, without overlaps.
pub fn quantities(doc: &Doc) -> Vec<Quant> {
    let mut out = Vec::new();
    let n = doc.toks.len();
    let mut i = 0;
    while i < n {
        match quant_at(doc, i) {
            Some(q) => {
                i = q.b.max(i + 1);
                out.push(q);
            }
            None => i += 1,
        }
    }
    out
}

fn quant_at(doc: &Doc, i: usize) -> Option<Quant> {
    let t = doc.toks.get(i)?;
    // Only a number, a word or a currency mark starts a quantity; the rest leave before the reads.
    if !matches!(t.kind, Kind::Num | Kind::Word | Kind::Cur) {
        return None;
    }
    // A word starts one only as a number word or as a currency word before the amount.
    let before_amount = matches!(doc.kind(i + 1), Some(Kind::Num | Kind::Cur | Kind::Punct));
    if t.kind == Kind::Word && !before_amount && !doc.has(i, classes::NUMBER_WORD) {
        return None;
    }
    let mut a = i;
    let mut cur: Option<&'static str> = None;
    let mut cur_low = false;
    let mut cur_ctx = false;
    let mut start = i;
    match t.kind {
        Kind::Cur if t.cur != "¢" => {
            cur = Some(t.cur);
            cur_low = t.cur_low;
            cur_ctx = t.ch != '\0';
            start = i + 1;
        }
        Kind::Word if before_amount => {
            if let Some(code) = currency_word(doc, i).filter(|c| !c.starts_with('¢')) {
                let mut k = i + 1;
                if doc.punct(k, '.') {
                    k += 1;
                }
                if doc.toks.get(k).is_some_and(|t| t.kind == Kind::Cur) {
                    k += 1;
                }
                if doc
                    .toks
                    .get(k)
                    .is_some_and(|t| t.kind == Kind::Num && !t.glued)
                {
                    cur = Some(code);
                    start = k;
                }
            }
        }
        _ => {}
    }
    let (mut lo, mut j, word) = number_at(doc, start)?;
    let lo_mult = has_multiplier(doc, start, j);
    if !word && !lo_mult {
        (lo, j) = space_groups(doc, start, lo, j, cur.is_some());
    }
    let mut q = Quant {
        lo,
        hi: lo,
        range: false,
        cur,
        cur_low,
        cur_ctx,
        approx: false,
        plus: false,
        up_to: false,
        at_least: false,
        word,
        percent: false,
        compound: false,
        a,
        b: j,
    };
    read_currency_after(doc, &mut q, &mut j);
    // Ranges: "15-18", "$14-$16", "15 to 18", "between 15 and 18".
    let between = doc.is(a.wrapping_sub(1), "between") || doc.is(a.wrapping_sub(1), "from");
    // "20~30k" (no space before the tilde); "R$ 7.000 a R$ 12.000", "10 bis 20 €", "20至30":
    // words of other languages separate a range only between amounts of money.
    let tilde = (doc.punct(j, '~') || doc.punct(j, '～'))
        && doc.toks.get(j).is_some_and(|t| !t.space)
        && doc.kind(j + 1) == Some(Kind::Num);
    let foreign = doc.is_any(j, &["a", "até", "à", "bis", "hasta", "do", "至", "到"])
        && (q.cur.is_some() || doc.kind(j + 1) == Some(Kind::Cur))
        && matches!(doc.kind(j + 1), Some(Kind::Num | Kind::Cur))
        && !(doc.is_any(j, &["a", "à"]) && article_before_count(doc, j + 1));
    let sep =
        (doc.punct(j, '-') || doc.is(j, "to") || (between && doc.is(j, "and")) || tilde || foreign)
            .then_some(j + 1);
    if let Some(mut k) = sep {
        let mut second_cur = None;
        if let Some(t2) = doc
            .toks
            .get(k)
            .filter(|t| t.kind == Kind::Cur && t.cur != "¢")
        {
            second_cur = Some((t2.cur, t2.cur_low));
            k += 1;
        }
        if let Some((hi0, k2, word2)) = number_at(doc, k) {
            let hi_mult = has_multiplier(doc, k, k2);
            let (mut hi, k2) = if word2 || hi_mult {
                (hi0, k2)
            } else {
                space_groups(doc, k, hi0, k2, q.cur.is_some() || second_cur.is_some())
            };
            let mut lo2 = q.lo;
            if hi_mult && !lo_mult && !q.word {
                // "$50-70k", "₹4 – 7 LPA": the multiplier of the second number applies to both.
                let m = multiplier_of(doc, k, k2);
                if m > 1.0 && lo2 * m <= hi {
                    lo2 *= m;
                }
            }
            if hi >= lo2 && hi > 0.0 {
                q.lo = lo2;
                q.range = hi > lo2;
                if !q.range {
                    hi = lo2;
                }
                q.hi = hi;
                j = k2;
                if q.cur.is_none() {
                    if let Some((c, low)) = second_cur {
                        q.cur = Some(c);
                        q.cur_low = low;
                    }
                }
                read_currency_after(doc, &mut q, &mut j);
            }
        } else if sep == Some(j + 1) && doc.punct(j, '-') && doc.kind(j + 1) == Some(Kind::Word) {
            q.compound = true;
        }
    }
    if q.cur.is_some() {
        // "BRL 20.000", "R$ 7.000": one dot group of three digits in money is thousands.
        let dot_thousands = |k: usize| {
            let o = doc.orig(k).as_bytes();
            doc.kind(k) == Some(Kind::Num)
                && o.len() >= 5
                && o.len() <= 7
                && o[o.len() - 4] == b'.'
                && o.iter().filter(|b| **b == b'.').count() == 1
                && o.iter().all(|b| b.is_ascii_digit() || *b == b'.')
        };
        let (lo0, hi0) = (q.lo, q.hi);
        if dot_thousands(start) {
            q.lo *= 1000.0;
        }
        if q.range {
            if let Some(k) = (start + 1..j).find(|k| doc.kind(*k) == Some(Kind::Num)) {
                if dot_thousands(k) {
                    q.hi *= 1000.0;
                }
            }
        } else {
            q.hi = q.lo;
        }
        if q.lo > q.hi {
            (q.lo, q.hi) = (lo0, hi0);
        }
    }
    // "20+", but not "100 PLN + VAT" (an addition, not "or more").
    if doc.punct(j, '+')
        && !doc.is_any(
            j + 1,
            &["vat", "tax", "iva", "mwst", "benefits", "bonus", "equity"],
        )
    {
        q.plus = true;
        j += 1;
    }
    if doc.punct(j, '%') || doc.is(j, "percent") || doc.is(j, "pct") {
        q.percent = true;
    }
    q.b = j;
    // Prefixes: "~", "about", "up to", "at least", "min." …
    let p = a.wrapping_sub(1);
    if doc.punct(p, '~') || doc.punct(p, '≈') {
        q.approx = true;
        q.a = p;
        a = p;
    }
    let p1 = doc.w(a.wrapping_sub(1));
    let p2 = doc.w(a.wrapping_sub(2));
    match (p2, p1) {
        (_, "about" | "approximately" | "approx" | "around" | "roughly" | "circa" | "nearly")
        | (_, "almost" | "some" | "ca") => q.approx = true,
        ("up", "to") | ("no", "more") | (_, "max" | "maximum" | "under") => q.up_to = true,
        ("at", "least") | ("more", "than") | (_, "over" | "minimum" | "min" | "least") => {
            q.at_least = true
        }
        ("upwards", "of") => q.at_least = true,
        _ => {}
    }
    if doc.is(a.wrapping_sub(1), "than") && doc.is(a.wrapping_sub(2), "less") {
        q.up_to = true;
    }
    Some(q)
}

/// "$10 a 15-minute survey", "$5 a 30 second clip": after "a" the number counts a noun, so
/// "a" is the English article, not the Portuguese/Spanish "to" of "R$ 7.000 a 12.000".
fn article_before_count(doc: &Doc, k: usize) -> bool {
    if doc.kind(k) != Some(Kind::Num) {
        return false;
    }
    let next = k + 1;
    doc.punct(next, '-')
        || super::bind::time_unit(doc.w(next)).is_some()
        || doc.is_any(next, &["second", "seconds", "sec", "question", "questions"])
        || doc.hits_at(next).any(|h| {
            matches!(
                h.tag,
                super::gazetteer::Tag::Data(..)
                    | super::gazetteer::Tag::Unit
                    | super::gazetteer::Tag::Person
                    | super::gazetteer::Tag::Media(_)
            )
        })
}

/// Whether the number in tokens `[a, b)` carries a multiplier ("70k", "7 LPA", "2 million").
fn has_multiplier(doc: &Doc, a: usize, b: usize) -> bool {
    multiplier_of(doc, a, b) > 1.0
}

fn multiplier_of(doc: &Doc, a: usize, b: usize) -> f64 {
    if b > a + 1 {
        if let Some(m) = multiplier_word(doc.w(b - 1)) {
            return m;
        }
    }
    let o = doc.orig(a);
    let suffix = o.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if suffix.is_empty() {
        return 1.0;
    }
    const SUFFIXES: &[(&str, f64)] = &[
        ("k", 1_000.0),
        ("m", 1_000_000.0),
        ("mm", 1_000_000.0),
        ("mn", 1_000_000.0),
        ("bn", 1_000_000_000.0),
        ("b", 1_000_000_000.0),
        ("lpa", 100_000.0),
        ("lakh", 100_000.0),
        ("lakhs", 100_000.0),
        ("lac", 100_000.0),
        ("lacs", 100_000.0),
    ];
    SUFFIXES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(suffix))
        .map_or(1.0, |(_, m)| *m)
}

/// "R228 321", "20 000 PLN": digits grouped by spaces, read as one number when the amount is
/// money (a currency mark before it, or a currency right after the groups).
fn space_groups(doc: &Doc, start: usize, value: f64, j: usize, money: bool) -> (f64, usize) {
    let three = |k: usize| {
        doc.toks.get(k).is_some_and(|t| {
            t.kind == Kind::Num && t.space && !t.glued && t.line == doc.toks[start].line
        }) && {
            let o = doc.orig(k);
            o.len() == 3 && o.bytes().all(|b| b.is_ascii_digit())
        }
    };
    let first = doc.orig(start);
    if j != start + 1
        || first.is_empty()
        || first.len() > 3
        || !first.bytes().all(|b| b.is_ascii_digit())
        || !three(j)
    {
        return (value, j);
    }
    let mut v = value;
    let mut k = j;
    while three(k) && k - j < 3 {
        v = v * 1000.0 + doc.toks[k].num;
        k += 1;
    }
    // The currency may close the whole range: "18 000 - 24 000 PLN".
    let line = doc.toks[start].line;
    let cur_after = (k..k + 5).any(|c| {
        doc.toks.get(c).is_some_and(|t| t.line == line)
            && (doc.kind(c) == Some(Kind::Cur) || currency_word(doc, c).is_some())
            && (k..c)
                .all(|m| matches!(doc.kind(m), Some(Kind::Num | Kind::Punct)) || doc.is(m, "to"))
    });
    if money || cur_after {
        (v, k)
    } else {
        (value, j)
    }
}

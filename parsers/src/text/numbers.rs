//! Number and money grammar shared by every extractor: digits with separators and decimals,
//! `k`/`M`/"million", number words ("eight", "twenty-five", "a dozen", "a single"), ranges
//! ("15–18", "between 15 and 18", "from A to B"), approximations (~, about, roughly), currency
//! marks and ISO codes on either side, and cents.

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

fn unit_word(w: &str) -> Option<f64> {
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

fn tens_word(w: &str) -> Option<f64> {
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

fn multiplier_word(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "thousand" => 1_000.0,
        "million" | "mil" | "mln" | "millions" => 1_000_000.0,
        "billion" | "bn" => 1_000_000_000.0,
        "lakh" | "lakhs" => 100_000.0,
        "crore" | "crores" => 10_000_000.0,
        _ => return None,
    })
}

/// Currency words and codes after or before a number. ISO codes must be written in capitals.
fn currency_word(doc: &Doc, i: usize) -> Option<&'static str> {
    let w = doc.w(i);
    if w.is_empty() {
        return None;
    }
    let spelled = match w {
        "dollars" | "dollar" | "bucks" => Some("USD"),
        "euros" | "euro" => Some("EUR"),
        "pounds" | "pound" | "sterling" => Some("GBP"),
        "rupees" | "rupee" | "rs" => Some("INR"),
        "yen" => Some("JPY"),
        "yuan" | "renminbi" => Some("CNY"),
        "pesos" | "peso" => None,
        "reais" | "real" => None,
        "naira" => Some("NGN"),
        "cents" | "cent" => Some("¢"),
        "zloty" | "złoty" => Some("PLN"),
        "ringgit" => Some("MYR"),
        "baht" => Some("THB"),
        "rupiah" => Some("IDR"),
        "dirhams" | "dirham" => Some("AED"),
        "shekels" => Some("ILS"),
        "francs" => Some("CHF"),
        _ => None,
    };
    if spelled.is_some() {
        return spelled;
    }
    if w.len() != 3 || !doc.is_upper(i) {
        return None;
    }
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "INR", "JPY", "CNY", "RMB", "KRW", "CHF", "SGD",
        "HKD", "BRL", "MXN", "PHP", "ZAR", "NGN", "KES", "PLN", "SEK", "NOK", "DKK", "TRY", "AED",
        "SAR", "IDR", "VND", "THB", "MYR", "PKR", "BDT", "EGP", "ARS", "COP", "CLP", "PEN", "UAH",
        "RUB", "CZK", "HUF", "ILS", "TWD", "RON", "BGN", "GHS", "UGX", "TZS", "MAD", "LKR", "NPR",
    ];
    let up = w.to_ascii_uppercase();
    CODES
        .iter()
        .find(|c| **c == up)
        .map(|c| if *c == "RMB" { "CNY" } else { *c })
}

/// A number at token `i` (digits or words), with a following multiplier; returns
/// (value, index after, written in words).
fn number_at(doc: &Doc, i: usize) -> Option<(f64, usize, bool)> {
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
fn word_number(doc: &Doc, i: usize) -> Option<(f64, usize, bool)> {
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
    let mut a = i;
    let mut cur: Option<&'static str> = None;
    let mut cur_low = false;
    let mut start = i;
    match t.kind {
        Kind::Cur if t.cur != "¢" => {
            cur = Some(t.cur);
            cur_low = t.cur_low;
            start = i + 1;
        }
        Kind::Word if matches!(doc.kind(i + 1), Some(Kind::Num | Kind::Cur | Kind::Punct)) => {
            if let Some(code) = currency_word(doc, i).filter(|c| *c != "¢") {
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
    let (lo, mut j, word) = number_at(doc, start)?;
    let mut q = Quant {
        lo,
        hi: lo,
        range: false,
        cur,
        cur_low,
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
    let sep =
        (doc.punct(j, '-') || doc.is(j, "to") || (between && doc.is(j, "and"))).then_some(j + 1);
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
        if let Some((mut hi, k2, _)) = number_at(doc, k) {
            let raw_second = doc.toks.get(k).map(|t| t.num).unwrap_or(hi);
            let mut lo2 = q.lo;
            if hi > raw_second && lo2 < raw_second && lo2 * (hi / raw_second) <= hi {
                // "$50-70k": the multiplier of the second number applies to both.
                lo2 *= hi / raw_second;
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
    if doc.punct(j, '+') {
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

/// Reads "EUR", "dollars" or "cents"/"¢" written after the number.
fn read_currency_after(doc: &Doc, q: &mut Quant, j: &mut usize) {
    if let Some(t) = doc.toks.get(*j) {
        if t.kind == Kind::Cur && t.cur == "¢" {
            cents(q);
            *j += 1;
            return;
        }
        // "25 €/hour", "25$/h": the symbol written after the amount.
        let next_is_number = doc.toks.get(*j + 1).is_some_and(|n| n.kind == Kind::Num);
        if t.kind == Kind::Cur && q.cur.is_none() && !next_is_number {
            q.cur = Some(t.cur);
            q.cur_low = t.cur_low;
            *j += 1;
            return;
        }
    }
    if let Some(code) = currency_word(doc, *j) {
        if code == "¢" {
            cents(q);
        } else if q.cur.is_none() || q.cur == Some("USD") {
            q.cur = Some(code);
            q.cur_low = false;
        }
        *j += 1;
    }
}

fn cents(q: &mut Quant) {
    q.lo /= 100.0;
    q.hi /= 100.0;
    if q.cur.is_none() {
        q.cur = Some("USD");
    }
}

//! The token stream every extractor reads: words, numbers, currency marks, punctuation, URLs,
//! emails and sentence breaks, each with its byte span, sentence and line. Extractors bind a
//! number to the noun near it by position in this stream instead of matching one regex per field.

use super::scan::{links, scan_number};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    /// A currency mark (`$`, `€`, `CA$`, `¢`…); `Tok::cur` holds the ISO code ("¢" for cents).
    Cur,
    Punct,
    Url,
    Email,
    /// End of a sentence or line.
    Break,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub kind: Kind,
    pub s: usize,
    pub e: usize,
    /// Numbers: the value, with a `k`/`M` suffix applied.
    pub num: f64,
    /// Currency marks: ISO 4217 code, or "¢".
    pub cur: &'static str,
    /// Punctuation: the character. Currency marks: the prefix letter of a mark that is money
    /// only in one country's postings ("R228 321" rand, "P477" Philippine pesos), which the
    /// reader confirms from the places the posting names; `'\0'` for every other mark.
    pub ch: char,
    pub sent: u32,
    pub line: u32,
    /// Whitespace precedes the token.
    pub space: bool,
    /// A number glued to letters ("GPT-4", "A4", "COVID-19"): a name, not a quantity.
    pub glued: bool,
    /// The currency symbol is ambiguous (¥ may be JPY or CNY).
    pub cur_low: bool,
}

impl Tok {
    fn new(kind: Kind, s: usize, e: usize) -> Tok {
        Tok {
            kind,
            s,
            e,
            num: 0.0,
            cur: "",
            ch: '\0',
            sent: 0,
            line: 0,
            space: false,
            glued: false,
            cur_low: false,
        }
    }
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "approx", "etc", "vs", "dr", "mr", "mrs", "ms", "no", "st", "inc", "ltd", "co", "jr", "sr",
    "min", "max", "avg", "incl", "esp", "dept", "est", "hrs", "hr", "yrs", "mo", "wk", "ca",
    "corp", "prof", "fig", "rs",
];

/// ASCII letters and digits by byte value: one load per byte in the tokenizer's hottest loop.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Prefixes glued to `$` that name a dollar other than USD.
fn dollar_code(prefix: &str) -> Option<&'static str> {
    Some(match prefix.to_ascii_lowercase().as_str() {
        "ca" | "c" | "can" | "cad" => "CAD",
        "a" | "au" | "aud" => "AUD",
        "nz" | "nzd" => "NZD",
        "hk" | "hkd" => "HKD",
        "s" | "sg" | "sgd" => "SGD",
        "us" | "usd" => "USD",
        "r" => "BRL",
        "mx" | "mxn" => "MXN",
        "nt" => "TWD",
        _ => return None,
    })
}

/// A money prefix letter glued to digits in the word `text[s..e]`: "R"/"RR" (ZAR) or "P" (PHP)
/// followed by three or more digits, or by one to three digits and a space-separated group of
/// three ("R20 000"). Returns the code and the prefix length.
fn letter_money_prefix(text: &str, s: usize, e: usize) -> Option<(&'static str, usize)> {
    let word = text.get(s..e)?;
    let (code, len) = if word.starts_with("RR") {
        ("ZAR", 2)
    } else if word.starts_with('R') {
        ("ZAR", 1)
    } else if word.starts_with('P') {
        ("PHP", 1)
    } else {
        return None;
    };
    let digits = &word[len..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let bytes = text.as_bytes();
    let grouped = digits.len() <= 3
        && bytes.get(e) == Some(&b' ')
        && bytes
            .get(e + 1..e + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !bytes.get(e + 4).is_some_and(u8::is_ascii_digit);
    (digits.len() >= 3 && !digits.starts_with('0') || grouped).then_some((code, len))
}

/// Splits cleaned text into tokens.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let links = links(text);
    let mut link_i = 0;
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4 + 8);
    let mut sent = 0u32;
    let mut line = 0u32;
    let mut space = true;
    let bytes = text.as_bytes();
    let mut i = 0;
    let push = |toks: &mut Vec<Tok>, mut t: Tok, space: &mut bool, sent: u32, line: u32| {
        t.sent = sent;
        t.line = line;
        t.space = *space;
        *space = false;
        toks.push(t);
    };
    while i < text.len() {
        if link_i < links.len() && links[link_i].0 == i {
            let (s, e, kind) = links[link_i];
            link_i += 1;
            push(&mut toks, Tok::new(kind, s, e), &mut space, sent, line);
            i = e;
            continue;
        }
        while link_i < links.len() && links[link_i].0 < i {
            link_i += 1;
        }
        let c = if bytes[i] < 0x80 {
            bytes[i] as char
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        let clen = c.len_utf8();
        if c == '\n' {
            if toks.last().is_some_and(|t| t.kind != Kind::Break) {
                push(
                    &mut toks,
                    Tok::new(Kind::Break, i, i + 1),
                    &mut space,
                    sent,
                    line,
                );
                sent += 1;
            }
            line += 1;
            space = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            i += clen;
            continue;
        }
        if c.is_ascii_digit() {
            let (tok_end, value, suffix_end) = scan_number(text, i);
            let suffix = &text[tok_end..suffix_end];
            // Glued to a Latin word ("GPT-4", "A4"); digits after CJK text are quantities.
            let glued = !space
                && toks.last().is_some_and(|t| {
                    (t.kind == Kind::Word
                        && t.e == i
                        && text[..i].ends_with(|c: char| c.is_ascii()))
                        || (t.kind == Kind::Punct
                            && t.ch == '-'
                            && t.e == i
                            && toks.len() >= 2
                            && toks[toks.len() - 2].kind == Kind::Word
                            && toks[toks.len() - 2].e == t.s)
                });
            let lower_suffix = suffix.to_ascii_lowercase();
            let (mult, split_unit, is_word) = match lower_suffix.as_str() {
                "" => (1.0, false, false),
                "k" => (1_000.0, false, false),
                "m" | "mm" | "mn" => (1_000_000.0, false, false),
                "bn" | "b" => (1_000_000_000.0, false, false),
                "lpa" | "lakh" | "lakhs" | "lac" | "lacs" => (100_000.0, false, false),
                "h" | "hr" | "hrs" | "hour" | "hours" | "min" | "mins" | "wk" | "wks" | "yr"
                | "yrs" | "x" | "w" | "mo" | "months" | "weeks" | "days" | "years" | "am"
                | "pm" | "px" | "p" => (1.0, true, false),
                _ => (1.0, false, true),
            };
            if is_word {
                push(
                    &mut toks,
                    Tok::new(Kind::Word, i, suffix_end),
                    &mut space,
                    sent,
                    line,
                );
            } else {
                let end = if split_unit { tok_end } else { suffix_end };
                let mut t = Tok::new(Kind::Num, i, end);
                t.num = value * mult;
                t.glued = glued;
                push(&mut toks, t, &mut space, sent, line);
                if split_unit {
                    push(
                        &mut toks,
                        Tok::new(Kind::Word, tok_end, suffix_end),
                        &mut space,
                        sent,
                        line,
                    );
                }
            }
            i = suffix_end;
            continue;
        }
        if c.is_alphabetic() {
            // ASCII letters and digits first (the common case), then the general path.
            let mut e = i;
            while bytes.get(e).is_some_and(|&b| ASCII_ALNUM[usize::from(b)]) {
                e += 1;
            }
            let resume = e;
            for (off, ch) in text[resume..].char_indices() {
                let off = off + resume - i;
                let ok = ch.is_alphanumeric()
                    || ((ch == '\'' || ch == '’')
                        && text[i + off + ch.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphabetic));
                if !ok {
                    e = i + off;
                    break;
                }
                e = i + off + ch.len_utf8();
            }
            // "可达23美金": digits after non-Latin letters start a number (checked only for the
            // rare words the general path extended, to keep the ASCII loop tight).
            if e > resume {
                let mut prev_ascii = true;
                for (off, ch) in text[i..e].char_indices() {
                    if ch.is_ascii_digit() && !prev_ascii {
                        e = i + off;
                        break;
                    }
                    prev_ascii = ch.is_ascii();
                }
            }
            // Dotted abbreviations: "U.S.", "e.g.", "Ph.D." stay one word.
            if e - i <= 2 {
                let mut j = e;
                while j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_alphabetic()
                {
                    let mut k = j + 1;
                    while k < bytes.len() && bytes[k].is_ascii_alphabetic() && k - j <= 2 {
                        k += 1;
                    }
                    if k < bytes.len() && bytes[k] == b'.' {
                        j = k + 1;
                    } else {
                        break;
                    }
                }
                if j > e {
                    e = j;
                }
            }
            if e < text.len() && bytes[e] == b'$' {
                if let Some(code) = dollar_code(&text[i..e]) {
                    let mut t = Tok::new(Kind::Cur, i, e + 1);
                    t.cur = code;
                    push(&mut toks, t, &mut space, sent, line);
                    i = e + 1;
                    continue;
                }
            }
            let word = &text[i..e];
            // "R228 321", "RR819 960" (rand), "P477" (Philippine peso): a letter prefix glued to
            // the amount; split it off as a currency mark that needs the country to confirm it.
            let maybe_prefix =
                matches!(bytes[i], b'R' | b'P') && bytes.get(e - 1).is_some_and(u8::is_ascii_digit);
            if let Some((code, len)) = maybe_prefix
                .then(|| letter_money_prefix(text, i, e))
                .flatten()
            {
                let mut t = Tok::new(Kind::Cur, i, i + len);
                t.cur = code;
                t.ch = if code == "PHP" { 'P' } else { 'R' };
                push(&mut toks, t, &mut space, sent, line);
                i += len;
                continue;
            }
            // "(x20)": a multiplication sign before a count, not a word.
            if (word.starts_with('x') || word.starts_with('X'))
                && word.len() > 1
                && word[1..].bytes().all(|b| b.is_ascii_digit())
            {
                let mut t = Tok::new(Kind::Punct, i, i + 1);
                t.ch = '×';
                push(&mut toks, t, &mut space, sent, line);
                i += 1;
                continue;
            } else {
                push(
                    &mut toks,
                    Tok::new(Kind::Word, i, e),
                    &mut space,
                    sent,
                    line,
                );
            }
            i = e;
            continue;
        }
        let cur = match c {
            '$' => Some(("USD", false)),
            '€' => Some(("EUR", false)),
            '£' => Some(("GBP", false)),
            '₹' => Some(("INR", false)),
            '₩' => Some(("KRW", false)),
            '¥' | '￥' => Some(("JPY", true)),
            '₱' => Some(("PHP", false)),
            '₦' => Some(("NGN", false)),
            '₺' => Some(("TRY", false)),
            '₽' => Some(("RUB", false)),
            '₫' => Some(("VND", false)),
            '₪' => Some(("ILS", false)),
            '¢' => Some(("¢", false)),
            _ => None,
        };
        if let Some((code, low)) = cur {
            let mut t = Tok::new(Kind::Cur, i, i + clen);
            t.cur = code;
            t.cur_low = low;
            push(&mut toks, t, &mut space, sent, line);
            i += clen;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '•' | '|' | '·' | '▪' | '●') {
            let next = text[i + clen..].chars().next();
            let ends = match c {
                '.' | '!' | '?' => {
                    next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | ')' | '”' | '\''))
                        && !toks.last().is_some_and(|t| {
                            t.kind == Kind::Word && t.e == i && {
                                let w = &text[t.s..t.e];
                                ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
                                    || w.ends_with('.')
                            }
                        })
                }
                _ => true,
            };
            if ends {
                if toks.last().is_some_and(|t| t.kind != Kind::Break) {
                    push(
                        &mut toks,
                        Tok::new(Kind::Break, i, i + clen),
                        &mut space,
                        sent,
                        line,
                    );
                    sent += 1;
                }
                space = true;
                i += clen;
                continue;
            }
        }
        let mut t = Tok::new(Kind::Punct, i, i + clen);
        t.ch = match c {
            '–' | '—' | '‒' | '−' | '‐' | '‑' => '-',
            '’' | '‘' => '\'',
            other => other,
        };
        push(&mut toks, t, &mut space, sent, line);
        i += clen;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        tokenize(text)
            .iter()
            .map(|t| (t.kind, text[t.s..t.e].to_string()))
            .collect()
    }

    #[test]
    fn numbers_currency_and_links() {
        let toks = tokenize(
            "Pay CA$22/hour for 12k photos, email a@b.example or see https://x.example/a.",
        );
        let nums: Vec<f64> = toks
            .iter()
            .filter(|t| t.kind == Kind::Num)
            .map(|t| t.num)
            .collect();
        assert_eq!(nums, vec![22.0, 12_000.0]);
        assert!(toks.iter().any(|t| t.kind == Kind::Cur && t.cur == "CAD"));
        assert!(toks.iter().any(|t| t.kind == Kind::Email));
        assert!(toks.iter().any(|t| t.kind == Kind::Url));
        let k = kinds("U.S. only. GPT-4 rocks");
        assert_eq!(k[0], (Kind::Word, "U.S.".to_string()));
        assert!(tokenize("GPT-4")
            .iter()
            .any(|t| t.kind == Kind::Num && t.glued));
    }
}

//! Byte-level scanners for the tokenizer: URL and email spans, and digit runs with thousands
//! separators, decimals and glued suffixes. Both are hand-written so no input can make them
//! super-linear.

use super::token::Kind;

/// Where a link may start, in order: every "http://", "https://" and "www." (in any case) and
/// every `@`. Found from the rarer bytes `:`, `.` and `@` with `str::find`, which searches a
/// word at a time, instead of testing every byte.
fn link_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let ends_with = |end: usize, word: &[u8]| {
        end >= word.len() && bytes[end - word.len()..end].eq_ignore_ascii_case(word)
    };
    let mut starts = Vec::new();
    for (at, _) in text.match_indices(':') {
        if bytes.get(at + 1..at + 3) == Some(b"//".as_slice()) {
            if ends_with(at, b"https") {
                starts.push(at - 5);
            } else if ends_with(at, b"http") {
                starts.push(at - 4);
            }
        }
    }
    let www = text.match_indices('.').map(|(at, _)| at);
    starts.extend(www.filter(|&at| ends_with(at, b"www")).map(|at| at - 3));
    starts.extend(text.match_indices('@').map(|(at, _)| at));
    starts.sort_unstable();
    starts
}

/// URL and email spans, found by hand so that no input can make the scan super-linear.
pub fn links(text: &str) -> Vec<(usize, usize, Kind)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, usize, Kind)> = Vec::new();
    let is_url_char =
        |b: u8| !b.is_ascii_whitespace() && !matches!(b, b'<' | b'>' | b'"' | b'\'' | b'(' | b')');
    let mut i = 0;
    let mut last_end = 0;
    for start in link_starts(text) {
        // A start inside a link already read is part of it.
        if start < i {
            continue;
        }
        i = start;
        let b = bytes[i];
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if b != b'@' && at_word_start && i >= last_end {
            let mut j = i;
            while j < bytes.len() && is_url_char(bytes[j]) {
                j += 1;
            }
            while j > i && matches!(bytes[j - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
                j -= 1;
            }
            if text.is_char_boundary(j) && j > i + 7 {
                out.push((i, j, Kind::Url));
                last_end = j;
                i = j;
                continue;
            }
        }
        if b == b'@' && i >= last_end {
            let local =
                |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
            let mut s = i;
            while s > last_end && local(bytes[s - 1]) {
                s -= 1;
            }
            while s < i && !bytes[s].is_ascii_alphanumeric() {
                s += 1;
            }
            let mut e = i + 1;
            while e < bytes.len()
                && (bytes[e].is_ascii_alphanumeric() || matches!(bytes[e], b'.' | b'-'))
            {
                e += 1;
            }
            while e > i + 1 && matches!(bytes[e - 1], b'.' | b'-') {
                e -= 1;
            }
            let domain = &text[i + 1..e];
            let tld_ok = domain.rsplit_once('.').is_some_and(|(head, tld)| {
                !head.is_empty() && tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic())
            });
            if s < i && tld_ok {
                // An email inside a URL (mailto: or a path) belongs to that URL.
                if let Some(last) = out.last() {
                    if last.1 > s {
                        i += 1;
                        continue;
                    }
                }
                out.push((s, e, Kind::Email));
                last_end = e;
                i = e;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Reads digits with thousands separators and one decimal part from `start`; returns the end of
/// the number, its value and the end of any letters glued to it.
/// The value of the digits in `text[start..end]`, group separators skipped ("228 321", "1,50,000").
fn grouped_value(text: &str, start: usize, end: usize) -> f64 {
    let digits: String = text
        .get(start..end)
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse::<f64>().unwrap_or(0.0)
}

/// Where a word glued to a number ends ("30k", "4LPA"): the first byte after `end` that is not an
/// ASCII letter.
fn word_end(bytes: &[u8], end: usize) -> usize {
    let mut j = end;
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    j
}

pub fn scan_number(text: &str, start: usize) -> (usize, f64, usize) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut seen_dot = false;
    let mut seen_comma = false;
    // "2.800.000": dots as thousands separators (two or more groups of three digits).
    let group = |k: usize| {
        bytes.get(k) == Some(&b'.')
            && bytes
                .get(k + 1..k + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !bytes.get(k + 4).is_some_and(u8::is_ascii_digit)
    };
    let mut k = start;
    while k < bytes.len() && bytes[k].is_ascii_digit() {
        k += 1;
    }
    // ",50" or ",5" closing a number: a decimal comma ("100,00", "3.500,00") when no digit or
    // further ",d" follows (so "1,2,3" lists stay apart).
    let decimal_comma = |k: usize| -> Option<usize> {
        if bytes.get(k) != Some(&b',') {
            return None;
        }
        let mut e = k + 1;
        while e < bytes.len() && bytes[e].is_ascii_digit() && e - k <= 3 {
            e += 1;
        }
        let n = e - k - 1;
        let list = bytes.get(e) == Some(&b',') && bytes.get(e + 1).is_some_and(u8::is_ascii_digit);
        ((1..=2).contains(&n) && !list).then_some(e)
    };
    // Most numbers end at a space or a letter: the grouping forms below start with a separator.
    let sep = bytes.get(k).copied().unwrap_or(b' ');
    let dot_groups = sep == b'.'
        && k - start <= 3
        && group(k)
        && (group(k + 4) || decimal_comma(k + 4).is_some());
    if dot_groups {
        // "2.800.000", "3.500,00": dots group thousands, a comma marks decimals.
        let mut end = k;
        while group(end) {
            end += 4;
        }
        let mut value = grouped_value(text, start, end);
        if let Some(e) = decimal_comma(end) {
            let frac = text[end + 1..e].parse::<f64>().unwrap_or(0.0);
            value += frac / 10f64.powi((e - end - 1) as i32);
            end = e;
        }
        return (end, value, word_end(bytes, end));
    }
    // Swiss grouping: "110'000", "1'250'000" (an apostrophe before each group of three).
    if matches!(sep, b'\'' | 0xE2) && (1..=3).contains(&(k - start)) {
        let tick = |p: usize| {
            let len = if bytes.get(p) == Some(&b'\'') {
                1
            } else if text.get(p..p + 3) == Some("\u{2019}") {
                3
            } else {
                return None;
            };
            let d = p + len;
            (bytes
                .get(d..d + 3)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !bytes.get(d + 3).is_some_and(u8::is_ascii_digit))
            .then_some(d + 3)
        };
        let mut end = k;
        while let Some(e) = tick(end) {
            end = e;
        }
        if end > k {
            return (end, grouped_value(text, start, end), word_end(bytes, end));
        }
    }
    // Indian grouping: "1,50,000", "12,00,000" (pairs of digits, then a group of three).
    if sep == b',' && (1..=2).contains(&(k - start)) {
        let pair = |p: usize| {
            bytes.get(p) == Some(&b',')
                && bytes
                    .get(p + 1..p + 3)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && bytes.get(p + 3) == Some(&b',')
        };
        let mut p = k;
        while pair(p) {
            p += 3;
        }
        let last = bytes.get(p) == Some(&b',')
            && bytes
                .get(p + 1..p + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !bytes.get(p + 4).is_some_and(u8::is_ascii_digit);
        if p > k && last {
            let end = p + 4;
            return (end, grouped_value(text, start, end), word_end(bytes, end));
        }
    }
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            i += 1;
        } else if b == b','
            && !seen_dot
            && bytes
                .get(i + 1..i + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            seen_comma = true;
            i += 1;
        } else if b == b'.' && !seen_dot && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            seen_dot = true;
            i += 1;
        } else {
            break;
        }
    }
    // Very long digit runs are not quantities anyone states; keep the parse cheap and finite.
    let raw = &text[start..i.min(start + 40)];
    let mut value = if seen_comma {
        raw.replace(',', "").parse::<f64>().unwrap_or(0.0)
    } else {
        raw.trim_end_matches('.').parse::<f64>().unwrap_or(0.0)
    };
    // "100,00": two decimals after a comma (no dot or thousands comma before).
    if !seen_comma && !seen_dot && i - start <= 9 && bytes.get(i) == Some(&b',') {
        if let Some(e) = decimal_comma(i).filter(|e| e - i == 3) {
            value += text[i + 1..e].parse::<f64>().unwrap_or(0.0) / 100.0;
            i = e;
        }
    }
    (i, value, word_end(bytes, i))
}

#[cfg(test)]
mod tests {
    use super::scan_number;

    fn value(s: &str) -> (f64, &str) {
        let (end, v, _) = scan_number(s, 0);
        (v, &s[end..])
    }

    #[test]
    fn locale_groupings() {
        assert_eq!(value("1,50,000/month"), (150_000.0, "/month"));
        assert_eq!(value("12,00,000 p.a."), (1_200_000.0, " p.a."));
        assert_eq!(value("4.600,00 + x"), (4_600.0, " + x"));
        assert_eq!(value("3.500,50 €"), (3_500.5, " €"));
        assert_eq!(value("100,00 a hora"), (100.0, " a hora"));
        assert_eq!(value("2.800.000 COP"), (2_800_000.0, " COP"));
        assert_eq!(value("53,692.00"), (53_692.0, ""));
        assert_eq!(value("110'000 CHF"), (110_000.0, " CHF"));
        assert_eq!(value("1\u{2019}250\u{2019}000"), (1_250_000.0, ""));
        // Lists and odd forms stay apart.
        assert_eq!(value("1,2,3"), (1.0, ",2,3"));
        assert_eq!(value("10,20,30"), (10.0, ",20,30"));
        assert_eq!(value("1,5"), (1.0, ",5"));
    }
}

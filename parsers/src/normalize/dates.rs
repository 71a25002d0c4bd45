//! Dates in the usual feed spellings, normalized to `YYYY-MM-DD`.

use regex::Regex;
use std::sync::OnceLock;

use super::{num, re};

/// A date or date-time in the usual feed spellings, as `YYYY-MM-DD`; `None` for "na", empty
/// or ambiguous values (`03/04/2024`).
pub fn date(raw: &str) -> Option<String> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    static DMY_NAME: OnceLock<Regex> = OnceLock::new();
    static MDY_NAME: OnceLock<Regex> = OnceLock::new();
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    let s = raw.trim();
    let ymd = |y: i32, m: u32, d: u32| {
        chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
    };
    if let Some((y, m, d)) = iso_ascii(s) {
        return ymd(y, m, d);
    }
    if let Some(c) = re(&ISO, r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])").captures(s) {
        return ymd(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?);
    }
    if let Some(c) = re(
        &DMY_NAME,
        r"^(?:[A-Za-z]{3,9}\.?,?\s+)?(\d{1,2})\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b",
    )
    .captures(s)
    {
        return ymd(num(&c, 3)?, month(c.get(2)?.as_str())?, num(&c, 1)?);
    }
    if let Some(c) = re(
        &MDY_NAME,
        r"^(?:[A-Za-z]{3,9}\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
    )
    .captures(s)
    {
        return ymd(num(&c, 3)?, month(c.get(1)?.as_str())?, num(&c, 2)?);
    }
    if let Some(c) = re(&NUMERIC, r"^(\d{1,4})[./](\d{1,2})[./](\d{1,4})$").captures(s) {
        let (a, b, y): (u32, u32, i32) = (num(&c, 1)?, num(&c, 2)?, num(&c, 3)?);
        if a > 999 {
            // 2024/03/18
            return ymd(i32::try_from(a).ok()?, b, u32::try_from(y).ok()?);
        }
        if c.get(0)?.as_str().contains('.') || a > 12 {
            return ymd(y, b, a); // 18.03.2024, 19/10/2018
        }
        if b > 12 {
            return ymd(y, a, b); // 03/18/2024
        }
    }
    None
}

/// The ISO pattern of [`date`] for plain ASCII (`2024-03-18`, `2024-3-8T…`), read without the
/// regex. `None` means "not this shape", and the regex decides.
fn iso_ascii(s: &str) -> Option<(i32, u32, u32)> {
    fn digits(b: &[u8], at: usize, max: usize) -> (u32, usize) {
        let mut value = 0u32;
        let mut n = 0;
        while n < max {
            match b.get(at + n) {
                Some(d) if d.is_ascii_digit() => {
                    value = value * 10 + u32::from(d - b'0');
                    n += 1;
                }
                _ => break,
            }
        }
        (value, n)
    }
    let b = s.as_bytes();
    let (year, 4) = digits(b, 0, 4) else {
        return None;
    };
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let (month, mn) = digits(b, 5, 2);
    if mn == 0 || b.get(5 + mn) != Some(&b'-') {
        return None;
    }
    let at = 6 + mn;
    let (day, dn) = digits(b, at, 2);
    let end_ok = match b.get(at + dn) {
        None => true,
        Some(c) => *c == b'T' || matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C'),
    };
    (dn > 0 && end_ok).then(|| (i32::try_from(year).unwrap_or(0), month, day))
}

fn month(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| u32::try_from(i + 1).ok())
}

//! Money: pay periods, amounts written as text, currencies, free-text salaries, and writing a
//! pay range into the fields.

use regex::Regex;
use std::sync::OnceLock;

use super::{fold, re};
use crate::enums::{PaymentType, SalaryPeriod};
use crate::outcome::ParseOutcome;

/// Pay period from unit texts and codes (`HOUR`, `Monthly`, `per annum`, `ANN`).
pub fn period(raw: &str) -> Option<SalaryPeriod> {
    let key = fold(raw);
    let key = key.strip_prefix("per").unwrap_or(&key);
    let v = match key {
        "hour" | "hourly" | "hr" | "h" | "hur" | "hours" => SalaryPeriod::Hour,
        "day" | "daily" | "d" | "days" => SalaryPeriod::Day,
        "week" | "weekly" | "wk" | "wee" | "weeks" => SalaryPeriod::Week,
        "month" | "monthly" | "mo" | "mon" | "months" => SalaryPeriod::Month,
        "year" | "yearly" | "annual" | "annually" | "annum" | "ann" | "yr" | "pa" | "years" => {
            SalaryPeriod::Year
        }
        _ => return None,
    };
    Some(v)
}

/// A pay range read from a source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pay {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: Option<String>,
    pub period: Option<SalaryPeriod>,
}

/// Writes a pay range into the fields (DESIGN §3.3: hourly pay sets the payment type, a single
/// hourly figure the price; a bare range ≥ 10,000 is taken as yearly, low confidence). Returns
/// whether a range was written (a range with no positive amount is not).
pub fn apply_pay(out: &mut ParseOutcome, pay: Pay) -> bool {
    let (mut min, mut max) = match (pay.min, pay.max) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => return false,
    };
    if min > max {
        std::mem::swap(&mut min, &mut max);
    }
    if !(min > 0.0 && max.is_finite()) {
        return false;
    }
    let f = &mut out.fields;
    f.salary_min = Some(min);
    f.salary_max = Some(max);
    if let Some(c) = pay.currency {
        f.currency = Some(c);
    }
    let period = match pay.period {
        Some(p) => Some(p),
        None if min >= 10_000.0 => {
            out.low(
                "salaryPeriod",
                "no pay period given; a range this large is taken as yearly",
            );
            Some(SalaryPeriod::Year)
        }
        None => None,
    };
    out.fields.salary_period = period;
    if period == Some(SalaryPeriod::Hour) {
        out.fields.payment_type = Some(PaymentType::PayPerHour);
        if min == max {
            out.fields.price_per_hour = Some(min);
        }
    }
    true
}

/// Where each part of a pay range was read: `T` is whatever the format turns into a path (a
/// JSON node, an element, a child's position); paths are built only for the fields the range
/// actually sets.
#[derive(Debug, Clone, Copy)]
pub struct PaySources<T> {
    pub min: Option<T>,
    pub max: Option<T>,
    pub currency: Option<T>,
    pub period: Option<T>,
}

impl<T> Default for PaySources<T> {
    fn default() -> Self {
        PaySources {
            min: None,
            max: None,
            currency: None,
            period: None,
        }
    }
}

impl<T: Copy> PaySources<T> {
    /// Every part read from one place (a free-text salary).
    pub fn all(at: T) -> Self {
        PaySources {
            min: Some(at),
            max: Some(at),
            currency: Some(at),
            period: Some(at),
        }
    }
}

/// [`apply_pay`], then cites every field it set with the sources that value came from: the
/// amounts for the range, the period for an hourly payment type, amount and period for an
/// hourly price, and the amounts for a period inferred from their size.
pub fn apply_pay_cited<T: Copy>(
    out: &mut ParseOutcome,
    pay: Pay,
    at: &PaySources<T>,
    path: impl Fn(T) -> Option<String>,
) {
    let (has_currency, has_period) = (pay.currency.is_some(), pay.period.is_some());
    // apply_pay orders the range low to high, and so are its sources.
    let (low, high) = match (pay.min, pay.max) {
        (Some(a), Some(b)) if a > b => (at.max, at.min),
        (Some(_), Some(_)) => (at.min, at.max),
        (Some(_), None) => (at.min, at.min),
        (None, _) => (at.max, at.max),
    };
    if !apply_pay(out, pay) {
        return;
    }
    let cite = |out: &mut ParseOutcome, key: &str, sources: &[Option<T>]| {
        out.uncite(key);
        for source in sources.iter().flatten() {
            if let Some(p) = path(*source) {
                out.cite_source(key, p);
            }
        }
    };
    cite(out, "salaryMin", &[low]);
    cite(out, "salaryMax", &[high]);
    if has_currency {
        cite(out, "currency", &[at.currency]);
    }
    match out.fields.salary_period {
        Some(_) if has_period => cite(out, "salaryPeriod", &[at.period]),
        Some(_) => cite(out, "salaryPeriod", &[low, high]),
        None => out.uncite("salaryPeriod"),
    }
    if out.fields.salary_period == Some(SalaryPeriod::Hour) {
        cite(out, "paymentType", &[at.period]);
        // A single hourly figure is also the price (apply_pay wrote it).
        if out.fields.salary_min == out.fields.salary_max {
            cite(out, "pricePerHour", &[low, at.period]);
        }
    }
}

/// An amount written as text ("$100,000", "4.000", "70K", "1.2M", "55000.00").
pub fn amount(raw: &str) -> Option<f64> {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &NUMBER,
        r"(?i)(\d[\d,.\s]*\d|\d)\s*(k|m|mil|million|thousand)?(?:\b|$)",
    )
    .captures(raw)?;
    let digits: String = c.get(1)?.as_str().split_whitespace().collect();
    let mut v = number(&digits)?;
    match c.get(2).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
        Some("k") | Some("thousand") => v *= 1_000.0,
        Some("m") | Some("mil") | Some("million") => v *= 1_000_000.0,
        _ => {}
    }
    (v.is_finite() && v < 1e12).then_some(v)
}

/// Digits with `,`/`.` as thousands or decimal separators, told apart by shape.
fn number(s: &str) -> Option<f64> {
    let (last_comma, last_dot) = (s.rfind(','), s.rfind('.'));
    let normalized = match (last_comma, last_dot) {
        (Some(c), Some(d)) if c > d => s.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => s.replace(',', ""),
        (Some(c), None) => {
            let tail = s.len() - c - 1;
            if tail == 3 {
                s.replace(',', "")
            } else {
                s.replace(',', ".")
            }
        }
        (None, Some(d)) => {
            let groups = s.matches('.').count();
            let tail = s.len() - d - 1;
            if groups > 1 || tail == 3 {
                s.replace('.', "")
            } else {
                s.to_string()
            }
        }
        (None, None) => s.to_string(),
    };
    normalized.parse::<f64>().ok()
}

const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "INR", "MYR", "SGD", "PHP", "BRL", "MXN", "JPY",
    "CNY", "CHF", "SEK", "NOK", "DKK", "PLN", "ZAR", "HKD", "IDR", "THB", "VND", "KRW", "AED",
    "SAR", "NGN", "KES", "EGP", "TRY", "CZK", "HUF", "RON", "ILS", "ARS", "CLP", "COP", "PEN",
    "PKR", "BDT", "LKR", "TWD", "UAH", "BGN",
];

/// An ISO 4217 code, if `raw` is one (any case).
pub fn currency_code(raw: &str) -> Option<String> {
    let up = raw.trim().to_ascii_uppercase();
    (up.len() == 3 && up.chars().all(|c| c.is_ascii_uppercase())).then_some(up)
}

/// The currency a money text is written in: a code, or a symbol (`$` is USD unless qualified).
pub fn currency_in(text: &str) -> Option<String> {
    static CODE: OnceLock<Regex> = OnceLock::new();
    // A code is written as three ASCII capitals: without such a run there is none to find.
    let capitals = text
        .as_bytes()
        .windows(3)
        .any(|w| w.iter().all(u8::is_ascii_uppercase));
    for cap in capitals
        .then(|| re(&CODE, r"\b([A-Za-z]{3})\b").captures_iter(text))
        .into_iter()
        .flatten()
    {
        if let Some(m) = cap.get(1) {
            let up = m.as_str().to_ascii_uppercase();
            if CODES.contains(&up.as_str()) && m.as_str() == up {
                return Some(up);
            }
        }
    }
    let symbols: &[(&str, &str)] = &[
        ("CA$", "CAD"),
        ("C$", "CAD"),
        ("A$", "AUD"),
        ("AU$", "AUD"),
        ("NZ$", "NZD"),
        ("HK$", "HKD"),
        ("S$", "SGD"),
        ("R$", "BRL"),
        ("RM", "MYR"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("₹", "INR"),
        ("₩", "KRW"),
        ("¥", "JPY"),
        ("₱", "PHP"),
        ("$", "USD"),
    ];
    symbols
        .iter()
        .find(|(sym, _)| text.contains(sym))
        .map(|(_, code)| code.to_string())
}

/// A free-text salary ("$70K per year", "MYR 4,000 - 5,500 per month", "60000 USD per year").
pub fn salary_text(raw: &str) -> Option<Pay> {
    static NUMBERS: OnceLock<Regex> = OnceLock::new();
    static PERIOD: OnceLock<Regex> = OnceLock::new();
    let nums: Vec<(f64, bool)> = re(&NUMBERS, r"(?i)(\d[\d,.]*)\s*(k|m|million|thousand)?\b")
        .captures_iter(raw)
        .filter_map(|c| {
            let text = c.get(0)?.as_str();
            Some((amount(text)?, c.get(2).is_some()))
        })
        .take(2)
        .collect();
    let (mut min, max) = match nums.as_slice() {
        [] => return None,
        [(a, _)] => (*a, *a),
        [(a, _), (b, _), ..] => (*a, *b),
    };
    // "70-80K": the suffix written once applies to both ends.
    if let [(_, false), (b, true), ..] = nums.as_slice() {
        if min * 100.0 < *b {
            min *= 1_000.0;
        }
    }
    let period = re(
        &PERIOD,
        r"(?i)(?:per|an|a|/|each)\s*(hour|hr|day|week|wk|month|mo|year|yr|annum)\b|\b(hourly|daily|weekly|monthly|yearly|annually|annual)\b|\b(p\.?a\.?|p\.?h\.?)(?:\s|$)",
    )
    .captures(raw)
    .and_then(|c| {
        let word = c.get(1).or(c.get(2)).or(c.get(3))?.as_str().replace('.', "");
        match word.to_ascii_lowercase().as_str() {
            "ph" => Some(SalaryPeriod::Hour),
            w => period(w),
        }
    });
    Some(Pay {
        min: Some(min),
        max: Some(max),
        currency: currency_in(raw),
        period,
    })
}

//! Value normalizers the structured formats share: employment-type crosswalk, dates to
//! `YYYY-MM-DD`, money and free-text salaries, countries and languages, and the common finishing
//! step (fill gaps from the description text, then the few documented defaults).

use std::sync::OnceLock;

use regex::Regex;

use crate::enums::{EmploymentType, ExperienceLevel, LocationType, PaymentType, SalaryPeriod};
use crate::outcome::ParseOutcome;

pub use crate::enums::fold_enum_key as fold;

/// Reason recorded for every field filled by the text extractor.
pub const INFERRED: &str = "inferred from description text";

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|_| Regex::new("$^").expect("empty")))
}

/// Employment type from Google's enum, Indeed's free text, HR-XML codes (formats.md §7).
/// Returns the value and whether the spelling was the canonical one.
pub fn employment_type(raw: &str) -> Option<(EmploymentType, bool)> {
    let raw = raw.trim().trim_start_matches("x:").trim_start_matches("X:");
    if let Some(hit) = EmploymentType::from_loose(raw) {
        return Some(hit);
    }
    let v = match fold(raw).as_str() {
        "fulltime" | "ft" | "fulltimeemployee" | "permanentfulltime" | "vollzeit" => {
            EmploymentType::FullTime
        }
        "parttime" | "pt" | "parttimeemployee" | "teilzeit" => EmploymentType::PartTime,
        "contract"
        | "contractor"
        | "contracttohire"
        | "freelance"
        | "freelancer"
        | "selfemployed"
        | "consultant"
        | "independentcontractor"
        | "1099" => EmploymentType::Contractor,
        "temporary" | "temp" | "seasonal" | "temporarytohire" | "fixedterm" | "casual" => {
            EmploymentType::Temporary
        }
        "intern" | "internship" | "apprenticeship" | "apprentice" | "trainee" | "praktikum"
        | "werkstudent" => EmploymentType::Intern,
        "volunteer" | "volunteering" | "unpaid" => EmploymentType::Volunteer,
        "perdiem" | "oncall" | "prn" => EmploymentType::PerDiem,
        _ => return None,
    };
    Some((v, false))
}

/// Whether a value names how a job is offered (HR-XML `Direct Hire`, `Regular`) rather than a
/// schedule: such values say nothing about the employment type and are skipped quietly.
pub fn is_offering_only(raw: &str) -> bool {
    matches!(
        fold(raw).as_str(),
        "directhire" | "regular" | "permanent" | "recruitmentreserve" | ""
    )
}

/// Where a job is done, from Indeed `remotetype` and similar labels.
pub fn location_type(raw: &str) -> Option<LocationType> {
    let key = fold(raw);
    if key.contains("hybrid") {
        Some(LocationType::Hybrid)
    } else if key.contains("remote") || key == "telecommute" || key == "workfromhome" {
        Some(LocationType::Remote)
    } else if matches!(key.as_str(), "inperson" | "onsite" | "office" | "inoffice") {
        Some(LocationType::Onsite)
    } else {
        None
    }
}

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

fn num<T: std::str::FromStr>(c: &regex::Captures<'_>, i: usize) -> Option<T> {
    c.get(i)?.as_str().parse().ok()
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

/// ISO 3166-1 alpha-2 for a code, alpha-3 code or name.
pub fn country(raw: &str) -> Option<&'static str> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    crate::lexicon::country_code(s).or_else(|| crate::lexicon::country_code(&s.replace('.', "")))
}

/// The English name of a language name or ISO 639 code (also `en-US`, `pt_BR`).
pub fn language(raw: &str) -> Option<&'static str> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    crate::lexicon::language_name(s).or_else(|| {
        let base = s.split(['-', '_']).next()?;
        crate::lexicon::language_name(base)
    })
}

/// Whether `raw` names a US state (name or postal abbreviation): schema.org
/// `applicantLocationRequirements` often lists states, which imply the country.
pub fn us_state(raw: &str) -> bool {
    const STATES: &[(&str, &str)] = &[
        ("AL", "alabama"),
        ("AK", "alaska"),
        ("AZ", "arizona"),
        ("AR", "arkansas"),
        ("CA", "california"),
        ("CO", "colorado"),
        ("CT", "connecticut"),
        ("DE", "delaware"),
        ("DC", "district of columbia"),
        ("FL", "florida"),
        ("GA", "georgia"),
        ("HI", "hawaii"),
        ("ID", "idaho"),
        ("IL", "illinois"),
        ("IN", "indiana"),
        ("IA", "iowa"),
        ("KS", "kansas"),
        ("KY", "kentucky"),
        ("LA", "louisiana"),
        ("ME", "maine"),
        ("MD", "maryland"),
        ("MA", "massachusetts"),
        ("MI", "michigan"),
        ("MN", "minnesota"),
        ("MS", "mississippi"),
        ("MO", "missouri"),
        ("MT", "montana"),
        ("NE", "nebraska"),
        ("NV", "nevada"),
        ("NH", "new hampshire"),
        ("NJ", "new jersey"),
        ("NM", "new mexico"),
        ("NY", "new york"),
        ("NC", "north carolina"),
        ("ND", "north dakota"),
        ("OH", "ohio"),
        ("OK", "oklahoma"),
        ("OR", "oregon"),
        ("PA", "pennsylvania"),
        ("RI", "rhode island"),
        ("SC", "south carolina"),
        ("SD", "south dakota"),
        ("TN", "tennessee"),
        ("TX", "texas"),
        ("UT", "utah"),
        ("VT", "vermont"),
        ("VA", "virginia"),
        ("WA", "washington"),
        ("WV", "west virginia"),
        ("WI", "wisconsin"),
        ("WY", "wyoming"),
    ];
    let s = raw.trim();
    let lower = s.to_ascii_lowercase();
    STATES
        .iter()
        .any(|(code, name)| *name == lower || (s.len() == 2 && s == *code))
}

/// Adds `value` to `list` unless it is empty or already there.
pub fn push_unique(list: &mut Vec<String>, value: &str) {
    let v = value.trim();
    if !v.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(v)) {
        list.push(v.to_string());
    }
}

/// A human-readable place from its parts ("Austin, TX, US"), leading/trailing punctuation
/// of each part dropped (Google's own example writes `", Mountain View"`).
pub fn place(parts: &[Option<&str>]) -> Option<String> {
    let cleaned: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|p| p.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';'))
        .filter(|p| !p.is_empty())
        .collect();
    let mut unique: Vec<&str> = Vec::new();
    for p in cleaned {
        if !unique.iter().any(|u| u.eq_ignore_ascii_case(p)) {
            unique.push(p);
        }
    }
    (!unique.is_empty()).then(|| unique.join(", "))
}

/// An e-mail address (a `mailto:` prefix dropped), or `None` if it does not look like one.
pub fn email(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s.strip_prefix("mailto:").unwrap_or(s).trim();
    let ok = s.len() <= 254
        && !s.contains(char::is_whitespace)
        && s.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@'));
    ok.then(|| s.to_string())
}

/// An absolute http(s) URL, or `None`.
pub fn url(raw: &str) -> Option<String> {
    let s = raw.trim();
    let lower = s.to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && s.len() > 10
        && !s.contains(char::is_whitespace);
    ok.then(|| s.to_string())
}

/// A whole positive count ("3", "3.0", 3) within `i64`.
pub fn count(raw: &str) -> Option<i64> {
    let v: f64 = raw.trim().replace(',', "").parse().ok()?;
    (v.is_finite() && v >= 1.0 && v.fract() == 0.0 && v < 1e9).then_some(v as i64)
}

/// Years from a free-text experience requirement ("5+ years", "Minimum 1 year", "18 months").
pub fn years(raw: &str) -> Option<i64> {
    static YEARS: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &YEARS,
        r"(?i)(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s*\+?\s*(years?|yrs?|months?)\b",
    )
    .captures(raw)?;
    let n: i64 = num(&c, 1)?;
    let unit = c.get(2)?.as_str().to_ascii_lowercase();
    Some(if unit.starts_with('m') { n / 12 } else { n })
}

/// Experience level implied by a number of years (DESIGN §3.3: 1–4 intermediate, ≥ 5 expert).
pub fn level_from_years(years: i64) -> Option<ExperienceLevel> {
    match years {
        0 => Some(ExperienceLevel::EntryLevel),
        1..=4 => Some(ExperienceLevel::Intermediate),
        5.. => Some(ExperienceLevel::Expert),
        _ => None,
    }
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
/// hourly figure the price; a bare range ≥ 10,000 is taken as yearly, low confidence).
pub fn apply_pay(out: &mut ParseOutcome, pay: Pay) {
    let (mut min, mut max) = match (pay.min, pay.max) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => return,
    };
    if min > max {
        std::mem::swap(&mut min, &mut max);
    }
    if !(min > 0.0 && max.is_finite()) {
        return;
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

thread_local! {
    /// Whether [`fill_from_description`] runs the text extractor (see [`without_text_pass`]).
    static TEXT_PASS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Runs `f` with the description text pass switched off on this thread, so a benchmark can time
/// the structured mapping alone. Outcomes produced inside lack every inferred field: this is a
/// measuring aid, not a parsing mode.
#[doc(hidden)]
pub fn without_text_pass<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            TEXT_PASS.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(TEXT_PASS.with(|c| c.replace(false)));
    f()
}

/// The shared finishing step (DESIGN §2): run the text extractor over the description and fill
/// every field the format did not carry, each marked low confidence.
pub fn fill_from_description(out: &mut ParseOutcome, description: &str, max_chars: usize) {
    if !TEXT_PASS.with(std::cell::Cell::get) {
        return;
    }
    fill_from_text(out, crate::text::html_to_text(description), max_chars);
}

/// [`fill_from_description`] over the outcome's own `jobDescription`, when it has one.
pub fn fill_from_own_description(out: &mut ParseOutcome, max_chars: usize) {
    if !TEXT_PASS.with(std::cell::Cell::get) {
        return;
    }
    let Some(description) = out.fields.job_description.as_deref() else {
        return;
    };
    let text = crate::text::html_to_text(description);
    fill_from_text(out, text, max_chars);
}

/// The text pass over a description already turned into text: extraction runs only when the
/// text has words and some field is still missing.
fn fill_from_text(out: &mut ParseOutcome, text: String, max_chars: usize) {
    let text = if text.chars().count() > max_chars {
        out.warn(format!(
            "only the first {max_chars} characters of the description were read for missing fields"
        ));
        text.chars().take(max_chars).collect()
    } else {
        text
    };
    if text.trim().is_empty() || out.fields.count() >= crate::FIELD_KEYS.len() {
        return;
    }
    let inferred = crate::text::extract(&text);
    for key in out.fields.fill_from(&inferred.fields) {
        out.low(&key, INFERRED);
    }
}

/// After the text fill: yearsExperience implies a level (low confidence) when none is known.
pub fn level_default(out: &mut ParseOutcome) {
    if out.fields.experience_level.is_none() {
        if let Some(level) = out.fields.years_experience.and_then(level_from_years) {
            out.fields.experience_level = Some(level);
            out.low(
                "experienceLevel",
                format!(
                    "inferred from {} years of experience",
                    out.fields.years_experience.unwrap_or_default()
                ),
            );
        }
    }
}

/// After the text fill: a job with a physical address and no remote/hybrid statement is taken
/// as on-site (low confidence).
pub fn onsite_default(out: &mut ParseOutcome, has_address: bool) {
    if out.fields.location_type.is_none() && has_address {
        out.fields.location_type = Some(LocationType::Onsite);
        out.low(
            "locationType",
            "no remote or hybrid statement; assumed on-site at the given address",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_feed_spellings() {
        assert_eq!(
            date("2017-01-24T19:33:17+00:00").as_deref(),
            Some("2017-01-24")
        );
        assert_eq!(
            date("Fri, 19 Dec 2014 22:49:39 GMT").as_deref(),
            Some("2014-12-19")
        );
        assert_eq!(date("Thu, 26 Jan 2023").as_deref(), Some("2023-01-26"));
        assert_eq!(date("January 5, 2025").as_deref(), Some("2025-01-05"));
        assert_eq!(date("19/10/2018").as_deref(), Some("2018-10-19"));
        assert_eq!(date("18.03.2024").as_deref(), Some("2024-03-18"));
        assert_eq!(date("03/04/2024"), None);
        assert_eq!(date("na"), None);
        assert_eq!(date("2024-02-30"), None);
    }

    #[test]
    fn money_and_salary_text() {
        assert_eq!(amount("$100,000"), Some(100_000.0));
        assert_eq!(amount("4.000"), Some(4_000.0));
        assert_eq!(amount("55000.00"), Some(55_000.0));
        assert_eq!(amount("70K"), Some(70_000.0));
        let p = salary_text("MYR 4,000 - 5,500 per month").unwrap();
        assert_eq!((p.min, p.max), (Some(4000.0), Some(5500.0)));
        assert_eq!(p.currency.as_deref(), Some("MYR"));
        assert_eq!(p.period, Some(SalaryPeriod::Month));
        let p = salary_text("$70K per year").unwrap();
        assert_eq!(
            (p.min, p.currency.as_deref()),
            (Some(70_000.0), Some("USD"))
        );
        let p = salary_text("$70-80K a year").unwrap();
        assert_eq!((p.min, p.max), (Some(70_000.0), Some(80_000.0)));
        assert_eq!(salary_text("A convenir"), None);
        let p = salary_text("$18.50/hr").unwrap();
        assert_eq!((p.min, p.period), (Some(18.5), Some(SalaryPeriod::Hour)));
    }

    #[test]
    fn employment_crosswalk() {
        assert_eq!(
            employment_type("fulltime").map(|x| x.0),
            Some(EmploymentType::FullTime)
        );
        assert_eq!(
            employment_type("Internship").map(|x| x.0),
            Some(EmploymentType::Intern)
        );
        assert_eq!(
            employment_type("FULL_TIME"),
            Some((EmploymentType::FullTime, true))
        );
        assert_eq!(employment_type("x:Day Work"), None);
        assert_eq!(years("5+ years"), Some(5));
        assert_eq!(years("Minimum 1 year"), Some(1));
    }
}

//! Value normalizers the structured formats share: employment-type crosswalk, dates to
//! `YYYY-MM-DD`, money and free-text salaries, countries and languages, and the common finishing
//! step (fill gaps from the description text, then the few documented defaults). Small value
//! checks (URL, e-mail, counts) live here; each family has its own submodule.

mod dates;
mod employment;
mod finish;
mod money;
mod places;

use std::sync::OnceLock;

use regex::Regex;

pub use crate::enums::fold_enum_key as fold;
#[cfg(test)]
use crate::enums::{EmploymentType, SalaryPeriod};

pub use dates::date;
pub use employment::{employment_type, is_offering_only, level_from_years, location_type, years};
pub use finish::{
    fill_from_description, fill_from_own_description, level_default, onsite_default,
    without_text_pass,
};
pub use money::{
    amount, apply_pay, apply_pay_cited, currency_code, currency_in, period, salary_text, Pay,
    PaySources,
};
pub use places::{country, language, place, us_state};

/// Reason recorded for every field filled by the text extractor.
pub const INFERRED: &str = "inferred from description text";

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|_| Regex::new("$^").expect("empty")))
}

fn num<T: std::str::FromStr>(c: &regex::Captures<'_>, i: usize) -> Option<T> {
    c.get(i)?.as_str().parse().ok()
}

/// Adds `value` to `list` unless it is empty or already there.
pub fn push_unique(list: &mut Vec<String>, value: &str) {
    let v = value.trim();
    if !v.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(v)) {
        list.push(v.to_string());
    }
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

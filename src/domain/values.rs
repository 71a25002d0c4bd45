//! Value checks shared by PATCH and create: currency codes, URLs, e-mail addresses, dates.

use chrono::{DateTime, NaiveDate};

/// An ISO 4217-shaped code, uppercased (`usd` → `USD`).
pub fn currency(s: &str) -> Option<String> {
    let s = s.trim();
    (s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic())).then(|| s.to_ascii_uppercase())
}

/// An absolute http(s) URL with a host and no whitespace.
pub fn url(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = !host.is_empty()
        && host.contains(|c: char| c.is_alphanumeric())
        && !host.starts_with('.')
        && !host.contains('@');
    let clean = !s
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == '"');
    (host_ok && clean && s.len() <= 2048).then(|| s.to_string())
}

/// A plausible e-mail address (`local@domain.tld`), trimmed and with a lowercase domain.
pub fn email(s: &str) -> Option<String> {
    let s = s.trim().trim_start_matches("mailto:");
    let (local, domain) = s.rsplit_once('@')?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && !local.starts_with('.')
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !l.starts_with('-')
        });
    (local_ok && domain_ok && s.len() <= 254).then(|| format!("{local}@{}", domain.to_lowercase()))
}

/// An ISO 8601 date `YYYY-MM-DD`; a full date-time is cut to its date.
pub fn date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive().format("%Y-%m-%d").to_string());
    }
    let head = s.get(..10)?;
    let rest = s.get(10..)?;
    if rest.starts_with('T') {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(url("https://acme.example/jobs/1?x=2").is_some());
        assert!(url("ftp://acme.example").is_none());
        assert!(url("https://").is_none());
        assert!(url("https://a b.example").is_none());
        assert!(url("javascript:alert(1)").is_none());
    }

    #[test]
    fn emails() {
        assert_eq!(
            email("Jobs@Acme.Example").as_deref(),
            Some("Jobs@acme.example")
        );
        assert!(email("no-at-sign").is_none());
        assert!(email("a@b").is_none());
        assert!(email("a b@c.example").is_none());
    }

    #[test]
    fn dates() {
        assert_eq!(date("2027-01-31").as_deref(), Some("2027-01-31"));
        assert_eq!(date("2027-01-31T10:00:00Z").as_deref(), Some("2027-01-31"));
        assert_eq!(date("2027-01-31T10:00").as_deref(), Some("2027-01-31"));
        assert!(date("31/01/2027").is_none());
        assert!(date("2027-02-30").is_none());
    }

    #[test]
    fn currencies() {
        assert_eq!(currency("eur").as_deref(), Some("EUR"));
        assert!(currency("EURO").is_none());
    }
}

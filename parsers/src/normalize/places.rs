//! Places: countries, languages, US states and human-readable place names.

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

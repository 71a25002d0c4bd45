//! Countries: ISO 3166-1 alpha-2 codes from codes, alpha-3 codes, names and short forms.

/// (alpha-2, alpha-3, English name, other accepted names, lowercase).
const COUNTRIES: &[(&str, &str, &str, &[&str])] = &[
    (
        "US",
        "USA",
        "United States",
        &[
            "united states of america",
            "usa",
            "u.s.",
            "u.s.a.",
            "america",
        ],
    ),
    (
        "GB",
        "GBR",
        "United Kingdom",
        &["uk", "great britain", "britain", "england"],
    ),
    ("CA", "CAN", "Canada", &[]),
    ("DE", "DEU", "Germany", &["deutschland"]),
    ("FR", "FRA", "France", &[]),
    ("BE", "BEL", "Belgium", &[]),
    ("NL", "NLD", "Netherlands", &["the netherlands", "holland"]),
    ("PH", "PHL", "Philippines", &["the philippines"]),
    ("IN", "IND", "India", &[]),
    ("JP", "JPN", "Japan", &[]),
    ("ES", "ESP", "Spain", &[]),
    ("MX", "MEX", "Mexico", &[]),
    ("BR", "BRA", "Brazil", &[]),
];

/// The ISO 3166-1 alpha-2 code for a code, alpha-3 code or country name; `None` if unknown.
pub fn country_code(input: &str) -> Option<&'static str> {
    let key = input.trim().to_lowercase();
    COUNTRIES
        .iter()
        .find(|(a2, a3, name, variants)| {
            a2.to_lowercase() == key
                || a3.to_lowercase() == key
                || name.to_lowercase() == key
                || variants.contains(&key.as_str())
        })
        .map(|(a2, _, _, _)| *a2)
}

/// The English name of an alpha-2 code.
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(a2, _, _, _)| *a2 == code)
        .map(|(_, _, name, _)| *name)
}

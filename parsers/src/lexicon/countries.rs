//! Countries: every ISO 3166-1 entry (plus Kosovo, XK) with alpha-3 codes, English names and the
//! short or local forms people write; the lookup the text extractor and PATCH normalization share.

use std::collections::HashMap;
use std::sync::LazyLock;

/// (alpha-2, alpha-3, English name, other accepted names in lowercase).
pub const COUNTRIES: &[(&str, &str, &str, &[&str])] = &[
    ("AF", "AFG", "Afghanistan", &[]),
    ("AX", "ALA", "Åland Islands", &["aland islands", "aland"]),
    ("AL", "ALB", "Albania", &[]),
    ("DZ", "DZA", "Algeria", &[]),
    ("AS", "ASM", "American Samoa", &[]),
    ("AD", "AND", "Andorra", &[]),
    ("AO", "AGO", "Angola", &[]),
    ("AI", "AIA", "Anguilla", &[]),
    ("AQ", "ATA", "Antarctica", &[]),
    (
        "AG",
        "ATG",
        "Antigua and Barbuda",
        &["antigua", "antigua & barbuda"],
    ),
    ("AR", "ARG", "Argentina", &[]),
    ("AM", "ARM", "Armenia", &[]),
    ("AW", "ABW", "Aruba", &[]),
    ("AU", "AUS", "Australia", &[]),
    ("AT", "AUT", "Austria", &["österreich"]),
    ("AZ", "AZE", "Azerbaijan", &[]),
    ("BS", "BHS", "Bahamas", &["the bahamas"]),
    ("BH", "BHR", "Bahrain", &[]),
    ("BD", "BGD", "Bangladesh", &[]),
    ("BB", "BRB", "Barbados", &[]),
    ("BY", "BLR", "Belarus", &[]),
    ("BE", "BEL", "Belgium", &["belgique", "belgië"]),
    ("BZ", "BLZ", "Belize", &[]),
    ("BJ", "BEN", "Benin", &[]),
    ("BM", "BMU", "Bermuda", &[]),
    ("BT", "BTN", "Bhutan", &[]),
    ("BO", "BOL", "Bolivia", &[]),
    ("BQ", "BES", "Caribbean Netherlands", &["bonaire"]),
    (
        "BA",
        "BIH",
        "Bosnia and Herzegovina",
        &["bosnia", "bosnia & herzegovina", "bosnia-herzegovina"],
    ),
    ("BW", "BWA", "Botswana", &[]),
    ("BV", "BVT", "Bouvet Island", &[]),
    ("BR", "BRA", "Brazil", &["brasil"]),
    ("IO", "IOT", "British Indian Ocean Territory", &[]),
    ("BN", "BRN", "Brunei", &["brunei darussalam"]),
    ("BG", "BGR", "Bulgaria", &[]),
    ("BF", "BFA", "Burkina Faso", &[]),
    ("BI", "BDI", "Burundi", &[]),
    ("CV", "CPV", "Cape Verde", &["cabo verde"]),
    ("KH", "KHM", "Cambodia", &[]),
    ("CM", "CMR", "Cameroon", &[]),
    ("CA", "CAN", "Canada", &[]),
    ("KY", "CYM", "Cayman Islands", &[]),
    ("CF", "CAF", "Central African Republic", &[]),
    ("TD", "TCD", "Chad", &[]),
    ("CL", "CHL", "Chile", &[]),
    (
        "CN",
        "CHN",
        "China",
        &["mainland china", "prc", "people's republic of china"],
    ),
    ("CX", "CXR", "Christmas Island", &[]),
    ("CC", "CCK", "Cocos (Keeling) Islands", &["cocos islands"]),
    ("CO", "COL", "Colombia", &[]),
    ("KM", "COM", "Comoros", &[]),
    (
        "CG",
        "COG",
        "Republic of the Congo",
        &["congo-brazzaville", "congo brazzaville"],
    ),
    (
        "CD",
        "COD",
        "Democratic Republic of the Congo",
        &["drc", "dr congo", "congo-kinshasa", "congo kinshasa"],
    ),
    ("CK", "COK", "Cook Islands", &[]),
    ("CR", "CRI", "Costa Rica", &[]),
    (
        "CI",
        "CIV",
        "Côte d'Ivoire",
        &["cote d'ivoire", "ivory coast", "cote divoire"],
    ),
    ("HR", "HRV", "Croatia", &["hrvatska"]),
    ("CU", "CUB", "Cuba", &[]),
    ("CW", "CUW", "Curaçao", &["curacao"]),
    ("CY", "CYP", "Cyprus", &[]),
    ("CZ", "CZE", "Czechia", &["czech republic"]),
    ("DK", "DNK", "Denmark", &["danmark"]),
    ("DJ", "DJI", "Djibouti", &[]),
    ("DM", "DMA", "Dominica", &[]),
    ("DO", "DOM", "Dominican Republic", &[]),
    ("EC", "ECU", "Ecuador", &[]),
    ("EG", "EGY", "Egypt", &[]),
    ("SV", "SLV", "El Salvador", &["salvador"]),
    ("GQ", "GNQ", "Equatorial Guinea", &[]),
    ("ER", "ERI", "Eritrea", &[]),
    ("EE", "EST", "Estonia", &[]),
    ("SZ", "SWZ", "Eswatini", &["swaziland"]),
    ("ET", "ETH", "Ethiopia", &[]),
    ("FK", "FLK", "Falkland Islands", &["falklands"]),
    ("FO", "FRO", "Faroe Islands", &["faroes"]),
    ("FJ", "FJI", "Fiji", &[]),
    ("FI", "FIN", "Finland", &["suomi"]),
    ("FR", "FRA", "France", &[]),
    ("GF", "GUF", "French Guiana", &[]),
    ("PF", "PYF", "French Polynesia", &[]),
    ("TF", "ATF", "French Southern Territories", &[]),
    ("GA", "GAB", "Gabon", &[]),
    ("GM", "GMB", "Gambia", &["the gambia"]),
    ("GE", "GEO", "Georgia", &["sakartvelo"]),
    ("DE", "DEU", "Germany", &["deutschland"]),
    ("GH", "GHA", "Ghana", &[]),
    ("GI", "GIB", "Gibraltar", &[]),
    ("GR", "GRC", "Greece", &["hellas"]),
    ("GL", "GRL", "Greenland", &[]),
    ("GD", "GRD", "Grenada", &[]),
    ("GP", "GLP", "Guadeloupe", &[]),
    ("GU", "GUM", "Guam", &[]),
    ("GT", "GTM", "Guatemala", &[]),
    ("GG", "GGY", "Guernsey", &[]),
    ("GN", "GIN", "Guinea", &[]),
    ("GW", "GNB", "Guinea-Bissau", &["guinea bissau"]),
    ("GY", "GUY", "Guyana", &[]),
    ("HT", "HTI", "Haiti", &[]),
    ("HM", "HMD", "Heard Island and McDonald Islands", &[]),
    ("VA", "VAT", "Vatican City", &["holy see", "vatican"]),
    ("HN", "HND", "Honduras", &[]),
    ("HK", "HKG", "Hong Kong", &["hong kong sar"]),
    ("HU", "HUN", "Hungary", &["magyarország"]),
    ("IS", "ISL", "Iceland", &[]),
    ("IN", "IND", "India", &["bharat"]),
    ("ID", "IDN", "Indonesia", &[]),
    ("IR", "IRN", "Iran", &[]),
    ("IQ", "IRQ", "Iraq", &[]),
    ("IE", "IRL", "Ireland", &["republic of ireland", "eire"]),
    ("IM", "IMN", "Isle of Man", &[]),
    ("IL", "ISR", "Israel", &[]),
    ("IT", "ITA", "Italy", &["italia"]),
    ("JM", "JAM", "Jamaica", &[]),
    ("JP", "JPN", "Japan", &["nippon"]),
    ("JE", "JEY", "Jersey", &[]),
    ("JO", "JOR", "Jordan", &[]),
    ("KZ", "KAZ", "Kazakhstan", &[]),
    ("KE", "KEN", "Kenya", &[]),
    ("KI", "KIR", "Kiribati", &[]),
    (
        "KP",
        "PRK",
        "North Korea",
        &["dprk", "democratic people's republic of korea"],
    ),
    (
        "KR",
        "KOR",
        "South Korea",
        &["korea", "republic of korea", "rok"],
    ),
    ("KW", "KWT", "Kuwait", &[]),
    ("KG", "KGZ", "Kyrgyzstan", &["kyrgyz republic"]),
    ("LA", "LAO", "Laos", &["lao pdr"]),
    ("LV", "LVA", "Latvia", &[]),
    ("LB", "LBN", "Lebanon", &[]),
    ("LS", "LSO", "Lesotho", &[]),
    ("LR", "LBR", "Liberia", &[]),
    ("LY", "LBY", "Libya", &[]),
    ("LI", "LIE", "Liechtenstein", &[]),
    ("LT", "LTU", "Lithuania", &[]),
    ("LU", "LUX", "Luxembourg", &[]),
    ("MO", "MAC", "Macao", &["macau"]),
    ("MG", "MDG", "Madagascar", &[]),
    ("MW", "MWI", "Malawi", &[]),
    ("MY", "MYS", "Malaysia", &[]),
    ("MV", "MDV", "Maldives", &[]),
    ("ML", "MLI", "Mali", &[]),
    ("MT", "MLT", "Malta", &[]),
    ("MH", "MHL", "Marshall Islands", &[]),
    ("MQ", "MTQ", "Martinique", &[]),
    ("MR", "MRT", "Mauritania", &[]),
    ("MU", "MUS", "Mauritius", &[]),
    ("YT", "MYT", "Mayotte", &[]),
    ("MX", "MEX", "Mexico", &["méxico"]),
    (
        "FM",
        "FSM",
        "Micronesia",
        &["federated states of micronesia"],
    ),
    ("MD", "MDA", "Moldova", &[]),
    ("MC", "MCO", "Monaco", &[]),
    ("MN", "MNG", "Mongolia", &[]),
    ("ME", "MNE", "Montenegro", &[]),
    ("MS", "MSR", "Montserrat", &[]),
    ("MA", "MAR", "Morocco", &[]),
    ("MZ", "MOZ", "Mozambique", &[]),
    ("MM", "MMR", "Myanmar", &["burma"]),
    ("NA", "NAM", "Namibia", &[]),
    ("NR", "NRU", "Nauru", &[]),
    ("NP", "NPL", "Nepal", &[]),
    (
        "NL",
        "NLD",
        "Netherlands",
        &["the netherlands", "holland", "nederland"],
    ),
    ("NC", "NCL", "New Caledonia", &[]),
    ("NZ", "NZL", "New Zealand", &["aotearoa"]),
    ("NI", "NIC", "Nicaragua", &[]),
    ("NE", "NER", "Niger", &[]),
    ("NG", "NGA", "Nigeria", &[]),
    ("NU", "NIU", "Niue", &[]),
    ("NF", "NFK", "Norfolk Island", &[]),
    ("MK", "MKD", "North Macedonia", &["macedonia"]),
    ("MP", "MNP", "Northern Mariana Islands", &[]),
    ("NO", "NOR", "Norway", &["norge"]),
    ("OM", "OMN", "Oman", &[]),
    ("PK", "PAK", "Pakistan", &[]),
    ("PW", "PLW", "Palau", &[]),
    (
        "PS",
        "PSE",
        "Palestine",
        &["state of palestine", "palestinian territories"],
    ),
    ("PA", "PAN", "Panama", &["panamá"]),
    ("PG", "PNG", "Papua New Guinea", &[]),
    ("PY", "PRY", "Paraguay", &[]),
    ("PE", "PER", "Peru", &["perú"]),
    ("PH", "PHL", "Philippines", &["the philippines"]),
    ("PN", "PCN", "Pitcairn Islands", &["pitcairn"]),
    ("PL", "POL", "Poland", &["polska"]),
    ("PT", "PRT", "Portugal", &[]),
    ("PR", "PRI", "Puerto Rico", &[]),
    ("QA", "QAT", "Qatar", &[]),
    ("RE", "REU", "Réunion", &["reunion"]),
    ("RO", "ROU", "Romania", &[]),
    ("RU", "RUS", "Russia", &["russian federation"]),
    ("RW", "RWA", "Rwanda", &[]),
    (
        "BL",
        "BLM",
        "Saint Barthélemy",
        &["saint barthelemy", "st barthelemy"],
    ),
    ("SH", "SHN", "Saint Helena", &[]),
    (
        "KN",
        "KNA",
        "Saint Kitts and Nevis",
        &["st kitts and nevis", "st kitts"],
    ),
    ("LC", "LCA", "Saint Lucia", &["st lucia"]),
    ("MF", "MAF", "Saint Martin", &[]),
    ("PM", "SPM", "Saint Pierre and Miquelon", &[]),
    (
        "VC",
        "VCT",
        "Saint Vincent and the Grenadines",
        &["st vincent and the grenadines", "st vincent"],
    ),
    ("WS", "WSM", "Samoa", &[]),
    ("SM", "SMR", "San Marino", &[]),
    (
        "ST",
        "STP",
        "São Tomé and Príncipe",
        &["sao tome and principe"],
    ),
    (
        "SA",
        "SAU",
        "Saudi Arabia",
        &["ksa", "kingdom of saudi arabia"],
    ),
    ("SN", "SEN", "Senegal", &[]),
    ("RS", "SRB", "Serbia", &[]),
    ("SC", "SYC", "Seychelles", &[]),
    ("SL", "SLE", "Sierra Leone", &[]),
    ("SG", "SGP", "Singapore", &[]),
    ("SX", "SXM", "Sint Maarten", &[]),
    ("SK", "SVK", "Slovakia", &["slovak republic"]),
    ("SI", "SVN", "Slovenia", &[]),
    ("SB", "SLB", "Solomon Islands", &[]),
    ("SO", "SOM", "Somalia", &[]),
    ("ZA", "ZAF", "South Africa", &["rsa"]),
    (
        "GS",
        "SGS",
        "South Georgia and the South Sandwich Islands",
        &[],
    ),
    ("SS", "SSD", "South Sudan", &[]),
    ("ES", "ESP", "Spain", &["españa", "espana"]),
    ("LK", "LKA", "Sri Lanka", &[]),
    ("SD", "SDN", "Sudan", &[]),
    ("SR", "SUR", "Suriname", &[]),
    ("SJ", "SJM", "Svalbard and Jan Mayen", &[]),
    ("SE", "SWE", "Sweden", &["sverige"]),
    ("CH", "CHE", "Switzerland", &["schweiz", "suisse"]),
    ("SY", "SYR", "Syria", &[]),
    ("TW", "TWN", "Taiwan", &[]),
    ("TJ", "TJK", "Tajikistan", &[]),
    ("TZ", "TZA", "Tanzania", &[]),
    ("TH", "THA", "Thailand", &[]),
    ("TL", "TLS", "Timor-Leste", &["east timor", "timor leste"]),
    ("TG", "TGO", "Togo", &[]),
    ("TK", "TKL", "Tokelau", &[]),
    ("TO", "TON", "Tonga", &[]),
    (
        "TT",
        "TTO",
        "Trinidad and Tobago",
        &["trinidad", "trinidad & tobago"],
    ),
    ("TN", "TUN", "Tunisia", &[]),
    ("TR", "TUR", "Türkiye", &["turkey", "turkiye"]),
    ("TM", "TKM", "Turkmenistan", &[]),
    (
        "TC",
        "TCA",
        "Turks and Caicos Islands",
        &["turks and caicos"],
    ),
    ("TV", "TUV", "Tuvalu", &[]),
    ("UG", "UGA", "Uganda", &[]),
    ("UA", "UKR", "Ukraine", &[]),
    (
        "AE",
        "ARE",
        "United Arab Emirates",
        &["uae", "u.a.e.", "emirates"],
    ),
    (
        "GB",
        "GBR",
        "United Kingdom",
        &[
            "uk",
            "u.k.",
            "great britain",
            "britain",
            "england",
            "scotland",
            "wales",
            "northern ireland",
        ],
    ),
    (
        "US",
        "USA",
        "United States",
        &[
            "united states of america",
            "usa",
            "u.s.",
            "u.s.a.",
            "us",
            "the united states",
            "the usa",
        ],
    ),
    ("UM", "UMI", "United States Minor Outlying Islands", &[]),
    ("UY", "URY", "Uruguay", &[]),
    ("UZ", "UZB", "Uzbekistan", &[]),
    ("VU", "VUT", "Vanuatu", &[]),
    ("VE", "VEN", "Venezuela", &[]),
    ("VN", "VNM", "Vietnam", &["viet nam"]),
    ("VG", "VGB", "British Virgin Islands", &[]),
    ("VI", "VIR", "U.S. Virgin Islands", &["us virgin islands"]),
    ("WF", "WLF", "Wallis and Futuna", &[]),
    ("EH", "ESH", "Western Sahara", &[]),
    ("YE", "YEM", "Yemen", &[]),
    ("ZM", "ZMB", "Zambia", &[]),
    ("ZW", "ZWE", "Zimbabwe", &[]),
    ("XK", "XKX", "Kosovo", &[]),
];

/// Every accepted spelling (code, alpha-3, name, variant; lowercase) → alpha-2.
static BY_KEY: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::with_capacity(COUNTRIES.len() * 4);
    for (a2, a3, name, variants) in COUNTRIES {
        map.insert(a2.to_ascii_lowercase(), *a2);
        map.insert(a3.to_ascii_lowercase(), *a2);
        map.insert(name.to_lowercase(), *a2);
        for v in *variants {
            map.insert((*v).to_string(), *a2);
        }
    }
    map
});

/// The ISO 3166-1 alpha-2 code for a code, alpha-3 code or country name; `None` if unknown.
pub fn country_code(input: &str) -> Option<&'static str> {
    let key = input.trim().trim_end_matches('.').to_lowercase();
    if let Some(code) = BY_KEY.get(&key) {
        return Some(code);
    }
    // "U.S." keeps its inner dots in the table; a stray trailing dot was trimmed above.
    BY_KEY.get(&format!("{key}.")).copied()
}

/// The English name of an alpha-2 code (any case).
pub fn country_name(code: &str) -> Option<&'static str> {
    let code = code.trim();
    COUNTRIES
        .iter()
        .find(|(a2, _, _, _)| a2.eq_ignore_ascii_case(code))
        .map(|(_, _, name, _)| *name)
}

/// Country names and long variants as free text may spell them (lowercase), for the text
/// gazetteer. Codes are left out: in prose "IN", "IT" or "NO" are words far more often.
pub fn name_forms() -> impl Iterator<Item = (&'static str, &'static str)> {
    COUNTRIES.iter().flat_map(|(a2, _, name, variants)| {
        std::iter::once((*name, *a2)).chain(
            variants
                .iter()
                .filter(|v| v.len() > 3 && !v.contains('.'))
                .map(move |v| (*v, *a2)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_variants_resolve() {
        assert_eq!(COUNTRIES.len(), 250);
        assert_eq!(country_code("usa"), Some("US"));
        assert_eq!(country_code("U.S."), Some("US"));
        assert_eq!(country_code("UK"), Some("GB"));
        assert_eq!(country_code("DEU"), Some("DE"));
        assert_eq!(country_code("the Netherlands"), Some("NL"));
        assert_eq!(country_code("Côte d'Ivoire"), Some("CI"));
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(country_name("ph"), Some("Philippines"));
    }
}

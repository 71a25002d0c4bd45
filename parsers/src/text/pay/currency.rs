//! The currency of an amount: its mark or code, a letter prefix confirmed by the country, or the
//! currency of the single country the posting names for a bare `$`.

use crate::text::doc::Doc;
use crate::text::gazetteer::Tag;
use crate::text::numbers::{currency_word, Quant};
use crate::text::token::Kind;

use super::*;

/// Currencies of countries, for an amount written without one (or a bare `$`) in a posting
/// placed in a single country.
const COUNTRY_CURRENCY: &[(&str, &str)] = &[
    ("US", "USD"),
    ("CA", "CAD"),
    ("AU", "AUD"),
    ("NZ", "NZD"),
    ("SG", "SGD"),
    ("HK", "HKD"),
    ("MX", "MXN"),
    ("TW", "TWD"),
    ("JM", "JMD"),
    ("TT", "TTD"),
    ("BS", "BSD"),
    ("BB", "BBD"),
    ("BZ", "BZD"),
    ("FJ", "FJD"),
    ("GY", "GYD"),
    ("LR", "LRD"),
    ("NA", "NAD"),
    ("BN", "BND"),
    ("AR", "ARS"),
    ("CL", "CLP"),
    ("CO", "COP"),
    ("UY", "UYU"),
    ("DO", "DOP"),
    ("IN", "INR"),
    ("PK", "PKR"),
    ("BD", "BDT"),
    ("LK", "LKR"),
    ("NP", "NPR"),
    ("NG", "NGN"),
    ("KE", "KES"),
    ("GH", "GHS"),
    ("UG", "UGX"),
    ("TZ", "TZS"),
    ("ZA", "ZAR"),
    ("EG", "EGP"),
    ("MA", "MAD"),
    ("GB", "GBP"),
    ("DE", "EUR"),
    ("FR", "EUR"),
    ("ES", "EUR"),
    ("IT", "EUR"),
    ("NL", "EUR"),
    ("BE", "EUR"),
    ("PT", "EUR"),
    ("IE", "EUR"),
    ("AT", "EUR"),
    ("FI", "EUR"),
    ("GR", "EUR"),
    ("SK", "EUR"),
    ("SI", "EUR"),
    ("EE", "EUR"),
    ("LV", "EUR"),
    ("LT", "EUR"),
    ("LU", "EUR"),
    ("MT", "EUR"),
    ("CY", "EUR"),
    ("HR", "EUR"),
    ("PL", "PLN"),
    ("CZ", "CZK"),
    ("HU", "HUF"),
    ("RO", "RON"),
    ("BG", "BGN"),
    ("SE", "SEK"),
    ("NO", "NOK"),
    ("DK", "DKK"),
    ("CH", "CHF"),
    ("TR", "TRY"),
    ("UA", "UAH"),
    ("IL", "ILS"),
    ("AE", "AED"),
    ("SA", "SAR"),
    ("QA", "QAR"),
    ("JP", "JPY"),
    ("CN", "CNY"),
    ("KR", "KRW"),
    ("VN", "VND"),
    ("TH", "THB"),
    ("MY", "MYR"),
    ("ID", "IDR"),
    ("PH", "PHP"),
    ("BR", "BRL"),
    ("PE", "PEN"),
];

/// Countries whose own currency is a dollar or a peso, written `$` at home.
const DOLLAR_COUNTRIES: &[&str] = &[
    "CA", "AU", "NZ", "SG", "HK", "MX", "TW", "JM", "TT", "BS", "BB", "BZ", "FJ", "GY", "LR", "NA",
    "BN", "AR", "CL", "CO", "UY", "DO",
];

fn country_currency(code: &str) -> Option<&'static str> {
    COUNTRY_CURRENCY
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, cur)| *cur)
}

/// Where the text names the country (for citing a currency inferred from it).
fn place_span(doc: &Doc, code: &str) -> Option<(usize, usize)> {
    doc.hits
        .iter()
        .find(|h| matches!(h.tag, Tag::Country(c) | Tag::City(c) | Tag::Subdiv(c) if c == code))
        .map(|h| doc.span(h.a, h.b))
}

/// A letter prefix ("R228 321", "P477") is money only where the posting is placed in the
/// country it stands for; rand written with space-grouped digits is unmistakable anywhere.
pub(super) fn letter_prefix_confirmed(doc: &Doc, q: &Quant, countries: &[String]) -> bool {
    match q.cur {
        Some("ZAR") => {
            countries.iter().any(|c| c == "ZA")
                || (q.a + 1..q.b).any(|k| {
                    doc.kind(k) == Some(Kind::Num)
                        && doc.kind(k + 1) == Some(Kind::Num)
                        && doc.toks.get(k + 1).is_some_and(|t| t.space)
                })
        }
        Some("PHP") => countries.iter().any(|c| c == "PH"),
        _ => false,
    }
}

/// A currency resolved for the pay figure: code, why it is low confidence, what to cite.
pub(super) struct Currency {
    pub(super) code: &'static str,
    pub(super) low: Option<String>,
    pub(super) cite: (usize, usize),
}

pub(super) fn resolve_currency(doc: &Doc, q: &Quant, countries: &[String]) -> Option<Currency> {
    let amount = doc.span(q.a, q.b);
    let (la, lb) = line_range(doc, q.a).unwrap_or((q.a, q.b));
    let single = (countries.len() == 1).then(|| countries[0].as_str());
    match q.cur {
        Some("¢") => Some(Currency {
            code: "USD",
            low: None,
            cite: amount,
        }),
        Some("USD") => {
            let bare = (q.a..q.b).all(|k| doc.kind(k) != Some(Kind::Cur) || doc.orig(k) == "$")
                && !(q.a..q.b).any(|k| currency_word(doc, k).is_some());
            if !bare {
                return Some(Currency {
                    code: "USD",
                    low: None,
                    cite: amount,
                });
            }
            // "$53,692.00 (… pesos 00/100 M.N.)": Mexican pesos spelled out on the line.
            if let Some(k) = (q.b..lb)
                .find(|&k| doc.is_any(k, &["pesos", "m.n.", "mxn"]) || doc.orig(k) == "MXN")
            {
                return Some(Currency {
                    code: "MXN",
                    low: None,
                    cite: doc.span(q.a, k + 1),
                });
            }
            let usd_stated = || {
                doc.toks.iter().enumerate().any(|(k, t)| {
                    (t.kind == Kind::Cur && t.cur == "USD" && doc.orig(k) != "$")
                        || (t.kind == Kind::Word && doc.orig(k) == "USD")
                })
            };
            if let Some(c) = single.filter(|c| DOLLAR_COUNTRIES.contains(c) && !usd_stated()) {
                if let Some(code) = country_currency(c) {
                    return Some(Currency {
                        code,
                        low: Some(format!("\"$\" in a posting placed in {c}; assumed {code}.")),
                        cite: place_span(doc, c).unwrap_or(amount),
                    });
                }
            }
            Some(Currency {
                code: "USD",
                low: None,
                cite: amount,
            })
        }
        Some("KR") => {
            let code = match single? {
                "SE" => "SEK",
                "NO" => "NOK",
                "DK" => "DKK",
                "IS" => "ISK",
                _ => return None,
            };
            Some(Currency {
                code,
                low: None,
                cite: amount,
            })
        }
        Some("JPY") if q.cur_low => {
            let code = if single == Some("CN") { "CNY" } else { "JPY" };
            Some(Currency {
                code,
                low: Some(format!("\"¥\" may be JPY or CNY; assumed {code}.")),
                cite: amount,
            })
        }
        Some(code) => Some(Currency {
            code,
            low: None,
            cite: amount,
        }),
        None => {
            // "salaries in USD (from 3k …)": a currency named in the sentence or on the line.
            let (sa, sb) = doc.sentence(q.a);
            let (a, b) = (sa.min(la), sb.max(lb));
            if let Some((k, code)) = (a..b).find_map(|k| {
                let code = match doc.kind(k) {
                    Some(Kind::Cur) => doc.toks.get(k).map(|t| t.cur),
                    _ => currency_word(doc, k),
                }?;
                (!code.starts_with('¢')).then_some((k, code))
            }) {
                return Some(Currency {
                    code,
                    low: None,
                    cite: doc.span(k, k + 1),
                });
            }
            let c = single?;
            let code = country_currency(c)?;
            Some(Currency {
                code,
                low: Some(format!(
                    "No currency stated; assumed {code} from the posting's country ({c})."
                )),
                cite: place_span(doc, c).unwrap_or(amount),
            })
        }
    }
}

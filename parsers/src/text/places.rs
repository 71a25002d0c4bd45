//! Countries and locations: country names, "US"/"UK"/"UAE" codes, cities and "City, ST" pairs
//! that imply a country ("Austin, TX" → US, "Toronto, ON" → CA, "Rotterdam" → NL), labelled
//! "Location:"/"Countries:" lines. Regions (EU, LATAM, worldwide) set no country; a company's
//! headquarters ("a Berlin-based startup") is not where the work is.

use crate::lexicon::{country_code, places};
use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::token::Kind;

/// Country names that are also first names or words: they need a place cue before them.
const NEEDS_CUE: &[&str] = &["JO", "TD", "JE", "GG", "DM", "NE", "GN", "IM", "CK", "TG"];
/// City names that are also ordinary words.
const CITY_NEEDS_CUE: &[&str] = &["nice", "split", "cork", "bali", "porto", "bergen"];
const PLACE_CUES: &[&str] = &[
    "in", "from", "based", "across", "within", "to", "near", "at", "of", "located",
];

fn place_cue_before(doc: &Doc, a: usize) -> bool {
    doc.is_any(a.wrapping_sub(1), PLACE_CUES)
        || doc.punct(a.wrapping_sub(1), ',')
        || doc.punct(a.wrapping_sub(1), '(')
        || doc
            .label_of(a)
            .is_some_and(|k| matches!(k, LabelKey::Location | LabelKey::Countries))
}

/// "Founded in 2009, Lumen employs 240 people in its Leeds office": a sentence about the
/// company's history or size places the company, not the job.
fn company_history(doc: &Doc, a: usize) -> bool {
    let (sa, sb) = doc.sentence(a);
    doc.any_word(
        sa,
        sb,
        &[
            "founded",
            "headquartered",
            "incorporated",
            "employs",
            "established",
        ],
    ) || doc.has_phrase(sa, sb, &["head", "office"])
}

/// "a Berlin-based startup", "headquartered in Paris": where the company sits.
fn headquarters(doc: &Doc, a: usize, b: usize) -> bool {
    let based = doc.punct(b, '-')
        && doc.is(b + 1, "based")
        && doc.is_any(a.wrapping_sub(1), &["a", "an", "our"]);
    based
        || doc.any_word(
            a.saturating_sub(3),
            a,
            &[
                "headquartered",
                "headquarters",
                "hq",
                "offices",
                "founded",
                "incorporated",
            ],
        )
}

/// Chinese names of the cities job posts in Chinese name most, and their countries.
const HAN_CITIES: &[(&str, &str)] = &[
    ("北京", "CN"),
    ("上海", "CN"),
    ("深圳", "CN"),
    ("广州", "CN"),
    ("杭州", "CN"),
    ("成都", "CN"),
    ("南京", "CN"),
    ("武汉", "CN"),
    ("西安", "CN"),
    ("苏州", "CN"),
    ("香港", "HK"),
    ("台北", "TW"),
    ("新加坡", "SG"),
];

/// Records a country with the tokens `[a, b)` that named it (the list is ordered by position).
fn push(list: &mut Vec<((usize, usize), String)>, at: (usize, usize), code: &str) {
    list.push((at, code.to_string()));
}

/// The state/province code after "City, " at token `k`, and the countries it may stand for.
fn subdivision_after_comma(doc: &Doc, b: usize) -> Option<(String, Vec<&'static str>)> {
    if !doc.punct(b, ',') {
        return None;
    }
    let k = b + 1;
    let code = doc.orig(k);
    if doc.kind(k) == Some(Kind::Word) && (2..=3).contains(&code.len()) && doc.is_upper(k) {
        let countries: Vec<&'static str> = places::subdivision_countries(code).collect();
        if !countries.is_empty() {
            return Some((code.to_string(), countries));
        }
    }
    if let Some(h) = doc.hits_at(k).find(|h| matches!(h.tag, Tag::Subdiv(_))) {
        if let Tag::Subdiv(cc) = h.tag {
            return Some((doc.span_text(h.a, h.b).to_string(), vec![cc]));
        }
    }
    if doc.is(k, "georgia") && doc.is_cap(k) {
        return Some(("Georgia".into(), vec!["US", "GE"]));
    }
    None
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome, remote: bool) {
    let mut countries: Vec<((usize, usize), String)> = Vec::new();
    let mut locations: Vec<String> = Vec::new();
    let n = doc.toks.len();
    for h in &doc.hits {
        let first = if doc.is(h.a, "the") && h.b - h.a > 1 {
            h.a + 1
        } else {
            h.a
        };
        if !doc.is_cap(first) {
            continue;
        }
        match h.tag {
            Tag::Country(code) => {
                if code == "GE" {
                    // "Georgia": the country only among other countries or after Tbilisi.
                    let listed = doc.hits_in(h.a.saturating_sub(8), h.b + 4).any(|o| {
                        matches!(o.tag, Tag::Country(c) if c != "GE")
                            && (o.b + 1 == h.a
                                || o.b + 2 == h.a
                                || o.a == h.b + 1
                                || o.a == h.b + 2)
                    });
                    let after_city =
                        doc.punct(h.a.wrapping_sub(1), ',') && doc.is_cap(h.a.wrapping_sub(2));
                    let georgian_city =
                        doc.hit_ending_at(h.a.saturating_sub(1), |t| t == Tag::City("GE"));
                    if after_city && !georgian_city {
                        push(&mut countries, (h.a, h.b), "US");
                        continue;
                    }
                    if !listed && !georgian_city {
                        if !doc.punct(h.a.wrapping_sub(1), ',') {
                            out.unmapped(
                                "countries",
                                "\"Georgia\" may be the US state or the country.",
                                "Georgia",
                            );
                        }
                        continue;
                    }
                }
                if NEEDS_CUE.contains(&code) && !place_cue_before(doc, h.a) {
                    continue;
                }
                if (remote && headquarters(doc, h.a, h.b)) || company_history(doc, h.a) {
                    continue;
                }
                push(&mut countries, (h.a, h.b), code);
            }
            Tag::City(code) => {
                let name = doc.span_text(h.a, h.b);
                if CITY_NEEDS_CUE.contains(&name.to_lowercase().as_str())
                    && !place_cue_before(doc, h.a)
                {
                    continue;
                }
                if (headquarters(doc, h.a, h.b) && remote) || company_history(doc, h.a) {
                    continue;
                }
                let (country, state) = match subdivision_after_comma(doc, h.b) {
                    Some((st, ccs)) if ccs.contains(&code) => (code, Some(st)),
                    Some((st, ccs)) => (ccs[0], Some(st)),
                    None => (code, None),
                };
                push(&mut countries, (h.a, h.b), country);
                let loc = match state {
                    Some(st) => format!("{name}, {st}, {country}"),
                    None => format!("{name}, {country}"),
                };
                if !locations.contains(&loc) {
                    locations.push(loc);
                    out.cite("locations", doc.span(h.a, h.b));
                }
            }
            Tag::Subdiv(code)
                if !(company_history(doc, h.a) || (remote && headquarters(doc, h.a, h.b))) =>
            {
                push(&mut countries, (h.a, h.b), code);
            }
            _ => {}
        }
    }
    // "Springfield, IL" with an unknown city: the state code still names the country.
    for i in 1..n.saturating_sub(1) {
        if doc.punct(i, ',')
            && doc.kind(i - 1) == Some(Kind::Word)
            && doc.is_cap(i - 1)
            && !doc.hit_ending_at(i, |t| matches!(t, Tag::City(_)))
        {
            if let Some((st, ccs)) = subdivision_after_comma(doc, i) {
                let unambiguous = ccs.len() == 1 || ccs[0] == "US" && st.len() == 2;
                let code_ends = doc
                    .toks
                    .get(i + 2)
                    .is_none_or(|t| t.kind != Kind::Word || !doc.is_cap(i + 2));
                if unambiguous && st.len() <= 3 && code_ends {
                    push(&mut countries, (i - 1, i + 2), ccs[0]);
                }
            }
        }
    }
    // Codes written as codes: "US only", "USA", "U.S.", "UK", "UAE".
    for i in 0..n {
        if doc.kind(i) != Some(Kind::Word) {
            continue;
        }
        let o = doc.orig(i);
        let code = match o {
            "US" | "USA" | "U.S." | "U.S.A." | "U.S" => "US",
            "UK" | "U.K." => "GB",
            "UAE" | "U.A.E." => "AE",
            "KSA" => "SA",
            _ => continue,
        };
        let shouting = |k: usize| doc.orig(k).len() > 3 && doc.is_upper(k);
        if shouting(i.wrapping_sub(1)) || shouting(i + 1) {
            continue;
        }
        push(&mut countries, (i, i + 1), code);
    }
    // "Countries: US, CA, MX" — codes are safe to read in a labelled list.
    for i in 0..n {
        if doc.label_of(i) == Some(LabelKey::Countries)
            && doc.kind(i) == Some(Kind::Word)
            && doc.is_upper(i)
        {
            if let Some(code) = country_code(doc.orig(i)) {
                push(&mut countries, (i, i + 1), code);
            }
        }
    }
    // A labelled location that names no known city is kept as written.
    for (line, key) in doc.line_keys.iter().enumerate() {
        if *key != Some(LabelKey::Location) || !locations.is_empty() {
            continue;
        }
        let start = doc.line_value_start.get(line).copied().unwrap_or(0);
        let mut end = start;
        while end < n && doc.line(end) == line && doc.toks[end].kind != Kind::Break {
            end += 1;
        }
        let value = doc
            .span_text(start, end)
            .trim()
            .trim_end_matches('.')
            .to_string();
        let lower = value.to_lowercase();
        let remote_only = ["remote", "anywhere", "worldwide", "work from home", "wfh"]
            .iter()
            .any(|w| lower.starts_with(w));
        if !value.is_empty()
            && !remote_only
            && value.chars().count() <= 100
            && country_code(&value).is_none()
        {
            locations.push(value);
            out.cite("locations", doc.span(start, end));
        }
    }
    // "工作地点：北京", "[上海] …": Chinese city names inside runs of characters, read on a
    // location line or the title line only.
    let han_text = !doc.text.is_ascii();
    for i in (0..n).filter(|_| han_text) {
        let w = doc.w(i);
        if w.is_ascii() || !(doc.label_of(i) == Some(LabelKey::Location) || doc.line(i) == 0) {
            continue;
        }
        if let Some((_, code)) = HAN_CITIES.iter().find(|(city, _)| w.contains(city)) {
            push(&mut countries, (i, i + 1), code);
        }
    }
    countries.sort_by_key(|(at, _)| *at);
    let mut codes: Vec<String> = Vec::new();
    for ((a, b), code) in countries {
        if !codes.contains(&code) {
            codes.push(code);
            out.cite("countries", doc.span(a, b));
        }
    }
    out.fields.countries = codes;
    out.fields.locations = locations;
}

//! Places: `jobLocation` addresses and `applicantLocationRequirements` countries and states.

use serde_json::Value;

use super::{items, text_at, Pointers};
use crate::normalize::{self as norm, push_unique};
use crate::ParseOutcome;

/// Reads `jobLocation` (one or many Places, address as object or string), citing each place
/// with the address parts it was built from. Returns the first physical address given, which an
/// on-site default is then cited with.
pub(super) fn locations<'v>(
    out: &mut ParseOutcome,
    v: &'v Value,
    at: &Pointers<'_>,
) -> Option<&'v Value> {
    let mut physical = None;
    for place in items(v) {
        let address = place.get("address").unwrap_or(place);
        if let Some(s) = address.as_str() {
            let s = s.trim();
            if s.is_empty() {
                continue;
            }
            push_unique(&mut out.fields.locations, s);
            at.cite(out, "locations", address);
            physical = physical.or(Some(address));
            if let Some(code) = s.rsplit(',').next().and_then(norm::country) {
                push_unique(&mut out.fields.countries, code);
                at.cite(out, "countries", address);
            }
            continue;
        }
        let Some(a) = address.as_object() else {
            continue;
        };
        let get = |k: &str| a.get(k).and_then(text_at);
        let (locality, region) = (get("addressLocality"), get("addressRegion"));
        let raw_country = get("addressCountry");
        let code = raw_country.as_ref().and_then(|(c, _)| norm::country(c));
        if let (Some((raw, _)), None) = (raw_country.as_ref(), code) {
            out.unmapped(
                "JobPosting.jobLocation.address.addressCountry",
                "unknown country",
                raw,
            );
        }
        if let (Some(c), Some((_, node))) = (code, raw_country.as_ref()) {
            push_unique(&mut out.fields.countries, c);
            at.cite(out, "countries", node);
        }
        let (postal, street) = (get("postalCode"), get("streetAddress"));
        // The parts each kind of place is written from, so the place cites exactly those.
        let (place, parts) = if locality.is_some() || region.is_some() {
            physical = physical.or(Some(address));
            let place = norm::place(&[
                part_text(&locality),
                part_text(&region),
                code.or(part_text(&raw_country)),
            ]);
            (place, [locality, region, raw_country])
        } else if postal.is_some() || street.is_some() {
            physical = physical.or(Some(address));
            let place = norm::place(&[part_text(&postal), code.or(part_text(&raw_country))]);
            (place, [postal, raw_country, None])
        } else {
            let place = code
                .and_then(crate::lexicon::countries::country_name)
                .map(str::to_string)
                .or_else(|| part_text(&raw_country).map(str::to_string));
            (place, [raw_country, None, None])
        };
        if let Some(p) = place {
            push_unique(&mut out.fields.locations, &p);
            for (_, node) in parts.iter().flatten() {
                at.cite(out, "locations", node);
            }
        }
    }
    physical
}

/// The text of an address part read with its node.
fn part_text<'t>(part: &'t Option<(String, &Value)>) -> Option<&'t str> {
    part.as_ref().map(|(t, _)| t.as_str())
}

pub(super) fn applicant_locations(out: &mut ParseOutcome, v: &Value, at: &Pointers<'_>) {
    for area in items(v) {
        let Some((name, node)) = text_at(area) else {
            continue; // `{"@type":"Country","name":""}` is seen in the wild
        };
        let kind = area
            .get("@type")
            .and_then(Value::as_str)
            .unwrap_or("Country");
        let code = norm::country(&name).or_else(|| norm::us_state(&name).then_some("US"));
        match code {
            Some(c) => {
                push_unique(&mut out.fields.countries, c);
                at.cite(out, "countries", node);
            }
            None => out.unmapped(
                "JobPosting.applicantLocationRequirements",
                format!("unknown {kind}"),
                &name,
            ),
        }
    }
}

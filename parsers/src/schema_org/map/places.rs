//! Places: `jobLocation` addresses and `applicantLocationRequirements` countries and states.

use serde_json::Value;

use super::{items, text};
use crate::normalize::{self as norm, push_unique};
use crate::ParseOutcome;

/// Reads `jobLocation` (one or many Places, address as object or string). Returns whether a
/// physical place was given.
pub(super) fn locations(out: &mut ParseOutcome, v: &Value) -> bool {
    let mut physical = false;
    for place in items(v) {
        let address = place.get("address").unwrap_or(place);
        if let Some(s) = address.as_str() {
            let s = s.trim();
            if s.is_empty() {
                continue;
            }
            push_unique(&mut out.fields.locations, s);
            physical = true;
            if let Some(code) = s.rsplit(',').next().and_then(norm::country) {
                push_unique(&mut out.fields.countries, code);
            }
            continue;
        }
        let Some(a) = address.as_object() else {
            continue;
        };
        let get = |k: &str| a.get(k).and_then(text);
        let (locality, region) = (get("addressLocality"), get("addressRegion"));
        let raw_country = a.get("addressCountry").and_then(text);
        let code = raw_country.as_deref().and_then(norm::country);
        if let (Some(raw), None) = (raw_country.as_deref(), code) {
            out.unmapped(
                "JobPosting.jobLocation.address.addressCountry",
                "unknown country",
                raw,
            );
        }
        if let Some(c) = code {
            push_unique(&mut out.fields.countries, c);
        }
        let place = if locality.is_some() || region.is_some() {
            physical = true;
            norm::place(&[
                locality.as_deref(),
                region.as_deref(),
                code.or(raw_country.as_deref()),
            ])
        } else if get("postalCode").is_some() || get("streetAddress").is_some() {
            physical = true;
            norm::place(&[
                get("postalCode").as_deref(),
                code.or(raw_country.as_deref()),
            ])
        } else {
            code.and_then(crate::lexicon::countries::country_name)
                .map(str::to_string)
                .or(raw_country)
        };
        if let Some(p) = place {
            push_unique(&mut out.fields.locations, &p);
        }
    }
    physical
}

pub(super) fn applicant_locations(out: &mut ParseOutcome, v: &Value) {
    for area in items(v) {
        let Some(name) = text(area) else {
            continue; // `{"@type":"Country","name":""}` is seen in the wild
        };
        let kind = area
            .get("@type")
            .and_then(Value::as_str)
            .unwrap_or("Country");
        let code = norm::country(&name).or_else(|| norm::us_state(&name).then_some("US"));
        match code {
            Some(c) => push_unique(&mut out.fields.countries, c),
            None => out.unmapped(
                "JobPosting.applicantLocationRequirements",
                format!("unknown {kind}"),
                &name,
            ),
        }
    }
}

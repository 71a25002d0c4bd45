//! Maps an HR-XML posting tree (any generation, or HR Open JSON turned into a tree) to fields
//! (formats.md §3.3). Lookups name every generation's element, scoped to the position profile so
//! the supplier's or requester's contact data never passes for the employer's. Every field is
//! cited with the element (or attribute) it was read from, through the posting's [`Origin`].

mod application;
mod pay;
mod qualifications;

use application::{apply, dates};
use pay::pay;
use qualifications::{experience, languages_and_skills};

use super::origin::{At, Origin};
use crate::normalize::{self as norm, push_unique};
use crate::xml::Element;
use crate::{Limits, ParseOutcome};

/// Elements with no catalog field, reported as unmapped sections.
const SECTIONS: &[&str] = &[
    "EducationRequirement",
    "EducationQualifs",
    "MinimumEducationLevel",
    "JobCategory",
    "JobCategoryCode",
    "IndustryCode",
    "Benefits",
    "Shift",
    "LicenseTypeCode",
    "JobGradeCode",
];

/// Dates that are not posting or closing dates (2.x `PositionDateInfo` is the job's start).
const START_DATES: &[&str] = &["PositionDateInfo", "PositionPeriod"];

/// Every descendant named one of `names`, matches included in the descent.
fn all<'e>(el: &'e Element<'e>, names: &[&str], out: &mut Vec<&'e Element<'e>>) {
    for c in &el.children {
        if names.iter().any(|n| c.is(n)) {
            out.push(c);
        }
        all(c, names, out);
    }
}

fn all_of<'e>(el: &'e Element<'e>, names: &[&str]) -> Vec<&'e Element<'e>> {
    let mut out = Vec::new();
    all(el, names, &mut out);
    out
}

/// The first match of `names` below any of `scopes` whose text `parse` accepts, with the
/// element it was read from.
fn first_valid<'e, T>(
    scopes: &[&'e Element<'e>],
    names: &[&str],
    parse: impl Fn(&str) -> Option<T>,
) -> Option<(T, &'e Element<'e>)> {
    scopes.iter().flat_map(|s| all_of(s, names)).find_map(|e| {
        let value = e.value().and_then(&parse).or_else(|| parse(&e.deep_text()));
        value.map(|v| (v, e))
    })
}

/// Text content, or the inner markup when the content is XHTML elements.
fn content(el: &Element, doc: &str) -> String {
    if el.children.is_empty() || doc.is_empty() {
        el.value().unwrap_or_default().to_string()
    } else {
        el.inner_markup(doc).to_string()
    }
}

/// Maps `posting`; `origin` turns the elements values were read from into paths.
pub(crate) fn map(posting: &Element, doc: &str, limits: &Limits, origin: &Origin) -> ParseOutcome {
    let mut out = ParseOutcome::default();
    let profile = posting.child("PositionProfile").unwrap_or(posting);
    let root: &str = &posting.name;

    out.external_id = [
        posting.child("DocumentID"),
        posting.path(&["PositionRecordInfo", "Id"]),
        posting.child("JobPositionPostingId"),
        profile.child("PositionID"),
        posting.path(&["PositionPostings", "PositionPosting", "Id"]),
    ]
    .into_iter()
    .flatten()
    .find_map(|e| e.value().map(str::to_string));

    let title = profile
        .find_any(&["PositionTitle", "JobPositionTitle"])
        .and_then(|e| Some((e.value()?, e)));
    if let Some((title, el)) = title {
        out.fields.job_title = Some(title.to_string());
        origin.cite(&mut out, "jobTitle", At::el(el));
    }
    description(&mut out, profile, doc, origin);
    organization(&mut out, posting, profile, origin);
    let site = locations(&mut out, profile, root, origin);
    employment(&mut out, profile, root, origin);
    pay(&mut out, profile, origin);
    let headcount = first_valid(
        &[posting],
        &["NumberToFill", "PositionOpenQuantity"],
        norm::count,
    );
    if let Some((n, el)) = headcount {
        out.fields.headcount = Some(n);
        origin.cite(&mut out, "headcount", At::el(el));
    }
    languages_and_skills(&mut out, profile, root, origin);
    experience(&mut out, profile, origin);
    apply(&mut out, profile, origin);
    dates(&mut out, posting, profile, root, origin);

    for el in profile.find_all_vec(SECTIONS) {
        let text = el.deep_text();
        if !text.is_empty() {
            out.unmapped(
                format!("{root}.{}", el.name),
                "no catalog field for this element",
                &text,
            );
        }
    }
    for area in all_of(posting, &["UserArea"]) {
        for c in area.children.iter().filter(|c| !c.is("Experience")) {
            let text = c.deep_text();
            if !text.is_empty() {
                out.unmapped(
                    format!("{root}.UserArea.{}", c.name),
                    "vendor extension",
                    &text,
                );
            }
        }
    }

    norm::fill_from_own_description(&mut out, limits.text_chars);
    norm::level_default(&mut out);
    if norm::onsite_default(&mut out, site.is_some()) {
        if let Some(address) = site {
            origin.cite(&mut out, "locationType", At::el(address));
        }
    }
    out
}

impl Element<'_> {
    fn find_all_vec<'s>(&'s self, names: &[&str]) -> Vec<&'s Self> {
        let mut v = Vec::new();
        self.find_all(names, &mut v);
        v
    }
}

fn description(out: &mut ParseOutcome, profile: &Element, doc: &str, origin: &Origin) {
    let mut parts: Vec<String> = Vec::new();
    let mut read_from = Vec::new();
    // 3.x and HR Open: PositionFormattedDescription/Content.
    for d in all_of(profile, &["PositionFormattedDescription"]) {
        if let Some(c) = d.child("Content") {
            parts.push(content(c, doc));
            read_from.push(c);
        }
    }
    // 2.x: FormattedPositionDescription name/value pairs.
    for d in all_of(profile, &["FormattedPositionDescription"]) {
        let name = d.child("Name").map(Element::text).unwrap_or_default();
        let value = d
            .child("Value")
            .map(|v| content(v, doc))
            .unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        read_from.push(d);
        parts.push(
            if name.is_empty() || value.contains('\n') || value.len() > 80 {
                value
            } else {
                format!("{name}: {value}")
            },
        );
    }
    // 1.x: JobPositionPurpose and SummaryText.
    for d in all_of(profile, &["JobPositionPurpose", "JobPositionDescription"]) {
        if d.is("JobPositionPurpose") {
            parts.push(content(d, doc));
            read_from.push(d);
        } else if let Some(s) = d.child("SummaryText") {
            parts.push(content(s, doc));
            read_from.push(s);
        }
    }
    let parts: Vec<String> = parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if !parts.is_empty() {
        out.fields.job_description = Some(parts.join("\n\n"));
        for el in read_from {
            origin.cite(out, "jobDescription", At::el(el));
        }
    }
}

fn organization(out: &mut ParseOutcome, posting: &Element, profile: &Element, origin: &Origin) {
    let org = [
        posting.child("HiringOrg"),
        profile.child("Organization"),
        profile.path(&["PositionDetail", "Company"]),
        profile.child("PositionOrganization"),
        posting.child("PositionOrganization"),
    ]
    .into_iter()
    .flatten()
    .next();
    let Some(org) = org else { return };
    let name = org
        .child("HiringOrgName")
        .or_else(|| org.child("Name"))
        .or_else(|| org.find("OrganizationName"))
        .and_then(|e| Some((e.value()?, e)));
    if let Some((name, el)) = name {
        out.fields.company_name = Some(name.to_string());
        origin.cite(out, "companyName", At::el(el));
    }
    let website = first_valid(
        &[org],
        &["WebSite", "InternetWebAddress", "WebAddress", "URL"],
        norm::url,
    );
    if let Some((url, el)) = website {
        out.fields.company_website = Some(url);
        origin.cite(out, "companyWebsite", At::el(el));
    }
}

/// The text of an address part read with its element.
fn part_text<'t>(part: Option<(&'t str, &Element)>) -> Option<&'t str> {
    part.map(|(t, _)| t)
}

/// Reads every location container, citing each place with the address parts it was built
/// from. Returns the first physical address (a city or postal code), which an on-site default
/// is then cited with.
fn locations<'e>(
    out: &mut ParseOutcome,
    profile: &'e Element<'e>,
    root: &str,
    origin: &Origin,
) -> Option<&'e Element<'e>> {
    let mut physical = None;
    let containers = profile.find_all_vec(&[
        "JobPositionLocation",
        "PhysicalLocation",
        "PositionLocation",
    ]);
    for c in containers {
        let addr = c
            .find_any(&["LocationSummary", "PostalAddress", "Address"])
            .unwrap_or(c);
        // Each part with the element it was read from.
        let get = |names: &[&str]| {
            addr.find_any(names)
                .and_then(|e| Some((e.value().filter(|v| !v.is_empty())?, e)))
        };
        let city = get(&["Municipality", "CityName", "City"]);
        let region = get(&["Region", "CountrySubDivisionCode", "CountrySubDivision"]);
        let postal = get(&["PostalCode"]);
        let raw_country = get(&["CountryCode", "Country"]);
        let code = part_text(raw_country).and_then(norm::country);
        if let (Some(raw), None) = (part_text(raw_country), code) {
            out.unmapped(format!("{root}.CountryCode"), "unknown country", raw);
        }
        if let (Some(c), Some((_, el))) = (code, raw_country) {
            push_unique(&mut out.fields.countries, c);
            origin.cite(out, "countries", At::el(el));
        }
        let country = code.or(part_text(raw_country));
        let (place, parts) = if city.is_some() || region.is_some() {
            let place = norm::place(&[part_text(city), part_text(region), country]);
            (place, [city, region, raw_country])
        } else if postal.is_some() {
            (
                norm::place(&[part_text(postal), country]),
                [postal, raw_country, None],
            )
        } else {
            let place = code
                .and_then(crate::lexicon::countries::country_name)
                .map(str::to_string);
            (place, [raw_country, None, None])
        };
        if physical.is_none() && (city.is_some() || postal.is_some()) {
            physical = Some(addr);
        }
        if let Some(p) = place {
            push_unique(&mut out.fields.locations, &p);
            for (_, el) in parts.into_iter().flatten() {
                origin.cite(out, "locations", At::el(el));
            }
        }
    }
    physical
}

fn employment(out: &mut ParseOutcome, profile: &Element, root: &str, origin: &Origin) {
    // Offering types that name a contract beat schedules: CONTRACTOR says more than FULL_TIME.
    let offering = all_of(
        profile,
        &[
            "PositionOfferingTypeCode",
            "PositionClassification",
            "Duration",
        ],
    );
    let schedule = all_of(
        profile,
        &["PositionScheduleTypeCode", "PositionSchedule", "Schedule"],
    );
    for el in offering.into_iter().chain(schedule) {
        let Some(raw) = el.value() else { continue };
        match norm::employment_type(raw) {
            Some((t, _)) if out.fields.employment_type.is_none() => {
                out.fields.employment_type = Some(t);
                origin.cite(out, "employmentType", At::el(el));
            }
            Some(_) => {}
            None if norm::is_offering_only(raw) => {}
            None if raw.starts_with("x:") => {
                out.unmapped(format!("{root}.{}", el.name), "extension value", raw)
            }
            None => out.unmapped(
                format!("{root}.{}", el.name),
                "unknown employment type",
                raw,
            ),
        }
    }
}

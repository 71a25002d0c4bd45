//! Maps an HR-XML posting tree (any generation, or HR Open JSON turned into a tree) to fields
//! (formats.md §3.3). Lookups name every generation's element, scoped to the position profile so
//! the supplier's or requester's contact data never passes for the employer's.

mod application;
mod pay;
mod qualifications;

use application::{apply, dates};
use pay::pay;
use qualifications::{experience, languages_and_skills};

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

/// The first match of `names` below any of `scopes` whose text `parse` accepts.
fn first_valid<T>(
    scopes: &[&Element],
    names: &[&str],
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    scopes
        .iter()
        .flat_map(|s| all_of(s, names))
        .find_map(|e| e.value().and_then(&parse).or_else(|| parse(&e.deep_text())))
}

/// Text content, or the inner markup when the content is XHTML elements.
fn content(el: &Element, doc: &str) -> String {
    if el.children.is_empty() || doc.is_empty() {
        el.value().unwrap_or_default().to_string()
    } else {
        el.inner_markup(doc).to_string()
    }
}

pub fn map(posting: &Element, doc: &str, limits: &Limits) -> ParseOutcome {
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

    out.fields.job_title = profile
        .find_any(&["PositionTitle", "JobPositionTitle"])
        .and_then(Element::value)
        .map(str::to_string);
    description(&mut out, profile, doc);
    organization(&mut out, posting, profile);
    let has_site = locations(&mut out, profile, root);
    employment(&mut out, profile, root);
    pay(&mut out, profile);
    out.fields.headcount = first_valid(
        &[posting],
        &["NumberToFill", "PositionOpenQuantity"],
        norm::count,
    );
    languages_and_skills(&mut out, profile, root);
    experience(&mut out, profile);
    apply(&mut out, profile);
    dates(&mut out, posting, profile, root);

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
    norm::onsite_default(&mut out, has_site);
    out
}

impl Element<'_> {
    fn find_all_vec<'s>(&'s self, names: &[&str]) -> Vec<&'s Self> {
        let mut v = Vec::new();
        self.find_all(names, &mut v);
        v
    }
}

fn description(out: &mut ParseOutcome, profile: &Element, doc: &str) {
    let mut parts: Vec<String> = Vec::new();
    // 3.x and HR Open: PositionFormattedDescription/Content.
    for d in all_of(profile, &["PositionFormattedDescription"]) {
        if let Some(c) = d.child("Content") {
            parts.push(content(c, doc));
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
        } else if let Some(s) = d.child("SummaryText") {
            parts.push(content(s, doc));
        }
    }
    let parts: Vec<String> = parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if !parts.is_empty() {
        out.fields.job_description = Some(parts.join("\n\n"));
    }
}

fn organization(out: &mut ParseOutcome, posting: &Element, profile: &Element) {
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
    out.fields.company_name = org
        .child("HiringOrgName")
        .or_else(|| org.child("Name"))
        .or_else(|| org.find("OrganizationName"))
        .and_then(Element::value)
        .map(str::to_string);
    out.fields.company_website = first_valid(
        &[org],
        &["WebSite", "InternetWebAddress", "WebAddress", "URL"],
        norm::url,
    );
}

fn locations(out: &mut ParseOutcome, profile: &Element, root: &str) -> bool {
    let mut physical = false;
    let containers = profile.find_all_vec(&[
        "JobPositionLocation",
        "PhysicalLocation",
        "PositionLocation",
    ]);
    for c in containers {
        let addr = c
            .find_any(&["LocationSummary", "PostalAddress", "Address"])
            .unwrap_or(c);
        let get = |names: &[&str]| {
            addr.find_any(names)
                .and_then(Element::value)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let city = get(&["Municipality", "CityName", "City"]);
        let region = get(&["Region", "CountrySubDivisionCode", "CountrySubDivision"]);
        let postal = get(&["PostalCode"]);
        let raw_country = get(&["CountryCode", "Country"]);
        let code = raw_country.as_deref().and_then(norm::country);
        if let (Some(raw), None) = (raw_country.as_deref(), code) {
            out.unmapped(format!("{root}.CountryCode"), "unknown country", raw);
        }
        if let Some(c) = code {
            push_unique(&mut out.fields.countries, c);
        }
        let country = code.or(raw_country.as_deref());
        let place = if city.is_some() || region.is_some() {
            norm::place(&[city.as_deref(), region.as_deref(), country])
        } else if postal.is_some() {
            norm::place(&[postal.as_deref(), country])
        } else {
            code.and_then(crate::lexicon::countries::country_name)
                .map(str::to_string)
        };
        physical |= city.is_some() || postal.is_some();
        if let Some(p) = place {
            push_unique(&mut out.fields.locations, &p);
        }
    }
    physical
}

fn employment(out: &mut ParseOutcome, profile: &Element, root: &str) {
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
                out.fields.employment_type = Some(t)
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

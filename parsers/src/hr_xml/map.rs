//! Maps an HR-XML posting tree (any generation, or HR Open JSON turned into a tree) to fields
//! (formats.md §3.3). Lookups name every generation's element, scoped to the position profile so
//! the supplier's or requester's contact data never passes for the employer's.

use std::sync::OnceLock;

use regex::Regex;

use crate::enums::ExperienceLevel;
use crate::normalize::{self as norm, push_unique, Pay};
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

fn amount_of(el: &Element) -> Option<f64> {
    el.value().and_then(norm::amount).filter(|v| *v > 0.0)
}

fn currency_of(el: &Element) -> Option<String> {
    ["currencyID", "currencyCode", "currency"]
        .iter()
        .find_map(|a| el.attr(a))
        .map(str::to_string)
        .or_else(|| {
            el.child("Currency")
                .and_then(Element::value)
                .map(str::to_string)
        })
        .and_then(|c| norm::currency_code(&c))
}

fn pay(out: &mut ParseOutcome, profile: &Element) {
    let Some(package) = profile.find_any(&[
        "OfferedRemunerationPackage",
        "RemunerationPackage",
        "CompensationDescription",
    ]) else {
        return;
    };
    let mut ranges = all_of(package, &["RemunerationRange", "BasePay", "Range", "Pay"]);
    if ranges.is_empty() {
        ranges.push(package);
    }
    let mut pay = Pay::default();
    for range in ranges {
        let find = |names: &[&str]| {
            range
                .find_any(names)
                .and_then(|e| amount_of(e).map(|a| (a, e)))
        };
        let kind = range
            .find_any(&["RemunerationTypeCode", "TypeCode"])
            .map(|e| e.text().to_ascii_lowercase())
            .unwrap_or_default();
        let mut hits = Vec::new();
        if let Some((a, e)) = find(&[
            "RemunerationMinimumAmount",
            "BasePayAmountMin",
            "MinimumPay",
            "MinimumAmount",
        ]) {
            pay.min.get_or_insert(a);
            hits.push(e);
        }
        if let Some((a, e)) = find(&[
            "RemunerationMaximumAmount",
            "BasePayAmountMax",
            "MaximumPay",
            "MaximumAmount",
        ]) {
            pay.max.get_or_insert(a);
            hits.push(e);
        }
        if let Some((a, e)) = find(&["RemunerationReferenceAmount", "ReferenceAmount"]) {
            if kind.contains("max") {
                pay.max.get_or_insert(a);
            } else {
                pay.min.get_or_insert(a);
            }
            hits.push(e);
        }
        if pay.currency.is_none() {
            pay.currency = hits
                .iter()
                .find_map(|e| currency_of(e))
                .or_else(|| currency_of(range));
        }
        if pay.period.is_none() {
            pay.period = ["baseInterval", "intervalCode", "interval"]
                .iter()
                .find_map(|a| range.attr(a))
                .or_else(|| {
                    range
                        .find_any(&[
                            "RemunerationRateIntervalCode",
                            "RemunerationIntervalCode",
                            "IntervalCode",
                            "RatePer",
                            "Interval",
                        ])
                        .and_then(Element::value)
                })
                .and_then(norm::period);
        }
    }
    if pay.currency.is_none() {
        pay.currency = currency_of(package);
    }
    norm::apply_pay(out, pay);
}

fn languages_and_skills(out: &mut ParseOutcome, profile: &Element, root: &str) {
    let mut langs: Vec<String> = Vec::new();
    for el in all_of(profile, &["WorkingLanguageCode"]) {
        langs.extend(el.value().map(str::to_string));
    }
    for el in all_of(profile, &["Competency", "PositionCompetency"]) {
        let taxonomy = format!(
            "{} {} {}",
            el.attr("name").unwrap_or_default(),
            el.find_any(&["TaxonomyID", "TaxonomyId"])
                .map(|t| t.deep_text() + " " + t.attr("id").unwrap_or_default())
                .unwrap_or_default(),
            el.find_any(&["CompetencyID", "CompetencyId"])
                .and_then(|c| c.attr("schemeID"))
                .unwrap_or_default()
        )
        .to_ascii_lowercase();
        let id = el.find_any(&["CompetencyID", "CompetencyId"]);
        let id_text = id.and_then(|i| {
            i.value()
                .or_else(|| i.attr("id"))
                .or_else(|| i.attr("description"))
        });
        if taxonomy.contains("language") {
            langs.extend(id_text.map(str::to_string));
        } else if let Some(name) = el
            .child("CompetencyName")
            .and_then(Element::value)
            .or_else(|| el.attr("name"))
            .or(id_text.filter(|t| !t.contains("://")))
        {
            push_unique(&mut out.fields.skills, name);
        } else if let Some(t) = id_text {
            out.unmapped(
                format!("{root}.PositionCompetency"),
                "a competency code, not a name",
                t,
            );
        }
    }
    for q in all_of(profile, &["LanguageQualifs"]) {
        for l in &q.children {
            langs.extend(
                l.value()
                    .or_else(|| l.attr("languageCode"))
                    .map(str::to_string),
            );
        }
    }
    for q in all_of(profile, &["SkillQualifs"]) {
        for s in &q.children {
            if let Some(v) = s.value() {
                push_unique(&mut out.fields.skills, v);
            }
        }
    }
    for q in all_of(profile, &["Qualification"]) {
        let kind = q
            .attr("type")
            .or_else(|| q.attr("category"))
            .unwrap_or_default();
        match q.value() {
            Some(v) if kind.to_ascii_lowercase().contains("skill") => {
                push_unique(&mut out.fields.skills, v)
            }
            Some(v) => out.unmapped(
                format!("{root}.Qualification"),
                "no catalog field for this qualification",
                v,
            ),
            None => {}
        }
    }
    for raw in langs {
        match norm::language(&raw) {
            Some(name) => push_unique(&mut out.fields.languages, name),
            None => out.unmapped(
                format!("{root}.WorkingLanguageCode"),
                "unknown language",
                &raw,
            ),
        }
    }
}

fn experience(out: &mut ParseOutcome, profile: &Element) {
    let measure = profile
        .find("ExperienceSummary")
        .and_then(|s| s.find("Measure"))
        .or_else(|| profile.find("Experience"));
    if let Some(m) = measure {
        if let Some(n) = m
            .value()
            .and_then(norm::amount)
            .filter(|n| *n < 100.0 * 12.0)
        {
            let unit = m
                .attr("unitCode")
                .or_else(|| m.attr("unitOfMeasure"))
                .unwrap_or("year");
            let years = if norm::period(unit) == Some(crate::SalaryPeriod::Month) {
                n / 12.0
            } else {
                n
            };
            out.fields.years_experience = Some(years.floor() as i64);
        }
    }
    let level = profile
        .find_any(&["CareerLevelCode", "CareerLevel"])
        .and_then(|e| {
            e.value()
                .or_else(|| e.child("Name").and_then(Element::value))
                .or_else(|| e.child("Code").and_then(Element::value))
        });
    if let Some(raw) = level {
        let mapped = match norm::fold(raw).as_str() {
            "student" | "entrylevel" | "recentgraduate" | "graduate" | "junior" => {
                Some(ExperienceLevel::EntryLevel)
            }
            "midcareer" | "experiencednonmanager" | "experienced" => {
                Some(ExperienceLevel::Intermediate)
            }
            "manager" | "seniorexecutive" | "executive" | "senior" => Some(ExperienceLevel::Expert),
            _ => None,
        };
        match mapped {
            Some(l) => {
                out.fields.experience_level = Some(l);
                if l != ExperienceLevel::EntryLevel {
                    out.low(
                        "experienceLevel",
                        format!("mapped from career level \"{raw}\""),
                    );
                }
            }
            None => out.unmapped("CareerLevelCode", "unknown career level", raw),
        }
    }
}

fn apply(out: &mut ParseOutcome, profile: &Element) {
    static URL: OnceLock<Regex> = OnceLock::new();
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    let scopes = profile.find_all_vec(&["HowToApply", "ApplicationMethod", "ApplicationMethods"]);
    out.fields.apply_url = first_valid(
        &scopes,
        &[
            "URL",
            "InternetWebAddress",
            "ApplicationUri",
            "Url",
            "URI",
            "WebAddress",
        ],
        norm::url,
    );
    out.fields.apply_email = first_valid(
        &scopes,
        &[
            "InternetEmailAddress",
            "E-mail",
            "Email",
            "EmailAddress",
            "Address",
        ],
        norm::email,
    );
    // EURES writes the apply channel as HTML inside Instructions.
    let url_re = URL.get_or_init(|| {
        Regex::new(r#"https?://[^\s"'<>]+"#).unwrap_or_else(|_| Regex::new("$^").expect("empty"))
    });
    let email_re = EMAIL.get_or_init(|| {
        Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
            .unwrap_or_else(|_| Regex::new("$^").expect("empty"))
    });
    for el in scopes.iter().flat_map(|s| all_of(s, &["Instructions"])) {
        let text = el.deep_text();
        if out.fields.apply_url.is_none() {
            out.fields.apply_url = url_re.find(&text).and_then(|m| norm::url(m.as_str()));
        }
        if out.fields.apply_email.is_none() {
            out.fields.apply_email = email_re.find(&text).and_then(|m| norm::email(m.as_str()));
        }
    }
}

fn dates(out: &mut ParseOutcome, posting: &Element, profile: &Element, root: &str) {
    // 1.x writes `<EndDate><Date>…</Date></EndDate>`: read all text below.
    let text = |e: &Element| Some(e.deep_text()).filter(|t| !t.is_empty());
    let attr = |e: &Element, a: &str| e.attr(a).map(str::to_string);
    let close = [
        profile.find("ApplicationCloseDate").and_then(text),
        posting
            .child("PostDetail")
            .and_then(|p| p.child("EndDate"))
            .and_then(text),
        posting
            .path(&["PositionPostings", "PositionPosting", "Id"])
            .and_then(|i| attr(i, "validTo")),
        posting
            .path(&["PositionRecordInfo", "Status"])
            .and_then(|s| attr(s, "validTo")),
        profile
            .find("PostingInstruction")
            .and_then(|p| p.child("End"))
            .and_then(text),
    ];
    for raw in close.into_iter().flatten() {
        let raw = raw.as_str();
        match norm::date(raw) {
            Some(d) => {
                out.fields.valid_through = Some(d);
                break;
            }
            None if norm::fold(raw) == "na" => {}
            None => out.unmapped(format!("{root}.ApplicationCloseDate"), "not a date", raw),
        }
    }
    for el in profile.find_all_vec(START_DATES) {
        if let Some(d) = el
            .find("StartDate")
            .map(Element::deep_text)
            .as_deref()
            .and_then(norm::date)
        {
            out.unmapped(
                format!("{root}.{}.StartDate", el.name),
                "the job's start date, not a posting date",
                &d,
            );
        }
    }
}

//! Qualifications: working languages, competencies and skills, years of experience and career
//! level, each cited with the element it was read from.

use super::all_of;
use crate::enums::ExperienceLevel;
use crate::hr_xml::origin::{At, Origin};
use crate::normalize::{self as norm, push_unique};
use crate::xml::Element;
use crate::ParseOutcome;

/// Adds `skill` to the skills, cited with `el` when it was new.
fn skill(out: &mut ParseOutcome, skill: &str, el: &Element, origin: &Origin) {
    let before = out.fields.skills.len();
    push_unique(&mut out.fields.skills, skill);
    if out.fields.skills.len() > before {
        origin.cite(out, "skills", At::el(el));
    }
}

pub(super) fn languages_and_skills(
    out: &mut ParseOutcome,
    profile: &Element,
    root: &str,
    origin: &Origin,
) {
    // Language names or codes with the element each was read from.
    let mut langs: Vec<(&str, &Element)> = Vec::new();
    for el in all_of(profile, &["WorkingLanguageCode"]) {
        langs.extend(el.value().map(|v| (v, el)));
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
            langs.extend(id_text.map(|t| (t, el)));
        } else if let Some(name) = el
            .child("CompetencyName")
            .and_then(Element::value)
            .or_else(|| el.attr("name"))
            .or(id_text.filter(|t| !t.contains("://")))
        {
            skill(out, name, el, origin);
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
            langs.extend(l.value().or_else(|| l.attr("languageCode")).map(|v| (v, l)));
        }
    }
    for q in all_of(profile, &["SkillQualifs"]) {
        for s in &q.children {
            if let Some(v) = s.value() {
                skill(out, v, s, origin);
            }
        }
    }
    for q in all_of(profile, &["Qualification"]) {
        let kind = q
            .attr("type")
            .or_else(|| q.attr("category"))
            .unwrap_or_default();
        match q.value() {
            Some(v) if kind.to_ascii_lowercase().contains("skill") => skill(out, v, q, origin),
            Some(v) => out.unmapped(
                format!("{root}.Qualification"),
                "no catalog field for this qualification",
                v,
            ),
            None => {}
        }
    }
    for (raw, el) in langs {
        match norm::language(raw) {
            Some(name) => {
                push_unique(&mut out.fields.languages, name);
                origin.cite(out, "languages", At::el(el));
            }
            None => out.unmapped(
                format!("{root}.WorkingLanguageCode"),
                "unknown language",
                raw,
            ),
        }
    }
}

pub(super) fn experience(out: &mut ParseOutcome, profile: &Element, origin: &Origin) {
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
            origin.cite(out, "yearsExperience", At::el(m));
        }
    }
    let level = profile
        .find_any(&["CareerLevelCode", "CareerLevel"])
        .and_then(|e| {
            let raw = e
                .value()
                .or_else(|| e.child("Name").and_then(Element::value))
                .or_else(|| e.child("Code").and_then(Element::value))?;
            Some((raw, e))
        });
    if let Some((raw, level_el)) = level {
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
                origin.cite_only(out, "experienceLevel", At::el(level_el));
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

//! Employment type, where the job is done, and experience: crosswalks from the formats' codes
//! and free text.

use regex::Regex;
use std::sync::OnceLock;

use super::{fold, num, re};
use crate::enums::{EmploymentType, ExperienceLevel, LocationType};

/// Employment type from Google's enum, Indeed's free text, HR-XML codes (formats.md §7).
/// Returns the value and whether the spelling was the canonical one.
pub fn employment_type(raw: &str) -> Option<(EmploymentType, bool)> {
    let raw = raw.trim().trim_start_matches("x:").trim_start_matches("X:");
    if let Some(hit) = EmploymentType::from_loose(raw) {
        return Some(hit);
    }
    let v = match fold(raw).as_str() {
        "fulltime" | "ft" | "fulltimeemployee" | "permanentfulltime" | "vollzeit" => {
            EmploymentType::FullTime
        }
        "parttime" | "pt" | "parttimeemployee" | "teilzeit" => EmploymentType::PartTime,
        "contract"
        | "contractor"
        | "contracttohire"
        | "freelance"
        | "freelancer"
        | "selfemployed"
        | "consultant"
        | "independentcontractor"
        | "1099" => EmploymentType::Contractor,
        "temporary" | "temp" | "seasonal" | "temporarytohire" | "fixedterm" | "casual" => {
            EmploymentType::Temporary
        }
        "intern" | "internship" | "apprenticeship" | "apprentice" | "trainee" | "praktikum"
        | "werkstudent" => EmploymentType::Intern,
        "volunteer" | "volunteering" | "unpaid" => EmploymentType::Volunteer,
        "perdiem" | "oncall" | "prn" => EmploymentType::PerDiem,
        _ => return None,
    };
    Some((v, false))
}

/// Whether a value names how a job is offered (HR-XML `Direct Hire`, `Regular`) rather than a
/// schedule: such values say nothing about the employment type and are skipped quietly.
pub fn is_offering_only(raw: &str) -> bool {
    matches!(
        fold(raw).as_str(),
        "directhire" | "regular" | "permanent" | "recruitmentreserve" | ""
    )
}

/// Where a job is done, from Indeed `remotetype` and similar labels.
pub fn location_type(raw: &str) -> Option<LocationType> {
    let key = fold(raw);
    if key.contains("hybrid") {
        Some(LocationType::Hybrid)
    } else if key.contains("remote") || key == "telecommute" || key == "workfromhome" {
        Some(LocationType::Remote)
    } else if matches!(key.as_str(), "inperson" | "onsite" | "office" | "inoffice") {
        Some(LocationType::Onsite)
    } else {
        None
    }
}

/// Years from a free-text experience requirement ("5+ years", "Minimum 1 year", "18 months").
pub fn years(raw: &str) -> Option<i64> {
    static YEARS: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &YEARS,
        r"(?i)(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s*\+?\s*(years?|yrs?|months?)\b",
    )
    .captures(raw)?;
    let n: i64 = num(&c, 1)?;
    let unit = c.get(2)?.as_str().to_ascii_lowercase();
    Some(if unit.starts_with('m') { n / 12 } else { n })
}

/// Experience level implied by a number of years (DESIGN §3.3: 1–4 intermediate, ≥ 5 expert).
pub fn level_from_years(years: i64) -> Option<ExperienceLevel> {
    match years {
        0 => Some(ExperienceLevel::EntryLevel),
        1..=4 => Some(ExperienceLevel::Intermediate),
        5.. => Some(ExperienceLevel::Expert),
        _ => None,
    }
}

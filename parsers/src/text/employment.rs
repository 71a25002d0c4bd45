//! Employment type (`employmentType`): full-time, part-time, contract and freelance, internship,
//! temporary and seasonal, volunteer, per diem — in English and the common Portuguese, Spanish,
//! German and Chinese words — with the relationship (contractor) outranking the hours
//! (part-time) when both are stated, and look-alikes ("smart contract", "full-time education")
//! left alone.

use crate::enums::EmploymentType;
use crate::outcome::ParseOutcome;

use super::classes;
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::token::Kind;

const ROLE_WORDS: &[&str] = &[
    "role",
    "position",
    "job",
    "basis",
    "work",
    "engagement",
    "opportunity",
    "assignment",
    "gig",
    "contract",
    "hire",
    "employee",
    "employment",
    "project",
    "team",
    "staff",
    "worker",
    "workers",
    "positions",
    "roles",
    "jobs",
    "opportunities",
    "schedule",
    "hours",
    "freelancer",
    "freelancers",
    "contractors",
    "annotators",
    "remote",
];

/// Words after "full-time"/"part-time" that make it a way of studying.
const STUDY_WORDS: &[&str] = &[
    "education",
    "student",
    "students",
    "degree",
    "course",
    "courses",
    "program",
    "programme",
    "study",
    "studies",
    "mba",
    "enrolment",
    "enrollment",
];

/// Roles that "independent" makes a contractor.
const INDEPENDENT_ROLES: &[&str] = &[
    "contractor",
    "contractors",
    "operator",
    "operators",
    "representative",
    "representatives",
    "agent",
    "agents",
    "consultant",
    "consultants",
    "reviewer",
    "reviewers",
    "annotator",
    "annotators",
    "worker",
    "workers",
];

/// Every ASCII word the employment pass acts on (its gate class, [`classes::EMPLOYMENT_CUE`]);
/// a word added to the `match` in [`extract`] must be added here too.
pub(super) const CUE_WORDS: &[&str] = &[
    "full",
    "fulltime",
    "full-time",
    "part",
    "parttime",
    "part-time",
    "vollzeit",
    "teilzeit",
    "tempo",
    "tiempo",
    "periodo",
    "freelance",
    "freelancer",
    "freelancers",
    "1099",
    "autonomo",
    "contractor",
    "contractors",
    "independent",
    "contract",
    "internship",
    "intern",
    "interns",
    "internships",
    "temporary",
    "temp",
    "seasonal",
    "volunteer",
    "volunteering",
    "unpaid",
    "per",
];

/// Whether token `i` is the only word on its line.
fn alone_on_line(doc: &Doc, i: usize) -> bool {
    let line = doc.line(i);
    let word_on_line = |k: usize| doc.line(k) == line && doc.kind(k) == Some(Kind::Word);
    !(0..i).rev().take(4).any(word_on_line) && !(i + 1..i + 5).any(word_on_line)
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let mut found: Vec<(usize, EmploymentType, String)> = Vec::new();
    // Only the Chinese and accented cues below are read outside the gate class.
    for i in doc.words_in(classes::EMPLOYMENT_CUE | classes::NON_ASCII) {
        let w = doc.w(i);
        let hyphen_next = |word: &str| doc.phrase_at(i, &[w, word]).is_some();
        // "full-time education", "part-time students": a way of studying, not of working.
        let studying = |k: usize| doc.is_any(k, STUDY_WORDS);
        let t = match w {
            "full" if hyphen_next("time") && !studying(i + 3) => Some(EmploymentType::FullTime),
            "fulltime" | "full-time" if !studying(i + 1) => Some(EmploymentType::FullTime),
            "part" if hyphen_next("time") && !studying(i + 3) => Some(EmploymentType::PartTime),
            "parttime" | "part-time" if !studying(i + 1) => Some(EmploymentType::PartTime),
            "vollzeit" | "全职" => Some(EmploymentType::FullTime),
            "teilzeit" | "兼职" => Some(EmploymentType::PartTime),
            "tempo" | "tiempo" | "período" | "periodo" => match doc.w(i + 1) {
                "parcial" => Some(EmploymentType::PartTime),
                "integral" | "completo" => Some(EmploymentType::FullTime),
                _ => None,
            },
            "freelance" | "freelancer" | "freelancers" | "1099" | "autônomo" | "autonomo"
            | "自由职业" => Some(EmploymentType::Contractor),
            // "RLHF Contractor", "seeking contractors", "contractor role"; not "a defense
            // contractor" describing the company.
            "contractor" | "contractors"
                if !doc.is_any(
                    i.wrapping_sub(1),
                    &[
                        "government",
                        "defense",
                        "defence",
                        "federal",
                        "general",
                        "prime",
                        "sub",
                    ],
                ) =>
            {
                Some(EmploymentType::Contractor)
            }
            // "Independent Sales Representative", "an independent operator".
            "independent"
                if doc.is_any(i + 1, INDEPENDENT_ROLES) || doc.is_any(i + 2, INDEPENDENT_ROLES) =>
            {
                Some(EmploymentType::Contractor)
            }
            // "是否全职：是" (full-time? yes), a Chinese job-board template.
            "是否全职" => match doc.w(i + 2) {
                "是" => Some(EmploymentType::FullTime),
                "否" => Some(EmploymentType::PartTime),
                _ => None,
            },
            // "Contract" alone on a job board's line of facts.
            "contract" if alone_on_line(doc, i) => Some(EmploymentType::Contractor),
            "contract" => {
                let role_after = doc.is_any(i + 1, ROLE_WORDS)
                    || (doc.is_any(
                        i + 1,
                        &[
                            "data", "software", "backend", "frontend", "senior", "junior", "ml",
                            "ai",
                        ],
                    ) && i == doc.sentence(i).0)
                    || (i == doc.sentence(i).0
                        && doc.hits_in(i + 1, i + 4).any(|h| h.tag == Tag::Person));
                let role_before = doc.is_any(
                    i.wrapping_sub(1),
                    &[
                        "a",
                        "on",
                        "fixed-term",
                        "short-term",
                        "long-term",
                        "temporary",
                        "freelance",
                        "(",
                        "month",
                        "week",
                    ],
                ) || doc.punct(i.wrapping_sub(1), '(')
                    || doc.punct(i.wrapping_sub(1), '-')
                        && doc.kind(i.wrapping_sub(2)) == Some(Kind::Word)
                        && matches!(
                            doc.w(i.wrapping_sub(2)),
                            "month" | "week" | "year" | "short" | "long" | "fixed"
                        );
                let labelled = doc.label_of(i) == Some(LabelKey::EmploymentType);
                let legal = doc.is_any(
                    i + 1,
                    &[
                        "law",
                        "review",
                        "reviews",
                        "analysis",
                        "drafting",
                        "management",
                        "negotiation",
                        "documents",
                        "clauses",
                    ],
                ) || doc.is_any(
                    i.wrapping_sub(1),
                    &["smart", "the", "this", "your", "sign", "signed", "under"],
                );
                ((role_after || role_before || labelled || doc.punct(i + 1, ')')) && !legal)
                    .then_some(EmploymentType::Contractor)
            }
            "internship" | "intern" | "interns" | "internships" => Some(EmploymentType::Intern),
            "temporary" | "temp" | "seasonal" => Some(EmploymentType::Temporary),
            "volunteer" | "volunteering" | "unpaid" => Some(EmploymentType::Volunteer),
            "per" if doc.is(i + 1, "diem") => Some(EmploymentType::PerDiem),
            _ => None,
        };
        if let Some(t) = t {
            if t == EmploymentType::Temporary
                && doc.is_any(i + 1, &["password", "passwords", "file", "files", "access"])
            {
                continue;
            }
            found.push((i, t, doc.orig(i).to_string()));
        }
    }
    let Some((_, first, _)) = found.first().cloned() else {
        return;
    };
    // An internship or a volunteer post says so on purpose; a contractor relationship outranks
    // the hours it is worked in ("part-time, as an independent contractor"); otherwise the first
    // mention wins.
    let kinds: Vec<EmploymentType> = found.iter().map(|(_, t, _)| *t).collect();
    let chosen = kinds
        .iter()
        .copied()
        .find(|t| matches!(t, EmploymentType::Intern | EmploymentType::Volunteer))
        .or_else(|| {
            let contractor = kinds.contains(&EmploymentType::Contractor);
            let only_hours = kinds.iter().all(|t| {
                matches!(
                    t,
                    EmploymentType::Contractor
                        | EmploymentType::PartTime
                        | EmploymentType::FullTime
                )
            });
            (contractor && only_hours).then_some(EmploymentType::Contractor)
        })
        .unwrap_or(first);
    let others: Vec<&str> = found
        .iter()
        .filter(|(_, t, _)| *t != chosen)
        .map(|(_, t, _)| t.as_str())
        .collect();
    out.fields.employment_type = Some(chosen);
    if let Some((i, _, _)) = found.iter().find(|(_, t, _)| *t == chosen) {
        out.cite("employmentType", doc.span(*i, i + 1));
    }
    if !others.is_empty() && !matches!(chosen, EmploymentType::Intern | EmploymentType::Volunteer) {
        out.low(
            "employmentType",
            format!(
                "The text also mentions {}; picked the first stated.",
                others.join(", ")
            ),
        );
    }
}

//! General job-post fields: employment type, location type, company, apply email/URL, company
//! website, validThrough and labelled skills.

use crate::enums::{EmploymentType, LocationType};
use crate::outcome::ParseOutcome;

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

fn employment_type(doc: &Doc, out: &mut ParseOutcome) {
    let mut found: Vec<(usize, EmploymentType, String)> = Vec::new();
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        if w.is_empty() {
            continue;
        }
        let hyphen_next = |word: &str| doc.phrase_at(i, &[w, word]).is_some();
        let t = match w {
            "full" if hyphen_next("time") => Some(EmploymentType::FullTime),
            "fulltime" | "full-time" => Some(EmploymentType::FullTime),
            "part" if hyphen_next("time") => Some(EmploymentType::PartTime),
            "parttime" | "part-time" => Some(EmploymentType::PartTime),
            "freelance" | "freelancer" | "freelancers" | "1099" => Some(EmploymentType::Contractor),
            "contractor"
                if doc.is(i.wrapping_sub(1), "independent")
                    || doc.label_of(i).is_some()
                    || doc.punct(i.wrapping_sub(1), '(') =>
            {
                Some(EmploymentType::Contractor)
            }
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
    // An internship or a volunteer post says so on purpose; otherwise the first mention wins.
    let chosen = found
        .iter()
        .find(|(_, t, _)| matches!(t, EmploymentType::Intern | EmploymentType::Volunteer))
        .map(|(_, t, _)| *t)
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

/// "hybrid model", "hybrid cloud": not a work arrangement.
const HYBRID_OTHER_SENSES: &[&str] = &[
    "model",
    "models",
    "cloud",
    "car",
    "cars",
    "vehicle",
    "vehicles",
    "approach",
    "architecture",
];

fn location_type(doc: &Doc, out: &mut ParseOutcome) {
    let mut remote = None;
    let mut hybrid = None;
    let mut onsite = None;
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        if w.is_empty() {
            continue;
        }
        match w {
            "remote" | "remotely" | "wfh" | "remote-first" => {
                let negated = doc.is_any(i.wrapping_sub(1), &["not", "no", "non"])
                    || doc.phrase_at(i.wrapping_sub(2), &["not", "a"]).is_some();
                let other_sense = doc.is_any(
                    i + 1,
                    &[
                        "sensing",
                        "control",
                        "controls",
                        "desktop",
                        "access",
                        "monitoring",
                        "patient",
                        "server",
                        "repository",
                        "branch",
                    ],
                );
                if negated {
                    onsite.get_or_insert(i);
                } else if !other_sense {
                    remote.get_or_insert(i);
                }
            }
            "work"
                if doc.phrase_at(i, &["work", "from", "home"]).is_some()
                    || doc.phrase_at(i, &["work", "from", "anywhere"]).is_some() =>
            {
                remote.get_or_insert(i);
            }
            "telecommute" | "telecommuting" | "home-based" => {
                remote.get_or_insert(i);
            }
            "hybrid" if !doc.is_any(i + 1, HYBRID_OTHER_SENSES) || doc.label_of(i).is_some() => {
                hybrid.get_or_insert(i);
            }
            "onsite" | "on-site" | "in-person" | "in-office" | "office-based" => {
                onsite.get_or_insert(i);
            }
            "on" if doc.phrase_at(i, &["on", "site"]).is_some()
                && !doc.is(i.wrapping_sub(1), "stay") =>
            {
                onsite.get_or_insert(i);
            }
            "in" if doc.phrase_at(i, &["in", "person"]).is_some()
                || doc.phrase_at(i, &["in", "office"]).is_some()
                || doc.phrase_at(i, &["in", "the", "office"]).is_some() =>
            {
                // "2 days in office" is hybrid.
                let days_before = doc.toks[..i]
                    .iter()
                    .rev()
                    .take(6)
                    .any(|t| t.kind == Kind::Num)
                    && doc.any_word(i.saturating_sub(5), i, &["days", "day"]);
                if days_before {
                    hybrid.get_or_insert(i);
                } else {
                    onsite.get_or_insert(i);
                }
            }
            _ => {}
        }
    }
    let t = if let Some(h) = hybrid {
        Some((LocationType::Hybrid, h))
    } else {
        match (remote, onsite) {
            (Some(r), Some(o)) => {
                out.low(
                    "locationType",
                    "The text mentions both remote and on-site work; picked the first stated.",
                );
                Some(if r < o {
                    (LocationType::Remote, r)
                } else {
                    (LocationType::Onsite, o)
                })
            }
            (Some(r), None) => Some((LocationType::Remote, r)),
            (None, Some(o)) => Some((LocationType::Onsite, o)),
            (None, None) => None,
        }
    };
    if let Some((_, i)) = t {
        out.cite("locationType", doc.span(i, i + 1));
    }
    out.fields.location_type = t.map(|(t, _)| t);
}

const APPLY_CUES: &[&str] = &[
    "apply",
    "application",
    "applications",
    "send",
    "email",
    "e-mail",
    "submit",
    "cv",
    "resume",
    "résumé",
    "contact",
    "reach",
    "interested",
    "register",
    "sign",
    "questions",
];

fn apply_channels(doc: &Doc, out: &mut ParseOutcome) {
    let mut emails = Vec::new();
    let mut urls = Vec::new();
    for (i, t) in doc.toks.iter().enumerate() {
        match t.kind {
            Kind::Email => emails.push(i),
            Kind::Url => urls.push(i),
            _ => {}
        }
    }
    let cue = |i: usize| {
        let (a, b) = doc.sentence(i);
        doc.any_word(a.max(i.saturating_sub(25)), b.min(i + 25), APPLY_CUES)
            || doc.label_of(i) == Some(LabelKey::Apply)
            || (i > 0
                && doc.line(i) > 0
                && doc
                    .line_keys
                    .get(doc.line(i) - 1)
                    .is_some_and(|k| *k == Some(LabelKey::Apply)))
    };
    let email = emails.iter().find(|&&i| cue(i)).or(if emails.len() == 1 {
        emails.first()
    } else {
        None
    });
    if let Some(&i) = email {
        let text = doc.orig(i).trim_start_matches("mailto:").to_string();
        let generic = ["noreply", "no-reply", "privacy", "abuse", "unsubscribe"]
            .iter()
            .any(|g| text.to_lowercase().starts_with(g));
        if !generic {
            if !cue(i) {
                out.low(
                    "applyEmail",
                    "The only email in the text; no \"apply\" or \"send\" next to it.",
                );
            }
            out.fields.apply_email = Some(text);
            out.cite("applyEmail", doc.span(i, i + 1));
        }
    }
    if let Some(&i) = urls
        .iter()
        .find(|&&i| cue(i) && doc.label_of(i) != Some(LabelKey::Website))
    {
        let mut url = doc.orig(i).to_string();
        if url.to_lowercase().starts_with("www.") {
            url = format!("https://{url}");
        }
        out.fields.apply_url = Some(url);
        out.cite("applyUrl", doc.span(i, i + 1));
    }
    if let Some(&i) = urls
        .iter()
        .find(|&&i| doc.label_of(i) == Some(LabelKey::Website))
    {
        let mut url = doc.orig(i).to_string();
        if url.to_lowercase().starts_with("www.") {
            url = format!("https://{url}");
        }
        out.fields.company_website = Some(url);
        out.cite("companyWebsite", doc.span(i, i + 1));
    }
}

fn skills(doc: &Doc, out: &mut ParseOutcome) {
    let mut skills: Vec<String> = Vec::new();
    for (line, key) in doc.line_keys.iter().enumerate() {
        if *key != Some(LabelKey::Skills) {
            continue;
        }
        let start = doc.line_value_start.get(line).copied().unwrap_or(0);
        let mut end = start;
        while end < doc.toks.len() && doc.line(end) == line && doc.toks[end].kind != Kind::Break {
            end += 1;
        }
        let value = doc.span_text(start, end);
        out.cite("skills", doc.span(start, end));
        for part in value
            .split([',', ';', '|', '•'])
            .flat_map(|p| p.split(" and "))
        {
            let p = part.trim().trim_end_matches('.').trim();
            if !p.is_empty()
                && p.chars().count() <= 40
                && !skills.iter().any(|s| s.eq_ignore_ascii_case(p))
                && skills.len() < 25
            {
                skills.push(p.to_string());
            }
        }
    }
    out.fields.skills = skills;
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    employment_type(doc, out);
    location_type(doc, out);
    apply_channels(doc, out);
    skills(doc, out);
    super::dates::valid_through(doc, out);
}

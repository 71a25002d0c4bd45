//! General job-post fields: apply email/URL, company website, validThrough and labelled skills.

use crate::outcome::ParseOutcome;

use super::classes::APPLY_CUE;
use super::doc::Doc;
use super::labels::LabelKey;
use super::token::Kind;

pub(super) const APPLY_CUES: &[&str] = &[
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
    "questions",
    "candidate",
    "candidate-se",
    "candidatar",
    "candidatura",
    "candidaturas",
    "inscreva",
    "inscrição",
    "inscricao",
    "inscrições",
    "postula",
    "postular",
    "postúlate",
    "aplicar",
    "bewerben",
    "bewerbung",
    "bewirb",
    "solliciteer",
    "solliciteren",
    "postuler",
    "postulez",
    "申请",
    "投递",
];

/// Personal and social profiles: a way to reach someone, not to apply.
const PROFILE_HOSTS: &[&str] = &[
    "linkedin.com/in/",
    "twitter.com/",
    "x.com/",
    "facebook.com/",
    "instagram.com/",
    "t.me/",
    "wa.me/",
];

/// How strongly the URL at token `i` reads as the way to apply: a labelled apply line first,
/// then a link with a path (a form or a job page), then a bare home page.
fn apply_url_rank(doc: &Doc, i: usize, cued: bool) -> Option<u8> {
    let url = doc.orig(i).to_lowercase();
    if !cued
        || doc.label_of(i) == Some(LabelKey::Website)
        || PROFILE_HOSTS.iter().any(|h| url.contains(h))
    {
        return None;
    }
    let rest = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let has_path = rest
        .split_once('/')
        .is_some_and(|(_, path)| !path.trim_end_matches('/').is_empty());
    Some(if doc.label_of(i) == Some(LabelKey::Apply) {
        3
    } else if has_path {
        2
    } else {
        1
    })
}

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
        // A sentence wrapped over two lines ("direct your applications to: … 5th\nFloor, …
        // OR https://…") still cues a link on its second line.
        let line = doc.line(i);
        let line_start = (a..=i).find(|&k| doc.line(k) == line).unwrap_or(i);
        // The previous line ran on: it ended in a word or number, not a full stop.
        let ran_on = line_start >= 2
            && doc
                .toks
                .get(line_start - 1)
                .is_some_and(|t| doc.text.get(t.s..t.e) == Some("\n"))
            && matches!(doc.kind(line_start - 2), Some(Kind::Word | Kind::Num));
        let wrapped_from = if ran_on {
            (i.saturating_sub(45)..i)
                .find(|&k| doc.line(k) + 1 >= line)
                .unwrap_or(i)
        } else {
            i
        };
        doc.any_class(a.max(i.saturating_sub(25)), b.min(i + 25), APPLY_CUE)
            || doc.any_class(wrapped_from, i, APPLY_CUE)
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
    let best = urls
        .iter()
        .filter_map(|&i| apply_url_rank(doc, i, cue(i)).map(|rank| (rank, i)))
        .max_by_key(|&(rank, i)| (rank, std::cmp::Reverse(i)));
    if let Some((_, i)) = best {
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
    super::employment::extract(doc, out);
    super::workplace::extract(doc, out);
    apply_channels(doc, out);
    skills(doc, out);
    super::dates::valid_through(doc, out);
}

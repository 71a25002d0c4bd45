//! Heading phrases and the section each one opens (the role, the requirements, the company,
//! or nothing telling), looked up by a heading line's first word.

use crate::text::doc::Doc;
use crate::text::token::Kind;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::*;

const TASK_HEADS: &[&[&str]] = &[
    &["responsibilities"],
    &["key", "responsibilities"],
    &["main", "responsibilities"],
    &["your", "responsibilities"],
    &["duties"],
    &["main", "duties"],
    &["key", "duties"],
    &["what", "you'll", "do"],
    &["what", "you", "will", "do"],
    &["what", "you'd", "do"],
    &["what", "you", "would", "do"],
    &["the", "role"],
    &["role"],
    &["about", "the", "role"],
    &["about", "this", "role"],
    &["about", "the", "job"],
    &["about", "this", "job"],
    &["about", "the", "position"],
    &["about", "the", "project"],
    &["about", "this", "project"],
    &["about", "the", "opportunity"],
    &["about", "this", "opportunity"],
    &["about", "this", "position"],
    &["about", "the", "work"],
    &["about", "the", "assignment"],
    &["about", "the", "study"],
    &["about", "this", "study"],
    &["about", "the", "task"],
    &["about", "the", "tasks"],
    &["about", "the", "gig"],
    &["about", "the", "program"],
    &["about", "the", "programme"],
    &["about", "the", "vacancy"],
    &["role", "description"],
    &["role", "overview"],
    &["role", "summary"],
    &["job", "description"],
    &["job", "summary"],
    &["job", "overview"],
    &["detailed", "job", "description"],
    &["position", "description"],
    &["position", "summary"],
    &["project", "details"],
    &["project", "description"],
    &["project", "overview"],
    &["task", "description"],
    &["tasks"],
    &["your", "tasks"],
    &["your", "task"],
    &["the", "task"],
    &["the", "work"],
    &["the", "job"],
    &["overview"],
    &["what", "the", "job", "involves"],
    &["responsabilidades"],
    &["atividades"],
    &["tareas"],
    &["funciones"],
    &["aufgaben"],
    &["deine", "aufgaben"],
    &["ihre", "aufgaben"],
];

const SKILL_HEADS: &[&[&str]] = &[
    &["requirements"],
    &["key", "requirements"],
    &["job", "requirements"],
    &["minimum", "requirements"],
    &["basic", "requirements"],
    &["qualifications"],
    &["required", "qualifications"],
    &["minimum", "qualifications"],
    &["preferred", "qualifications"],
    &["basic", "qualifications"],
    &["required", "skills"],
    &["skills"],
    &["key", "skills"],
    &["skills", "and", "qualifications"],
    &["skills", "&", "qualifications"],
    &["required", "skills", "&", "qualifications"],
    &["required", "skills", "and", "qualifications"],
    &["who", "you", "are"],
    &["who", "we're", "looking", "for"],
    &["who", "we", "are", "looking", "for"],
    &["what", "we're", "looking", "for"],
    &["what", "we", "are", "looking", "for"],
    &["what", "you", "bring"],
    &["what", "you'll", "bring"],
    &["what", "you", "need"],
    &["what", "you'll", "need"],
    &["you", "have"],
    &["you", "are"],
    &["about", "you"],
    &["your", "profile"],
    &["profile"],
    &["ideal", "candidate"],
    &["the", "ideal", "candidate"],
    &["nice", "to", "have"],
    &["nice", "to", "haves"],
    &["nice", "to", "have", "specialties"],
    &["bonus", "points"],
    &["preferred"],
    &["must", "have"],
    &["must", "haves"],
    &["eligibility"],
    &["requisitos"],
    &["requisitos", "e", "qualificações"],
    &["qualificações"],
    &["perfil"],
    &["competencias"],
    &["anforderungen"],
    &["dein", "profil"],
    &["ihr", "profil"],
];

const BOILER_HEADS: &[&[&str]] = &[
    &["benefits"],
    &["perks"],
    &["benefits", "&", "compensation"],
    &["benefits", "and", "compensation"],
    &["compensation"],
    &["compensation", "&", "benefits"],
    &["compensation", "and", "benefits"],
    &["what", "we", "offer"],
    &["what", "we're", "offering"],
    &["why", "join", "us"],
    &["why", "join"],
    &["why", "work", "with", "us"],
    &["about", "us"],
    &["about", "the", "company"],
    &["about", "our", "company"],
    &["who", "we", "are"],
    &["our", "company"],
    &["our", "mission"],
    &["company", "information"],
    &["company", "description"],
    &["company", "overview"],
    &["how", "to", "apply"],
    &["application", "process"],
    &["applying"],
    &["to", "apply"],
    &["equal", "opportunity"],
    &["equal", "employment", "opportunity"],
    &["privacy"],
    &["privacy", "notice"],
    &["disclaimer"],
    &["how", "is", "my", "data", "used"],
    &["how", "your", "data", "is", "used"],
    &["data", "use"],
    &["data", "protection"],
    &["payment", "and", "legal"],
    &["sobre", "a", "empresa"],
    &["sobre", "nós"],
    &["benefícios"],
    &["beneficios"],
    &["como", "se", "candidatar"],
];

/// Headings that end a section without starting one that tells (pay, place, hours).
const NEUTRAL_HEADS: &[&[&str]] = &[
    &["pay"],
    &["payment"],
    &["salary"],
    &["rates"],
    &["remuneration"],
    &["location"],
    &["hours"],
    &["working", "hours"],
    &["schedule"],
    &["duration"],
    &["working", "period"],
    &["project", "duration"],
    &["timeline"],
];

/// Whether `w` can start a heading: a `match` in front of the map, since every short line asks.
pub(super) fn head_first_word(w: &str) -> bool {
    matches!(
        w,
        "about"
            | "anforderungen"
            | "application"
            | "applying"
            | "atividades"
            | "aufgaben"
            | "basic"
            | "beneficios"
            | "benefits"
            | "benefícios"
            | "bonus"
            | "como"
            | "company"
            | "compensation"
            | "competencias"
            | "data"
            | "dein"
            | "deine"
            | "detailed"
            | "disclaimer"
            | "duration"
            | "duties"
            | "eligibility"
            | "equal"
            | "funciones"
            | "hours"
            | "how"
            | "ideal"
            | "ihr"
            | "ihre"
            | "job"
            | "key"
            | "location"
            | "main"
            | "minimum"
            | "must"
            | "nice"
            | "our"
            | "overview"
            | "pay"
            | "payment"
            | "perfil"
            | "perks"
            | "position"
            | "preferred"
            | "privacy"
            | "profile"
            | "project"
            | "qualifications"
            | "qualificações"
            | "rates"
            | "remuneration"
            | "required"
            | "requirements"
            | "requisitos"
            | "responsabilidades"
            | "responsibilities"
            | "role"
            | "salary"
            | "schedule"
            | "skills"
            | "sobre"
            | "tareas"
            | "task"
            | "tasks"
            | "the"
            | "timeline"
            | "to"
            | "what"
            | "who"
            | "why"
            | "working"
            | "you"
            | "your"
    )
}

type HeadMap = HashMap<&'static str, Vec<(&'static [&'static str], Sec)>>;

/// Every heading phrase keyed by its first word.
pub(super) static HEADS: LazyLock<HeadMap> = LazyLock::new(|| {
    let mut map: HeadMap = HashMap::new();
    for (list, sec) in [
        (TASK_HEADS, Sec::Task),
        (SKILL_HEADS, Sec::Skills),
        (BOILER_HEADS, Sec::Boiler),
        (NEUTRAL_HEADS, Sec::Neutral),
    ] {
        for h in list {
            if let Some(first) = h.first() {
                map.entry(*first).or_default().push((*h, sec));
            }
        }
    }
    map.entry("about").or_default();
    map
});

/// Whether `words` start at `i` and the line holds little else (a heading, not a sentence).
pub(super) fn heading_at(doc: &Doc, i: usize, end: usize, words: &[&str]) -> bool {
    let Some(j) = doc.phrase_at(i, words) else {
        return false;
    };
    // What follows the phrase: nothing, a colon, or a few words ("About the Role at Acme").
    let rest = (j..end)
        .filter(|&k| doc.kind(k) == Some(Kind::Word))
        .count();
    rest <= 3 || doc.punct(j, ':')
}

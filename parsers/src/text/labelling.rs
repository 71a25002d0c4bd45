//! Label types: what the worker does to the data, read only from the parts of a posting that
//! describe the work. Lexicon cues (strong ones count anywhere in the work description, weak ones
//! only in AI/data work) plus verb–object rules ("write prompts", "compare two answers", "rate how
//! well", "record photos"). Cues in requirements ("experience with content moderation"), company
//! blurbs, benefits and data-use notices name skills or boilerplate, not the task, and a noun that
//! is only the object of rating ("evaluate translations") is not a second task.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::enums::{DataType, LabelType};

use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::token::Kind;

/// What a part of the posting is about, by the heading above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sec {
    /// No heading seen, or one that does not tell.
    Neutral,
    /// The role, the duties, the project.
    Task,
    /// Requirements, qualifications, nice-to-haves: skills the candidate brings.
    Skills,
    /// About the company, benefits, how to apply, legal and data-use notices.
    Boiler,
}

/// The section of each line, read from short heading lines ("Key Responsibilities",
/// "Requirements", "About Acme", "What we offer").
pub struct Layout {
    secs: Vec<Sec>,
    /// Whether each sentence (by number) names a skill or a wish, not the work.
    skill: Vec<bool>,
    /// The first line with a word: the title line.
    pub title_line: usize,
    /// The title names a language or translation ("Add Burmese", "Translator").
    pub title_language: bool,
    /// What the title says the job is.
    pub title: TitleKind,
}

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
fn head_first_word(w: &str) -> bool {
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
static HEADS: LazyLock<HeadMap> = LazyLock::new(|| {
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
fn heading_at(doc: &Doc, i: usize, end: usize, words: &[&str]) -> bool {
    let Some(j) = doc.phrase_at(i, words) else {
        return false;
    };
    // What follows the phrase: nothing, a colon, or a few words ("About the Role at Acme").
    let rest = (j..end)
        .filter(|&k| doc.kind(k) == Some(Kind::Word))
        .count();
    rest <= 3 || doc.punct(j, ':')
}

impl Layout {
    pub fn new(doc: &Doc) -> Layout {
        let lines = doc.line_keys.len();
        let mut secs = vec![Sec::Neutral; lines];
        let mut title_line = usize::MAX;
        let mut cur = Sec::Neutral;
        let mut i = 0;
        let n = doc.toks.len();
        while i < n {
            let line = doc.line(i);
            let mut end = i;
            while end < n && doc.line(end) == line {
                end += 1;
            }
            let mut first = i;
            while first < end && doc.kind(first) != Some(Kind::Word) {
                first += 1;
            }
            let words = (first..end)
                .filter(|&k| doc.kind(k) == Some(Kind::Word))
                .count();
            if first < end && title_line == usize::MAX {
                title_line = line;
            }
            let mut line_sec = None;
            if first < end && words <= 8 {
                // Headings are looked up by their first word, so ordinary lines cost one probe.
                let fw = doc.w(first);
                let candidates = if head_first_word(fw) {
                    HEADS.get(fw)
                } else {
                    None
                };
                let matches = |want: Sec| {
                    candidates.is_some_and(|list| {
                        list.iter()
                            .any(|(h, s)| *s == want && heading_at(doc, first, end, h))
                    })
                };
                let found = if candidates.is_none() {
                    None
                } else if matches(Sec::Task) {
                    Some(Sec::Task)
                } else if matches(Sec::Skills) {
                    Some(Sec::Skills)
                } else if matches(Sec::Boiler)
                    // "About Acme": the company, unless it is "About the role".
                    || (doc.is(first, "about")
                        && words <= 4
                        && doc.kind(first + 1) == Some(Kind::Word)
                        && line != title_line)
                {
                    Some(Sec::Boiler)
                } else if matches(Sec::Neutral) {
                    Some(Sec::Neutral)
                } else {
                    None
                };
                if let Some(s) = found {
                    // A heading with a long value after its colon labels only its own line.
                    let colon = (first..end).find(|&k| doc.punct(k, ':'));
                    let after = colon
                        .map(|c| {
                            (c..end)
                                .filter(|&k| doc.kind(k) == Some(Kind::Word))
                                .count()
                        })
                        .unwrap_or(0);
                    if after > 3 {
                        line_sec = Some(s);
                    } else {
                        cur = s;
                    }
                }
            } else if first < end && words > 8 {
                // "Requirements: a degree, two years of …" on one line.
                let key = doc.line_keys.get(line).copied().flatten();
                if matches!(key, Some(LabelKey::Experience | LabelKey::Skills)) {
                    line_sec = Some(Sec::Skills);
                }
            }
            if let Some(slot) = secs.get_mut(line) {
                *slot = line_sec.unwrap_or(cur);
            }
            i = end;
        }
        let title_line = if title_line == usize::MAX {
            0
        } else {
            title_line
        };
        let sentences = doc.toks.last().map(|t| t.sent as usize + 1).unwrap_or(0);
        let mut skill = vec![false; sentences];
        for k in 0..n {
            if skill_word(doc, k) {
                if let Some(slot) = skill.get_mut(doc.sent(k) as usize) {
                    *slot = true;
                }
            }
        }
        let mut layout = Layout {
            secs,
            skill,
            title_line,
            title_language: false,
            title: TitleKind::Other,
        };
        let (title, tokens) = title_kind(doc, &layout);
        layout.title = title;
        layout.title_language = doc
            .hits_in(
                tokens.first().copied().unwrap_or(0),
                tokens.last().map_or(0, |t| t + 1),
            )
            .any(|h| tokens.binary_search(&h.a).is_ok() && matches!(h.tag, Tag::Lang(_)))
            || tokens.iter().any(|&k| doc.w(k).starts_with("translat"));
        layout
    }

    /// The sentence holding token `i` names a skill or a wish, not the work.
    pub fn skill_sentence(&self, doc: &Doc, i: usize) -> bool {
        matches!(
            doc.label_of(i),
            Some(LabelKey::Experience | LabelKey::Skills)
        ) || self
            .skill
            .get(doc.sent(i) as usize)
            .copied()
            .unwrap_or(false)
    }

    pub fn sec(&self, doc: &Doc, i: usize) -> Sec {
        self.secs.get(doc.line(i)).copied().unwrap_or(Sec::Neutral)
    }

    /// Token `i` is in a part that describes the work (not skills, not boilerplate).
    pub fn in_work(&self, doc: &Doc, i: usize) -> bool {
        matches!(self.sec(doc, i), Sec::Neutral | Sec::Task) && !self.skill_sentence(doc, i)
    }

    /// Token `i` is on the title line, or on a "Title:" line.
    pub fn in_title(&self, doc: &Doc, i: usize) -> bool {
        doc.line(i) == self.title_line || doc.label_of(i) == Some(LabelKey::Title)
    }
}

/// A word that makes its sentence a skill or a wish, not the work: "experience with",
/// "familiarity with", "knowledge of", "a plus", "preferred", "background in".
fn skill_word(doc: &Doc, k: usize) -> bool {
    match doc.w(k) {
        // "the experience of users" is not a skill; "experience with/in" is.
        "experience" => !doc.is_any(k.wrapping_sub(1), &["user", "customer", "candidate", "the"]),
        "familiarity" | "familiar" | "proficiency" | "proficient" | "preferred" | "desirable"
        | "nice" | "bonus" | "desired" => true,
        // "knowledge of", "background in" — but "apply your expertise to help train AI" is work.
        "knowledge" | "expertise" | "background" => {
            doc.is_any(k + 1, &["in", "of", "with", "on", "using"])
        }
        "plus" => doc.is_any(k.wrapping_sub(1), &["a", "big", "huge", "strong"]),
        _ => false,
    }
}

/// The sentence of token `i` states the company's track record, not this job: "Since 2015 we
/// have answered over 40 million messages", "our annotators have labeled more than 20 million
/// frames since 2018".
pub fn track_record(doc: &Doc, i: usize) -> bool {
    let (a, b) = doc.sentence(i);
    let (a, b) = (a.max(i.saturating_sub(20)), b.min(i + 20));
    let since_year = (a..b).any(|k| {
        doc.is(k, "since")
            && doc.kind(k + 1) == Some(Kind::Num)
            && doc
                .toks
                .get(k + 1)
                .is_some_and(|t| (1900.0..2100.0).contains(&t.num))
    });
    let perfect = doc.any_word(
        i.saturating_sub(6).max(a),
        i,
        &["have", "has", "we've", "they've"],
    ) && doc.any_word(
        i.saturating_sub(3).max(a),
        i,
        &["over", "than", "nearly", "almost"],
    );
    since_year || perfect
}

/// A found label type and the tokens `[a, b)` it was read from; `dtype` is the data named with it
/// ("collect videos" → VIDEO).
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub label: LabelType,
    pub a: usize,
    pub b: usize,
    pub dtype: Option<DataType>,
    /// Read from a verb the worker performs ("translate", "transcribe"), not a noun.
    pub verb: bool,
}

/// Verbs of writing work ("write prompts", "author problems"); a `match` because it runs on
/// every token.
fn is_write_verb(w: &str) -> bool {
    matches!(
        w,
        "write"
            | "writing"
            | "author"
            | "authoring"
            | "create"
            | "creating"
            | "craft"
            | "crafting"
            | "compose"
            | "composing"
            | "draft"
            | "drafting"
    )
}
const WRITE_OBJECTS: &[&str] = &[
    "pair",
    "pairs",
    "prompt",
    "prompts",
    "response",
    "responses",
    "answer",
    "answers",
    "problem",
    "problems",
    "question",
    "questions",
    "solution",
    "solutions",
    "dialogue",
    "dialogues",
    "conversation",
    "conversations",
    "story",
    "stories",
    "essay",
    "essays",
    "summary",
    "summaries",
    "explanation",
    "explanations",
    "example",
    "examples",
    "rubric",
    "rubrics",
    "instructions",
    "completions",
    "demonstrations",
    "tasks",
];
/// Verbs of collecting data ("record phrases", "take photos").
fn is_collect_verb(w: &str) -> bool {
    matches!(
        w,
        "collect"
            | "collecting"
            | "capture"
            | "capturing"
            | "take"
            | "taking"
            | "submit"
            | "submitting"
            | "record"
            | "recording"
            | "upload"
            | "uploading"
            | "photograph"
            | "film"
            | "filming"
    )
}
const COLLECT_OBJECTS: &[(&str, Option<DataType>)] = &[
    ("photo", Some(DataType::Image)),
    ("photos", Some(DataType::Image)),
    ("image", Some(DataType::Image)),
    ("images", Some(DataType::Image)),
    ("selfie", Some(DataType::Image)),
    ("selfies", Some(DataType::Image)),
    ("pictures", Some(DataType::Image)),
    ("video", Some(DataType::Video)),
    ("videos", Some(DataType::Video)),
    ("clips", Some(DataType::Video)),
    ("footage", Some(DataType::Video)),
    ("audio", Some(DataType::Audio)),
    ("recording", Some(DataType::Audio)),
    ("recordings", Some(DataType::Audio)),
    ("voice", Some(DataType::Audio)),
    ("speech", Some(DataType::Audio)),
    ("phrases", Some(DataType::Audio)),
    ("sentences", Some(DataType::Audio)),
    ("utterances", Some(DataType::Audio)),
    ("yourself", None),
    ("sample", None),
    ("samples", None),
    ("prompts", None),
];
/// Cues that are verbs: "rank model answers" is work even though "model" follows.
const VERB_CUES: &[&str] = &[
    "rank",
    "evaluate",
    "assess",
    "grade",
    "classify",
    "categorize",
    "categorise",
    "transcribe",
    "translate",
    "segment",
    "caption",
    "annotate",
];
/// Words right after a cue that make it a skill the candidate has, not the work to do.
const SKILL_AFTER: &[&str] = &[
    "experience",
    "background",
    "skills",
    "skill",
    "knowledge",
    "expertise",
    "tools",
    "tool",
    "jobs",
    "roles",
];
/// Words right after a cue that make it technology being built, or a thing the cue qualifies
/// ("segmentation models", "translation requests", "rating scale").
const THING_AFTER: &[&str] = &[
    "model",
    "models",
    "algorithm",
    "algorithms",
    "pipeline",
    "pipelines",
    "system",
    "systems",
    "engine",
    "engines",
    "network",
    "networks",
    "architecture",
    "architectures",
    "framework",
    "frameworks",
    "library",
    "libraries",
    "service",
    "services",
    "api",
    "apis",
    "perception",
    "processing",
    "sensor",
    "sensors",
    "research",
    "engineer",
    "engineers",
    "engineering",
    "scientist",
    "scientists",
    "factor",
    "factors",
    "request",
    "requests",
    "conventions",
    "memory",
    "memories",
    "industry",
    "company",
    "companies",
    "agency",
    "agencies",
    "discussion",
    "discussions",
    "rater",
    "raters",
    "evaluator",
    "evaluators",
    "quality",
    "platform",
    "platforms",
    "software",
];
/// Things one "translates" in an office job that are not text in another language.
const TRANSLATE_TRAPS: &[&str] = &[
    "requirements",
    "requirement",
    "needs",
    "designs",
    "design",
    "ideas",
    "idea",
    "insights",
    "vision",
    "strategy",
    "strategies",
    "goals",
    "concepts",
    "data",
    "findings",
    "feedback",
    "mockups",
    "wireframes",
    "specs",
    "specifications",
    "business",
    "complex",
    "technical",
    "action",
    "code",
    "features",
    "solutions",
    "products",
    "reality",
    "results",
    "objectives",
    "priorities",
    "plans",
    "problems",
    "user",
    "customer",
    "it",
    "them",
];
/// Text one translates as language work.
const TRANSLATE_OBJECTS: &[&str] = &[
    "text",
    "texts",
    "website",
    "content",
    "sentences",
    "phrases",
    "strings",
    "documents",
    "document",
    "articles",
    "subtitles",
    "words",
    "pages",
    "app",
    "interface",
    "ui",
    "readme",
    "file",
    "files",
    "messages",
    "audio",
    "recordings",
    "speech",
    "conversations",
    "language",
    "languages",
    "that",
    "this",
    "these",
    "materials",
    "captions",
    "manuals",
    "books",
];
const AUDIO_WORDS: &[&str] = &[
    "audio",
    "speech",
    "spoken",
    "recording",
    "recordings",
    "recorded",
    "voice",
    "files",
    "file",
    "interviews",
    "calls",
    "podcasts",
    "podcast",
    "dictation",
    "dictations",
    "video",
    "videos",
];

fn weak_ok(doc: &Doc, i: usize, label: LabelType) -> bool {
    let w = doc.w(i);
    match label {
        LabelType::Rating => {
            if matches!(w, "evaluate" | "evaluation" | "assess") {
                return !doc.any_word(
                    i + 1,
                    i + 4,
                    &[
                        "candidates",
                        "applicants",
                        "applications",
                        "you",
                        "your",
                        "performance",
                        "fit",
                        "technologies",
                        "technology",
                        "tools",
                        "vendors",
                        "solutions",
                        "options",
                        "new",
                        "opportunities",
                        "risks",
                        "risk",
                        "proposals",
                        "requirements",
                        "needs",
                        "feasibility",
                        "impact",
                        "process",
                        "processes",
                    ],
                ) && !purpose_of_data(doc, i);
            }
            if w == "rating" {
                return !doc.is_any(
                    i.wrapping_sub(1),
                    &["credit", "star", "pay", "day", "hourly"],
                );
            }
            if w == "grade" {
                return !doc.is_any(
                    i.wrapping_sub(1),
                    &[
                        "commercial",
                        "enterprise",
                        "production",
                        "graduate",
                        "investment",
                        "pay",
                        "salary",
                    ],
                ) && !doc.punct(i.wrapping_sub(1), '-');
            }
            true
        }
        LabelType::Ranking => !doc.is_any(i + 1, &["and", "file"]) || doc.is(i, "ranking"),
        _ => true,
    }
}

/// "develop, train and evaluate AI software": what the data is for, not the worker's task.
fn purpose_of_data(doc: &Doc, i: usize) -> bool {
    let (a, _) = doc.sentence(i);
    let from = i.saturating_sub(6).max(a);
    doc.any_word(
        from,
        i,
        &[
            "train",
            "develop",
            "build",
            "test",
            "improve",
            "validate",
            "benchmark",
        ],
    ) && (doc.any_word(from, i, &["and", "or"]) || (from..i).any(|k| doc.punct(k, ',')))
}

/// Tokens within 15 of `i` in its sentence (bounded, so long sentences stay linear).
fn near(doc: &Doc, i: usize) -> (usize, usize) {
    let (a, b) = doc.sentence(i);
    (a.max(i.saturating_sub(15)), b.min(i + 15))
}

/// Whether a language name or a text object sits near token `i` in its sentence.
fn language_near(doc: &Doc, i: usize) -> bool {
    let (a, b) = near(doc, i);
    doc.hits_in(a, b).any(|h| matches!(h.tag, Tag::Lang(_)))
        || doc.any_word(i + 1, (i + 5).min(b), TRANSLATE_OBJECTS)
}

/// A translation cue the worker performs. Verbs need a text object or a language and no office
/// object ("translate business requirements into designs"); nouns need AI/data work, a language
/// in the title or sentence, and must not qualify another thing ("translation raters").
fn translation_ok(doc: &Doc, layout: &Layout, i: usize, context: bool) -> bool {
    let w = doc.w(i);
    let (_, b) = doc.sentence(i);
    let verb = matches!(w, "translate" | "translating");
    if verb {
        // "translate them into English": a target language settles it.
        if doc
            .hits_in(i + 1, (i + 7).min(b))
            .any(|h| matches!(h.tag, Tag::Lang(_)))
        {
            return true;
        }
        let mut j = i + 1;
        while doc.is_any(j, &["the", "our", "your", "a", "an", "all", "new", "any"]) {
            j += 1;
        }
        if doc.is_any(j, TRANSLATE_TRAPS)
            || doc.any_word(j, (j + 3).min(b), &["requirements", "designs", "insights"])
        {
            return false;
        }
        return language_near(doc, i) || context;
    }
    if doc.is_any(i.wrapping_sub(1), &["machine"]) && !context {
        // "machine translation" alone is a tool; still counts when the work is translating.
        return layout.title_language;
    }
    context || layout.title_language || language_near(doc, i)
}

/// A transcription cue about audio ("transcribe the recordings", "audio transcription"), in a
/// title, or in AI/data work; never "transcription factors".
fn transcription_ok(doc: &Doc, layout: &Layout, i: usize, context: bool) -> bool {
    let (a, b) = near(doc, i);
    context || layout.in_title(doc, i) || doc.any_word(a, b, AUDIO_WORDS)
}

fn collect_dtype(w: &str) -> Option<Option<DataType>> {
    COLLECT_OBJECTS
        .iter()
        .find(|(o, _)| *o == w)
        .map(|(_, d)| *d)
}

fn rule_labels(doc: &Doc, layout: &Layout, found: &mut Vec<Found>) {
    // Whether the posting recruits study participants: asked only for "collect data" and
    // "be recorded", so most texts never pay for the scan.
    let study_cell = std::cell::OnceCell::new();
    let study = || {
        *study_cell.get_or_init(|| {
            doc.any_word(
                0,
                doc.toks.len(),
                &["participants", "participant", "study", "volunteers"],
            )
        })
    };
    let mut push = |a: usize, b: usize, label: LabelType, dtype: Option<DataType>| {
        found.push(Found {
            label,
            a,
            b,
            dtype,
            verb: true,
        })
    };
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        if w.is_empty() {
            continue;
        }
        let (_, sb) = doc.sentence(i);
        let relevant = |k: usize| layout.in_work(doc, k);
        let window = (i + 8).min(sb);
        if is_write_verb(w) {
            if let Some(k) = (i + 1..window).find(|&k| doc.is_any(k, WRITE_OBJECTS)) {
                // "your work will be used to create …": the data's purpose, not the task.
                let purpose = doc.is(i.wrapping_sub(1), "to")
                    && doc.is_any(i.wrapping_sub(2), &["used", "help", "helps", "order"]);
                if relevant(i) && !purpose {
                    push(i, k + 1, LabelType::Writing, None);
                }
            } else if let Some(k) =
                (i + 1..(i + 4).min(sb)).find(|&k| doc.is_any(k, &["captions", "caption", "alt"]))
            {
                if relevant(i) {
                    push(i, k + 1, LabelType::Captioning, None);
                }
            }
        }
        if is_collect_verb(w) && relevant(i) {
            let end = (i + 7).min(sb);
            let obj = (i + 1..end).find_map(|k| {
                if doc.is(k, "data") && matches!(w, "collect" | "collecting") && study() {
                    return Some((k, None));
                }
                collect_dtype(doc.w(k)).map(|d| (k, d))
            });
            if let Some((k, d)) = obj {
                push(i, k + 1, LabelType::DataCollection, d);
            }
        }
        // "you will be recorded", "the session will be audio-recorded".
        if w == "recorded"
            && relevant(i)
            && study()
            && !doc.any_word(i.saturating_sub(4), i, &["not", "never", "no"])
        {
            let media = if doc.punct(i.wrapping_sub(1), '-') {
                match doc.w(i.wrapping_sub(2)) {
                    "audio" | "voice" => Some(Some(DataType::Audio)),
                    "video" => Some(Some(DataType::Video)),
                    _ => None,
                }
            } else if doc.is_any(i.wrapping_sub(1), &["be", "being", "get"]) {
                Some(None)
            } else {
                None
            };
            if let Some(d) = media {
                let a = if d.is_some() { i - 2 } else { i - 1 };
                push(a, i + 1, LabelType::DataCollection, d);
            }
        }
        // The rules below start at one of these words; everything else stops here cheaply.
        if !matches!(
            w,
            "rate"
                | "review"
                | "reviewing"
                | "check"
                | "checking"
                | "tag"
                | "tagging"
                | "score"
                | "scoring"
                | "compare"
                | "comparing"
                | "comparison"
                | "comparisons"
                | "pick"
                | "choose"
                | "select"
                | "picking"
                | "choosing"
                | "selecting"
                | "label"
        ) || !relevant(i)
        {
            continue;
        }
        if w == "rate"
            && doc.is_any(
                i + 1,
                &[
                    "how",
                    "the",
                    "each",
                    "responses",
                    "answers",
                    "outputs",
                    "quality",
                    "whether",
                    "them",
                    "their",
                    "model",
                    "ai",
                    "chatbot",
                    "search",
                    "results",
                ],
            )
            && !doc.is_any(
                i.wrapping_sub(1),
                &[
                    "the",
                    "hourly",
                    "pay",
                    "flat",
                    "per",
                    "a",
                    "day",
                    "your",
                    "our",
                    "competitive",
                    "base",
                ],
            )
        {
            push(i, i + 2, LabelType::Rating, None);
        }
        if matches!(w, "review" | "reviewing" | "check" | "checking") {
            if let Some(k) =
                (i + 1..(i + 7).min(sb)).find(|&k| doc.phrase_at(k, &["for", "accuracy"]).is_some())
            {
                push(i, k + 2, LabelType::Rating, None);
            }
        }
        // "tag the topic", not "our tagging interface".
        if matches!(w, "tag" | "tagging")
            && !doc.is_any(
                i + 1,
                &[
                    "interface",
                    "tool",
                    "tools",
                    "platform",
                    "software",
                    "guidelines",
                    "system",
                ],
            )
        {
            if let Some(k) = (i + 1..(i + 6).min(sb)).find(|&k| {
                doc.is_any(
                    k,
                    &[
                        "emotion",
                        "emotions",
                        "topic",
                        "topics",
                        "category",
                        "categories",
                        "intent",
                        "intents",
                        "attributes",
                        "attribute",
                        "genre",
                        "language",
                        "toxicity",
                    ],
                )
            }) {
                push(i, k + 1, LabelType::Classification, None);
            }
        }
        if matches!(w, "score" | "scoring")
            && doc.is_any(
                i + 1,
                &["the", "each", "responses", "answers", "outputs", "them"],
            )
        {
            push(i, i + 2, LabelType::Rating, None);
        }
        if matches!(w, "compare" | "comparing" | "comparison" | "comparisons") {
            if let Some(k) = (i + 1..(i + 5).min(sb)).find(|&k| {
                doc.is_any(
                    k,
                    &[
                        "two",
                        "responses",
                        "answers",
                        "outputs",
                        "pairs",
                        "completions",
                        "models",
                    ],
                )
            }) {
                push(i, k + 1, LabelType::Ranking, None);
            }
        }
        if matches!(
            w,
            "pick" | "choose" | "select" | "picking" | "choosing" | "selecting"
        ) && doc.is(i + 1, "the")
            && doc.is_any(i + 2, &["better", "best", "preferred"])
        {
            push(i, i + 3, LabelType::Ranking, None);
        }
        if w == "label"
            && doc.any_word(i + 1, (i + 5).min(sb), &["as"])
            && doc.any_word(i + 2, (i + 8).min(sb), &["or"])
        {
            push(i, i + 1, LabelType::Classification, None);
        }
    }
}

/// Chinese postings: "语音采集" (speech collection), "录音" (recording), "转写" (transcription).
fn cjk_labels(doc: &Doc, layout: &Layout, found: &mut Vec<Found>) {
    for (i, t) in doc.toks.iter().enumerate() {
        if t.kind != Kind::Word || doc.text.as_bytes().get(t.s).is_none_or(|b| b.is_ascii()) {
            continue;
        }
        let w = doc.orig(i);
        if !layout.in_work(doc, i) {
            continue;
        }
        let audio = ["语音", "音频", "录音"].iter().any(|c| w.contains(c));
        let image = ["图片", "照片", "图像"].iter().any(|c| w.contains(c));
        let video = w.contains("视频");
        if w.contains("采集") && (audio || image || video) {
            let d = if audio {
                DataType::Audio
            } else if video {
                DataType::Video
            } else {
                DataType::Image
            };
            found.push(Found {
                label: LabelType::DataCollection,
                a: i,
                b: i + 1,
                dtype: Some(d),
                verb: true,
            });
        }
        if (w.contains("转写") || w.contains("听写")) && audio {
            found.push(Found {
                label: LabelType::Transcription,
                a: i,
                b: i + 1,
                dtype: Some(DataType::Audio),
                verb: true,
            });
        }
    }
}

/// Shapes drawn on data: no other job draws bounding boxes or polylines.
fn geometric(label: LabelType) -> bool {
    matches!(
        label,
        LabelType::BoundingBox | LabelType::Polygon | LabelType::Keypoint | LabelType::Polyline
    )
}

/// Label types in order of first mention, each with the tokens it was read from; weak cues only
/// in an AI/data context. A posting titled as another profession (an engineer, an accountant)
/// gets none: its "review code" or "classify expenses" is not annotation work.
pub fn label_types(doc: &Doc, layout: &Layout, context: bool) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    if layout.title == TitleKind::Profession {
        return found;
    }
    for h in &doc.hits {
        let Tag::Label(label, strong) = h.tag else {
            continue;
        };
        let w = doc.w(h.a);
        let verb = VERB_CUES.contains(&w) && h.b == h.a + 1;
        if doc.is_any(h.b, SKILL_AFTER)
            || (doc.punct(h.b, '-') && doc.is_any(h.b + 1, SKILL_AFTER))
            || (!verb && doc.is_any(h.b, THING_AFTER))
            || !layout.in_work(doc, h.a)
        {
            continue;
        }
        let ok = match label {
            LabelType::Translation => translation_ok(doc, layout, h.a, context),
            LabelType::Transcription => transcription_ok(doc, layout, h.a, context),
            // A caption attribute in markup, or a word in passing: captioning is a task verb.
            LabelType::Captioning => {
                context
                    && !doc.punct(h.b, '=')
                    && (w != "caption"
                        || doc.is_any(h.a.wrapping_sub(1), &["to", "will", "you'll", "and"]))
            }
            // Strong cues other than shapes drawn on data also name office work
            // ("customer segmentation", "data collection and reporting", "sentiment analysis").
            _ => (strong && (context || geometric(label))) || (context && weak_ok(doc, h.a, label)),
        };
        if !ok {
            continue;
        }
        // "better at translating", "skilled in transcribing": an ability, not the worker's act.
        let verb = matches!(
            w,
            "translate" | "translating" | "transcribe" | "transcribing"
        ) && !doc.is_any(h.a.wrapping_sub(1), &["at", "in", "of", "with", "for"]);
        found.push(Found {
            label,
            a: h.a,
            b: h.b,
            dtype: None,
            verb,
        });
    }
    if context {
        rule_labels(doc, layout, &mut found);
    }
    cjk_labels(doc, layout, &mut found);
    // The object of rating is not a second task: "evaluate translations", "review transcripts
    // for accuracy", "rate captions" are RATING only, unless the worker also translates.
    let mut rating_sents: Vec<u32> = found
        .iter()
        .filter(|f| matches!(f.label, LabelType::Rating | LabelType::Ranking))
        .map(|f| doc.sent(f.a))
        .collect();
    rating_sents.sort_unstable();
    rating_sents.dedup();
    if !rating_sents.is_empty() {
        let doer = |l: LabelType| found.iter().any(|f| f.label == l && f.verb);
        let keep_tr = doer(LabelType::Translation);
        let keep_ts = doer(LabelType::Transcription);
        found.retain(|f| match f.label {
            LabelType::Translation => {
                keep_tr && rating_sents.binary_search(&doc.sent(f.a)).is_err()
            }
            LabelType::Transcription => {
                keep_ts && rating_sents.binary_search(&doc.sent(f.a)).is_err()
            }
            LabelType::Captioning | LabelType::Writing | LabelType::Classification => {
                rating_sents.binary_search(&doc.sent(f.a)).is_err() || f.verb
            }
            _ => true,
        });
    }
    found.sort_by_key(|f| f.a);
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        match out.iter_mut().find(|o| o.label == f.label) {
            // A later mention may name the data ("be recorded" … "audio-recorded").
            Some(o) => {
                if o.dtype.is_none() && f.dtype.is_some() {
                    o.dtype = f.dtype;
                    o.a = f.a;
                    o.b = f.b;
                }
            }
            None => out.push(f),
        }
    }
    out
}

/// Words that name technology in general ("AI", "machine learning", "model"): in a posting's
/// body they make it AI-training work only near training words ("help train AI models").
fn generic_tech(doc: &Doc, i: usize) -> bool {
    doc.is_any(
        i,
        &[
            "ai",
            "ml",
            "machine",
            "model",
            "models",
            "computer",
            "nlp",
            "benchmark",
            "benchmarks",
            "generative",
            "gen",
            "genai",
            "label",
            "labels",
            "crowd",
        ],
    )
}

/// Training words around token `i`: "train", "improve", "help", "teach", "evaluate" … AI.
fn training_near(doc: &Doc, i: usize) -> bool {
    let (a, b) = near(doc, i);
    doc.any_word(
        a.max(i.saturating_sub(8)),
        b.min(i + 8),
        &[
            "train",
            "training",
            "trained",
            "trainer",
            "trainers",
            "improve",
            "improving",
            "help",
            "helps",
            "helping",
            "teach",
            "teaching",
            "evaluate",
            "evaluating",
            "evaluation",
            "refine",
            "refinement",
            "responses",
            "outputs",
            "data",
            "annotation",
            "labeling",
            "labelling",
        ],
    )
}

/// What the title line says the job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// Annotation or AI-training work ("Rater", "Video Annotator", "AI Trainer", "Transcriber").
    Annotation,
    /// Another profession ("Backend Engineer", "Accounts Payable Specialist", "Data Scientist").
    Profession,
    Other,
}

/// Person nouns that name annotation work.
const WORK_PEOPLE: &[&str] = &[
    "annotator",
    "annotators",
    "labeler",
    "labelers",
    "labeller",
    "labellers",
    "rater",
    "raters",
    "evaluator",
    "evaluators",
    "tagger",
    "taggers",
    "transcriber",
    "transcribers",
    "transcriptionist",
    "transcriptionists",
    "translator",
    "translators",
    "tasker",
    "taskers",
    "trainer",
    "trainers",
];

/// Professions that are not annotation work unless the title also says so.
const PROFESSIONS: &[&str] = &[
    "engineer",
    "engineers",
    "developer",
    "developers",
    "scientist",
    "scientists",
    "architect",
    "programmer",
    "devops",
    "analyst",
    "manager",
    "designer",
    "accountant",
    "accountants",
    "consultant",
    "administrator",
    "officer",
    "officers",
    "clerk",
    "clerks",
    "cleaner",
    "cleaners",
    "driver",
    "drivers",
    "chef",
    "chefs",
    "technician",
    "mechanic",
    "electrician",
    "recruiter",
    "representative",
    "cashier",
    "receptionist",
    "marketer",
    "salesperson",
    "coordinator",
    "director",
    "operator",
];

/// Words that make an AI mention AI-training work ("help train AI", "AI Training").
const TRAINING_WORDS: &[&str] = &[
    "training", "trainer", "train", "trainers", "rlhf", "feedback",
];

/// The kind of the title and its tokens (sorted).
fn title_kind(doc: &Doc, layout: &Layout) -> (TitleKind, Vec<usize>) {
    let line = layout.title_line;
    // The first sentence of the title line ("TikTok content moderation (Spanish). Review …").
    let start = (0..doc.toks.len())
        .find(|&k| doc.line(k) == line)
        .unwrap_or(0);
    let (_, end) = doc.sentence(start);
    let has_title_label = doc.line_keys.contains(&Some(LabelKey::Title));
    let title: Vec<usize> = (start..end)
        .take_while(|&k| doc.line(k) == line)
        .chain(
            (0..doc.toks.len())
                .take(if has_title_label { usize::MAX } else { 0 })
                .filter(|&k| {
                    let l = doc.line(k);
                    l != line
                        && doc.line_keys.get(l).copied().flatten() == Some(LabelKey::Title)
                        && doc.label_of(k) == Some(LabelKey::Title)
                }),
        )
        .collect();
    let mut title = title;
    title.sort_unstable();
    if title.is_empty() {
        return (TitleKind::Other, title);
    }
    // A first line that is a whole sentence is not a title.
    let words = title
        .iter()
        .filter(|&&k| doc.kind(k) == Some(Kind::Word))
        .count();
    if words > 14 {
        return (TitleKind::Other, title);
    }
    let in_title = |k: usize| title.binary_search(&k).is_ok();
    let title_ai = title
        .iter()
        .any(|&k| doc.is_any(k, &["ai", "llm", "llms", "model", "models"]));
    let title_media = doc.hits.iter().any(|x| {
        in_title(x.a)
            && matches!(
                x.tag,
                Tag::DType(DataType::Audio | DataType::Image | DataType::Video)
            )
    });
    let data_work = doc.hits.iter().any(|h| {
        in_title(h.a)
            && match h.tag {
                Tag::AiCtx | Tag::GenAi => !doc.is_any(
                    h.a,
                    &[
                        "ai",
                        "ml",
                        "machine",
                        "model",
                        "computer",
                        "nlp",
                        "benchmark",
                        "gpt",
                        "llm",
                        "large",
                        "language",
                        "generative",
                        "gen",
                        "genai",
                    ],
                ),
                // Transcription, translation and shapes name the work; "Red Team Operator" or
                // "Sentiment Analyst" do only with AI in the title.
                Tag::Label(l, _) => {
                    geometric(l)
                        || (l == LabelType::DataCollection && title_media)
                        || matches!(
                            l,
                            LabelType::Transcription
                                | LabelType::Translation
                                | LabelType::Cuboid3d
                                | LabelType::Segmentation
                                | LabelType::Captioning
                                | LabelType::Classification
                        )
                        || title_ai
                }
                _ => false,
            }
    }) || title.iter().any(|&k| doc.is_any(k, WORK_PEOPLE))
        || (title
            .iter()
            .any(|&k| doc.is_any(k, &["ai", "llm", "model", "models", "genai"]))
            && title.iter().any(|&k| doc.is_any(k, TRAINING_WORDS)));
    // Only a title line of its own names a profession ("Join our team of 50 engineers! We need
    // 3 annotators…" is a sentence about the company).
    let standalone = !(end..doc.toks.len())
        .take_while(|&k| doc.line(k) == line)
        .any(|k| doc.kind(k) == Some(Kind::Word));
    let kind = if data_work {
        TitleKind::Annotation
    } else if standalone && title.iter().any(|&k| doc.is_any(k, PROFESSIONS)) {
        TitleKind::Profession
    } else {
        TitleKind::Other
    };
    (kind, title)
}

/// Body text places the posting in AI-training or data work: context words outside requirements,
/// company blurbs and benefits, and not "AI tools" the employee merely uses. A title naming
/// annotation work settles it either way; a title naming another profession rules it out.
pub fn work_context(doc: &Doc, layout: &Layout) -> bool {
    match layout.title {
        TitleKind::Annotation => return true,
        TitleKind::Profession => return false,
        TitleKind::Other => {}
    }
    doc.hits.iter().any(|h| {
        (matches!(h.tag, Tag::AiCtx | Tag::GenAi)
            || matches!(h.tag, Tag::Label(l, true) if geometric(l)))
            && layout.in_work(doc, h.a)
            && (!generic_tech(doc, h.a) || training_near(doc, h.a))
            && !(doc.is_any(h.a, &["ai", "gpt", "llm", "genai"])
                && (doc.is_any(
                    if doc.punct(h.b, '-') { h.b + 1 } else { h.b },
                    &[
                        "tools",
                        "tool",
                        "powered",
                        "driven",
                        "assisted",
                        "enabled",
                        "based",
                        "first",
                        "native",
                        "copilot",
                        "assistants",
                    ],
                ) || doc.is_any(
                    h.a.wrapping_sub(1),
                    &["using", "use", "leverage", "leveraging", "with"],
                )))
    })
}

#[cfg(test)]
mod tests {
    use crate::enums::{DataType, LabelType};
    use crate::text::extract;

    fn work(text: &str) -> (Vec<LabelType>, Option<DataType>) {
        let out = extract(text);
        (out.fields.label_types, out.fields.data_type)
    }

    #[test]
    fn rating_translations_is_rating_only() {
        let (labels, dtype) = work(
            "Translation Rater (Korean)\nYou will rate machine translations of short chat \
             messages for fluency and evaluate each translation against the source.",
        );
        assert_eq!(labels, vec![LabelType::Rating]);
        assert_eq!(dtype, Some(DataType::Text));
    }

    #[test]
    fn translating_the_audio_keeps_both_tasks() {
        let (labels, dtype) = work(
            "Audio transcription\nTranscribe the Hausa recordings, then translate them into \
             English.",
        );
        assert_eq!(
            labels,
            vec![LabelType::Transcription, LabelType::Translation]
        );
        assert_eq!(dtype, Some(DataType::Audio));
    }

    #[test]
    fn skills_and_boilerplate_are_not_tasks() {
        let (labels, _) = work(
            "RLHF Reviewer\nKey Responsibilities\n- Rank model outputs by helpfulness.\n\
             Requirements\n- Experience with content moderation or text classification.\n\
             About Us\nWe caption millions of images for our customers.",
        );
        assert_eq!(labels, vec![LabelType::Ranking]);
    }

    #[test]
    fn about_the_work_is_the_task_about_the_company_is_not() {
        let (labels, _) = work(
            "Annotation project\nAbout this opportunity\nDraw bounding boxes around cars.\n\
             About Northwind\nWe also transcribe podcasts for our media clients.",
        );
        assert_eq!(labels, vec![LabelType::BoundingBox]);
    }

    #[test]
    fn another_profession_gets_no_work_types() {
        let (labels, dtype) = work(
            "Senior Backend Engineer\nReview code, evaluate new technologies and translate \
             business requirements into designs. We use AI tools and build sentiment models.",
        );
        assert!(labels.is_empty());
        assert_eq!(dtype, None);
    }

    #[test]
    fn collection_takes_its_data_type_from_the_object() {
        let (labels, dtype) = work(
            "Study participants wanted\nWe collect videos of people cooking to train computer \
             vision models. Afterwards you review the recordings.",
        );
        assert_eq!(labels, vec![LabelType::DataCollection]);
        assert_eq!(dtype, Some(DataType::Video));
    }

    #[test]
    fn tool_only_when_used_not_listed_or_a_company() {
        let used = extract("Annotators wanted\nTooling: Label Studio (we provide accounts).");
        assert_eq!(
            used.fields.labeling_software.as_deref(),
            Some("Label Studio")
        );
        let listed = extract(
            "Image annotator\nDraw bounding boxes. Experience with tools such as CVAT, \
             Labelbox or similar is a plus.",
        );
        assert_eq!(listed.fields.labeling_software, None);
        let company = extract(
            "Safety rater\nRate AI answers. This role is with Northstar Data, a subsidiary of \
             Labelbox.",
        );
        assert_eq!(company.fields.labeling_software, None);
    }

    #[test]
    fn work_values_carry_evidence() {
        let out = extract("Data Annotator\nDraw bounding boxes on 4,000 street images in CVAT.");
        for key in [
            "labelTypes",
            "dataType",
            "dataVolume",
            "dataVolumeUnit",
            "labelingSoftware",
            "category",
        ] {
            assert!(
                out.evidence
                    .iter()
                    .any(|e| e.path == key && e.quote.is_some()),
                "{key} has no evidence"
            );
        }
    }
}

#[cfg(test)]
mod long_inputs {
    use crate::text::extract;

    /// 60,000 characters of work cues in one sentence and in bullets stay linear and never panic.
    #[test]
    fn long_cue_soup_is_fine() {
        let soup = "translate evaluate transcribe annotation rating video audio text image \
                    CVAT Labelbox 3 posts hiring 5 annotators ";
        let one_sentence = soup.repeat(60_000 / soup.len());
        let bullets = "- Rank model outputs and caption 20 images\n".repeat(1_400);
        let headings = "Requirements\nAbout us\nWhat you'll do\nVacancy: 2\n".repeat(1_500);
        for text in [one_sentence, bullets, headings] {
            let start = std::time::Instant::now();
            let out = extract(&text);
            assert!(out.fields.job_description.is_some());
            // Generous: debug builds on a shared machine; quadratic work would take seconds.
            assert!(start.elapsed().as_secs() < 5);
        }
    }
}

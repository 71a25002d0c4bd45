//! Label types: lexicon cues (strong ones count anywhere, weak ones only in AI/data work) plus
//! verb–object rules ("write prompts", "compare two answers", "rate how well", "record photos"),
//! skipping cues that name a skill ("text-classification experience").

use crate::enums::LabelType;

use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;

const WRITE_VERBS: &[&str] = &[
    "write",
    "writing",
    "author",
    "authoring",
    "create",
    "creating",
    "craft",
    "crafting",
    "compose",
    "composing",
    "draft",
    "drafting",
];
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
const COLLECT_VERBS: &[&str] = &[
    "collect",
    "collecting",
    "capture",
    "capturing",
    "take",
    "taking",
    "submit",
    "submitting",
    "record",
    "recording",
    "upload",
    "uploading",
    "photograph",
    "film",
    "filming",
];
const COLLECT_OBJECTS: &[&str] = &[
    "photo",
    "photos",
    "image",
    "images",
    "video",
    "videos",
    "audio",
    "recording",
    "recordings",
    "sample",
    "samples",
    "selfie",
    "selfies",
    "voice",
    "yourself",
    "prompts",
    "clips",
    "speech",
    "pictures",
    "phrases",
    "sentences",
    "utterances",
    "footage",
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
                    ],
                );
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
                    ],
                ) && !doc.punct(i.wrapping_sub(1), '-');
            }
            true
        }
        LabelType::Ranking => !doc.is_any(i + 1, &["and", "file"]) || doc.is(i, "ranking"),
        LabelType::Translation => true,
        _ => true,
    }
}

fn push(list: &mut Vec<LabelType>, l: LabelType) {
    if !list.contains(&l) {
        list.push(l);
    }
}

fn rule_labels(doc: &Doc, found: &mut Vec<(usize, LabelType)>) {
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        if w.is_empty() {
            continue;
        }
        let (_, sb) = doc.sentence(i);
        let window = (i + 8).min(sb);
        if WRITE_VERBS.contains(&w) && doc.any_word(i + 1, window, WRITE_OBJECTS) {
            found.push((i, LabelType::Writing));
        }
        if COLLECT_VERBS.contains(&w) && doc.any_word(i + 1, (i + 4).min(sb), COLLECT_OBJECTS) {
            found.push((i, LabelType::DataCollection));
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
            found.push((i, LabelType::Rating));
        }
        if matches!(w, "review" | "reviewing" | "check" | "checking")
            && doc.has_phrase(i + 1, (i + 7).min(sb), &["for", "accuracy"])
        {
            found.push((i, LabelType::Rating));
        }
        if matches!(w, "tag" | "tagging")
            && doc.any_word(
                i + 1,
                (i + 6).min(sb),
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
        {
            found.push((i, LabelType::Classification));
        }
        if matches!(w, "score" | "scoring")
            && doc.is_any(
                i + 1,
                &["the", "each", "responses", "answers", "outputs", "them"],
            )
        {
            found.push((i, LabelType::Rating));
        }
        if matches!(w, "compare" | "comparing" | "comparison" | "comparisons")
            && doc.any_word(
                i + 1,
                (i + 5).min(sb),
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
        {
            found.push((i, LabelType::Ranking));
        }
        if matches!(
            w,
            "pick" | "choose" | "select" | "picking" | "choosing" | "selecting"
        ) && doc.is(i + 1, "the")
            && doc.is_any(i + 2, &["better", "best", "preferred"])
        {
            found.push((i, LabelType::Ranking));
        }
        if w == "label"
            && doc.any_word(i + 1, (i + 5).min(sb), &["as"])
            && doc.any_word(i + 2, (i + 8).min(sb), &["or"])
        {
            found.push((i, LabelType::Classification));
        }
    }
}

/// Label types in order of first mention; weak cues only in an AI/data context.
pub fn label_types(doc: &Doc, context: bool) -> Vec<LabelType> {
    let mut found: Vec<(usize, LabelType)> = Vec::new();
    for h in &doc.hits {
        let Tag::Label(label, strong) = h.tag else {
            continue;
        };
        if doc.is_any(h.b, SKILL_AFTER) || (doc.punct(h.b, '-') && doc.is_any(h.b + 1, SKILL_AFTER))
        {
            continue;
        }
        if doc.label_of(h.a) == Some(LabelKey::Experience)
            || doc.label_of(h.a) == Some(LabelKey::Skills)
        {
            continue;
        }
        if strong || (context && weak_ok(doc, h.a, label)) {
            found.push((h.a, label));
        }
    }
    if context {
        rule_labels(doc, &mut found);
    }
    found.sort_by_key(|(i, _)| *i);
    let mut out = Vec::new();
    for (_, l) in found {
        push(&mut out, l);
    }
    out
}

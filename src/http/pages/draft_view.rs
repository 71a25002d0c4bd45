//! The draft page's markup: status, the questions as form controls with their errors, the values
//! to confirm with their reasons, the preview, and the source text with evidence marked.

use std::collections::BTreeMap;

use maud::{html, Markup};

use super::view::{job_body, layout};
use crate::catalog::Catalog;
use crate::domain::draft_form::{highlight, Control, ControlKind, Question, FIELD_PREFIX};
use crate::domain::job_posting::job_page_path;
use crate::domain::{Draft, JobStatus, Report};

/// Everything one rendering of the draft page shows.
pub struct DraftView<'a> {
    pub site: &'a str,
    pub draft: &'a Draft,
    pub report: &'a Report,
    pub catalog: &'a Catalog,
    pub questions: Vec<Question>,
    /// Errors by update key, shown next to that key's control.
    pub field_errors: BTreeMap<String, Vec<String>>,
    /// Errors that belong to no one field (moderation, quota, a stale form).
    pub errors: Vec<String>,
    pub notice: Option<String>,
    pub csrf: &'a str,
}

fn control_markup(c: &Control, errors: Option<&Vec<String>>) -> Markup {
    let id = format!("in-{}", c.key);
    let err_id = format!("err-{}", c.key);
    let name = format!("{FIELD_PREFIX}{}", c.key);
    let invalid = errors.is_some_and(|e| !e.is_empty());
    let described = invalid.then(|| err_id.clone());
    let first = c.value.first().map_or("", String::as_str);
    html! {
        div.control.invalid[invalid] {
            @match c.kind {
                ControlKind::Checkboxes => {
                    fieldset aria-describedby=[described.clone()] {
                        legend { (c.label) }
                        div.choices {
                            @for (value, label) in &c.options {
                                label.choice {
                                    input type="checkbox" name=(name) value=(value) checked[c.value.contains(value)];
                                    " " (label)
                                }
                            }
                        }
                    }
                }
                ControlKind::Select => {
                    label for=(id) { (c.label) }
                    select id=(id) name=(name) aria-invalid=[invalid.then_some("true")] aria-describedby=[described.clone()] {
                        option value="" { "Choose…" }
                        @for (value, label) in &c.options {
                            option value=(value) selected[first == value] { (label) }
                        }
                    }
                }
                ControlKind::Textarea => {
                    label for=(id) { (c.label) }
                    textarea id=(id) name=(name) rows="6" placeholder=(c.placeholder)
                        aria-invalid=[invalid.then_some("true")] aria-describedby=[described.clone()] { (first) }
                }
                ControlKind::Input(kind) => {
                    label for=(id) { (c.label) }
                    input id=(id) type=(kind) name=(name) value=(first) placeholder=(c.placeholder)
                        inputmode=[c.input_mode] aria-invalid=[invalid.then_some("true")] aria-describedby=[described.clone()];
                }
            }
            @if let Some(errors) = errors.filter(|e| !e.is_empty()) {
                p.field-error id=(err_id) role="alert" {
                    @for e in errors { (e) " " }
                }
            }
        }
    }
}

fn questions_markup(v: &DraftView<'_>) -> Markup {
    html! {
        @for q in &v.questions {
            fieldset.question id=(format!("q-{}", q.field)) {
                legend { (q.prompt) }
                p.why { (q.message) }
                @for c in &q.controls {
                    (control_markup(c, v.field_errors.get(&c.key)))
                }
                @if let Some(h) = &q.hint { p.hint { (h) } }
            }
        }
    }
}

fn form_markup(v: &DraftView<'_>) -> Markup {
    let ready = v.report.validation.publish_ready;
    html! {
        form.draft method="post" action="/job-post" novalidate {
            input type="hidden" name="jobId" value=(v.draft.id);
            input type="hidden" name="token" value=(v.draft.review_token);
            input type="hidden" name="csrf" value=(v.csrf);
            input type="hidden" name="etag" value=(v.draft.etag());
            @if !v.questions.is_empty() {
                h2 { "Questions" }
                p { "Answer what the draft still needs. Saving changes all answers or none." }
                (questions_markup(v))
            }
            div.actions {
                @if !v.questions.is_empty() {
                    button type="submit" name="action" value="save" { "Save" }
                }
                @if ready {
                    button.primary type="submit" name="action" value="publish" { "Publish" }
                }
            }
        }
    }
}

/// The low-confidence values with their reasons, each linked to its quote when there is one.
fn confirm_markup(v: &DraftView<'_>, anchors: &BTreeMap<String, String>) -> Markup {
    html! {
        @if !v.report.low_confidence_fields.is_empty() {
            section.confirm {
                h2 { "Please check" }
                ul {
                    @for l in &v.report.low_confidence_fields {
                        li {
                            strong { (v.catalog.field(&l.path).map_or(l.path.as_str(), |d| d.label.as_str())) }
                            ": "
                            (shown_value(v.report, &l.path))
                            " — " (l.reason)
                            @if let Some(id) = anchors.get(&l.path) {
                                " " a href=(format!("#{id}")) { "see where it came from" }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn shown_value(report: &Report, key: &str) -> String {
    match report.normalized_fields.get(key) {
        Some(serde_json::Value::String(s)) => {
            crate::catalog::enum_label(key, s).unwrap_or(s).to_string()
        }
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|i| match i.as_str() {
                Some(s) => crate::catalog::enum_label(key, s).unwrap_or(s).to_string(),
                None => i.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
        None => "(empty)".to_string(),
    }
}

/// A run of the source text: its text, the keys it is evidence for, its element id, whether a
/// value to check came from it.
type Marked = (String, Vec<String>, String, bool);

/// The source text's runs, and for each key the id of the first run quoted for it (where "see
/// where it came from" leads).
fn marked_source(v: &DraftView<'_>) -> (Vec<Marked>, BTreeMap<String, String>) {
    let source = v.draft.source_text.as_deref().unwrap_or_default();
    let low: Vec<&str> = v
        .report
        .low_confidence_fields
        .iter()
        .map(|l| l.path.as_str())
        .collect();
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    let runs = highlight(source, &v.draft.evidence)
        .into_iter()
        .enumerate()
        .map(|(i, span)| {
            let id = format!("ev-{i}");
            for p in &span.paths {
                first.entry(p.clone()).or_insert_with(|| id.clone());
            }
            let is_low = span.paths.iter().any(|p| low.contains(&p.as_str()));
            (span.text, span.paths, id, is_low)
        })
        .collect();
    (runs, first)
}

/// The text the extractor read, with each evidence quote marked; low-confidence quotes differ.
fn source_markup(runs: &[Marked]) -> Markup {
    if runs.is_empty() {
        return html! {};
    }
    html! {
        section.sourcetext {
            h2 { "Where the values came from" }
            p { "Marked text is what a value was read from; values to check are marked in a second colour." }
            div.source {
                @for (text, paths, id, is_low) in runs {
                    @if paths.is_empty() {
                        (text)
                    } @else {
                        mark class=[is_low.then_some("low")] id=(id) title=(paths.join(", ")) {
                            (text)
                        }
                    }
                }
            }
        }
    }
}

fn status_markup(v: &DraftView<'_>) -> Markup {
    let d = v.draft;
    let missing = v.report.validation.missing_field_count;
    let issues = v.report.validation.issue_count;
    html! {
        @match d.status {
            JobStatus::Draft => {
                @if v.report.validation.publish_ready {
                    p.status.ready { "This draft is ready to publish." }
                } @else {
                    p.status { "Draft — not ready to publish yet: "
                        (missing) " missing, " (issues) " to fix." }
                }
            }
            JobStatus::Open => {
                p.status.ready { "Published. "
                    a href=(job_page_path(d)) { "Open the job's page" } }
            }
            JobStatus::PendingApproval => {
                p.status { "Sent for publishing: a moderator checks it before it is listed." }
            }
            JobStatus::Archived => { p.status { "This job is closed." } }
        }
    }
}

/// The whole draft page.
pub fn draft_page(v: &DraftView<'_>) -> Markup {
    let title = v
        .draft
        .fields
        .job_title
        .as_deref()
        .unwrap_or("Untitled draft");
    let (runs, anchors) = marked_source(v);
    let content = html! {
        p.kicker { "Your job draft" }
        (status_markup(v))
        @if let Some(n) = &v.notice { p.notice role="status" { (n) } }
        @if !v.errors.is_empty() {
            div.error role="alert" {
                @for e in &v.errors { p { (e) } }
            }
        }
        @if v.draft.status == JobStatus::Draft {
            (form_markup(v))
            (confirm_markup(v, &anchors))
        }
        section.preview {
            h2 { "How it will look" }
            (job_body(v.draft, false))
        }
        (source_markup(&runs))
    };
    layout(v.site, &format!("{title} (draft)"), content, None)
}

/// The way in for a bare `draftUrl`: paste the link (or its token).
pub fn way_in_page(site: &str, job_id: &str) -> Markup {
    let content = html! {
        h1 { "Open a job draft" }
        p { "Drafts open with their private link. Paste the link you were given (or the token at its end)." }
        form method="get" action="/job-post" {
            input type="hidden" name="jobId" value=(job_id);
            label for="token" { "Link or token" }
            input #token type="text" name="token" autocomplete="off" required;
            div.actions { button type="submit" { "Open the draft" } }
        }
    };
    layout(site, "Open a job draft", content, None)
}

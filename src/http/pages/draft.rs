//! `/job-post`: the draft page behind `reviewUrl` (DESIGN.md §12). GET shows the draft and its
//! questions; POST saves the answers with the API's own all-or-nothing PATCH, or publishes with
//! the API's own publish rules. The capability token authorizes both; a wrong or missing token
//! reveals nothing about any draft. Forms carry a double-submit CSRF token.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::Value;

use super::draft_view::{draft_page, way_in_page, DraftView};
use super::{cookie, message_page, page, query, set_cookie, Audience};
use crate::domain::claim::constant_time_eq;
use crate::domain::draft_form::{patch_body, questions, submitted_values};
use crate::domain::{Draft, Report};
use crate::http::drafts::{patch_account_draft, profile_of};
use crate::http::jobs::{publish_account_draft, Published};
use crate::http::{body, ApiError, AppState};
use crate::store::{accounts, jobs, StoreError};

const CSRF_COOKIE: &str = "jd_draft_csrf";
/// Largest form accepted (a description answered in a textarea fits).
const MAX_FORM_BYTES: usize = 256 * 1024;

/// The draft a link names, or `None` for any wrong id or token (the same answer for both).
async fn find_draft(
    state: &AppState,
    id: String,
    token: String,
) -> Result<Option<Draft>, ApiError> {
    if id.len() > 64 || token.len() > 200 {
        return Ok(None);
    }
    state
        .db(
            move |conn| match jobs::find_by_review_token(conn, &id, &token) {
                Ok(d) => Ok(Some(d)),
                Err(StoreError::NotFound) => Ok(None),
                Err(e) => Err(e.into()),
            },
        )
        .await
}

fn no_draft(state: &AppState) -> HttpResponse {
    message_page(
        state,
        StatusCode::NOT_FOUND,
        Audience::Capability,
        "This link opens no draft",
        "The link is incomplete or wrong. Open the whole link you were given.",
    )
}

fn csrf_cookie(state: &AppState, value: &str) -> String {
    let secure = if state.public_base().starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{CSRF_COOKIE}={value}; Path=/job-post; HttpOnly; SameSite=Strict; Max-Age=86400{secure}"
    )
}

/// What a rendering adds to the draft's own state.
#[derive(Default)]
struct Outcome {
    submitted: BTreeMap<String, Vec<String>>,
    field_errors: BTreeMap<String, Vec<String>>,
    errors: Vec<String>,
    notice: Option<String>,
}

fn report_of(state: &AppState, draft: &Draft) -> Result<Report, ApiError> {
    let profile = profile_of(state, &draft.profile)?;
    Ok(Report::build(
        draft,
        &state.catalog,
        profile,
        None,
        state.today(),
        &[],
    ))
}

/// The draft page with a fresh CSRF token.
fn render(
    state: &AppState,
    draft: &Draft,
    outcome: Outcome,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    let report = report_of(state, draft)?;
    let csrf = crate::domain::create::hex(&rand::random::<[u8; 16]>());
    let view = DraftView {
        site: &state.config.site_name,
        draft,
        report: &report,
        catalog: &state.catalog,
        questions: questions(&report, &state.catalog, &outcome.submitted),
        field_errors: outcome.field_errors,
        errors: outcome.errors,
        notice: outcome.notice,
        csrf: &csrf,
    };
    let mut res = page(status, Audience::Capability, draft_page(&view));
    set_cookie(&mut res, &csrf_cookie(state, &csrf));
    Ok(res)
}

/// `jobId` and `token` from the query, or from a whole link pasted into the token box.
fn link_parts(q: &std::collections::HashMap<String, String>) -> (String, String) {
    let mut id = q.get("jobId").map_or("", |s| s.trim()).to_string();
    let mut token = q.get("token").map_or("", |s| s.trim()).to_string();
    if let Some((_, pasted)) = token.clone().split_once('?') {
        let inner = super::query_of(pasted);
        if let Some(t) = inner.get("token") {
            token = t.trim().to_string();
        }
        if let Some(i) = inner.get("jobId").filter(|i| !i.is_empty()) {
            id = i.trim().to_string();
        }
    }
    (id, token)
}

/// GET /job-post?jobId=…&token=…
pub async fn get_draft_page(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let q = query(&req);
    let (id, token) = link_parts(&q);
    if token.is_empty() {
        let id = if id.len() <= 64 { id } else { String::new() };
        return Ok(page(
            StatusCode::OK,
            Audience::Capability,
            way_in_page(&state.config.site_name, &id),
        ));
    }
    let Some(draft) = find_draft(&state, id, token).await? else {
        return Ok(no_draft(&state));
    };
    let notice = match q.get("done").map(String::as_str) {
        Some("saved") => Some("Saved.".to_string()),
        Some("published") => Some("Published.".to_string()),
        Some("review") => Some("Sent to a moderator; it is listed once approved.".to_string()),
        _ => None,
    };
    render(
        &state,
        &draft,
        Outcome {
            notice,
            ..Outcome::default()
        },
        StatusCode::OK,
    )
}

/// Where a successful POST sends the browser (the page again, so reloading posts nothing).
fn see_other(draft: &Draft, done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!(
                "/job-post?jobId={}&token={}&done={done}",
                draft.id, draft.review_token
            ),
        ))
        .insert_header(("Referrer-Policy", "no-referrer"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// The form values that differ from the draft's (unchanged ones are not sent as PATCH keys, so
/// a value read from the text keeps its evidence).
fn changed_only(
    submitted: &BTreeMap<String, Vec<String>>,
    report: &Report,
) -> BTreeMap<String, Vec<String>> {
    submitted
        .iter()
        .filter(|(key, values)| {
            let current: Vec<String> = match report.normalized_fields.get(*key) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::String(s)) => vec![s.clone()],
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect(),
                Some(other) => vec![other.to_string()],
            };
            let given: Vec<&str> = values
                .iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            given != current.iter().map(String::as_str).collect::<Vec<_>>()
                && !(given.len() == 1 && current.len() > 1 && given[0] == current.join(", "))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The PATCH's refusal as errors next to their fields.
fn patch_errors(e: &ApiError, outcome: &mut Outcome) {
    let issues = e.details.get("issues").and_then(Value::as_array);
    match issues {
        Some(list) if !list.is_empty() => {
            for issue in list {
                let key = issue.get("key").and_then(Value::as_str).unwrap_or_default();
                let message = issue
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("This value cannot be used.")
                    .to_string();
                if key.is_empty() {
                    outcome.errors.push(message);
                } else {
                    outcome
                        .field_errors
                        .entry(key.to_string())
                        .or_default()
                        .push(message);
                }
            }
            outcome
                .errors
                .push("Nothing was saved: correct the marked answers and save again.".into());
        }
        _ => outcome.errors.push(e.message.clone()),
    }
}

/// A refused publish in words: the API's message, and moderation's reasons when it has them.
fn publish_errors(e: &ApiError, outcome: &mut Outcome) {
    outcome.errors.push(e.message.clone());
    if let Some(reasons) = e.details.get("reasons").and_then(Value::as_array) {
        for r in reasons {
            let text = r
                .get("message")
                .or_else(|| r.get("reason"))
                .and_then(Value::as_str)
                .map_or_else(|| r.to_string(), str::to_string);
            outcome.errors.push(text);
        }
    }
    if let Some(secs) = e.details.get("retryAfterSeconds").and_then(Value::as_i64) {
        outcome.errors.push(format!(
            "You can publish again in about {} minutes.",
            ((secs + 59) / 60).max(1)
        ));
    }
}

/// POST /job-post (form-encoded): `action` = save | publish.
pub async fn post_draft_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = body::read_body(&req, payload, MAX_FORM_BYTES).await?;
    let text = body::utf8(&bytes)?;
    let pairs: Vec<(String, String)> = form_pairs(text);
    let field = |k: &str| {
        pairs
            .iter()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let csrf = field("csrf");
    let expected = cookie(&req, CSRF_COOKIE).unwrap_or_default();
    if csrf.is_empty() || !constant_time_eq(csrf.as_bytes(), expected.as_bytes()) {
        return Ok(message_page(
            &state,
            StatusCode::FORBIDDEN,
            Audience::Capability,
            "This form has expired",
            "Open your draft's link again and repeat the change.",
        ));
    }
    let Some(draft) = find_draft(&state, field("jobId"), field("token")).await? else {
        return Ok(no_draft(&state));
    };
    let submitted = submitted_values(&pairs);
    let mut outcome = Outcome {
        submitted: submitted.clone(),
        ..Outcome::default()
    };
    if field("action") == "publish" {
        let account_id = draft.account_id.clone();
        let claimed = state
            .db(move |conn| Ok(accounts::find(conn, &account_id)?.claimed))
            .await?;
        return match publish_account_draft(
            &state,
            draft.account_id.clone(),
            claimed,
            draft.id.clone(),
        )
        .await
        {
            Ok(Published { job: done, .. }) => {
                let word = if done.status == crate::domain::JobStatus::Open {
                    "published"
                } else {
                    "review"
                };
                Ok(see_other(&done, word))
            }
            Err(e) if e.code.status().is_client_error() => {
                publish_errors(&e, &mut outcome);
                let status = e.code.status();
                render(&state, &draft, outcome, status)
            }
            Err(e) => Err(e),
        };
    }
    let report = report_of(&state, &draft)?;
    let patch = patch_body(&changed_only(&submitted, &report), &state.catalog);
    if patch.as_object().is_none_or(|o| o.is_empty()) {
        outcome.notice = Some("Nothing to save: no answer was changed.".into());
        return render(&state, &draft, outcome, StatusCode::OK);
    }
    let etag = Some(field("etag")).filter(|t| !t.is_empty());
    match patch_account_draft(
        &state,
        draft.account_id.clone(),
        draft.id.clone(),
        patch,
        etag,
    )
    .await
    {
        Ok((saved, _)) => Ok(see_other(&saved, "saved")),
        Err(e) if e.code.status().is_client_error() => {
            let status = e.code.status();
            if status == StatusCode::PRECONDITION_FAILED {
                outcome.errors.push("The draft changed since you opened this page; nothing was saved. Check it and save again.".into());
            } else {
                patch_errors(&e, &mut outcome);
            }
            render(&state, &draft, outcome, status)
        }
        Err(e) => Err(e),
    }
}

/// The name/value pairs of a form body, in order (repeated names kept).
fn form_pairs(text: &str) -> Vec<(String, String)> {
    web::Query::<Vec<(String, String)>>::from_query(text)
        .map(|q| q.into_inner())
        .unwrap_or_default()
}

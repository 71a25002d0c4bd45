//! `/jobs/{id}/{slug}`: a listed job's page with its schema.org JobPosting JSON-LD; a closed or
//! expired job is a 410 page that says so; a draft or an unknown id is a 404 that tells nothing.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use maud::{html, PreEscaped};

use super::view::{job_body, layout};
use super::{message_page, page, Audience};
use crate::domain::job_posting::{check_google, job_page_path, job_posting, script_json, Board};
use crate::domain::{Draft, JobStatus};
use crate::http::AppState;
use crate::store::{lifecycle, now_ms, StoreError};

/// What an id names, for a visitor.
enum Found {
    Listed(Box<Draft>),
    Closed(Box<Draft>),
    Nothing,
}

async fn find(state: &AppState, id: String) -> Result<Found, crate::http::ApiError> {
    if id.is_empty() || id.len() > 64 {
        return Ok(Found::Nothing);
    }
    let now = now_ms();
    state
        .db(move |conn| match lifecycle::find_any(conn, &id) {
            Ok(d) if d.status == JobStatus::Open && lifecycle::is_listed(conn, &d.id, now)? => {
                Ok(Found::Listed(Box::new(d)))
            }
            // Published once, no longer listed: archived, or past its validThrough.
            Ok(d) if d.published_at.is_some() && d.status != JobStatus::PendingApproval => {
                Ok(Found::Closed(Box::new(d)))
            }
            Ok(_) | Err(StoreError::NotFound) => Ok(Found::Nothing),
            Err(e) => Err(e.into()),
        })
        .await
}

fn not_found(state: &AppState) -> HttpResponse {
    message_page(
        state,
        StatusCode::NOT_FOUND,
        Audience::Public,
        "No such job",
        "There is no job at this address.",
    )
}

fn gone(state: &AppState, draft: &Draft) -> HttpResponse {
    let title = draft.fields.job_title.as_deref().unwrap_or("This job");
    message_page(
        state,
        StatusCode::GONE,
        Audience::Public,
        "This job is closed",
        &format!("{title} is no longer taking applications."),
    )
}

fn redirect(location: &str) -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The page of a listed job.
fn job_page(state: &AppState, draft: &Draft) -> HttpResponse {
    let base = state.public_base();
    let url = format!("{base}{}", job_page_path(draft));
    let board = Board {
        name: &state.config.site_name,
        base_url: &base,
    };
    let posting = job_posting(draft, &url, &board);
    // Structured data Google would reject (an on-site job that names no place) is left out.
    let valid = check_google(&posting).missing_required.is_empty();
    let head = html! {
        link rel="canonical" href=(url);
        @if valid {
            script type="application/ld+json" { (PreEscaped(script_json(&posting))) }
        }
    };
    let title = draft.fields.job_title.as_deref().unwrap_or("Job");
    let content = html! {
        p.back { a href="/" { "← All jobs" } }
        (job_body(draft, true))
    };
    page(
        StatusCode::OK,
        Audience::Public,
        layout(&state.config.site_name, title, content, Some(head)),
    )
}

/// GET /jobs/{id}/{slug}
pub async fn get_job_page(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, crate::http::ApiError> {
    let (id, slug) = path.into_inner();
    Ok(match find(&state, id).await? {
        Found::Listed(draft) => {
            let canonical = job_page_path(&draft);
            if canonical.rsplit('/').next() != Some(slug.as_str()) {
                return Ok(redirect(&canonical));
            }
            job_page(&state, &draft)
        }
        Found::Closed(draft) => gone(&state, &draft),
        Found::Nothing => not_found(&state),
    })
}

/// GET /jobs/{id}: sends the visitor to the job's page.
pub async fn get_job_page_bare(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, crate::http::ApiError> {
    Ok(match find(&state, path.into_inner()).await? {
        Found::Listed(draft) => redirect(&job_page_path(&draft)),
        Found::Closed(draft) => gone(&state, &draft),
        Found::Nothing => not_found(&state),
    })
}

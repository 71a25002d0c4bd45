//! Pages for people (DESIGN.md §12): the draft page behind `reviewUrl`, the public board, job
//! pages with JSON-LD, the sitemap and robots.txt. Server-rendered with maud (escaped by default,
//! compiled into the binary), one stylesheet, no script; every page carries a strict CSP.

mod board;
mod crawl;
mod draft;
mod draft_view;
mod job;
mod openapi;
mod view;

pub use openapi::add_openapi_paths;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::Markup;

use super::AppState;

/// Marks a response as a page for people: the request-id middleware leaves its error statuses
/// (404, 410, …) as the page they are instead of the API's JSON envelope.
#[derive(Debug, Clone, Copy)]
pub struct PersonPage;

/// Who may see a page, which decides its caching and referrer headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone: the board and job pages (cacheable).
    Public,
    /// Whoever holds a capability link: never cached, never sent as a referrer.
    Capability,
}

/// Scripts cannot run (none is allowed), styles come only from this server, forms post only
/// here, and no other site may frame a page.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

/// A page response with the headers every page carries.
pub fn page(status: StatusCode, audience: Audience, markup: Markup) -> HttpResponse {
    let mut builder = HttpResponse::build(status);
    builder
        .content_type("text/html; charset=utf-8")
        .insert_header(("Content-Security-Policy", CSP))
        .insert_header(("X-Frame-Options", "DENY"))
        .insert_header(("X-Content-Type-Options", "nosniff"));
    match audience {
        Audience::Public => builder
            .insert_header(("Referrer-Policy", "strict-origin-when-cross-origin"))
            .insert_header((header::CACHE_CONTROL, "public, max-age=60")),
        Audience::Capability => builder
            .insert_header(("Referrer-Policy", "no-referrer"))
            .insert_header((header::CACHE_CONTROL, "private, no-store")),
    };
    let mut res = builder.body(markup.into_string());
    res.extensions_mut().insert(PersonPage);
    res
}

/// A page that says what went wrong, and nothing else.
pub fn message_page(
    state: &AppState,
    status: StatusCode,
    audience: Audience,
    title: &str,
    text: &str,
) -> HttpResponse {
    page(
        status,
        audience,
        view::layout(
            &state.config.site_name,
            title,
            maud::html! { h1 { (title) } p { (text) } p { a href="/" { "Browse the job board" } } },
            None,
        ),
    )
}

/// The query string as a map (a malformed one reads as empty).
pub fn query(req: &HttpRequest) -> HashMap<String, String> {
    query_of(req.query_string())
}

/// A query string as a map (a malformed one reads as empty).
pub fn query_of(text: &str) -> HashMap<String, String> {
    web::Query::<HashMap<String, String>>::from_query(text)
        .map(|q| q.into_inner())
        .unwrap_or_default()
}

/// The built-in stylesheet.
const STYLE: &str = include_str!("style.css");

/// The stylesheet: the operator's file (`JOBDRAFT_PAGES_CSS`) when set and readable, read once,
/// else the built-in one.
fn stylesheet(state: &AppState) -> Arc<String> {
    static CACHE: OnceLock<Mutex<HashMap<Option<PathBuf>, Arc<String>>>> = OnceLock::new();
    let key = state.config.pages_css.clone();
    let Ok(mut cache) = CACHE.get_or_init(Default::default).lock() else {
        return Arc::new(STYLE.to_string());
    };
    cache
        .entry(key.clone())
        .or_insert_with(|| {
            let text = key
                .as_ref()
                .and_then(|path| match std::fs::read_to_string(path) {
                    Ok(css) => Some(css),
                    Err(e) => {
                        tracing::error!(
                            "JOBDRAFT_PAGES_CSS {}: {e}; using the built-in stylesheet",
                            path.display()
                        );
                        None
                    }
                });
            Arc::new(text.unwrap_or_else(|| STYLE.to_string()))
        })
        .clone()
}

/// GET /style.css
async fn get_stylesheet(state: web::Data<AppState>) -> HttpResponse {
    let css = stylesheet(&state);
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(css.as_str().to_string())
}

/// Reads a cookie sent with the request.
pub fn cookie(req: &HttpRequest, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Adds a `Set-Cookie` header.
pub fn set_cookie(res: &mut HttpResponse, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Registers the pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").route(web::get().to(board::get_board)))
        .service(web::resource("/style.css").route(web::get().to(get_stylesheet)))
        .service(
            web::resource("/job-post")
                .route(web::get().to(draft::get_draft_page))
                .route(web::post().to(draft::post_draft_page)),
        )
        .service(web::resource("/jobs/{id}").route(web::get().to(job::get_job_page_bare)))
        .service(web::resource("/jobs/{id}/{slug}").route(web::get().to(job::get_job_page)))
        .service(web::resource("/sitemap.xml").route(web::get().to(crawl::get_sitemap)))
        .service(web::resource("/robots.txt").route(web::get().to(crawl::get_robots)));
}

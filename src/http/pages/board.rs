//! `/`: the public board — a search box, filters with facet counts, a page of listed jobs and a
//! link to the next. The same search, filters and cursors as `GET /api/public/v1/jobs`.

use std::collections::{BTreeMap, HashMap};

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::view::{layout, pay_text, place_text};
use super::{page, query, Audience};
use crate::domain::job_posting::job_page_path;
use crate::domain::public_job::{html_to_text, TAG_KINDS};
use crate::http::lifecycle::PageLimit;
use crate::http::public::search_jobs;
use crate::http::{ApiError, AppState};
use crate::store::{now_ms, search};

/// Jobs per board page.
const BOARD_PAGE: PageLimit = PageLimit {
    default: 20,
    max: 20,
};

/// One job in the list.
struct Row {
    path: String,
    title: String,
    company: Option<String>,
    pay: Option<String>,
    place: Option<String>,
    summary: String,
}

fn row(draft: &crate::domain::Draft) -> Row {
    let f = &draft.fields;
    let text = html_to_text(f.job_description.as_deref().unwrap_or_default());
    let summary = match text.char_indices().nth(240) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text,
    };
    Row {
        path: job_page_path(draft),
        title: f.job_title.clone().unwrap_or_else(|| "Untitled job".into()),
        company: f.company_name.clone(),
        pay: pay_text(f),
        place: place_text(f),
        summary,
    }
}

/// The words people read for a facet value.
fn facet_label(kind: &str, value: &str) -> String {
    let key = match kind {
        "payType" => "paymentType",
        other => other,
    };
    match kind {
        "country" => jobdraft_parsers::lexicon::countries::country_name(value)
            .unwrap_or(value)
            .to_string(),
        "language" => value.to_string(),
        _ => crate::catalog::enum_label(key, value)
            .unwrap_or(value)
            .to_string(),
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "category" => "Category",
        "payType" => "Pay type",
        "language" => "Language",
        "country" => "Country",
        "employmentType" => "Employment",
        "locationType" => "Where",
        _ => "Filter",
    }
}

/// A board URL with `params` (empty values left out).
fn board_url(params: &[(&str, &str)]) -> String {
    let mut url = String::from("/");
    let mut first = true;
    for (k, v) in params.iter().filter(|(_, v)| !v.is_empty()) {
        url.push(if first { '?' } else { '&' });
        first = false;
        url.push_str(k);
        url.push('=');
        url.push_str(&percent_encode(v));
    }
    url
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn filter_form(
    asked: &HashMap<String, String>,
    facets: &BTreeMap<String, Vec<(String, i64)>>,
) -> Markup {
    let q = asked.get("q").map_or("", String::as_str);
    html! {
        form.search method="get" action="/" role="search" {
            label for="q" { "Search jobs" }
            div.searchrow {
                input #q type="search" name="q" value=(q) placeholder="e.g. audio transcription";
                button type="submit" { "Search" }
            }
            div.filters {
                @for kind in TAG_KINDS {
                    @if let Some(values) = facets.get(*kind) {
                        div.filter {
                            label for=(format!("filter-{kind}")) { (kind_label(kind)) }
                            select id=(format!("filter-{kind}")) name=(kind) {
                                option value="" { "Any" }
                                @for (value, count) in values {
                                    option value=(value) selected[asked.get(*kind) == Some(value)] {
                                        (facet_label(kind, value)) " (" (count) ")"
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn results(rows: &[Row], next: Option<&str>, asked: &HashMap<String, String>) -> Markup {
    let mut params: Vec<(&str, &str)> = asked
        .iter()
        .filter(|(k, _)| k.as_str() == "q" || TAG_KINDS.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    params.sort();
    let next_href = next.map(|cursor| {
        let mut with_cursor = params.clone();
        with_cursor.push(("cursor", cursor));
        board_url(&with_cursor)
    });
    html! {
        @if rows.is_empty() {
            p.empty { "No job matches. Try fewer words or filters." }
        }
        ol.jobs {
            @for r in rows {
                li {
                    h2 { a href=(r.path) { (r.title) } }
                    p.meta {
                        @if let Some(c) = &r.company { span { (c) } }
                        @if let Some(p) = &r.pay { span { (p) } }
                        @if let Some(p) = &r.place { span { (p) } }
                    }
                    p.summary { (r.summary) }
                }
            }
        }
        nav.pages aria-label="Pages" {
            @if asked.get("cursor").is_some_and(|c| !c.is_empty()) {
                a href=(board_url(&params)) { "First page" }
            }
            @if let Some(href) = &next_href {
                a rel="next" href=(href) { "Next page" }
            }
        }
    }
}

/// GET /
pub async fn get_board(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let mut asked = query(&req);
    asked.retain(|k, _| k == "q" || k == "cursor" || TAG_KINDS.contains(&k.as_str()));
    let now = now_ms();
    let (total, counts) = state.db(move |conn| Ok(search::facets(conn, now)?)).await?;
    let mut facets: BTreeMap<String, Vec<(String, i64)>> = BTreeMap::new();
    for (kind, value, n) in counts {
        facets.entry(kind).or_default().push((value, n));
    }
    for values in facets.values_mut() {
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    let (status, notice, rows, next) = match search_jobs(&state, &asked, BOARD_PAGE, row).await {
        Ok((rows, next)) => (StatusCode::OK, None, rows, next),
        Err(e) if e.code.status().is_client_error() => (
            StatusCode::BAD_REQUEST,
            Some(e.message.clone()),
            Vec::new(),
            None,
        ),
        Err(e) => return Err(e),
    };
    let site = state.config.site_name.clone();
    let content = html! {
        h1 { "Jobs" }
        p.lead { (total) " open " @if total == 1 { "job" } @else { "jobs" } "." }
        (filter_form(&asked, &facets))
        @if let Some(n) = notice { p.error role="alert" { (n) } }
        (results(&rows, next.as_deref(), &asked))
    };
    Ok(page(
        status,
        Audience::Public,
        layout(&site, "Jobs", content, None),
    ))
}

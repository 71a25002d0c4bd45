//! Tokenless marketplace reads: search, one job, facets, the change feed. Cacheable, CORS-open,
//! throttled per client IP with a database counter (RateLimit / RateLimit-Policy headers).

use std::collections::{BTreeMap, HashMap};

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde_json::{json, Value};

use super::error::ApiError;
use super::lifecycle::{
    bad_cursor, job_url, limit_param, query_map, rate_limited, PageLimit, MY_JOBS_PAGE,
};
use super::{iso, AppState};
use crate::domain::public_job::{decode_cursor, encode_cursor, public_job, TAG_KINDS};
use crate::domain::JobStatus;
use crate::store::search::{self, Page, SearchQuery};
use crate::store::{lifecycle, now_ms, quotas};

/// `GET /jobs`. OpenTrain's reference says 100, its guide 50: the lenient bound.
pub const PUBLIC_JOBS_PAGE: PageLimit = PageLimit {
    default: 20,
    max: 100,
};

/// Most changes one feed call returns.
pub const MAX_CHANGES: usize = 5_000;
/// Marks an offset cursor of a ranked search.
const RANKED: &str = "rank";

type Handled = Result<HttpResponse, ApiError>;

/// Runs a public read: throttle, then the handler, then the shared headers (also on errors).
async fn public_read<F>(state: &AppState, req: &HttpRequest, handler: F) -> HttpResponse
where
    F: std::future::Future<Output = Handled>,
{
    let limit = state.config.public_rate_per_minute;
    let now = now_ms();
    let mut window = None;
    if limit > 0 {
        let ip = req
            .peer_addr()
            .map_or_else(|| "unknown".to_string(), |a| a.ip().to_string());
        let bucket = format!("ip:{ip}");
        match state
            .db_write(move |conn| Ok(quotas::hit(conn, &bucket, limit, 60_000, now)?))
            .await
        {
            Ok(w) => window = Some(w),
            Err(e) => return cors(e.error_response()),
        }
    }
    let mut res = match window {
        Some(w) if !w.allowed() => rate_limited(
            format!("More than {limit} public requests per minute from this address."),
            &w,
            60,
            now,
        )
        .error_response(),
        _ => match handler.await {
            Ok(mut res) => {
                res.headers_mut().insert(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, s-maxage=300, stale-while-revalidate=3600"),
                );
                res
            }
            Err(e) => e.error_response(),
        },
    };
    if let Some(w) = window {
        let pairs = [
            ("ratelimit-policy", format!("{};w=60", w.limit)),
            (
                "ratelimit",
                format!(
                    "limit={}, remaining={}, reset={}",
                    w.limit,
                    w.remaining(),
                    w.reset_secs(now)
                ),
            ),
        ];
        for (name, value) in pairs {
            if let Ok(v) = HeaderValue::from_str(&value) {
                res.headers_mut().insert(HeaderName::from_static(name), v);
            }
        }
    }
    cors(res)
}

fn cors(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    res.headers_mut().insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("RateLimit, RateLimit-Policy, Retry-After, X-Request-Id"),
    );
    res
}

/// OPTIONS on the public reads: the CORS preflight.
pub async fn options_public() -> HttpResponse {
    let mut res = HttpResponse::NoContent()
        .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, "*"))
        .insert_header((header::ACCESS_CONTROL_MAX_AGE, "86400"))
        .finish();
    res.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    res
}

fn bad_filter(key: &str, value: &str, allowed: Option<Vec<&'static str>>) -> ApiError {
    ApiError::bad_request(format!("{key}={value:?} is not a known value."))
        .with_details(json!({"field": key, "value": value, "allowedValues": allowed}))
}

/// The filters of a search request, in canonical form.
pub(super) fn filters(
    query: &HashMap<String, String>,
) -> Result<Vec<(&'static str, String)>, ApiError> {
    let mut out = Vec::new();
    for &kind in TAG_KINDS {
        let Some(raw) = query.get(kind).map(|s| s.trim()).filter(|s| !s.is_empty()) else {
            continue;
        };
        let value = match kind {
            "language" => jobdraft_parsers::lexicon::language_name(raw).map(str::to_string),
            "country" => jobdraft_parsers::lexicon::country_code(raw).map(str::to_string),
            other => {
                let key = if other == "payType" {
                    "paymentType"
                } else {
                    other
                };
                match crate::catalog::enum_loose(key, raw) {
                    Some(v) => Some(v.to_string()),
                    None => return Err(bad_filter(kind, raw, crate::catalog::enum_values(key))),
                }
            }
        };
        out.push((kind, value.ok_or_else(|| bad_filter(kind, raw, None))?));
    }
    Ok(out)
}

/// One page of the public search (`GET /jobs`'s parameters: q, the filters, limit, cursor):
/// each listed job rendered by `render` on the blocking pool with the reads, and the next cursor.
pub(super) async fn search_jobs<T, F>(
    state: &AppState,
    query: &HashMap<String, String>,
    page_limit: PageLimit,
    render: F,
) -> Result<(Vec<T>, Option<String>), ApiError>
where
    T: Send + 'static,
    F: Fn(&crate::domain::Draft) -> T + Send + 'static,
{
    let words = search::words(query.get("q").map_or("", String::as_str));
    let filters = filters(query)?;
    let limit = limit_param(query, page_limit)?;
    let page = match query.get("cursor").filter(|c| !c.is_empty()) {
        None => Page::First,
        Some(c) => match decode_cursor(c).ok_or_else(bad_cursor)? {
            (n, kind) if kind == RANKED && !words.is_empty() => Page::Offset(n),
            (n, id) if id != RANKED && words.is_empty() => Page::After(n, id),
            _ => return Err(bad_cursor()),
        },
    };
    let search = SearchQuery {
        words,
        filters,
        limit,
        page,
    };
    let now = now_ms();
    let (result, jobs) = state
        .db(move |conn| {
            let result = search::search(conn, &search, now)?;
            let mut jobs: Vec<T> = Vec::with_capacity(result.ids.len());
            for id in &result.ids {
                let draft = lifecycle::find_any(conn, id)?;
                jobs.push(render(&draft));
            }
            Ok((result, jobs))
        })
        .await?;
    let next = match result.next {
        Some(Page::After(at, id)) => Some(encode_cursor(at, &id)),
        Some(Page::Offset(n)) => Some(encode_cursor(n, RANKED)),
        _ => None,
    };
    Ok((jobs, next))
}

/// GET /jobs
pub async fn list_jobs(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    public_read(&state, &req, async {
        let query = query_map(&req)?;
        let now = now_ms();
        let st = state.clone();
        // Rendering the page (descriptions to text and sanitized HTML) happens on the blocking
        // pool with the reads, not on the async workers.
        let (jobs, next) = search_jobs(&state, &query, PUBLIC_JOBS_PAGE, move |draft| {
            public_job(draft, &job_url(&st, draft))
        })
        .await?;
        Ok(HttpResponse::Ok()
            .json(json!({"jobs": jobs, "nextCursor": next, "generatedAt": iso(now)})))
    })
    .await
}

/// GET /jobs/{id}
pub async fn get_public_job(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    let id = path.into_inner();
    public_read(&state, &req, async {
        if id.is_empty() || id.chars().count() > 64 {
            return Err(ApiError::bad_request("A job id is 1 to 64 characters.")
                .with_details(json!({"field": "id"})));
        }
        let now = now_ms();
        let lookup = id.clone();
        let st = state.clone();
        let found = state
            .db(move |conn| match lifecycle::find_any(conn, &lookup) {
                Ok(d) if d.status == JobStatus::Open && lifecycle::is_listed(conn, &d.id, now)? => {
                    // Rendered here, on the blocking pool, not on the async workers.
                    Ok(Some(Ok(public_job(&d, &job_url(&st, &d)))))
                }
                Ok(d) => Ok(Some(Err(d.id))),
                Err(crate::store::StoreError::NotFound) => Ok(None),
                Err(e) => Err(e.into()),
            })
            .await?;
        match found {
            None => Err(ApiError::not_found("Job")),
            Some(Ok(job)) => Ok(HttpResponse::Ok().json(job)),
            // OpenTrain's answer for a job that exists but is not listed: a plain JSON body.
            Some(Err(id)) => Ok(HttpResponse::build(StatusCode::NOT_FOUND)
                .json(json!({"id": id, "status": "closed"}))),
        }
    })
    .await
}

/// GET /jobs/facets
pub async fn get_job_facets(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    public_read(&state, &req, async {
        let now = now_ms();
        let (total, counts) = state.db(move |conn| Ok(search::facets(conn, now)?)).await?;
        let mut groups: BTreeMap<&str, Vec<(String, i64)>> = BTreeMap::new();
        for (kind, value, n) in counts {
            if let Some(k) = TAG_KINDS.iter().find(|k| **k == kind) {
                groups.entry(k).or_default().push((value, n));
            }
        }
        let list = |kind: &str| -> Value {
            let mut items = groups.get(kind).cloned().unwrap_or_default();
            items.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            items
                .into_iter()
                .map(|(value, count)| json!({"value": value, "count": count}))
                .collect()
        };
        Ok(HttpResponse::Ok().json(json!({
            "totalJobs": total,
            "categories": list("category"),
            "languages": list("language"),
            "countries": list("country"),
            "payTypes": list("payType"),
            "employmentTypes": list("employmentType"),
            "locationTypes": list("locationType"),
            "generatedAt": iso(now),
        })))
    })
    .await
}

/// An ISO 8601 instant (RFC 3339, or a bare date meaning its UTC midnight) as Unix ms.
fn parse_instant(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp_millis());
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc().timestamp_millis());
    }
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(d.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis())
}

/// GET /jobs/changes
pub async fn list_job_changes(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    public_read(&state, &req, async {
        let query = query_map(&req)?;
        let raw = query
            .get("since")
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                ApiError::bad_request(
                    "since is required: an ISO 8601 instant such as 2026-01-01T00:00:00Z.",
                )
                .with_details(json!({"field": "since"}))
            })?;
        let since = parse_instant(raw).ok_or_else(|| {
            ApiError::bad_request(format!("since={raw:?} is not an ISO 8601 instant."))
                .with_details(json!({"field": "since", "example": "2026-01-01T00:00:00Z"}))
        })?;
        let now = now_ms();
        const RAW_CAP: i64 = 50_000;
        let events = state
            .db(move |conn| Ok(search::events(conn, since, now.max(since), RAW_CAP)?))
            .await?;
        let mut until = now.max(since);
        if events.len() as i64 == RAW_CAP {
            // Stop before the last instant fetched: all of its events come next time.
            until = events.last().map_or(until, |e| e.2);
        }
        let mut latest: HashMap<String, (String, i64)> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (job_id, kind, at) in events {
            if at >= until {
                break;
            }
            if !latest.contains_key(&job_id) {
                if order.len() == MAX_CHANGES {
                    until = at;
                    break;
                }
                order.push(job_id.clone());
            }
            latest.insert(job_id, (kind, at));
        }
        let mut changes: Vec<(String, String, i64)> = order
            .into_iter()
            .filter_map(|id| latest.remove(&id).map(|(k, at)| (id, k, at)))
            .filter(|(_, _, at)| *at < until)
            .collect();
        changes.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
        let items: Vec<Value> = changes
            .iter()
            .map(|(id, kind, at)| json!({"jobId": id, "eventType": kind, "occurredAt": iso(*at)}))
            .collect();
        Ok(HttpResponse::Ok().json(json!({
            "since": iso(since), "until": iso(until), "changes": items, "generatedAt": iso(now),
        })))
    })
    .await
}

/// Adds the lifecycle and public-read paths to the OpenAPI document.
pub fn add_openapi_paths(doc: &mut Value) {
    let err = |d: &str| json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let id = json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "maxLength": 64}}]);
    let params = |names: &[&str], page: PageLimit| -> Value {
        names
            .iter()
            .map(|n| match *n {
                "limit" => json!({"name": n, "in": "query", "schema": page.schema()}),
                _ => json!({"name": n, "in": "query", "schema": {"type": "string"}}),
            })
            .collect()
    };
    let paths = json!({
        "/api/public/v1/jobs/{id}/publish": {"parameters": id, "post": {
            "operationId": "publish_job", "summary": "Publish a publish-ready draft; moderated, counted against the account's publish quota.",
            "responses": {"200": {"description": "OPEN (alreadyPublished on repeat), with moderation{decision, reasons}."},
                "202": {"description": "Moderation decided REVIEW: PENDING_APPROVAL until a moderator approves (jobdraft review approve)."},
                "400": err("Not publish-ready: details.validation {publishReady, issueCount, missingFieldCount, missingFields (full entries), issues}; details.report is the whole report."), "403": err("Scope, or details.reason moderation_blocked with details.reasons."),
                "404": err("No such job for this account."), "409": err("The job is ARCHIVED."), "429": err("Publish quota: details{limit, windowHours}, Retry-After.")}}},
        "/api/public/v1/jobs/{id}": {"parameters": id,
            "get": {"operationId": "get_public_job", "security": [], "summary": "A listed job's public object (no token).",
                "responses": {"200": {"description": "The public job object."}, "400": err("Bad id."),
                    "404": {"description": "Envelope when the id does not exist; the plain body {id, status: \"closed\"} when the job exists but is not listed."},
                    "429": err("Per-IP throttle.")}},
            "patch": {"operationId": "update_job", "summary": "Edit an OPEN job with the draft PATCH's keys; re-moderated.",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobFields"}}}},
                "responses": {"200": {"description": "{ok, jobId, status, moderation{decision, reasons}}; status PENDING_APPROVAL when moderation decides REVIEW."},
                    "400": err("Bad keys (details.issues) or the edit would not be publish-ready."), "404": err("No such job for this account."),
                    "409": err("Not OPEN (details.requiredStatus), or moderation_blocked: the edit is kept and the job is back to DRAFT.")}}},
        "/api/public/v1/jobs/{id}/close": {"parameters": id, "post": {"operationId": "close_job", "summary": "Archive a job (idempotent: alreadyClosed).",
            "responses": {"200": {"description": "{ok, jobId, status: ARCHIVED, alreadyClosed}"}, "404": err("No such job for this account.")}}},
        "/api/public/v1/jobs/{id}/reports": {"parameters": id, "post": {"operationId": "create_job_report", "summary": "Report a listed job's quality problem (any valid token).",
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {"reason": {"type": ["string", "null"], "maxLength": 2000}}}}}},
            "responses": {"201": {"description": "{id, jobId, reason, createdAt}"}, "404": err("No such listed job.")}}},
        "/api/public/v1/jobs/mine": {"get": {"operationId": "list_my_jobs", "summary": "The account's jobs in every status, newest first; keyset cursor.",
            "parameters": params(&["status", "limit", "cursor"], MY_JOBS_PAGE),
            "responses": {"200": {"description": "{jobs[{id,title,status,published,acceptingApplicants,createdAt,updatedAt,jobUrl,proposalCounts{total,unreviewed}}], nextCursor}; status also accepts OpenTrain's ONGOING and COMPLETED (always empty here)."},
                "400": err("Bad status (details.supportedStatuses), limit (1–100) or cursor.")}}},
        "/api/public/v1/jobs": {"get": {"operationId": "list_jobs", "security": [], "summary": "Search listed jobs: ranked full text (q) and filters; no token.",
            "parameters": params(&["q", "category", "language", "country", "payType", "employmentType", "locationType", "limit", "cursor"], PUBLIC_JOBS_PAGE),
            "responses": {"200": {"description": "{jobs[public job object: OpenTrain's keys (slug, seoTitle, summary, descriptionText/Html, employmentTypes, display labels for category, dataType, labelTypes, experienceLevel) plus categoryCode, dataTypeCode, labelTypeCodes, experienceLevelCode], nextCursor, generatedAt}"}, "400": err("Bad filter value (details.allowedValues), limit (1–100) or cursor."), "429": err("Per-IP throttle.")}}},
        "/api/public/v1/jobs/facets": {"get": {"operationId": "get_job_facets", "security": [], "summary": "Counts of listed jobs by category, language, country, payType (count desc).",
            "responses": {"200": {"description": "{totalJobs, categories, languages, countries, payTypes, employmentTypes, locationTypes, generatedAt}"}, "429": err("Per-IP throttle.")}}},
        "/api/public/v1/jobs/changes": {"get": {"operationId": "list_job_changes", "security": [], "summary": "The latest PUBLISHED/UPDATED/CLOSED event per job since a watermark (≤ 5,000).",
            "parameters": [{"name": "since", "in": "query", "required": true, "schema": {"type": "string", "format": "date-time"}}],
            "responses": {"200": {"description": "{since, until, changes[{jobId, eventType, occurredAt}], generatedAt}; pass until as the next since."}, "400": err("since missing or not ISO 8601."), "429": err("Per-IP throttle.")}}},
    });
    if let (Some(target), Value::Object(add)) =
        (doc.get_mut("paths").and_then(Value::as_object_mut), paths)
    {
        for (k, v) in add {
            target.insert(k, v);
        }
    }
}

//! `/claim`: the page a person opens from an agent's `verification_uri` to take the agent's
//! account over — enter the six-digit code, confirm the e-mail. Server-rendered, no script, every
//! value escaped, a double-submit CSRF token (cookie + field) so the form works on any replica.

use std::collections::HashMap;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::Connection;
use serde_json::json;

use super::body;
use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::domain::claim::{
    constant_time_eq, hash_secret, normalize_email, normalize_user_code, user_code_hash,
    MAX_CODE_ATTEMPTS,
};
use crate::store::accounts::{self, ClaimError};
use crate::store::claims::{self, AgentClaim};

const CSRF_COOKIE: &str = "jd_claim_csrf";

/// Escapes text for HTML element content and quoted attribute values.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn not_enabled() -> ApiError {
    ApiError::new(
        ErrorCode::Forbidden,
        "Agent self-registration is not enabled on this server.",
    )
    .with_details(json!({"reason": "anonymous_not_enabled"}))
}

fn unknown_link() -> ApiError {
    ApiError::not_found("Claim link")
        .with_details(json!({"reason": "claim_link_invalid", "hint": "The link is wrong, was used already, or the agent started a new claim. Ask the agent for its current link and code."}))
}

/// The values the form shows again after a failed submission.
#[derive(Default)]
struct FormValues {
    email: String,
    name: String,
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} — jobdraft</title><style>body{{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}}\
         label{{display:block;margin-top:1rem;font-weight:bold}}input[type=text],input[type=email]{{width:100%;padding:.5rem;font-size:1.1rem;box-sizing:border-box}}\
         button{{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}}.error{{color:#a00000;font-weight:bold}}</style></head>\
         <body><h1>{t}</h1>{body}</body></html>",
        t = escape(title)
    )
}

fn claim_form(
    account_name: &str,
    token: &str,
    csrf: &str,
    values: &FormValues,
    error: Option<&str>,
) -> String {
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)))
        .unwrap_or_default();
    page(
        "Claim an agent's account",
        &format!(
            "<p>An agent registered the account <strong>{account}</strong> on this server and asks you to take it over. \
             Enter the six-digit code the agent showed you and confirm your e-mail address.</p>{error}\
             <form method=\"post\" action=\"/claim\">\
             <input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <label for=\"user_code\">Code</label><input type=\"text\" id=\"user_code\" name=\"user_code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9 -]{{6,8}}\" required>\
             <label for=\"email\">Your e-mail address</label><input type=\"email\" id=\"email\" name=\"email\" value=\"{email}\" autocomplete=\"email\" required>\
             <label for=\"name\">Your name (optional)</label><input type=\"text\" id=\"name\" name=\"name\" value=\"{name}\" autocomplete=\"name\" maxlength=\"120\">\
             <label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> This is my e-mail address, and I take over this agent's account.</label>\
             <button type=\"submit\">Claim the account</button></form>",
            account = escape(account_name),
            token = escape(token),
            csrf = escape(csrf),
            email = escape(&values.email),
            name = escape(&values.name),
        ),
    )
}

/// A page response with the headers every claim page carries (the link's secret is in the URL:
/// no referrer, no caching, no framing, no script).
fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("Referrer-Policy", "no-referrer"))
        .insert_header(("X-Frame-Options", "DENY"))
        .insert_header((
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ))
        .body(body)
}

fn csrf_cookie(state: &AppState, value: &str) -> String {
    let secure = if state.public_base().starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    format!("{CSRF_COOKIE}={value}; Path=/claim; HttpOnly; SameSite=Strict; Max-Age=1800{secure}")
}

fn cookie_value(req: &HttpRequest, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn with_cookie(mut res: HttpResponse, cookie: &str) -> HttpResponse {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

async fn ceremony_for_link(
    state: &AppState,
    token: String,
) -> Result<(AgentClaim, String), ApiError> {
    if token.len() > 200 {
        return Err(unknown_link());
    }
    state
        .db(move |conn| {
            let Some(ceremony) = claims::find_by_verification_hash(conn, &hash_secret(&token))?
            else {
                return Err(unknown_link());
            };
            let account = accounts::find(conn, &ceremony.account_id)?;
            Ok((ceremony, account.name))
        })
        .await
}

/// GET /claim?token=…
pub async fn get_claim_page(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if !state.config.agent_registration_open() {
        return Err(not_enabled());
    }
    let query = web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .map(|q| q.into_inner())
        .unwrap_or_default();
    let Some(token) = query.get("token").filter(|t| !t.is_empty()).cloned() else {
        return Ok(html(page(
            "Claim an agent's account",
            "<p>Open the link your agent gave you: it carries the claim's key.</p>",
        )));
    };
    let (ceremony, account_name) = ceremony_for_link(&state, token.clone()).await?;
    let csrf = crate::domain::create::hex(&rand::random::<[u8; 16]>());
    let values = FormValues {
        email: ceremony.email.unwrap_or_default(),
        name: String::new(),
    };
    let res = html(claim_form(&account_name, &token, &csrf, &values, None));
    Ok(with_cookie(res, &csrf_cookie(&state, &csrf)))
}

/// What a submission came to.
enum Submission {
    Claimed(String),
    Retry(&'static str),
    RetryWith(String),
}

/// POST /claim (form-encoded)
pub async fn submit_claim(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    if !state.config.agent_registration_open() {
        return Err(not_enabled());
    }
    let bytes = body::read_body(&req, payload, 16 * 1024).await?;
    let text = body::utf8(&bytes)?;
    let form = web::Query::<HashMap<String, String>>::from_query(text)
        .map(|q| q.into_inner())
        .map_err(|e| ApiError::bad_request(format!("The form is not readable: {e}")))?;
    let field = |k: &str| {
        form.get(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let csrf = field("csrf");
    let cookie = cookie_value(&req, CSRF_COOKIE).unwrap_or_default();
    if csrf.is_empty() || !constant_time_eq(csrf.as_bytes(), cookie.as_bytes()) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "The form's security token does not match; reload the claim page and try again.",
        )
        .with_details(json!({"reason": "csrf_mismatch"})));
    }
    let token = field("token");
    let (ceremony, account_name) = ceremony_for_link(&state, token.clone()).await?;
    let values = FormValues {
        email: field("email"),
        name: field("name"),
    };
    let now = state.config.clock.now_ms();
    let code = normalize_user_code(&field("user_code"));
    let email = normalize_email(&values.email);
    let name = Some(values.name.clone()).filter(|n| !n.is_empty() && n.chars().count() <= 120);
    let confirmed = field("confirm") == "yes";
    let outcome = state
        .db_write(move |conn| {
            if ceremony.code_expires_at.is_none_or(|t| t <= now) {
                return Ok(Submission::Retry("This code has expired. Ask the agent to start the claim again."));
            }
            let Some(stored) = ceremony.user_code_hash.clone() else {
                return Ok(Submission::Retry("This code can no longer be used. Ask the agent to start the claim again."));
            };
            let given = code.as_deref().map(|c| user_code_hash(&ceremony.account_id, c)).unwrap_or_default();
            let email_ok = email.as_deref().is_some_and(|e| Some(e) == ceremony.email.as_deref());
            if !constant_time_eq(given.as_bytes(), stored.as_bytes()) || !email_ok {
                let attempts = claims::record_failed_attempt(conn, &ceremony.account_id, MAX_CODE_ATTEMPTS)?;
                let left = MAX_CODE_ATTEMPTS - attempts;
                return Ok(Submission::RetryWith(if left > 0 {
                    format!("The code or the e-mail address does not match what the agent asked for. {left} attempt(s) left.")
                } else {
                    "Too many wrong attempts: this code is void. Ask the agent to start the claim again.".to_string()
                }));
            }
            if !confirmed {
                return Ok(Submission::Retry("Tick the box to confirm that this is your e-mail address."));
            }
            let email = email.unwrap_or_default();
            let done = conn.transaction::<bool, ClaimError, _>(|c| {
                if !claims::confirm(c, &ceremony.account_id, &stored, now).map_err(ClaimError::Store)? {
                    return Ok(false);
                }
                accounts::mark_claimed(c, &ceremony.account_id, &email, name.as_deref())?;
                Ok(true)
            });
            match done {
                Ok(true) => Ok(Submission::Claimed(email)),
                Ok(false) => Ok(Submission::Retry("This code was used already.")),
                Err(ClaimError::EmailTaken) => Ok(Submission::Retry("Another account on this server already belongs to this e-mail address.")),
                Err(ClaimError::Store(e)) => Err(ApiError::from(e)),
            }
        })
        .await?;
    let fresh_csrf = crate::domain::create::hex(&rand::random::<[u8; 16]>());
    let res = match outcome {
        Submission::Claimed(email) => html(page(
            "Account claimed",
            &format!(
                "<p>The account <strong>{}</strong> now belongs to <strong>{}</strong>.</p>\
                 <p>Your agent receives its new token the next time it checks; its old token stops working then.</p>",
                escape(&account_name),
                escape(&email)
            ),
        )),
        Submission::Retry(msg) => html(claim_form(&account_name, &token, &fresh_csrf, &values, Some(msg))),
        Submission::RetryWith(msg) => html(claim_form(&account_name, &token, &fresh_csrf, &values, Some(&msg))),
    };
    Ok(with_cookie(res, &csrf_cookie(&state, &fresh_csrf)))
}

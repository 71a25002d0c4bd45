//! Bearer-token authentication as an extractor, and scope checks that name what is missing.

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};
use serde_json::json;

use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::store::accounts::Account;
use crate::store::tokens::{self, ApiToken};
use crate::store::DbConn;

/// The caller: a live token and the account it acts for.
#[derive(Debug, Clone)]
pub struct Auth {
    pub token: ApiToken,
    pub account: Account,
}

impl Auth {
    /// 403 unless the token grants `scope`.
    pub fn require(&self, scope: &str) -> Result<(), ApiError> {
        if self.token.grants(scope) {
            return Ok(());
        }
        Err(ApiError::new(
            ErrorCode::Forbidden,
            format!("This token lacks the {scope} scope."),
        )
        .with_details(json!({
            "reason": "insufficient_scope",
            "requiredScopes": [scope],
            "grantedScopes": self.token.scope_list(),
        })))
    }
}

fn unauthorized(message: &str) -> ApiError {
    ApiError::new(ErrorCode::Unauthorized, message).with_details(json!({
        "reason": "invalid_token",
        "hint": "Send Authorization: Bearer jd_pat_…; create one with `jobdraft token create`."
    }))
}

/// A bearer secret as the request presents it, not yet looked up: lets a handler run the
/// lookup inside the same blocking task as the rest of its database work (one hand-off per
/// request). A missing or malformed header is refused here, before anything else.
#[derive(Debug, Clone)]
pub struct Bearer {
    secret: String,
}

impl Bearer {
    fn from_header(req: &HttpRequest) -> Result<Bearer, ApiError> {
        let value = match req.headers().get(actix_web::http::header::AUTHORIZATION) {
            None => return Err(unauthorized("Missing bearer token.")),
            Some(v) => v
                .to_str()
                .map_err(|_| unauthorized("The Authorization header is not readable."))?,
        };
        let secret = match value.split_once(' ') {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
            _ => {
                return Err(unauthorized(
                    "The Authorization header must be `Bearer <token>`.",
                ))
            }
        };
        if secret.is_empty() || secret.len() > 200 {
            return Err(unauthorized("Invalid, expired or revoked token."));
        }
        Ok(Bearer {
            secret: secret.to_string(),
        })
    }

    /// The token and account behind the secret, at `now`; blocking (it reads the database).
    pub fn authenticate(&self, conn: &mut DbConn, now: i64) -> Result<Auth, ApiError> {
        match tokens::authenticate_at(conn, &self.secret, now)? {
            Some((token, account)) => Ok(Auth { token, account }),
            None => Err(unauthorized("Invalid, expired or revoked token.")),
        }
    }
}

impl FromRequest for Bearer {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Bearer, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(Bearer::from_header(req))
    }
}

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Auth, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let bearer = Bearer::from_header(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(&"app state missing"))?;
            let bearer = bearer?;
            let now = state.config.clock.now_ms();
            state.db(move |conn| bearer.authenticate(conn, now)).await
        })
    }
}

//! Bearer-token authentication as an extractor, and scope checks that name what is missing.

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};
use serde_json::json;

use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::store::accounts::Account;
use crate::store::tokens::{self, ApiToken};

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

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Auth, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .map(|v| v.to_str().map(str::to_string));
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(&"app state missing"))?;
            let value = match header {
                None => return Err(unauthorized("Missing bearer token.")),
                Some(Err(_)) => {
                    return Err(unauthorized("The Authorization header is not readable."))
                }
                Some(Ok(v)) => v,
            };
            let secret = match value.split_once(' ') {
                Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => {
                    rest.trim().to_string()
                }
                _ => {
                    return Err(unauthorized(
                        "The Authorization header must be `Bearer <token>`.",
                    ))
                }
            };
            if secret.is_empty() || secret.len() > 200 {
                return Err(unauthorized("Invalid, expired or revoked token."));
            }
            let now = state.config.clock.now_ms();
            let found = state
                .db(move |conn| Ok(tokens::authenticate_at(conn, &secret, now)?))
                .await?;
            match found {
                Some((token, account)) => Ok(Auth { token, account }),
                None => Err(unauthorized("Invalid, expired or revoked token.")),
            }
        })
    }
}

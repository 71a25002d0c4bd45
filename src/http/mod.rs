//! The HTTP adapter (actix-web): routes, extractors and the error envelope. Handlers read
//! through `store`, decide through `domain`, and write through `store`.

mod agents;
mod auth;
mod batch;
mod blocking;
mod body;
mod claim_page;
mod connections;
mod create;
mod ctojobs;
mod discovery;
mod drafts;
pub mod error;
mod feeds;
mod feeds_out;
mod jobs;
pub mod lifecycle;
pub mod mcp;
mod meta;
mod middleware;
mod oauth;
mod openapi;
mod openapi_agents;
mod openapi_events;
mod openapi_feeds;
mod pages;
mod public;
mod throttle;
mod tokens;
mod updates;
mod webhooks;

use std::sync::Arc;

use actix_web::{web, App, HttpServer};
use chrono::NaiveDate;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::store::Store;

pub use auth::Auth;
pub use blocking::BlockingPool;
pub use error::{ApiError, ErrorCode};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub catalog: Arc<Catalog>,
    pub config: Arc<Config>,
    /// Where blocking work runs, one queue for every HTTP worker.
    pub blocking_pool: BlockingPool,
}

impl AppState {
    /// The state of a server over `store`, with its blocking pool sized from `config`.
    pub fn new(store: Store, catalog: Arc<Catalog>, config: Arc<Config>) -> std::io::Result<Self> {
        let blocking_pool = BlockingPool::new(config.blocking_threads_on(store.backend()))?;
        Ok(AppState {
            store,
            catalog,
            config,
            blocking_pool,
        })
    }

    /// Runs CPU-heavy or blocking work on the shared blocking pool, off the async workers.
    pub async fn blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        self.blocking_pool.run(f).await
    }

    pub fn today(&self) -> NaiveDate {
        chrono::Utc::now().date_naive()
    }

    pub fn public_base(&self) -> String {
        self.config.public_base()
    }

    /// Runs blocking database work that writes, off the async workers (serialized on SQLite).
    pub async fn db_write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::store::DbConn) -> Result<T, ApiError> + Send + 'static,
    {
        let store = self.store.clone();
        self.blocking(move || store.write(f)?).await?
    }

    /// Runs blocking database work off the async workers.
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::store::DbConn) -> Result<T, ApiError> + Send + 'static,
    {
        let store = self.store.clone();
        self.blocking(move || {
            let mut conn = store.conn()?;
            f(&mut conn)
        })
        .await?
    }
}

/// Registers every route of the API.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/public/v1")
            .service(web::resource("/job-drafts").route(web::post().to(create::create_job_draft)))
            .service(
                web::resource("/job-drafts/batch")
                    .route(web::post().to(batch::create_job_draft_batch)),
            )
            .service(
                web::resource("/job-drafts/capabilities")
                    .route(web::get().to(meta::get_capabilities)),
            )
            .service(
                web::resource("/job-drafts/{id}")
                    .route(web::get().to(drafts::get_job_draft))
                    .route(web::patch().to(drafts::update_job_draft)),
            )
            .service(web::resource("/jobs/{id}/publish").route(web::post().to(jobs::publish_job)))
            // Fixed segments before /jobs/{id}.
            .service(web::resource("/jobs/mine").route(web::get().to(lifecycle::list_my_jobs)))
            .service(
                web::resource("/jobs/facets")
                    .route(web::get().to(public::get_job_facets))
                    .route(
                        web::method(actix_web::http::Method::OPTIONS).to(public::options_public),
                    ),
            )
            .service(
                web::resource("/jobs/changes")
                    .route(web::get().to(public::list_job_changes))
                    .route(
                        web::method(actix_web::http::Method::OPTIONS).to(public::options_public),
                    ),
            )
            .service(
                web::resource("/jobs")
                    .route(web::get().to(public::list_jobs))
                    .route(
                        web::method(actix_web::http::Method::OPTIONS).to(public::options_public),
                    ),
            )
            .service(
                web::resource("/jobs/{id}")
                    .route(web::get().to(public::get_public_job))
                    .route(web::patch().to(lifecycle::update_job))
                    .route(
                        web::method(actix_web::http::Method::OPTIONS).to(public::options_public),
                    ),
            )
            .service(web::resource("/jobs/{id}/close").route(web::post().to(lifecycle::close_job)))
            .service(
                web::resource("/jobs/{id}/reports")
                    .route(web::post().to(lifecycle::create_job_report)),
            )
            .service(web::resource("/auth/me").route(web::get().to(meta::get_auth_me)))
            // Issue 10: tokens over the API, the OpenAPI document where OpenTrain serves it, and
            // 403 featureKey for OpenTrain features jobdraft does not offer.
            .service(
                web::resource("/tokens")
                    .route(web::get().to(tokens::list_tokens))
                    .route(web::post().to(tokens::create_token)),
            )
            .service(web::resource("/tokens/{id}").route(web::delete().to(tokens::revoke_token)))
            .service(
                web::resource("/feeds")
                    .route(web::get().to(feeds::list_feeds))
                    .route(web::post().to(feeds::create_feed)),
            )
            .service(web::resource("/feeds/{id}").route(web::delete().to(feeds::delete_feed)))
            .service(
                web::resource("/feeds/{id}/runs")
                    .route(web::get().to(feeds::list_runs))
                    .route(web::post().to(feeds::run_feed_now)),
            )
            .service(web::resource("/openapi.json").route(web::get().to(openapi::get_openapi)))
            // Issue 13: the events ledger and signed webhooks.
            .service(web::resource("/updates").route(web::get().to(updates::list_updates)))
            .configure(webhooks::configure)
            .configure(discovery::configure_unoffered),
    )
    .configure(configure_agents)
    .service(web::resource("/openapi.json").route(web::get().to(openapi::get_openapi)))
    .service(web::resource("/feeds/indeed.xml").route(web::get().to(feeds_out::get_indeed_feed)))
    .service(web::resource("/feeds/jobs.jsonld").route(web::get().to(feeds_out::get_jsonld_feed)))
    .service(web::resource("/healthz").route(web::get().to(meta::get_health)))
    .configure(pages::configure)
    .service(web::resource("/livez").route(web::get().to(meta::get_liveness)))
    .service(
        web::resource("/mcp")
            .route(web::post().to(mcp::mcp))
            .route(web::get().to(mcp::mcp))
            .route(web::delete().to(mcp::mcp)),
    );
}

/// Agent onboarding (issue 10): OpenTrain's registration and claim, the claim page, discovery.
fn configure_agents(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/agent/identity").route(web::post().to(agents::register_identity)),
    )
    .service(web::resource("/api/agent/identity/claim").route(web::post().to(agents::start_claim)))
    .service(web::resource("/api/agent/oauth/token").route(web::post().to(agents::exchange_token)))
    .service(web::resource("/api/agent/oauth/revoke").route(web::post().to(agents::revoke_token)))
    .service(
        web::resource("/claim")
            .route(web::get().to(claim_page::get_claim_page))
            .route(web::post().to(claim_page::submit_claim)),
    )
    .service(
        web::resource("/.well-known/oauth-authorization-server")
            .route(web::get().to(discovery::authorization_server)),
    )
    .service(
        web::resource("/.well-known/oauth-protected-resource")
            .route(web::get().to(discovery::protected_resource)),
    )
    .service(web::resource("/llms.txt").route(web::get().to(discovery::llms_txt)))
    // CTOJobsHQ's draft posting API.
    .service(
        web::resource("/api/v1/access_tokens").route(web::post().to(ctojobs::issue_access_token)),
    )
    .service(web::resource("/api/v1/jobs/draft").route(web::post().to(ctojobs::create_draft)));
}

/// Builds the application for `state`, with the middleware every response goes through.
pub fn app(
    state: AppState,
    mcp: Option<mcp::McpEndpoint>,
) -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let mut app = App::new();
    if let Some(endpoint) = mcp {
        app = app.app_data(web::Data::new(endpoint));
    }
    app.app_data(web::Data::new(state))
        .configure(configure)
        .default_service(web::to(meta::route_not_found))
        .wrap(actix_web::middleware::from_fn(middleware::request_id))
}

/// Binds and runs the server until it is stopped.
pub async fn serve(state: AppState) -> std::io::Result<()> {
    let workers = match state.config.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let bind = state.config.bind.clone();
    lifecycle::spawn_sweep(state.clone());
    crate::webhooks::worker::spawn(state.store.clone(), state.config.clone());
    match feeds::scheduler_settings(&state) {
        Ok(settings) => crate::feeds::scheduler::spawn(
            state.store.clone(),
            settings,
            state.config.feed_tick_secs,
        ),
        Err(e) => tracing::warn!("feed scheduler not started: {e}"),
    }
    let cap = state.config.max_connections_per_ip;
    let mcp = mcp::McpEndpoint::start(state.clone())?;
    let server = HttpServer::new(move || app(state.clone(), Some(mcp.clone())))
        .on_connect(connections::ConnectionCounter::default().on_connect(cap))
        .workers(workers)
        .bind(&bind)?;
    for addr in server.addrs() {
        tracing::info!("jobdraft listening on http://{addr}");
    }
    server.run().await
}

/// Binds to `bind` and returns the server plus the address it got (tests bind port 0).
pub fn bind_server(
    state: AppState,
) -> std::io::Result<(actix_web::dev::Server, std::net::SocketAddr)> {
    let bind = state.config.bind.clone();
    let workers = state.config.workers.max(1);
    // Off unless the configuration asks for it (`Config::for_database` leaves it off).
    crate::webhooks::worker::spawn(state.store.clone(), state.config.clone());
    let cap = state.config.max_connections_per_ip;
    let mcp = mcp::McpEndpoint::start(state.clone())?;
    let server = HttpServer::new(move || app(state.clone(), Some(mcp.clone())))
        .on_connect(connections::ConnectionCounter::default().on_connect(cap))
        .workers(workers)
        .disable_signals()
        .bind(&bind)?;
    let addr = server
        .addrs()
        .first()
        .copied()
        .ok_or_else(|| std::io::Error::other("no address bound"))?;
    Ok((server.run(), addr))
}

/// Unix milliseconds as an RFC 3339 UTC timestamp.
pub fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

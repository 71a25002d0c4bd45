//! Every setting, its environment variable and its default, in one place.

use clap::Args;
use jobdraft_parsers::Limits;

/// Server settings (flags of `jobdraft serve`, each also read from the environment).
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: a file path or sqlite://PATH for SQLite, postgres://… for PostgreSQL.
    #[arg(long, env = "DATABASE_URL", default_value = "jobdraft.db")]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, env = "JOBDRAFT_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Public base URL used in draftUrl, reviewUrl and jobUrl (defaults to http://BIND).
    #[arg(long, env = "JOBDRAFT_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Default catalog profile for new drafts (ai-training or general, or one loaded with --catalog).
    #[arg(long, env = "JOBDRAFT_PROFILE", default_value = "ai-training")]
    pub profile: String,

    /// Extra catalog profile files (JSON, checked against the profile schema at start-up).
    #[arg(long = "catalog", env = "JOBDRAFT_CATALOG", value_delimiter = ',')]
    pub catalog_files: Vec<std::path::PathBuf>,

    /// Largest request body, in bytes (JSON and raw documents).
    #[arg(long, env = "JOBDRAFT_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Longest plain-text description, in characters.
    #[arg(long, env = "JOBDRAFT_MAX_TEXT_CHARS", default_value_t = 60_000)]
    pub max_text_chars: usize,

    /// Deepest XML nesting accepted.
    #[arg(long, env = "JOBDRAFT_MAX_XML_DEPTH", default_value_t = 64)]
    pub max_xml_depth: usize,

    /// Database connections in the pool. Unset: 16 on SQLite (as many as blocking threads), 8 on
    /// PostgreSQL (4 blocking threads, plus the background workers; every replica opens its pool
    /// at start, and the server's `max_connections` is shared by all of them).
    #[arg(long, env = "JOBDRAFT_DB_POOL")]
    pub db_pool: Option<u32>,

    /// HTTP worker threads (0: one per core).
    #[arg(long, env = "JOBDRAFT_WORKERS", default_value_t = 0)]
    pub workers: usize,

    /// Threads for blocking work (parsing, database calls), one pool shared by every HTTP
    /// worker. Unset: 16 on SQLite, where more queued creates make bigger group commits, and 4 on
    /// PostgreSQL, where each create commits alone and one account's creates wait on its ledger
    /// counter row (measured under 64 connections: README, "HTTP create vs a trivial route").
    #[arg(long, env = "JOBDRAFT_BLOCKING_THREADS")]
    pub blocking_threads: Option<usize>,

    /// Moderation rules file (JSON, same shape as the built-in src/domain/moderation_rules.json).
    #[arg(long, env = "JOBDRAFT_MODERATION_RULES")]
    pub moderation_rules: Option<std::path::PathBuf>,

    /// Publishes allowed per claimed account per quota window, a database counter shared by replicas (0: unlimited).
    #[arg(long, env = "JOBDRAFT_PUBLISH_QUOTA", default_value_t = 20)]
    pub publish_quota: i64,

    /// Publishes allowed per unclaimed (self-registered or issued) account per quota window (0: unlimited).
    #[arg(long, env = "JOBDRAFT_PUBLISH_QUOTA_UNCLAIMED", default_value_t = 3)]
    pub publish_quota_unclaimed: i64,

    /// The publish quota window, in hours.
    #[arg(long, env = "JOBDRAFT_PUBLISH_WINDOW_HOURS", default_value_t = 24)]
    pub publish_window_hours: i64,

    /// Tokenless public reads allowed per client IP per minute (0: unlimited).
    #[arg(long, env = "JOBDRAFT_PUBLIC_RATE_PER_MINUTE", default_value_t = 120)]
    pub public_rate_per_minute: i64,

    /// Authenticated lifecycle requests allowed per token per minute (0: unlimited).
    #[arg(long, env = "JOBDRAFT_TOKEN_RATE_PER_MINUTE", default_value_t = 600)]
    pub token_rate_per_minute: i64,

    /// Seconds a client has to send a whole request body (408 after); for the streamed batch
    /// endpoint, the longest pause between two parts of the body.
    #[arg(long, env = "JOBDRAFT_BODY_TIMEOUT_SECS", default_value_t = 15)]
    pub body_timeout_secs: u64,

    /// Open connections allowed per client IP; requests on connections over the cap get 429 and
    /// the connection is closed (0: unlimited).
    #[arg(long, env = "JOBDRAFT_MAX_CONNECTIONS_PER_IP", default_value_t = 128)]
    pub max_connections_per_ip: usize,

    /// Seconds between sweeps that close jobs past their validThrough (0: no sweep).
    #[arg(long, env = "JOBDRAFT_SWEEP_SECS", default_value_t = 60)]
    pub sweep_secs: u64,

    /// Agent self-registration and the claim ceremony (/api/agent/*, /claim): `open` or `closed`.
    #[arg(long, env = "JOBDRAFT_AGENT_REGISTRATION", default_value = "closed", value_parser = ["open", "closed"])]
    pub agent_registration: String,

    /// Agent registrations allowed per client IP per hour.
    #[arg(long, env = "JOBDRAFT_REGISTRATIONS_PER_HOUR", default_value_t = 10)]
    pub registrations_per_hour: i64,

    /// Claim starts allowed per client IP per hour (and, separately, per e-mail address).
    #[arg(long, env = "JOBDRAFT_CLAIMS_PER_HOUR", default_value_t = 10)]
    pub claims_per_hour: i64,

    /// CTOJobsHQ's token issuance (POST /api/v1/access_tokens, POST /api/v1/jobs/draft): `open` or `closed`.
    #[arg(long, env = "JOBDRAFT_TOKEN_ISSUANCE", default_value = "closed", value_parser = ["open", "closed"])]
    pub token_issuance: String,

    /// Issued tokens per owner e-mail per hour.
    #[arg(
        long,
        env = "JOBDRAFT_ISSUED_TOKENS_PER_EMAIL_PER_HOUR",
        default_value_t = 5
    )]
    pub issued_tokens_per_email_per_hour: i64,

    /// Issued tokens per client IP per hour.
    #[arg(
        long,
        env = "JOBDRAFT_ISSUED_TOKENS_PER_IP_PER_HOUR",
        default_value_t = 20
    )]
    pub issued_tokens_per_ip_per_hour: i64,

    /// Drafts per issued token per hour on POST /api/v1/jobs/draft.
    #[arg(long, env = "JOBDRAFT_ISSUED_DRAFTS_PER_HOUR", default_value_t = 100)]
    pub issued_drafts_per_hour: i64,

    /// Days a draft made through CTOJobsHQ's flow lives unless published.
    #[arg(long, env = "JOBDRAFT_DRAFT_TTL_DAYS", default_value_t = 7)]
    pub draft_ttl_days: i64,

    /// The board's name, shown on the pages and in the JSON-LD (also the hiring organization of
    /// jobs that name no company).
    #[arg(long, env = "JOBDRAFT_SITE_NAME", default_value = "jobdraft")]
    pub site_name: String,

    /// A stylesheet that replaces the pages' built-in one (served at /style.css).
    #[arg(long, env = "JOBDRAFT_PAGES_CSS")]
    pub pages_css: Option<std::path::PathBuf>,
    /// Milliseconds between rounds of the webhook delivery worker (0: no worker in this process).
    #[arg(long, env = "JOBDRAFT_WEBHOOK_POLL_MS", default_value_t = 1000)]
    pub webhook_poll_ms: u64,

    /// Seconds a webhook receiver has to answer one delivery (connect, send, read).
    #[arg(long, env = "JOBDRAFT_WEBHOOK_TIMEOUT_SECS", default_value_t = 10)]
    pub webhook_timeout_secs: u64,

    /// Allow webhook destinations on private, loopback and link-local addresses, and over http.
    #[arg(long, env = "JOBDRAFT_WEBHOOK_ALLOW_PRIVATE", default_value_t = false)]
    pub webhook_allow_private: bool,

    /// Hosts allowed as webhook destinations over http and on private addresses (comma-separated).
    #[arg(
        long = "webhook-allowed-host",
        env = "JOBDRAFT_WEBHOOK_ALLOWED_HOSTS",
        value_delimiter = ','
    )]
    pub webhook_allowed_hosts: Vec<String>,
    /// Let feed sync fetch from loopback, private and link-local addresses (an internal ATS,
    /// tests); off, such destinations are refused.
    #[arg(long, env = "JOBDRAFT_FEED_ALLOW_PRIVATE", default_value_t = false, action = clap::ArgAction::Set)]
    pub feed_allow_private: bool,

    /// Seconds between the feed scheduler's looks for due feeds (0: no scheduler in this process).
    #[arg(long, env = "JOBDRAFT_FEED_TICK_SECS", default_value_t = 30)]
    pub feed_tick_secs: u64,

    /// Largest feed document fetched, in bytes.
    #[arg(long, env = "JOBDRAFT_FEED_MAX_BYTES", default_value_t = 256 * 1024 * 1024)]
    pub feed_max_bytes: u64,

    /// Whole-request timeout of a feed fetch, in seconds.
    #[arg(long, env = "JOBDRAFT_FEED_TIMEOUT_SECS", default_value_t = 120)]
    pub feed_timeout_secs: u64,

    /// The time source (the system clock; tests move it forward).
    #[arg(skip)]
    pub clock: crate::clock::Clock,
}

impl Config {
    /// The database pool's size: `db_pool`, or the default for the URL's backend.
    pub fn db_connections(&self) -> u32 {
        self.db_pool.unwrap_or_else(|| {
            match crate::store::DatabaseUrl::parse(&self.database_url).map(|u| u.backend) {
                Ok(crate::store::Backend::Postgres) => 8,
                _ => 16,
            }
        })
    }

    /// The blocking pool's size on `backend`: `blocking_threads`, or that backend's default.
    pub fn blocking_threads_on(&self, backend: crate::store::Backend) -> usize {
        self.blocking_threads.unwrap_or(match backend {
            crate::store::Backend::Sqlite => 16,
            crate::store::Backend::Postgres => 4,
        })
    }

    /// Parser limits from the settings.
    pub fn limits(&self) -> Limits {
        Limits {
            text_chars: self.max_text_chars,
            xml_bytes: self.max_body_bytes,
            xml_depth: self.max_xml_depth,
        }
    }

    /// The base of every URL the server hands out.
    pub fn public_base(&self) -> String {
        match &self.public_url {
            Some(u) if !u.trim().is_empty() => u.trim().trim_end_matches('/').to_string(),
            _ => format!("http://{}", self.bind),
        }
    }

    /// Defaults, as `jobdraft serve` would use with no flags and no environment, except a
    /// smaller database pool and blocking pool (tests run many servers side by side).
    pub fn for_database(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            bind: "127.0.0.1:0".to_string(),
            public_url: None,
            profile: crate::catalog::DEFAULT_PROFILE.to_string(),
            catalog_files: Vec::new(),
            max_body_bytes: 1024 * 1024,
            max_text_chars: 60_000,
            max_xml_depth: 64,
            db_pool: Some(8),
            workers: 2,
            blocking_threads: Some(4),
            moderation_rules: None,
            publish_quota: 20,
            publish_quota_unclaimed: 3,
            publish_window_hours: 24,
            public_rate_per_minute: 120,
            token_rate_per_minute: 600,
            sweep_secs: 60,
            body_timeout_secs: 15,
            max_connections_per_ip: 128,
            agent_registration: "closed".to_string(),
            registrations_per_hour: 10,
            claims_per_hour: 10,
            token_issuance: "closed".to_string(),
            issued_tokens_per_email_per_hour: 5,
            issued_tokens_per_ip_per_hour: 20,
            issued_drafts_per_hour: 100,
            draft_ttl_days: 7,
            site_name: "jobdraft".to_string(),
            pages_css: None,
            // Tests that deliver webhooks turn the worker on.
            webhook_poll_ms: 0,
            webhook_timeout_secs: 10,
            webhook_allow_private: false,
            webhook_allowed_hosts: Vec::new(),
            feed_allow_private: false,
            feed_tick_secs: 30,
            feed_max_bytes: 256 * 1024 * 1024,
            feed_timeout_secs: 120,
            clock: crate::clock::Clock::default(),
        }
    }

    /// Which webhook destinations the operator allows beyond public https ones.
    pub fn destination_policy(&self) -> crate::net::ssrf::DestinationPolicy {
        crate::net::ssrf::DestinationPolicy {
            allow_private: self.webhook_allow_private,
            allowed_hosts: self
                .webhook_allowed_hosts
                .iter()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .collect(),
        }
    }

    /// Whether agents may register themselves and be claimed.
    pub fn agent_registration_open(&self) -> bool {
        self.agent_registration == "open"
    }

    /// Whether CTOJobsHQ-style tokens are issued to anyone naming an owner e-mail.
    pub fn token_issuance_open(&self) -> bool {
        self.token_issuance == "open"
    }

    /// The publish quota of an account in its claim state.
    pub fn publish_quota_for(&self, claimed: bool) -> i64 {
        if claimed {
            self.publish_quota
        } else {
            self.publish_quota_unclaimed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_size_defaults_by_backend_and_a_setting_wins() {
        let mut config = Config::for_database("postgres://u@localhost/db");
        config.db_pool = None;
        assert_eq!(config.db_connections(), 8);
        config.database_url = "sqlite://jobdraft.db".into();
        assert_eq!(config.db_connections(), 16);
        config.db_pool = Some(3);
        assert_eq!(config.db_connections(), 3);
    }

    #[test]
    fn the_blocking_threads_default_by_backend_and_a_setting_wins() {
        use crate::store::Backend;
        let mut config = Config::for_database("sqlite://jobdraft.db");
        config.blocking_threads = None;
        assert_eq!(config.blocking_threads_on(Backend::Sqlite), 16);
        assert_eq!(config.blocking_threads_on(Backend::Postgres), 4);
        config.blocking_threads = Some(7);
        assert_eq!(config.blocking_threads_on(Backend::Postgres), 7);
    }
}

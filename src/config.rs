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

    /// Database connections in the pool.
    #[arg(long, env = "JOBDRAFT_DB_POOL", default_value_t = 8)]
    pub db_pool: u32,

    /// HTTP worker threads (0: one per core).
    #[arg(long, env = "JOBDRAFT_WORKERS", default_value_t = 0)]
    pub workers: usize,

    /// Moderation rules file (JSON, same shape as the built-in src/domain/moderation_rules.json).
    #[arg(long, env = "JOBDRAFT_MODERATION_RULES")]
    pub moderation_rules: Option<std::path::PathBuf>,

    /// Publishes allowed per account per quota window, a database counter shared by replicas (0: unlimited).
    #[arg(long, env = "JOBDRAFT_PUBLISH_QUOTA", default_value_t = 20)]
    pub publish_quota: i64,

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
}

impl Config {
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

    /// Defaults, as `jobdraft serve` would use with no flags and no environment.
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
            db_pool: 8,
            workers: 2,
            moderation_rules: None,
            publish_quota: 20,
            publish_window_hours: 24,
            public_rate_per_minute: 120,
            token_rate_per_minute: 600,
            sweep_secs: 60,
            body_timeout_secs: 15,
            max_connections_per_ip: 128,
        }
    }
}

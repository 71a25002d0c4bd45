//! Storage: one Diesel codebase over SQLite and PostgreSQL (`MultiConnection`), the backend chosen
//! explicitly from the URL scheme, per-backend embedded migrations, and an r2d2 pool.

pub mod accounts;
pub mod claims;
pub mod deliveries;
pub mod draft_expiry;
pub mod feed_items;
pub mod feeds;
mod group_commit;
pub mod jobs;
pub mod lifecycle;
pub mod open_jobs;
pub mod outbox;
pub mod quotas;
pub mod reports;
pub mod schema;
pub mod search;
pub mod sitemap;
pub mod tokens;
pub mod webhooks;

use std::time::Duration;

use diesel::connection::{SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Runs `$body` with `$c` bound to the concrete connection inside a [`DbConn`]. Diesel caches a
/// prepared statement under the query's type only on a concrete connection; through `DbConn`
/// (a `MultiConnection`) it renders the SQL again on every call to look the statement up. Used
/// for the queries every create runs.
macro_rules! per_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::store::DbConn::Sqlite($c) => $body,
            $crate::store::DbConn::Pg($c) => $body,
        }
    };
}
pub(crate) use per_backend;

/// A connection to either backend.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A database URL, its backend decided explicitly by scheme: `sqlite://path` or a bare path for
/// SQLite, `postgres://` or `postgresql://` for PostgreSQL. Any other scheme is an error, never
/// a silently created SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    pub backend: Backend,
    /// What the driver is given: a file path for SQLite, the URL for PostgreSQL.
    pub target: String,
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, StoreError> {
        let url = url.trim();
        if url.is_empty() {
            return Err(StoreError::Config("the database URL is empty".into()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl {
                backend: Backend::Postgres,
                target: url.to_string(),
            });
        }
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(StoreError::Config("sqlite:// needs a file path".into()));
            }
            return Ok(DatabaseUrl {
                backend: Backend::Sqlite,
                target: path.to_string(),
            });
        }
        if let Some((scheme, _)) = url.split_once("://") {
            return Err(StoreError::Config(format!(
                "unsupported database URL scheme {scheme:?}: use sqlite://PATH, a file path, or postgres://"
            )));
        }
        Ok(DatabaseUrl {
            backend: Backend::Sqlite,
            target: url.to_string(),
        })
    }
}

/// Storage failures. Only `NotFound` is the client's business; the rest are the operator's.
#[derive(Debug)]
pub enum StoreError {
    NotFound,
    Config(String),
    Db(diesel::result::Error),
    Pool(String),
    Corrupt(String),
    /// The shared transaction (group commit) holding a write failed or never committed.
    Batch(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::NotFound => f.write_str("not found"),
            StoreError::Config(m) => write!(f, "database configuration: {m}"),
            StoreError::Db(e) => write!(f, "database: {e}"),
            StoreError::Pool(e) => write!(f, "database pool: {e}"),
            StoreError::Corrupt(e) => write!(f, "stored data is unreadable: {e}"),
            StoreError::Batch(e) => write!(f, "the transaction holding this write failed: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<diesel::result::Error> for StoreError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => StoreError::NotFound,
            other => StoreError::Db(other),
        }
    }
}

/// Opens connections of the configured backend, with SQLite's pragmas on every connection.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match self.url.backend {
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.url.target)
                    .map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(conn))
            }
            Backend::Postgres => PgConnection::establish(&self.url.target)
                .map(DbConn::Pg)
                .map_err(r2d2::Error::ConnectionError),
        }
    }

    /// Checked on every checkout. A PostgreSQL connection can die with its server; an open
    /// SQLite file cannot, so SQLite skips the round trip (a statement compiled per checkout).
    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        match conn {
            DbConn::Sqlite(_) => Ok(()),
            DbConn::Pg(_) => conn
                .batch_execute("SELECT 1")
                .map_err(r2d2::Error::QueryError),
        }
    }

    /// Checked as a connection goes back to the pool: one handed back inside a transaction (a
    /// panic unwound through its holder) or with its transaction state in error must not serve
    /// the next request, which would run inside that transaction.
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        std::thread::panicking()
            || <<DbConn as Connection>::TransactionManager as TransactionManager<DbConn>>::is_broken_transaction_manager(conn)
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// The database: a pool plus the backend it talks to.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    backend: Backend,
    /// SQLite has one writer at a time; queueing writers here is fairer and faster than letting
    /// them spin in SQLite's busy handler (which sleeps in growing steps).
    sqlite_writer: std::sync::Arc<std::sync::Mutex<()>>,
    /// Writes waiting to share the next SQLite transaction (`write_grouped`).
    write_queue: std::sync::Arc<group_commit::WriteQueue>,
}

impl Store {
    /// Opens a pool for `url` (connecting once to fail fast).
    pub fn open(url: &str, max_connections: u32) -> Result<Store, StoreError> {
        let url = DatabaseUrl::parse(url)?;
        let backend = url.backend;
        let pool = r2d2::Pool::builder()
            .max_size(max_connections.max(1))
            .connection_timeout(Duration::from_secs(10))
            .build(Manager { url })
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        Ok(Store {
            pool,
            backend,
            sqlite_writer: Default::default(),
            write_queue: Default::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn conn(&self) -> Result<PooledConn, StoreError> {
        self.pool.get().map_err(|e| StoreError::Pool(e.to_string()))
    }

    /// Runs `f` as a writer: on SQLite, one writer at a time in this process.
    pub fn write<T>(&self, f: impl FnOnce(&mut DbConn) -> T) -> Result<T, StoreError> {
        let _guard = match self.backend {
            Backend::Sqlite => Some(
                self.sqlite_writer
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()),
            ),
            Backend::Postgres => None,
        };
        let mut conn = self.conn()?;
        Ok(f(&mut conn))
    }

    /// Runs the pending migrations of this backend; returns how many ran.
    pub fn migrate(&self) -> Result<usize, StoreError> {
        let mut conn = self.conn()?;
        let ran = match &mut *conn {
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            DbConn::Pg(c) => c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len()),
        };
        ran.map_err(|e| StoreError::Config(format!("migrations failed: {e}")))
    }

    /// Checks the database answers.
    pub fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        conn.batch_execute("SELECT 1").map_err(StoreError::from)
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A new time-ordered identifier.
/// Text as every backend stores it: PostgreSQL refuses U+0000 in text columns, so on both
/// databases it becomes U+FFFD. Requests with NUL are refused at the edge; this is the last line
/// for text the server derives itself (a streamed feed, decoded character references).
pub fn storable(text: &str) -> String {
    text.replace('\0', "\u{FFFD}")
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// Whether `e` is a unique-constraint violation (a lost insert race, an idempotent retry).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_handed_back_inside_a_transaction_is_not_reused() {
        let dir = std::env::temp_dir().join(format!("jobdraft-broken-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("broken.db");
        let store = Store::open(path.to_str().expect("path"), 1).expect("open");
        let mut conn = store.conn().expect("conn");
        <DbConn as Connection>::TransactionManager::begin_transaction(&mut *conn).expect("begin");
        drop(conn);
        let mut conn = store.conn().expect("a fresh connection");
        let depth =
            <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(&mut *conn)
                .transaction_depth()
                .expect("status");
        assert_eq!(
            depth, None,
            "the next request would run inside that transaction"
        );
        drop(conn);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn url_schemes_are_explicit() {
        assert_eq!(
            DatabaseUrl::parse("jobdraft.db").unwrap().backend,
            Backend::Sqlite
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://x/y.db").unwrap().target,
            "x/y.db"
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://u@h/db").unwrap().backend,
            Backend::Postgres
        );
        assert!(DatabaseUrl::parse("mysql://u@h/db").is_err());
        assert!(DatabaseUrl::parse("").is_err());
    }
}

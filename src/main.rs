//! The `jobdraft` command: serve the API, migrate the database, parse a document offline, and
//! manage API tokens.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jobdraft::cli::review::{ReportsCommand, ReviewCommand};
use jobdraft::cli::tokens::TokenCommand;
use jobdraft::cli::{self, AnyError};
use jobdraft::config::Config;
use jobdraft::store::Store;

/// mimalloc for the whole process (see Cargo.toml): measured faster than glibc's malloc for
/// concurrent requests (README, "Create over HTTP").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "jobdraft",
    version,
    about = "Description-first job drafting service"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// `--database-url` / `DATABASE_URL`, shared by every command that opens the database.
#[derive(clap::Args)]
struct Database {
    /// Database URL: a file path or sqlite://PATH for SQLite, postgres://… for PostgreSQL.
    #[arg(
        long = "database-url",
        env = "DATABASE_URL",
        default_value = "jobdraft.db",
        global = true
    )]
    url: String,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP API (migrates first; on an empty database creates account `default` and prints a token).
    Serve(Box<Config>),
    /// Run pending database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: Database,
    },
    /// Print the report of a document without a database (FILE, or - for standard input).
    Parse {
        /// Format (text, opentrain_canonical, schema_org_job_posting, indeed_xml, hr_xml); detected when absent.
        #[arg(long)]
        format: Option<String>,
        /// Catalog profile.
        #[arg(long, env = "JOBDRAFT_PROFILE", default_value = "ai-training")]
        profile: String,
        file: PathBuf,
    },
    /// Score the text extractor on a graded corpus (JSONL: id, text, expected, ignore per line).
    Eval {
        /// The corpus file.
        corpus: PathBuf,
        /// List every disagreement with its case id.
        #[arg(long)]
        cases: bool,
        /// Print the scorecard as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Import an Indeed feed or a JSON array of create bodies into an account, job by job.
    Import {
        /// The feed (.xml) or JSON array (.json); - for standard input.
        file: PathBuf,
        /// Account that will own the drafts (created if absent).
        #[arg(long, default_value = "default")]
        account: String,
        /// Catalog profile for the drafts.
        #[arg(long, env = "JOBDRAFT_PROFILE", default_value = "ai-training")]
        profile: String,
        /// `xml` (Indeed feed) or `json` (array of create bodies); guessed from the first byte.
        #[arg(long)]
        kind: Option<String>,
        #[command(flatten)]
        db: Database,
    },
    /// Sync a feed (URL or file) into an account: new jobs become drafts, changed ones are
    /// updated, jobs gone from the feed are closed; prints the run report.
    Sync {
        /// The feed: an http(s) URL (fetched conditionally) or a file.
        source: String,
        /// Account that owns the feed's jobs (created if absent).
        #[arg(long, default_value = "default")]
        account: String,
        /// indeed_xml (default) or schema_org_job_posting (a JSON array of JobPostings).
        #[arg(long)]
        format: Option<String>,
        /// Publish new and updated drafts that are publish-ready.
        #[arg(long)]
        publish: bool,
        #[command(flatten)]
        config: Box<Config>,
    },
    /// The moderation review queue: jobs held for a human (decision REVIEW).
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
        #[command(flatten)]
        db: Database,
    },
    /// Quality reports filed on listed jobs.
    Reports {
        #[command(subcommand)]
        command: ReportsCommand,
        #[command(flatten)]
        db: Database,
    },
    /// Accounts: list, show, claim one for a person by hand.
    Accounts {
        #[command(subcommand)]
        command: jobdraft::cli::accounts::AccountsCommand,
        #[command(flatten)]
        db: Database,
    },
    /// A client of a jobdraft server's API: OpenTrain's CLI verbs (whoami, register, draft, …).
    Client(jobdraft::cli::client::ClientArgs),
    /// Serve MCP on stdio as a client of a jobdraft server's API (token from JOBDRAFT_TOKEN).
    Mcp {
        /// The jobdraft server, e.g. http://127.0.0.1:8080.
        #[arg(
            long = "base-url",
            env = "JOBDRAFT_BASE_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        base_url: String,
        /// The API token every tool call presents.
        #[arg(long, env = "JOBDRAFT_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
        #[command(flatten)]
        db: Database,
    },
}

fn main() -> ExitCode {
    jobdraft::logging::init();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jobdraft: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), AnyError> {
    match cli.command {
        Command::Serve(config) => cli::serve::serve(*config),
        Command::Migrate { db } => {
            let store = Store::open(&db.url, 1)?;
            let ran = store.migrate()?;
            println!(
                "{ran} migration(s) applied to the {} database.",
                store.backend().name()
            );
            Ok(())
        }
        Command::Parse {
            format,
            profile,
            file,
        } => cli::parse::parse(format, &profile, &file),
        Command::Eval {
            corpus,
            cases,
            json,
        } => cli::eval::eval(&corpus, cases, json),
        Command::Client(args) => cli::client::run(args),
        Command::Mcp { base_url, token } => cli::mcp::mcp_stdio(&base_url, token),
        Command::Token { command, db } => cli::tokens::token(command, &db.url),
        Command::Accounts { command, db } => cli::accounts::accounts_command(command, &db.url),
        Command::Import {
            file,
            account,
            profile,
            kind,
            db,
        } => cli::import::import(&file, &account, &profile, kind.as_deref(), &db.url),
        Command::Sync {
            source,
            account,
            format,
            publish,
            config,
        } => cli::sync::sync(
            cli::sync::SyncArgs {
                source: &source,
                account: &account,
                format: format.as_deref(),
                publish,
            },
            &config,
        ),
        Command::Review { command, db } => cli::review::review(command, &db.url),
        Command::Reports { command, db } => cli::review::reports(command, &db.url),
    }
}

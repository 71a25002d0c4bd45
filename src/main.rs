//! The `jobdraft` command: serve the API, migrate the database, parse a document offline, and
//! manage API tokens.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use jobdraft::catalog::Catalog;
use jobdraft::config::Config;
use jobdraft::domain::preview::preview_report;
use jobdraft::http::{self, AppState};
use jobdraft::store::{self, tokens, Store};
use jobdraft_parsers::{detect, Format, Limits};

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

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP API (migrates first; on an empty database creates account `default` and prints a token).
    Serve(Config),
    /// Run pending database migrations and exit.
    Migrate {
        #[arg(long, env = "DATABASE_URL", default_value = "jobdraft.db")]
        database_url: String,
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
        #[arg(long, env = "DATABASE_URL", default_value = "jobdraft.db")]
        database_url: String,
    },
    /// The moderation review queue: jobs held for a human (decision REVIEW).
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
        #[arg(
            long,
            env = "DATABASE_URL",
            default_value = "jobdraft.db",
            global = true
        )]
        database_url: String,
    },
    /// Quality reports filed on listed jobs.
    Reports {
        #[command(subcommand)]
        command: ReportsCommand,
        #[arg(
            long,
            env = "DATABASE_URL",
            default_value = "jobdraft.db",
            global = true
        )]
        database_url: String,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
        #[arg(
            long,
            env = "DATABASE_URL",
            default_value = "jobdraft.db",
            global = true
        )]
        database_url: String,
    },
}

#[derive(Subcommand)]
enum ReviewCommand {
    /// Jobs waiting for approval, oldest first, with moderation's reasons.
    List,
    /// Approve a job: it goes live (OPEN).
    Approve { id: String },
    /// Reject a job: back to DRAFT, with the reason recorded.
    Reject {
        id: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
enum ReportsCommand {
    /// The newest quality reports.
    List {
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token (and its account if absent); prints the secret once.
    Create {
        #[arg(long)]
        account: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "jobs:read,jobs:write")]
        scopes: String,
    },
    /// List tokens (previews only; secrets are never stored).
    List,
    /// Revoke a token by id.
    Revoke { id: String },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jobdraft: {e}");
            ExitCode::FAILURE
        }
    }
}

type AnyError = Box<dyn std::error::Error>;

fn open_store(url: &str, pool: u32) -> Result<Store, AnyError> {
    let store = Store::open(url, pool)?;
    store.migrate()?;
    Ok(store)
}

fn run(cli: Cli) -> Result<(), AnyError> {
    match cli.command {
        Command::Serve(config) => serve(config),
        Command::Migrate { database_url } => {
            let store = Store::open(&database_url, 1)?;
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
        } => parse(format, &profile, &file),
        Command::Token {
            command,
            database_url,
        } => token(command, &database_url),
        Command::Import {
            file,
            account,
            profile,
            kind,
            database_url,
        } => import(&file, &account, &profile, kind.as_deref(), &database_url),
        Command::Review {
            command,
            database_url,
        } => review(command, &database_url),
        Command::Reports {
            command,
            database_url,
        } => reports(command, &database_url),
    }
}

fn load_catalog(config: &Config) -> Result<Catalog, AnyError> {
    let mut catalog = Catalog::builtin();
    for path in &config.catalog_files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = catalog
            .add_profile_json(&text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        tracing::info!("loaded catalog profile {name} from {}", path.display());
    }
    if catalog.profile(&config.profile).is_none() {
        return Err(format!(
            "unknown profile {:?}; known: {}",
            config.profile,
            catalog.profile_names().join(", ")
        )
        .into());
    }
    Ok(catalog)
}

fn serve(config: Config) -> Result<(), AnyError> {
    let catalog = load_catalog(&config)?;
    http::lifecycle::load_rules(config.moderation_rules.as_deref())
        .map_err(|e| format!("moderation rules: {e}"))?;
    let store = open_store(&config.database_url, config.db_pool)?;
    bootstrap(&store)?;
    let state = AppState {
        store,
        catalog: Arc::new(catalog),
        config: Arc::new(config),
    };
    actix_web::rt::System::new().block_on(http::serve(state))?;
    Ok(())
}

/// On an empty database: account `default` and one jobs:write token, printed once.
fn bootstrap(store: &Store) -> Result<(), AnyError> {
    let mut conn = store.conn()?;
    if store::accounts::count(&mut conn)? > 0 {
        return Ok(());
    }
    let scopes = vec!["jobs:read".to_string(), "jobs:write".to_string()];
    let (secret, token, _) = tokens::create(&mut conn, "default", "bootstrap", &scopes)?;
    println!("Created account \"default\" and an API token (shown once, store it now):\n\n    {secret}\n");
    println!("Token id {} ({}). Try:\n    curl -H 'Authorization: Bearer {secret}' http://HOST/api/public/v1/auth/me\n", token.id, token.preview);
    Ok(())
}

fn parse(format: Option<String>, profile: &str, file: &PathBuf) -> Result<(), AnyError> {
    let mut document = String::new();
    if file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut document)?;
    } else {
        document = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    let format = match format {
        Some(name) => Format::from_name(&name).ok_or_else(|| {
            format!(
                "unknown format {name:?}; supported: {}",
                Format::names().join(", ")
            )
        })?,
        None => detect(&document),
    };
    let catalog = Catalog::builtin();
    let today = chrono::Utc::now().date_naive();
    let report = preview_report(
        format,
        &document,
        profile,
        &catalog,
        today,
        &Limits::default(),
    )?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`jobdraft parse f | head`) is the reader's choice, not an error.
    match writeln!(out, "{}", serde_json::to_string_pretty(&report)?) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(())
}

fn token(command: TokenCommand, database_url: &str) -> Result<(), AnyError> {
    let store = open_store(database_url, 1)?;
    let mut conn = store.conn()?;
    match command {
        TokenCommand::Create {
            account,
            name,
            scopes,
        } => {
            let scopes = tokens::parse_scopes(&scopes)?;
            let (secret, token, account) = tokens::create(&mut conn, &account, &name, &scopes)?;
            println!("{secret}");
            eprintln!(
                "Token {} ({}) for account {} with scopes {}. The secret above is shown once.",
                token.id, token.preview, account.name, token.scopes
            );
        }
        TokenCommand::List => {
            println!(
                "{:<34} {:<16} {:<20} {:<26} {:<22} STATUS",
                "ID", "ACCOUNT", "NAME", "PREVIEW", "SCOPES"
            );
            for (t, account) in tokens::list(&mut conn)? {
                let status = if t.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{:<34} {:<16} {:<20} {:<26} {:<22} {status}",
                    t.id,
                    account,
                    t.name,
                    t.preview,
                    t.scopes.replace(' ', ",")
                );
            }
        }
        TokenCommand::Revoke { id } => match tokens::revoke(&mut conn, &id) {
            Ok(()) => println!("Revoked {id}."),
            Err(store::StoreError::NotFound) => {
                return Err(format!("no active token with id {id}").into())
            }
            Err(e) => return Err(e.into()),
        },
    }
    Ok(())
}

fn import(
    file: &PathBuf,
    account: &str,
    profile: &str,
    kind: Option<&str>,
    database_url: &str,
) -> Result<(), AnyError> {
    use jobdraft::domain::batch::BatchKind;
    use std::io::{BufRead, BufReader};

    if Catalog::builtin().profile(profile).is_none() {
        return Err(format!("unknown profile {profile:?}").into());
    }
    let input: Box<dyn Read> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?)
    };
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let kind = match kind {
        Some("xml") => BatchKind::IndeedFeed,
        Some("json") => BatchKind::JsonArray,
        Some(other) => return Err(format!("unknown --kind {other:?}; use xml or json").into()),
        None => {
            let head = reader.fill_buf()?;
            match head.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'[') => BatchKind::JsonArray,
                _ => BatchKind::IndeedFeed,
            }
        }
    };
    let store = open_store(database_url, 1)?;
    let mut conn = store.conn()?;
    let owner = store::accounts::find_or_create(&mut conn, account)?;
    let started = std::time::Instant::now();
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = |t: &jobdraft::import::ImportTally| {
        if t.total % 250 == 0 || (interactive && t.total % 10 == 0) {
            let rate = t.total as f64 / started.elapsed().as_secs_f64().max(1e-9);
            let end = if interactive { "\r" } else { "\n" };
            eprint!(
                "imported {} jobs ({} created, {} replayed, {} failed) {rate:.0} jobs/s{end}",
                t.total, t.created, t.replayed, t.failed
            );
            let _ = std::io::stderr().flush();
        }
    };
    let on_error = |index: usize, message: String| eprintln!("job #{index}: {message}");
    let tally = jobdraft::import::import_reader(
        &mut conn,
        &owner.id,
        reader,
        kind,
        profile,
        &Limits::default(),
        progress,
        on_error,
    )?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} jobs in {secs:.2} s ({:.0} jobs/s): {} created, {} replayed, {} failed.",
        tally.total,
        tally.total as f64 / secs.max(1e-9),
        tally.created,
        tally.replayed,
        tally.failed
    );
    Ok(())
}

fn review(command: ReviewCommand, database_url: &str) -> Result<(), AnyError> {
    use jobdraft::store::lifecycle::{self, Resolved};
    let store = open_store(database_url, 1)?;
    let mut conn = store.conn()?;
    let now = store::now_ms();
    let (id, approve, reason) = match command {
        ReviewCommand::List => {
            println!("{:<34} {:<20} {:<40} REASONS", "JOB", "SINCE", "TITLE");
            for (review, job) in lifecycle::pending_reviews(&mut conn)? {
                let reasons: Vec<serde_json::Value> =
                    serde_json::from_str(&review.reasons).unwrap_or_default();
                let codes: Vec<String> = reasons
                    .iter()
                    .map(|r| {
                        format!(
                            "{}({})",
                            r["code"].as_str().unwrap_or("?"),
                            r["field"].as_str().unwrap_or("?")
                        )
                    })
                    .collect();
                let title: String = job
                    .fields
                    .job_title
                    .unwrap_or_default()
                    .chars()
                    .take(38)
                    .collect();
                println!(
                    "{:<34} {:<20} {:<40} {}",
                    job.id,
                    http::iso(review.created_at).get(..19).unwrap_or(""),
                    title,
                    codes.join(", ")
                );
            }
            return Ok(());
        }
        ReviewCommand::Approve { id } => (id, true, None),
        ReviewCommand::Reject { id, reason } => (id, false, Some(reason)),
    };
    match lifecycle::resolve(&mut conn, &id, approve, reason.as_deref(), now) {
        Ok(Resolved::Done(job)) => println!("Job {} is now {}.", job.id, job.status.as_str()),
        Ok(Resolved::NotPending(status)) => {
            return Err(format!("job {id} is {}, not waiting for approval", status.as_str()).into())
        }
        Err(store::StoreError::NotFound) => return Err(format!("no job with id {id}").into()),
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

fn reports(command: ReportsCommand, database_url: &str) -> Result<(), AnyError> {
    let store = open_store(database_url, 1)?;
    let mut conn = store.conn()?;
    let ReportsCommand::List { limit } = command;
    println!(
        "{:<34} {:<34} {:<20} {:<16} REASON",
        "ID", "JOB", "CREATED", "ACCOUNT"
    );
    for r in jobdraft::store::reports::list(&mut conn, limit.clamp(1, 10_000))? {
        let created = http::iso(r.created_at);
        println!(
            "{:<34} {:<34} {:<20} {:<16} {}",
            r.id,
            r.job_id,
            created.get(..19).unwrap_or(""),
            r.account_id,
            r.reason.unwrap_or_default()
        );
    }
    Ok(())
}

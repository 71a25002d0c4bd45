//! `jobdraft review list|approve|reject` (the moderation queue) and `jobdraft reports list`.

use clap::Subcommand;

use crate::http;
use crate::store;

use super::{open_store, AnyError};

#[derive(Subcommand)]
pub enum ReviewCommand {
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
pub enum ReportsCommand {
    /// The newest quality reports.
    List {
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
}

pub fn review(command: ReviewCommand, database_url: &str) -> Result<(), AnyError> {
    use crate::store::lifecycle::{self, Resolved};
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

pub fn reports(command: ReportsCommand, database_url: &str) -> Result<(), AnyError> {
    let store = open_store(database_url, 1)?;
    let mut conn = store.conn()?;
    let ReportsCommand::List { limit } = command;
    println!(
        "{:<34} {:<34} {:<20} {:<16} REASON",
        "ID", "JOB", "CREATED", "ACCOUNT"
    );
    for r in crate::store::reports::list(&mut conn, limit.clamp(1, 10_000))? {
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

//! Quality reports on listed jobs (JobHuntr's misalignment report), kept for operator review.

use diesel::prelude::*;

use super::schema::job_reports;
use super::{new_id, DbConn, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = job_reports)]
pub struct JobReport {
    pub id: String,
    pub job_id: String,
    pub account_id: String,
    pub token_id: String,
    pub reason: Option<String>,
    pub created_at: i64,
}

/// Stores a report.
pub fn create(
    conn: &mut DbConn,
    job_id: &str,
    account_id: &str,
    token_id: &str,
    reason: Option<String>,
    at: i64,
) -> Result<JobReport, StoreError> {
    let report = JobReport {
        id: new_id(),
        job_id: job_id.to_string(),
        account_id: account_id.to_string(),
        token_id: token_id.to_string(),
        reason: reason.as_deref().map(super::storable),
        created_at: at,
    };
    diesel::insert_into(job_reports::table)
        .values(&report)
        .execute(conn)?;
    Ok(report)
}

/// The newest reports first.
pub fn list(conn: &mut DbConn, limit: i64) -> Result<Vec<JobReport>, StoreError> {
    Ok(job_reports::table
        .order((job_reports::created_at.desc(), job_reports::id.desc()))
        .limit(limit)
        .select(JobReport::as_select())
        .load(conn)?)
}

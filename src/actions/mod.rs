//! The job actions every surface shares — draft PATCH, publish, live edit, close — as
//! transactions over `store` decided by `domain`, with no HTTP in them. The API handlers and
//! feed sync both call these, so one PATCH rule, one publish rule and one moderation pass hold
//! whoever asks; each caller turns a [`Refusal`] into its own answer.

pub mod close;
pub mod edit;
pub mod publish;

use chrono::NaiveDate;

use crate::catalog::{Catalog, Profile};
use crate::domain::moderation::{Outcome, Rules};
use crate::domain::patch::PatchProblem;
use crate::domain::{Draft, JobStatus, Links, Report};
use crate::store::{quotas, StoreError};

/// How many times an action re-reads and re-applies after losing an optimistic-update race.
const ATTEMPTS: usize = 5;

/// What an action decides with: the catalog, the moderation rules and today's date.
#[derive(Clone, Copy)]
pub struct Policy<'a> {
    pub catalog: &'a Catalog,
    pub rules: &'a Rules,
    pub today: NaiveDate,
    /// The server's public base URL, for the links of a refused report.
    pub public_base: Option<&'a str>,
}

impl Policy<'_> {
    fn profile(&self, name: &str) -> Result<&Profile, Refusal> {
        self.catalog
            .profile(name)
            .ok_or_else(|| Refusal::UnknownProfile(name.to_string()))
    }

    /// The report of `draft` under its profile.
    pub fn report(&self, draft: &Draft) -> Result<Report, Refusal> {
        let profile = self.profile(&draft.profile)?;
        let links = self.public_base.map(|public_url| Links { public_url });
        Ok(Report::build(
            draft,
            self.catalog,
            profile,
            links,
            self.today,
            &[],
        ))
    }
}

/// Why an action changed nothing.
#[derive(Debug)]
pub enum Refusal {
    /// No such job in this account.
    NotFound,
    /// The job is not in the status the action needs.
    WrongStatus {
        job: Box<Draft>,
        required: JobStatus,
    },
    /// PATCH keys that cannot be applied.
    Invalid(Vec<PatchProblem>),
    /// The job would not be (or is not) publish-ready.
    NotReady(Box<Report>),
    /// Moderation blocked a publish.
    Blocked(Outcome),
    /// The account's publish quota is spent.
    Quota(quotas::Window),
    /// `If-Match` named another version (`current` is the job's ETag when known).
    PreconditionFailed {
        current: Option<String>,
    },
    /// Other writers kept changing the job.
    Busy,
    UnknownProfile(String),
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Refusal::NotFound,
            other => Refusal::Store(other),
        }
    }
}

impl From<diesel::result::Error> for Refusal {
    fn from(e: diesel::result::Error) -> Self {
        StoreError::from(e).into()
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotFound => f.write_str("no such job"),
            Refusal::WrongStatus { job, required } => write!(
                f,
                "job {} is {}, not {}",
                job.id,
                job.status.as_str(),
                required.as_str()
            ),
            Refusal::Invalid(problems) => {
                let keys: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
                write!(f, "invalid values: {}", keys.join("; "))
            }
            Refusal::NotReady(report) => {
                let missing = &report.validation.missing_fields;
                write!(f, "not publish-ready (missing: {})", missing.join(", "))
            }
            Refusal::Blocked(_) => f.write_str("moderation blocked the job"),
            Refusal::Quota(_) => f.write_str("the account's publish quota is spent"),
            Refusal::PreconditionFailed { .. } => f.write_str("the job changed since that ETag"),
            Refusal::Busy => f.write_str("the job kept changing; retry"),
            Refusal::UnknownProfile(p) => write!(f, "unknown profile {p:?}"),
            Refusal::Store(e) => write!(f, "{e}"),
        }
    }
}

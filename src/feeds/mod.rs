//! Feed sync in (DESIGN.md §14): an account's registered feed is fetched conditionally, streamed
//! job by job, and reconciled with the jobs it brought in before — new jobs become drafts
//! (published when ready if the feed says so), changed ones are PATCHed or edited live (and
//! moderated again), jobs that left the feed are closed — through the same create path and job
//! actions the API uses. It knows nothing of HTTP serving.

pub mod fetch;
pub mod job;
pub mod run;
pub mod scheduler;
pub mod service;

use jobdraft_parsers::Format;

use crate::domain::batch::BatchKind;

/// The formats a feed may be in, by wire name.
pub const FORMATS: &[&str] = &["indeed_xml", "schema_org_job_posting"];

/// The import format and batch shape of a feed format name.
pub fn feed_format(name: &str) -> Option<(Format, BatchKind)> {
    match name {
        "indeed_xml" => Some((Format::IndeedXml, BatchKind::IndeedFeed)),
        // A JSON array of JobPosting objects, as `/feeds/jobs.jsonld` serves it.
        "schema_org_job_posting" => Some((Format::SchemaOrg, BatchKind::JsonArray)),
        _ => None,
    }
}

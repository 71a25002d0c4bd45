//! The domain: draft lifecycle, create and PATCH semantics, the validator and the report.
//! Pure — no actix, no Diesel, no IO — so every rule here is testable without a server.

pub mod batch;
pub mod claim;
pub mod create;
pub mod create_body;
pub mod ctojobs;
pub mod derive;
pub mod draft;
pub mod draft_form;
pub mod events;
pub mod job_posting;
pub mod limits;
pub mod moderation;
pub mod patch;
pub mod preview;
pub mod public_job;
pub mod report;
pub mod sanitize;
pub mod validate;
pub mod values;
pub mod webhooks;

pub use create::{new_draft, parse_create_body, CreateError, CreateRequest, NewDraftMeta, Payload};
pub use draft::{Draft, ImportInfo, JobStatus, ParserInfo};
pub use patch::{apply_patch, patch_draft, PatchProblem, Patched};
pub use report::{Links, Report};
pub use validate::{validate, Issue, MissingField, Validation};

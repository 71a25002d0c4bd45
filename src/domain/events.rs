//! The events of DESIGN.md §14 (`draft.created` … `job.review_decided`): which ones a change of
//! a job's status means. Pure: the store writes them in the same transaction as the change.

use serde_json::{json, Value};

use super::JobStatus;

/// An event type the ledger records and webhooks subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    DraftCreated,
    DraftUpdated,
    JobPublished,
    JobUpdated,
    JobClosed,
    JobPendingReview,
    JobReviewDecided,
}

impl EventType {
    pub const ALL: &'static [EventType] = &[
        EventType::DraftCreated,
        EventType::DraftUpdated,
        EventType::JobPublished,
        EventType::JobUpdated,
        EventType::JobClosed,
        EventType::JobPendingReview,
        EventType::JobReviewDecided,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            EventType::DraftCreated => "draft.created",
            EventType::DraftUpdated => "draft.updated",
            EventType::JobPublished => "job.published",
            EventType::JobUpdated => "job.updated",
            EventType::JobClosed => "job.closed",
            EventType::JobPendingReview => "job.pending_review",
            EventType::JobReviewDecided => "job.review_decided",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.iter().copied().find(|t| t.as_str() == s)
    }
}

/// One event to record: its type and its `data` (ids and statuses only; the ledger is a doorbell
/// with a position, the job itself is read from the API).
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub kind: EventType,
    pub data: Value,
}

/// The event of a new draft.
pub fn created(status: JobStatus, version: i64) -> NewEvent {
    NewEvent {
        kind: EventType::DraftCreated,
        data: json!({"status": status.as_str(), "version": version}),
    }
}

/// The events a write of a job from `before` to `after` means, in the order they happened.
pub fn for_change(before: JobStatus, after: JobStatus, version: i64) -> Vec<NewEvent> {
    use EventType::*;
    use JobStatus::*;
    let data = |extra: Option<(&str, &str)>| {
        let mut d = json!({
            "status": after.as_str(),
            "previousStatus": before.as_str(),
            "version": version,
        });
        if let (Some((k, v)), Some(map)) = (extra, d.as_object_mut()) {
            map.insert(k.to_string(), json!(v));
        }
        d
    };
    let one = |kind| NewEvent {
        kind,
        data: data(None),
    };
    let decided = |decision| NewEvent {
        kind: JobReviewDecided,
        data: data(Some(("decision", decision))),
    };
    match (before, after) {
        (Draft, Draft) => vec![one(DraftUpdated)],
        (Draft, Open) => vec![one(JobPublished)],
        (Draft | Open, PendingApproval) => vec![one(JobPendingReview)],
        (PendingApproval, Open) => vec![decided("APPROVED"), one(JobPublished)],
        (PendingApproval, Draft) => vec![decided("REJECTED")],
        (_, Archived) if before != Archived => vec![one(JobClosed)],
        // A live edit, a live job moderation sent back to DRAFT, or anything unusual: the job
        // changed and `status`/`previousStatus` say how.
        _ => vec![one(JobUpdated)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(before: JobStatus, after: JobStatus) -> Vec<&'static str> {
        for_change(before, after, 2)
            .into_iter()
            .map(|e| e.kind.as_str())
            .collect()
    }

    #[test]
    fn transitions_name_their_events() {
        use JobStatus::*;
        assert_eq!(kinds(Draft, Draft), ["draft.updated"]);
        assert_eq!(kinds(Draft, Open), ["job.published"]);
        assert_eq!(kinds(Draft, PendingApproval), ["job.pending_review"]);
        assert_eq!(kinds(Open, PendingApproval), ["job.pending_review"]);
        assert_eq!(
            kinds(PendingApproval, Open),
            ["job.review_decided", "job.published"]
        );
        assert_eq!(kinds(PendingApproval, Draft), ["job.review_decided"]);
        assert_eq!(kinds(Open, Open), ["job.updated"]);
        assert_eq!(kinds(Open, Draft), ["job.updated"]);
        for before in [Draft, Open, PendingApproval] {
            assert_eq!(kinds(before, Archived), ["job.closed"]);
        }
    }

    #[test]
    fn review_decisions_say_which() {
        let approved = for_change(JobStatus::PendingApproval, JobStatus::Open, 3);
        assert_eq!(approved[0].data["decision"], "APPROVED");
        assert_eq!(approved[0].data["previousStatus"], "PENDING_APPROVAL");
        let rejected = for_change(JobStatus::PendingApproval, JobStatus::Draft, 3);
        assert_eq!(rejected[0].data["decision"], "REJECTED");
    }

    #[test]
    fn every_type_round_trips() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(*t));
        }
        assert_eq!(EventType::parse("job.deleted"), None);
    }
}

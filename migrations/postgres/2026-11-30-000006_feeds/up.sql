-- Feed sync (issue 13, DESIGN.md §14): registered feeds with their conditional-fetch validators
-- and the lease that keeps one run per feed at a time across replicas, the jobs each feed
-- brought in (by external id, with a hash of the job's source to see changes), and run reports.

CREATE TABLE feeds (
    id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    url TEXT NOT NULL,
    format TEXT NOT NULL,
    -- 0: run only on demand (`jobdraft sync`, POST /feeds/{id}/runs).
    interval_minutes BIGINT NOT NULL,
    auto_publish BOOLEAN NOT NULL,
    etag TEXT,
    last_modified TEXT,
    next_run_at BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until BIGINT,
    last_run_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX feeds_account_url ON feeds(account_id, url);
CREATE INDEX feeds_due ON feeds(next_run_at);

CREATE TABLE feed_items (
    feed_id TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    -- The last run that saw the job in the feed; jobs not seen by a completed run are closed.
    seen_run TEXT NOT NULL,
    PRIMARY KEY (feed_id, external_id)
);

CREATE TABLE feed_runs (
    id TEXT PRIMARY KEY NOT NULL,
    feed_id TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    -- RUNNING, COMPLETED, NOT_MODIFIED or FAILED.
    outcome TEXT NOT NULL,
    created BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0,
    closed BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0,
    -- JSON: [{"index", "externalId", "reason"}] (the first 500) and publish notes.
    failures TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '[]',
    error TEXT
);
CREATE INDEX feed_runs_feed ON feed_runs(feed_id, started_at);

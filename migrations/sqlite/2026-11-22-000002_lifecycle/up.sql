-- Listed (public) jobs: one row per OPEN job, maintained by the service on publish, approval,
-- live edit, close and expiry. Public reads look only here.
CREATE TABLE job_search (
    job_id TEXT PRIMARY KEY NOT NULL REFERENCES jobs(id),
    doc_id BIGINT NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    valid_until BIGINT
);
CREATE INDEX job_search_published ON job_search(published_at, job_id);
CREATE INDEX job_search_valid_until ON job_search(valid_until);

-- Filterable values of listed jobs (category, payType, language, country, employmentType,
-- locationType): filters and facets read this table.
CREATE TABLE job_tags (
    job_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    valid_until BIGINT,
    PRIMARY KEY (kind, value, job_id)
);
CREATE INDEX job_tags_job ON job_tags(job_id);
-- Covering index for the facet GROUP BY (kind, value) with the expiry filter.
CREATE INDEX job_tags_facets ON job_tags(kind, value, valid_until);

-- Lifecycle events for the public change feed (PUBLISHED, UPDATED, CLOSED).
CREATE TABLE job_events (
    id TEXT PRIMARY KEY NOT NULL,
    job_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    occurred_at BIGINT NOT NULL
);
CREATE INDEX job_events_occurred ON job_events(occurred_at, job_id);

-- Fixed-window counters for quotas and throttles, shared by every replica.
CREATE TABLE rate_counters (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_counters_window ON rate_counters(window_start);

-- Moderation decisions that need a human (REVIEW), and how they were resolved.
CREATE TABLE moderation_reviews (
    id TEXT PRIMARY KEY NOT NULL,
    job_id TEXT NOT NULL REFERENCES jobs(id),
    account_id TEXT NOT NULL,
    reasons TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolution TEXT,
    resolution_reason TEXT
);
CREATE INDEX moderation_reviews_job ON moderation_reviews(job_id, created_at);

-- Quality reports on listed jobs (JobHuntr's misalignment report).
CREATE TABLE job_reports (
    id TEXT PRIMARY KEY NOT NULL,
    job_id TEXT NOT NULL REFERENCES jobs(id),
    account_id TEXT NOT NULL,
    token_id TEXT NOT NULL,
    reason TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX job_reports_job ON job_reports(job_id, created_at);

-- Full-text search (SQLite): an FTS5 index whose rowid is job_search.doc_id, kept in step by triggers.
CREATE VIRTUAL TABLE job_fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER job_search_fts_insert AFTER INSERT ON job_search BEGIN
    INSERT INTO job_fts(rowid, title, body) VALUES (new.doc_id, new.title, new.body);
END;
CREATE TRIGGER job_search_fts_delete AFTER DELETE ON job_search BEGIN
    DELETE FROM job_fts WHERE rowid = old.doc_id;
END;
CREATE TRIGGER job_search_fts_update AFTER UPDATE ON job_search BEGIN
    DELETE FROM job_fts WHERE rowid = old.doc_id;
    INSERT INTO job_fts(rowid, title, body) VALUES (new.doc_id, new.title, new.body);
END;

-- Search and facets at 100k listed jobs (issue 5).

-- Same numbering as SQLite (published_at << 20 | 20 hash bits); PostgreSQL orders by
-- published_at itself, doc_id only has to stay unique.
UPDATE job_search SET doc_id = (published_at << 20) | (doc_id & 1048575);

-- Tags carry the listing's order keys, so one tag's jobs can be walked newest first from an index.
ALTER TABLE job_tags ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job_tags ADD COLUMN doc_id BIGINT NOT NULL DEFAULT 0;
UPDATE job_tags t SET published_at = s.published_at, doc_id = s.doc_id
FROM job_search s WHERE s.job_id = t.job_id;
CREATE INDEX job_tags_browse ON job_tags(kind, value, published_at, job_id, valid_until);
CREATE INDEX job_tags_valid_until ON job_tags(valid_until);
DROP INDEX job_tags_facets;
-- Tag walks read ~1,000-2,000 index entries: starting parallel workers cost more (15 ms) than the
-- walk itself (measured at 100k), so never plan a parallel scan of job_tags.
ALTER TABLE job_tags SET (parallel_workers = 0);

-- Facet counters: listed jobs per (kind, value), and the total under ('', ''), changed in the
-- transaction that lists or unlists a job. Jobs past validThrough but not yet swept are
-- subtracted at read time (job_tags_valid_until, job_search_valid_until).
CREATE TABLE facet_counts (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (kind, value)
);
INSERT INTO facet_counts (kind, value, n) SELECT kind, value, COUNT(*) FROM job_tags GROUP BY kind, value;
INSERT INTO facet_counts (kind, value, n) SELECT '', '', COUNT(*) FROM job_search;

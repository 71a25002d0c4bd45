-- Search and facets at 100k listed jobs (issue 5).

-- FTS5 rowids (job_search.doc_id) in publication order: published_at (ms) << 20 plus 20 bits of
-- the job id's hash, so FTS5 can stream the newest matches first (ORDER BY rowid DESC) and
-- rank only those. Renumbering re-indexes every document through the update trigger.
UPDATE job_search SET doc_id = (published_at << 20) | (doc_id & 1048575);

-- Tags carry the listing's order keys, so one tag's jobs can be walked newest first from an
-- index (browse with filters) and turned into an FTS5 rowid set (search with filters).
ALTER TABLE job_tags ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job_tags ADD COLUMN doc_id BIGINT NOT NULL DEFAULT 0;
UPDATE job_tags SET
    published_at = (SELECT s.published_at FROM job_search s WHERE s.job_id = job_tags.job_id),
    doc_id = (SELECT s.doc_id FROM job_search s WHERE s.job_id = job_tags.job_id)
WHERE EXISTS (SELECT 1 FROM job_search s WHERE s.job_id = job_tags.job_id);
CREATE INDEX job_tags_browse ON job_tags(kind, value, published_at, job_id, valid_until);
CREATE INDEX job_tags_doc ON job_tags(kind, value, doc_id);
CREATE INDEX job_tags_valid_until ON job_tags(valid_until);
-- Facets no longer GROUP BY the tags.
DROP INDEX job_tags_facets;

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

DROP TABLE facet_counts;
ALTER TABLE job_tags RESET (parallel_workers);
CREATE INDEX job_tags_facets ON job_tags(kind, value, valid_until);
DROP INDEX job_tags_valid_until;
DROP INDEX job_tags_browse;
ALTER TABLE job_tags DROP COLUMN doc_id;
ALTER TABLE job_tags DROP COLUMN published_at;

DROP TABLE IF EXISTS job_reports;
DROP TABLE IF EXISTS moderation_reviews;
DROP TABLE IF EXISTS rate_counters;
DROP TABLE IF EXISTS job_events;
DROP TABLE IF EXISTS job_tags;
DROP TABLE IF EXISTS job_search;

DROP TABLE jobs;
DROP TABLE api_tokens;
DROP TABLE accounts;

-- Accounts own tokens and jobs.
CREATE TABLE accounts (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- API tokens: only the SHA-256 of the secret is kept.
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    preview TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_account ON api_tokens(account_id);

-- Drafts and published jobs are one row with a status.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    profile TEXT NOT NULL,
    fields TEXT NOT NULL,
    notes TEXT NOT NULL,
    import_format TEXT NOT NULL,
    external_id TEXT,
    idempotency_key TEXT,
    request_hash TEXT,
    raw_source TEXT NOT NULL,
    review_token TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT,
    closed_at BIGINT
);
-- Idempotency holds across replicas because the database enforces it.
CREATE UNIQUE INDEX jobs_idempotency ON jobs(account_id, idempotency_key);
CREATE INDEX jobs_account_created ON jobs(account_id, created_at, id);
CREATE INDEX jobs_status ON jobs(status);

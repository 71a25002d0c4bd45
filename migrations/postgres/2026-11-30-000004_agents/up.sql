-- Agents on their own (issue 10): account owners and claim state, token expiry and issuing
-- client, the claim ceremony, and the expiry of drafts made through CTOJobsHQ's flow.

-- Operator-made accounts existed before self-registration and are claimed from the start.
ALTER TABLE accounts ADD COLUMN owner_email TEXT;
ALTER TABLE accounts ADD COLUMN owner_name TEXT;
ALTER TABLE accounts ADD COLUMN claimed BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE accounts ADD COLUMN origin TEXT NOT NULL DEFAULT 'operator';
-- One claimed account per e-mail (email_already_registered), enforced by the database.
CREATE UNIQUE INDEX accounts_claimed_email ON accounts(owner_email) WHERE claimed;

ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
-- The client a token was issued to (CTOJobsHQ's client.name): re-issuing revokes the previous one.
ALTER TABLE api_tokens ADD COLUMN client_name TEXT;

-- One claim ceremony per self-registered account. Secrets are stored only as SHA-256.
CREATE TABLE agent_claims (
    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
    claim_token_hash TEXT NOT NULL UNIQUE,
    claim_token_expires_at BIGINT NOT NULL,
    email TEXT,
    user_code_hash TEXT,
    verification_hash TEXT UNIQUE,
    code_expires_at BIGINT,
    failed_attempts BIGINT NOT NULL DEFAULT 0,
    confirmed_at BIGINT,
    delivered_at BIGINT,
    last_polled_at BIGINT,
    created_at BIGINT NOT NULL
);

-- Drafts that expire unless published (CTOJobsHQ's 7 days).
CREATE TABLE draft_expiries (
    job_id TEXT PRIMARY KEY NOT NULL REFERENCES jobs(id),
    expires_at BIGINT NOT NULL
);
CREATE INDEX draft_expiries_at ON draft_expiries(expires_at);

DROP TABLE draft_expiries;
DROP TABLE agent_claims;
ALTER TABLE api_tokens DROP COLUMN client_name;
ALTER TABLE api_tokens DROP COLUMN expires_at;
DROP INDEX accounts_claimed_email;
ALTER TABLE accounts DROP COLUMN origin;
ALTER TABLE accounts DROP COLUMN claimed;
ALTER TABLE accounts DROP COLUMN owner_name;
ALTER TABLE accounts DROP COLUMN owner_email;

-- Whose an Idempotency-Key is, and who holds a running one.

-- SHA-256 (hex) of the caller that sent the key first: "account:<id>", "liaison:<id>",
-- "receipt:<token hash>" or "anonymous". A stored answer is replayed only to that caller, since it
-- may carry a receipt token. NULL on records kept from before: their fingerprint names the account.
ALTER TABLE idempotency_record ADD COLUMN caller text;

-- The database session that claimed a running key (its backend pid, and when that backend started,
-- as pids are reused). A claim whose session is gone was left by a node that died or by a database
-- that restarted: a retry takes it over at once instead of waiting out the lease.
ALTER TABLE idempotency_record ADD COLUMN holder_pid integer;
ALTER TABLE idempotency_record ADD COLUMN holder_started timestamptz;

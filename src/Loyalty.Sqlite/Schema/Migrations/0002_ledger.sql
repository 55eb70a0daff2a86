-- The points ledger: entries (in the member's history), balances per account, open lots, open holds and the
-- program-wide idempotency keys.

ALTER TABLE history ADD COLUMN entry_id TEXT;
ALTER TABLE history ADD COLUMN account TEXT;
ALTER TABLE history ADD COLUMN entry_kind INTEGER;
ALTER TABLE history ADD COLUMN points INTEGER;
ALTER TABLE history ADD COLUMN idempotency_key TEXT;
ALTER TABLE history ADD COLUMN settles TEXT;
ALTER TABLE history ADD COLUMN expires_on TEXT;
ALTER TABLE history ADD COLUMN due_at INTEGER;
ALTER TABLE history ADD COLUMN allocations TEXT;

CREATE INDEX history_by_entry ON history (program_id, member_id, entry_id) WHERE entry_id IS NOT NULL;
CREATE INDEX history_by_settled ON history (program_id, member_id, settles) WHERE settles IS NOT NULL;

CREATE TABLE balances (
    program_id TEXT    NOT NULL,
    member_id  TEXT    NOT NULL,
    account    TEXT    NOT NULL,
    earned     INTEGER NOT NULL,
    pending    INTEGER NOT NULL,
    reserved   INTEGER NOT NULL,
    spent      INTEGER NOT NULL,
    expired    INTEGER NOT NULL,
    deducted   INTEGER NOT NULL,
    PRIMARY KEY (program_id, member_id, account)
) WITHOUT ROWID;

CREATE TABLE lots (
    program_id TEXT    NOT NULL,
    member_id  TEXT    NOT NULL,
    lot_id     TEXT    NOT NULL,
    account    TEXT    NOT NULL,
    points     INTEGER NOT NULL,
    remaining  INTEGER NOT NULL,
    reserved   INTEGER NOT NULL,
    earned_at  INTEGER NOT NULL,
    expires_on TEXT,
    expires_at INTEGER,
    PRIMARY KEY (program_id, member_id, lot_id)
) WITHOUT ROWID;

CREATE INDEX lots_by_expiry ON lots (program_id, member_id, expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE holds (
    program_id TEXT    NOT NULL,
    member_id  TEXT    NOT NULL,
    entry_id   TEXT    NOT NULL,
    sequence   INTEGER NOT NULL,
    due_at     INTEGER,
    PRIMARY KEY (program_id, member_id, entry_id)
) WITHOUT ROWID;

CREATE TABLE idempotency (
    program_id  TEXT    NOT NULL,
    key         TEXT    NOT NULL,
    member_id   TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    result      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (program_id, key)
) WITHOUT ROWID;

CREATE INDEX idempotency_by_member ON idempotency (program_id, member_id);

CREATE INDEX members_by_tier_review ON members (program_id, tier_review_at) WHERE tier_review_at IS NOT NULL;

-- Members, their unique lookups, their history and the event outbox.
-- Every member-owned row is keyed by (program_id, member_id); program-wide unique values live in their own tables.
-- Instants are INTEGER Unix ticks (100 ns, UTC); local dates are ISO 'yyyy-MM-dd' TEXT.

CREATE TABLE members (
    program_id         TEXT    NOT NULL,
    member_id          TEXT    NOT NULL,
    status             INTEGER NOT NULL,
    email              TEXT,
    email_normalized   TEXT,
    external_reference TEXT,
    external_ids       TEXT,
    first_name         TEXT,
    last_name          TEXT,
    phone              TEXT,
    birthday           TEXT,
    language           TEXT,
    metadata           TEXT,
    attributes         TEXT,
    referred_by        TEXT,
    tier               TEXT,
    tier_since         INTEGER,
    tier_review_at     INTEGER,
    pinned_tier        TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    enrolled_at        INTEGER,
    last_activity_at   INTEGER,
    last_sequence      INTEGER NOT NULL,
    PRIMARY KEY (program_id, member_id)
) WITHOUT ROWID;

CREATE TABLE lookups (
    program_id TEXT    NOT NULL,
    kind       INTEGER NOT NULL,
    value      TEXT    NOT NULL,
    member_id  TEXT    NOT NULL,
    PRIMARY KEY (program_id, kind, value)
) WITHOUT ROWID;

CREATE TABLE history (
    program_id     TEXT    NOT NULL,
    member_id      TEXT    NOT NULL,
    sequence       INTEGER NOT NULL,
    kind           INTEGER NOT NULL,
    occurred_at    INTEGER NOT NULL,
    actor          TEXT,
    reason         TEXT,
    from_status    INTEGER,
    to_status      INTEGER,
    from_tier      TEXT,
    to_tier        TEXT,
    changed_fields TEXT,
    PRIMARY KEY (program_id, member_id, sequence)
) WITHOUT ROWID;

CREATE TABLE outbox (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id  TEXT    NOT NULL,
    event_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    member_id   TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    payload     TEXT    NOT NULL
);

CREATE INDEX outbox_by_program ON outbox (program_id, position);
CREATE INDEX outbox_by_member ON outbox (program_id, member_id);

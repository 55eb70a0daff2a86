-- The store's first schema. {schema} is replaced by the quoted schema name.
--
-- Every member-owned row carries (program_id, member_id) as the start of its key, and each write touches one member's
-- rows; the program-wide unique values (lookups, idempotency keys) live in tables keyed by that value. Identifiers use
-- the "C" collation so that ordering is ordinal, as the engine expects. Times are timestamptz (microseconds).

CREATE TABLE {schema}.members (
    program_id          text COLLATE "C" NOT NULL,
    member_id           text COLLATE "C" NOT NULL,
    status              smallint NOT NULL,
    email               text,
    email_normalized    text COLLATE "C",
    external_reference  text,
    external_ids        json NOT NULL,
    first_name          text,
    last_name           text,
    phone               text,
    birthday            date,
    language            text,
    metadata            json NOT NULL,
    attributes          json NOT NULL,
    referred_by         text COLLATE "C",
    tier                text COLLATE "C",
    tier_since          timestamptz,
    tier_review_at      timestamptz,
    pinned_tier         text COLLATE "C",
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    enrolled_at         timestamptz,
    last_activity_at    timestamptz,
    last_sequence       bigint NOT NULL,
    CONSTRAINT members_pkey PRIMARY KEY (program_id, member_id)
);

CREATE INDEX members_tier_review_due ON {schema}.members (program_id, tier_review_at) WHERE tier_review_at IS NOT NULL;

-- Activities and ledger entries in one ordered history per member; ledger rows (kind 4) carry the entry columns.
CREATE TABLE {schema}.history (
    program_id          text COLLATE "C" NOT NULL,
    member_id           text COLLATE "C" NOT NULL,
    sequence            bigint NOT NULL,
    kind                smallint NOT NULL,
    occurred_at         timestamptz NOT NULL,
    actor               text,
    reason              text,
    from_status         smallint,
    to_status           smallint,
    from_tier           text,
    to_tier             text,
    changed_fields      text[],
    entry_id            uuid,
    account             text COLLATE "C",
    entry_kind          smallint,
    points              bigint,
    idempotency_key     text COLLATE "C",
    settles             uuid,
    expires_on          date,
    due_at              timestamptz,
    allocation_lots     uuid[],
    allocation_points   bigint[],
    CONSTRAINT history_pkey PRIMARY KEY (program_id, member_id, sequence),
    CONSTRAINT history_ledger_entry CHECK ((kind = 4) = (entry_id IS NOT NULL))
);

CREATE INDEX history_entry ON {schema}.history (program_id, member_id, entry_id) WHERE entry_id IS NOT NULL;
CREATE INDEX history_settles ON {schema}.history (program_id, member_id, settles) WHERE settles IS NOT NULL;
CREATE INDEX history_earned ON {schema}.history (program_id, member_id, account, occurred_at) WHERE entry_kind IN (1, 3, 11);

CREATE TABLE {schema}.balances (
    program_id          text COLLATE "C" NOT NULL,
    member_id           text COLLATE "C" NOT NULL,
    account             text COLLATE "C" NOT NULL,
    earned              bigint NOT NULL,
    pending             bigint NOT NULL,
    reserved            bigint NOT NULL,
    spent               bigint NOT NULL,
    expired             bigint NOT NULL,
    deducted            bigint NOT NULL,
    CONSTRAINT balances_pkey PRIMARY KEY (program_id, member_id, account)
);

-- Open lots only: a lot with nothing remaining is deleted.
CREATE TABLE {schema}.lots (
    program_id          text COLLATE "C" NOT NULL,
    member_id           text COLLATE "C" NOT NULL,
    lot_id              uuid NOT NULL,
    account             text COLLATE "C" NOT NULL,
    points              bigint NOT NULL,
    remaining           bigint NOT NULL,
    reserved            bigint NOT NULL,
    earned_at           timestamptz NOT NULL,
    expires_on          date,
    expires_at          timestamptz,
    CONSTRAINT lots_pkey PRIMARY KEY (program_id, member_id, lot_id),
    CONSTRAINT lots_amounts CHECK (remaining > 0 AND reserved >= 0 AND reserved <= remaining AND remaining <= points)
);

CREATE INDEX lots_expiry_due ON {schema}.lots (program_id, expires_at) WHERE expires_at IS NOT NULL;

-- Unsettled pending earns and reservations; the entry itself is the history row with this sequence.
CREATE TABLE {schema}.open_holds (
    program_id          text COLLATE "C" NOT NULL,
    member_id           text COLLATE "C" NOT NULL,
    entry_id            uuid NOT NULL,
    sequence            bigint NOT NULL,
    due_at              timestamptz,
    CONSTRAINT open_holds_pkey PRIMARY KEY (program_id, member_id, entry_id)
);

CREATE INDEX open_holds_due ON {schema}.open_holds (program_id, due_at) WHERE due_at IS NOT NULL;

-- Program-wide unique lookups (1 email, 2 external reference, 3 named external id), keyed by value.
CREATE TABLE {schema}.lookups (
    program_id          text COLLATE "C" NOT NULL,
    kind                smallint NOT NULL,
    value               text COLLATE "C" NOT NULL,
    member_id           text COLLATE "C" NOT NULL,
    CONSTRAINT lookups_pkey PRIMARY KEY (program_id, kind, value)
);

CREATE INDEX lookups_member ON {schema}.lookups (program_id, member_id);

-- Program-wide idempotency keys, keyed by value.
CREATE TABLE {schema}.idempotency_keys (
    program_id          text COLLATE "C" NOT NULL,
    idempotency_key     text COLLATE "C" NOT NULL,
    member_id           text COLLATE "C" NOT NULL,
    fingerprint         text NOT NULL,
    result              text NOT NULL,
    created_at          timestamptz NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (program_id, idempotency_key)
);

CREATE INDEX idempotency_keys_member ON {schema}.idempotency_keys (program_id, member_id);

-- Domain events. Writers insert without a position; readers give committed events their position in commit order
-- (under the program's outbox_heads row lock), so a reader polling "after position N" never skips a late commit.
CREATE TABLE {schema}.outbox (
    program_id          text COLLATE "C" NOT NULL,
    member_id           text COLLATE "C" NOT NULL,
    event_id            uuid NOT NULL,
    insert_seq          bigint GENERATED ALWAYS AS IDENTITY,
    position            bigint,
    type                text NOT NULL,
    occurred_at         timestamptz NOT NULL,
    payload             json NOT NULL,
    CONSTRAINT outbox_pkey PRIMARY KEY (program_id, member_id, event_id)
);

CREATE UNIQUE INDEX outbox_position ON {schema}.outbox (program_id, position) WHERE position IS NOT NULL;
CREATE INDEX outbox_unsequenced ON {schema}.outbox (program_id, insert_seq) WHERE position IS NULL;

CREATE TABLE {schema}.outbox_heads (
    program_id          text COLLATE "C" NOT NULL,
    last_position       bigint NOT NULL,
    CONSTRAINT outbox_heads_pkey PRIMARY KEY (program_id)
);

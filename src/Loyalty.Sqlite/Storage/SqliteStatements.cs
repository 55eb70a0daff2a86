namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>The store's SQL. Each statement is a constant so that a session caches and prepares it once.</summary>
internal static class SqliteStatements
{
    public const string Begin = "BEGIN IMMEDIATE";
    public const string Commit = "COMMIT";
    public const string Rollback = "ROLLBACK";
    public const string Savepoint = "SAVEPOINT change_set";
    public const string ReleaseSavepoint = "RELEASE change_set";
    public const string RollbackToSavepoint = "ROLLBACK TO change_set";

    public const string SelectMember =
        "SELECT " + MemberRows.Columns + " FROM members WHERE program_id = $program AND member_id = $member";

    public const string InsertMember =
        "INSERT INTO members (program_id, email_normalized, " + MemberRows.Columns + ") VALUES ($program, $email_normalized, " + MemberRows.Parameters + ")";

    public const string UpdateMember =
        "UPDATE members SET " + MemberRows.Assignments + " WHERE program_id = $program AND member_id = $member";

    public const string UpdateLastSequence =
        "UPDATE members SET last_sequence = $last_sequence WHERE program_id = $program AND member_id = $member";

    public const string SelectLookup =
        "SELECT member_id FROM lookups WHERE program_id = $program AND kind = $kind AND value = $value";

    public const string InsertLookup =
        "INSERT INTO lookups (program_id, kind, value, member_id) VALUES ($program, $kind, $value, $member) ON CONFLICT DO NOTHING";

    public const string DeleteLookup =
        "DELETE FROM lookups WHERE program_id = $program AND kind = $kind AND value = $value AND member_id = $member";

    public const string SelectIdempotency =
        "SELECT member_id, fingerprint, result, created_at FROM idempotency WHERE program_id = $program AND key = $key";

    public const string InsertIdempotency =
        "INSERT INTO idempotency (program_id, key, member_id, fingerprint, result, created_at) VALUES ($program, $key, $member, $fingerprint, $result, $created_at) ON CONFLICT DO NOTHING";

    public const string InsertHistory =
        "INSERT INTO history (program_id, member_id, " + LedgerRows.HistoryColumns + ") VALUES ($program, $member, " + LedgerRows.HistoryParameters + ")";

    public const string SelectHistory =
        "SELECT " + LedgerRows.HistoryColumns + " FROM history WHERE program_id = $program AND member_id = $member AND sequence > $after ORDER BY sequence LIMIT $limit";

    public const string SelectLedgerHistory =
        "SELECT " + LedgerRows.HistoryColumns + " FROM history WHERE program_id = $program AND member_id = $member AND sequence > $after AND entry_id IS NOT NULL ORDER BY sequence LIMIT $limit";

    public const string SelectEntry =
        "SELECT " + LedgerRows.HistoryColumns + " FROM history WHERE program_id = $program AND member_id = $member AND entry_id = $entry ORDER BY sequence DESC LIMIT 1";

    public const string SelectSettlements =
        "SELECT " + LedgerRows.HistoryColumns + " FROM history WHERE program_id = $program AND member_id = $member AND settles = $entry ORDER BY sequence";

    public const string SumEarnedSince =
        "SELECT COALESCE(SUM(CASE WHEN entry_kind IN (1, 3) THEN points WHEN entry_kind = 11 THEN -points ELSE 0 END), 0) FROM history "
        + "WHERE program_id = $program AND member_id = $member AND account = $account AND entry_id IS NOT NULL AND occurred_at >= $since";

    public const string SelectBalance =
        "SELECT " + LedgerRows.BalanceColumns + " FROM balances WHERE program_id = $program AND member_id = $member AND account = $account";

    /// <summary>The hot read on SQLite's own API (<see cref="SqliteBalanceStatement"/>): one primary-key probe; positional parameters.</summary>
    public const string SelectBalanceByIndex =
        "SELECT " + LedgerRows.BalanceColumns + " FROM balances WHERE program_id = ?1 AND member_id = ?2 AND account = ?3";

    /// <summary>The hot read's fallback when there is no balance row: one indexed probe that tells a missing member (no row) from an unused account (nulls).</summary>
    public const string SelectMemberBalance =
        "SELECT b.earned, b.pending, b.reserved, b.spent, b.expired, b.deducted FROM members m "
        + "LEFT JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id AND b.account = $account "
        + "WHERE m.program_id = $program AND m.member_id = $member";

    public const string SelectBalances =
        "SELECT account, " + LedgerRows.BalanceColumns + " FROM balances WHERE program_id = $program AND member_id = $member ORDER BY account";

    public const string UpsertBalance =
        "INSERT INTO balances (program_id, member_id, account, " + LedgerRows.BalanceColumns + ") "
        + "VALUES ($program, $member, $account, $earned, $pending, $reserved, $spent, $expired, $deducted) "
        + "ON CONFLICT (program_id, member_id, account) DO UPDATE SET earned = excluded.earned, pending = excluded.pending, "
        + "reserved = excluded.reserved, spent = excluded.spent, expired = excluded.expired, deducted = excluded.deducted";

    public const string SelectLots =
        "SELECT " + LedgerRows.LotColumns + " FROM lots WHERE program_id = $program AND member_id = $member";

    public const string SelectAccountLots =
        "SELECT " + LedgerRows.LotColumns + " FROM lots WHERE program_id = $program AND member_id = $member AND account = $account";

    public const string UpsertLot =
        "INSERT INTO lots (program_id, member_id, " + LedgerRows.LotColumns + ") "
        + "VALUES ($program, $member, $lot, $account, $points, $remaining, $reserved, $earned_at, $expires_on, $expires_at) "
        + "ON CONFLICT (program_id, member_id, lot_id) DO UPDATE SET remaining = excluded.remaining, reserved = excluded.reserved, "
        + "points = excluded.points, expires_on = excluded.expires_on, expires_at = excluded.expires_at";

    /// <summary>Deletes up to <see cref="LotsPerDelete"/> lots of one member; the lot parameters not used are bound to null.</summary>
    public const string DeleteLots =
        "DELETE FROM lots WHERE program_id = $program AND member_id = $member AND lot_id IN ($lot0, $lot1, $lot2, $lot3, $lot4, $lot5, $lot6, $lot7)";

    /// <summary>The lot parameters of <see cref="DeleteLots"/>, in order.</summary>
    public static readonly string[] DeleteLotsParameters = ["$lot0", "$lot1", "$lot2", "$lot3", "$lot4", "$lot5", "$lot6", "$lot7"];

    public const int LotsPerDelete = 8;

    public const string SelectHolds =
        "SELECT h.sequence, h.kind, h.occurred_at, h.actor, h.reason, h.from_status, h.to_status, h.from_tier, h.to_tier, h.changed_fields, "
        + "h.entry_id, h.account, h.entry_kind, h.points, h.idempotency_key, h.settles, h.expires_on, h.due_at, h.allocations "
        + "FROM holds o JOIN history h ON h.program_id = o.program_id AND h.member_id = o.member_id AND h.sequence = o.sequence "
        + "WHERE o.program_id = $program AND o.member_id = $member ORDER BY o.sequence";

    public const string InsertHold =
        "INSERT INTO holds (program_id, member_id, entry_id, sequence, due_at) VALUES ($program, $member, $entry, $sequence, $due_at)";

    public const string DeleteHold =
        "DELETE FROM holds WHERE program_id = $program AND member_id = $member AND entry_id = $entry";

    public const string InsertOutbox =
        "INSERT INTO outbox (program_id, event_id, type, member_id, occurred_at, payload) VALUES ($program, $event, $type, $member, $occurred_at, $payload)";

    public const string SelectOutbox =
        "SELECT position, event_id, type, member_id, occurred_at, payload FROM outbox WHERE program_id = $program AND position > $after ORDER BY position LIMIT $limit";

    /// <summary>Members with a lot past its expiry and points available, in identifier order (the expiry index, member by member).</summary>
    public const string SelectMembersWithExpiringLots =
        "SELECT DISTINCT member_id FROM lots WHERE program_id = $program AND member_id > $after AND expires_at <= $as_of AND remaining > reserved "
        + "ORDER BY member_id LIMIT $limit";

    /// <summary>Members with a hold past its due time, in identifier order.</summary>
    public const string SelectMembersWithDueHolds =
        "SELECT DISTINCT member_id FROM holds WHERE program_id = $program AND member_id > $after AND due_at <= $as_of ORDER BY member_id LIMIT $limit";

    /// <summary>Members past their tier review, in identifier order.</summary>
    public const string SelectMembersWithTierReviews =
        "SELECT member_id FROM members WHERE program_id = $program AND member_id > $after AND tier_review_at <= $as_of ORDER BY member_id LIMIT $limit";

    /// <summary>
    /// Every member with the snapshot account's balance and soonest expiry, in identifier order, read as one stream. The
    /// expiry is one correlated subquery per member, giving the date and the points available in the lots expiring then
    /// as one text (<c>yyyy-MM-dd:points</c>): a second subquery comparing against the first's date would be flattened
    /// into re-running the first for every lot it reads.
    /// </summary>
    public const string SelectSnapshotRows =
        "SELECT " + MemberRows.Columns + ", earned, pending, reserved, spent, expired, deducted, next_expiry "
        + "FROM (SELECT m.*, b.earned, b.pending, b.reserved, b.spent, b.expired, b.deducted, "
        + "(SELECT l.expires_on || ':' || SUM(l.remaining - l.reserved) FROM lots l WHERE l.program_id = m.program_id AND l.member_id = m.member_id "
        + "AND l.account = $account AND l.remaining > l.reserved AND l.expires_on IS NOT NULL GROUP BY l.expires_on ORDER BY l.expires_on LIMIT 1) AS next_expiry "
        + "FROM members m LEFT JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id AND b.account = $account "
        + "WHERE m.program_id = $program) s ORDER BY member_id";

    /// <summary>The statements that move every row of a member to another identifier (anonymizing opt-out).</summary>
    public static readonly string[] RenameMember =
    [
        "UPDATE members SET member_id = $to WHERE program_id = $program AND member_id = $member",
        "UPDATE history SET member_id = $to WHERE program_id = $program AND member_id = $member",
        "UPDATE balances SET member_id = $to WHERE program_id = $program AND member_id = $member",
        "UPDATE lots SET member_id = $to WHERE program_id = $program AND member_id = $member",
        "UPDATE holds SET member_id = $to WHERE program_id = $program AND member_id = $member",
        "UPDATE idempotency SET member_id = $to WHERE program_id = $program AND member_id = $member",
        "UPDATE outbox SET member_id = $to WHERE program_id = $program AND member_id = $member",
    ];
}

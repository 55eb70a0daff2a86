using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>Reads and writes history rows (activities and ledger entries), lots and balances.</summary>
internal static class LedgerRows
{
    public const string HistoryColumns =
        "sequence, kind, occurred_at, actor, reason, from_status, to_status, from_tier, to_tier, changed_fields, "
        + "entry_id, account, entry_kind, points, idempotency_key, settles, expires_on, due_at, allocations";

    public const string HistoryParameters =
        "$sequence, $kind, $occurred_at, $actor, $reason, $from_status, $to_status, $from_tier, $to_tier, $changed_fields, "
        + "$entry_id, $account, $entry_kind, $points, $idempotency_key, $settles, $expires_on, $due_at, $allocations";

    public const string LotColumns = "lot_id, account, points, remaining, reserved, earned_at, expires_on, expires_at";

    public const string BalanceColumns = "earned, pending, reserved, spent, expired, deducted";

    public static ActivityEntry ReadActivity(SqliteDataReader reader, MemberId memberId)
    {
        var sequence = reader.GetInt64(0);
        var occurredAt = StoreValues.Instant(reader.GetInt64(2));
        var actor = reader.GetNullableString(3);
        var reason = reader.GetNullableString(4);
        if (!reader.IsDBNull(10))
        {
            return new ActivityEntry
            {
                Sequence = sequence,
                Kind = ActivityKind.Ledger,
                OccurredAt = occurredAt,
                Actor = actor,
                Reason = reason,
                LedgerEntry = ReadEntry(reader, memberId, sequence, occurredAt, actor, reason),
            };
        }

        return new ActivityEntry
        {
            Sequence = sequence,
            Kind = (ActivityKind)reader.GetInt32(1),
            OccurredAt = occurredAt,
            Actor = actor,
            Reason = reason,
            FromStatus = reader.IsDBNull(5) ? null : (MemberStatus)reader.GetInt32(5),
            ToStatus = reader.IsDBNull(6) ? null : (MemberStatus)reader.GetInt32(6),
            FromTier = reader.GetNullableString(7),
            ToTier = reader.GetNullableString(8),
            ChangedFields = StoreValues.Fields(reader.GetNullableString(9)),
        };
    }

    /// <summary>Reads the ledger entry of a history row read with <see cref="HistoryColumns"/>.</summary>
    public static LedgerEntry ReadEntry(SqliteDataReader reader, MemberId memberId) =>
        ReadEntry(reader, memberId, reader.GetInt64(0), StoreValues.Instant(reader.GetInt64(2)), reader.GetNullableString(3), reader.GetNullableString(4));

    public static void BindActivity(SqliteWriteStatement command, ActivityEntry activity)
    {
        command.Set("$sequence", activity.Sequence)
            .Set("$kind", (int)activity.Kind)
            .Set("$occurred_at", StoreValues.Ticks(activity.OccurredAt))
            .Set("$actor", StoreValues.Text(activity.Actor))
            .Set("$reason", StoreValues.Text(activity.Reason))
            .Set("$from_status", activity.FromStatus is { } from ? (int)from : DBNull.Value)
            .Set("$to_status", activity.ToStatus is { } to ? (int)to : DBNull.Value)
            .Set("$from_tier", StoreValues.Text(activity.FromTier))
            .Set("$to_tier", StoreValues.Text(activity.ToTier))
            .Set("$changed_fields", StoreValues.Fields(activity.ChangedFields));
        BindNoEntry(command);
    }

    public static void BindEntry(SqliteWriteStatement command, LedgerEntry entry)
    {
        command.Set("$sequence", entry.Sequence)
            .Set("$kind", (int)ActivityKind.Ledger)
            .Set("$occurred_at", StoreValues.Ticks(entry.OccurredAt))
            .Set("$actor", StoreValues.Text(entry.Actor))
            .Set("$reason", StoreValues.Text(entry.Reason))
            .Set("$from_status", null)
            .Set("$to_status", null)
            .Set("$from_tier", null)
            .Set("$to_tier", null)
            .Set("$changed_fields", null)
            .Set("$entry_id", StoreValues.Id(entry.Id))
            .Set("$account", entry.Account.Value)
            .Set("$entry_kind", (int)entry.Kind)
            .Set("$points", entry.Points)
            .Set("$idempotency_key", entry.IdempotencyKey is { } key ? key.Value : DBNull.Value)
            .Set("$settles", StoreValues.Id(entry.Settles))
            .Set("$expires_on", StoreValues.Date(entry.ExpiresOn))
            .Set("$due_at", StoreValues.Ticks(entry.DueAt))
            .Set("$allocations", StoreValues.Allocations(entry.Allocations));
    }

    public static Lot ReadLot(SqliteDataReader reader) => new()
    {
        Id = StoreValues.EntryId(reader.GetString(0)),
        Account = AccountName.Parse(reader.GetString(1)),
        Points = reader.GetInt64(2),
        Remaining = reader.GetInt64(3),
        Reserved = reader.GetInt64(4),
        EarnedAt = StoreValues.Instant(reader.GetInt64(5)),
        ExpiresOn = reader.GetNullableString(6) is { } on ? StoreValues.Date(on) : null,
        ExpiresAt = reader.IsDBNull(7) ? null : StoreValues.Instant(reader.GetInt64(7)),
    };

    public static void BindLot(SqliteWriteStatement command, Lot lot)
    {
        command.Set("$lot", StoreValues.Id(lot.Id))
            .Set("$account", lot.Account.Value)
            .Set("$points", lot.Points)
            .Set("$remaining", lot.Remaining)
            .Set("$reserved", lot.Reserved)
            .Set("$earned_at", StoreValues.Ticks(lot.EarnedAt))
            .Set("$expires_on", StoreValues.Date(lot.ExpiresOn))
            .Set("$expires_at", StoreValues.Ticks(lot.ExpiresAt));
    }

    /// <summary>Reads a balance whose six columns (<see cref="BalanceColumns"/>) start at <paramref name="offset"/>; all null reads as zero.</summary>
    public static PointsBalance ReadBalance(SqliteDataReader reader, int offset) =>
        reader.IsDBNull(offset)
            ? default
            : new PointsBalance(
                reader.GetInt64(offset),
                reader.GetInt64(offset + 1),
                reader.GetInt64(offset + 2),
                reader.GetInt64(offset + 3),
                reader.GetInt64(offset + 4),
                reader.GetInt64(offset + 5));

    public static void BindBalance(SqliteWriteStatement command, PointsBalance balance)
    {
        command.Set("$earned", balance.Earned)
            .Set("$pending", balance.Pending)
            .Set("$reserved", balance.Reserved)
            .Set("$spent", balance.Spent)
            .Set("$expired", balance.Expired)
            .Set("$deducted", balance.Deducted);
    }

    private static LedgerEntry ReadEntry(SqliteDataReader reader, MemberId memberId, long sequence, NodaTime.Instant occurredAt, string? actor, string? reason) => new()
    {
        Id = StoreValues.EntryId(reader.GetString(10)),
        MemberId = memberId,
        Sequence = sequence,
        Account = AccountName.Parse(reader.GetString(11)),
        Kind = (LedgerEntryKind)reader.GetInt32(12),
        Points = reader.GetInt64(13),
        Reason = reason,
        Actor = actor,
        OccurredAt = occurredAt,
        IdempotencyKey = reader.GetNullableString(14) is { } key ? IdempotencyKey.Parse(key) : (IdempotencyKey?)null,
        Settles = reader.GetNullableString(15) is { } settles ? StoreValues.EntryId(settles) : null,
        ExpiresOn = reader.GetNullableString(16) is { } on ? StoreValues.Date(on) : null,
        DueAt = reader.IsDBNull(17) ? null : StoreValues.Instant(reader.GetInt64(17)),
        Allocations = StoreValues.Allocations(reader.GetNullableString(18)),
    };

    private static void BindNoEntry(SqliteWriteStatement command)
    {
        command.Set("$entry_id", null)
            .Set("$account", null)
            .Set("$entry_kind", null)
            .Set("$points", null)
            .Set("$idempotency_key", null)
            .Set("$settles", null)
            .Set("$expires_on", null)
            .Set("$due_at", null)
            .Set("$allocations", null);
    }
}

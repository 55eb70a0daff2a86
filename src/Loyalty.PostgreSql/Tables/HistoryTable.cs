using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>
/// The <c>history</c> table: a member's activities and ledger entries in one sequence. A ledger row
/// (<see cref="ActivityKind.Ledger"/>) carries the entry's columns; its actor and reason are the entry's.
/// </summary>
internal sealed class HistoryTable
{
    /// <summary>The columns <see cref="ReadActivity"/> and <see cref="ReadEntry"/> expect, in order, for a table aliased <c>h</c>.</summary>
    public const string Select =
        "h.sequence, h.kind, h.occurred_at, h.actor, h.reason, h.from_status, h.to_status, h.from_tier, h.to_tier, h.changed_fields, " +
        "h.entry_id, h.account, h.entry_kind, h.points, h.idempotency_key, h.settles, h.expires_on, h.due_at, " +
        "h.allocation_lots, h.allocation_points, h.member_id";

    private const int Ledger = (int)ActivityKind.Ledger;

    public HistoryTable(string schema)
    {
        // Each kind of row names only its own columns; the others are left NULL.
        InsertActivity = $"INSERT INTO {schema}.history (program_id, member_id, sequence, kind, occurred_at, actor, reason, from_status, to_status, " +
            "from_tier, to_tier, changed_fields) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
        InsertEntry = $"INSERT INTO {schema}.history (program_id, member_id, sequence, kind, occurred_at, actor, reason, " +
            "entry_id, account, entry_kind, points, idempotency_key, settles, expires_on, due_at, allocation_lots, allocation_points) " +
            $"VALUES ($1, $2, $3, {Ledger}, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";
        var page = $"SELECT {Select} FROM {schema}.history h WHERE h.program_id = $1 AND h.member_id = $2 AND h.sequence > $3";
        ListPage = $"{page} ORDER BY h.sequence LIMIT $4";
        ListLedgerPage = $"{page} AND h.kind = {Ledger} ORDER BY h.sequence LIMIT $4";
        GetEntry = $"SELECT {Select} FROM {schema}.history h WHERE h.program_id = $1 AND h.member_id = $2 AND h.entry_id = $3 " +
            "ORDER BY h.sequence DESC LIMIT 1";
        ListSettlements = $"SELECT {Select} FROM {schema}.history h WHERE h.program_id = $1 AND h.member_id = $2 AND h.settles = $3 ORDER BY h.sequence";
        SumEarnedSince = $"SELECT coalesce(sum(CASE WHEN h.entry_kind = {(int)LedgerEntryKind.Reverse} THEN -h.points ELSE h.points END), 0)::bigint " +
            $"FROM {schema}.history h WHERE h.program_id = $1 AND h.member_id = $2 AND h.account = $3 AND h.occurred_at >= $4 " +
            $"AND h.entry_kind IN ({(int)LedgerEntryKind.Earn}, {(int)LedgerEntryKind.Approve}, {(int)LedgerEntryKind.Reverse})";
    }

    /// <summary>Appends an activity row: <see cref="BindActivity"/>.</summary>
    public string InsertActivity { get; }

    /// <summary>Appends a ledger row: <see cref="BindEntry"/>.</summary>
    public string InsertEntry { get; }

    /// <summary>Lists rows after sequence $3, at most $4: $1 program, $2 member.</summary>
    public string ListPage { get; }

    /// <summary>Lists ledger rows after sequence $3, at most $4: $1 program, $2 member.</summary>
    public string ListLedgerPage { get; }

    /// <summary>Gets the ledger entry $3 of member $2 in program $1.</summary>
    public string GetEntry { get; }

    /// <summary>Lists the entries that settle entry $3 of member $2 in program $1.</summary>
    public string ListSettlements { get; }

    /// <summary>Sums the net earned points of account $3 since $4: $1 program, $2 member.</summary>
    public string SumEarnedSince { get; }

    public static void BindActivity(NpgsqlParameterCollection parameters, ProgramId programId, MemberId memberId, ActivityEntry activity)
    {
        parameters.AddMemberKey(programId, memberId);
        parameters.Add(Param.Int64(activity.Sequence));
        parameters.Add(Param.Int16((int)activity.Kind));
        parameters.Add(Param.Timestamp(activity.OccurredAt));
        parameters.Add(Param.NullableText(activity.Actor));
        parameters.Add(Param.NullableText(activity.Reason));
        parameters.Add(Param.NullableInt16((int?)activity.FromStatus));
        parameters.Add(Param.NullableInt16((int?)activity.ToStatus));
        parameters.Add(Param.NullableText(activity.FromTier));
        parameters.Add(Param.NullableText(activity.ToTier));
        parameters.Add(Param.TextArray(activity.ChangedFields.Count == 0 ? null : [.. activity.ChangedFields]));
    }

    public static void BindEntry(NpgsqlParameterCollection parameters, ProgramId programId, MemberId memberId, LedgerEntry entry)
    {
        parameters.AddMemberKey(programId, memberId);
        parameters.Add(Param.Int64(entry.Sequence));
        parameters.Add(Param.Timestamp(entry.OccurredAt));
        parameters.Add(Param.NullableText(entry.Actor));
        parameters.Add(Param.NullableText(entry.Reason));
        parameters.Add(Param.NullableUuid(entry.Id.Value));
        parameters.Add(Param.NullableText(entry.Account.Value));
        parameters.Add(Param.NullableInt16((int)entry.Kind));
        parameters.Add(Param.NullableInt64(entry.Points));
        parameters.Add(Param.NullableText(entry.IdempotencyKey?.Value));
        parameters.Add(Param.NullableUuid(entry.Settles?.Value));
        parameters.Add(Param.NullableDate(entry.ExpiresOn));
        parameters.Add(Param.NullableTimestamp(entry.DueAt));
        var allocations = entry.Allocations;
        Guid[]? lots = null;
        long[]? points = null;
        if (allocations.Count > 0)
        {
            lots = new Guid[allocations.Count];
            points = new long[allocations.Count];
            for (var i = 0; i < allocations.Count; i++)
            {
                lots[i] = allocations[i].LotId.Value;
                points[i] = allocations[i].Points;
            }
        }

        parameters.Add(Param.UuidArray(lots));
        parameters.Add(Param.Int64Array(points));
    }

    /// <summary>Reads a history row (an activity, or a ledger entry wrapped as one).</summary>
    public static ActivityEntry ReadActivity(NpgsqlDataReader reader)
    {
        var kind = (ActivityKind)reader.GetInt16(1);
        if (kind == ActivityKind.Ledger)
        {
            var entry = ReadEntry(reader);
            return new ActivityEntry
            {
                Sequence = entry.Sequence,
                Kind = ActivityKind.Ledger,
                OccurredAt = entry.OccurredAt,
                Actor = entry.Actor,
                Reason = entry.Reason,
                LedgerEntry = entry,
            };
        }

        return new ActivityEntry
        {
            Sequence = reader.GetInt64(0),
            Kind = kind,
            OccurredAt = reader.Instant(2),
            Actor = reader.NullableString(3),
            Reason = reader.NullableString(4),
            FromStatus = (MemberStatus?)reader.NullableInt16(5),
            ToStatus = (MemberStatus?)reader.NullableInt16(6),
            FromTier = reader.NullableString(7),
            ToTier = reader.NullableString(8),
            ChangedFields = reader.NullableArray<string>(9) ?? [],
        };
    }

    /// <summary>Reads a ledger row as its entry.</summary>
    public static LedgerEntry ReadEntry(NpgsqlDataReader reader)
    {
        var lots = reader.NullableArray<Guid>(18);
        var points = reader.NullableArray<long>(19);
        IReadOnlyList<LotAllocation> allocations = [];
        if (lots is { Length: > 0 } && points is not null)
        {
            var list = new LotAllocation[lots.Length];
            for (var i = 0; i < lots.Length; i++)
            {
                list[i] = new LotAllocation(new EntryId(lots[i]), points[i]);
            }

            allocations = list;
        }

        var key = reader.NullableString(14);
        var settles = reader.NullableGuid(15);
        return new LedgerEntry
        {
            Id = new EntryId(reader.GetGuid(10)),
            MemberId = reader.MemberId(20),
            Sequence = reader.GetInt64(0),
            Account = reader.Account(11),
            Kind = (LedgerEntryKind)reader.GetInt16(12),
            Points = reader.GetInt64(13),
            Reason = reader.NullableString(4),
            Actor = reader.NullableString(3),
            OccurredAt = reader.Instant(2),
            IdempotencyKey = key is null ? default(IdempotencyKey?) : Loyalty.IdempotencyKey.Parse(key),
            Settles = settles is { } id ? new EntryId(id) : null,
            ExpiresOn = reader.NullableDate(16),
            DueAt = reader.NullableInstant(17),
            Allocations = allocations,
        };
    }
}

using Loyalty.Ledger;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The <c>lots</c> table: open lots only (a lot with nothing remaining is deleted).</summary>
internal sealed class LotsTable
{
    private const string Select = "l.lot_id, l.account, l.points, l.remaining, l.reserved, l.earned_at, l.expires_on, l.expires_at";

    public LotsTable(string schema)
    {
        ListOfMember = $"SELECT {Select} FROM {schema}.lots l WHERE l.program_id = $1 AND l.member_id = $2";
        ListOfAccount = $"{ListOfMember} AND l.account = $3";
        Upsert = $"INSERT INTO {schema}.lots (program_id, member_id, lot_id, account, points, remaining, reserved, earned_at, expires_on, expires_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (program_id, member_id, lot_id) DO UPDATE SET " +
            "remaining = EXCLUDED.remaining, reserved = EXCLUDED.reserved, expires_on = EXCLUDED.expires_on, expires_at = EXCLUDED.expires_at";
        Delete = $"DELETE FROM {schema}.lots WHERE program_id = $1 AND member_id = $2 AND lot_id = $3";
    }

    /// <summary>Lists the open lots of member $2 in program $1.</summary>
    public string ListOfMember { get; }

    /// <summary>Lists the open lots of account $3 of member $2 in program $1.</summary>
    public string ListOfAccount { get; }

    /// <summary>Opens or changes a lot: <see cref="Bind"/>.</summary>
    public string Upsert { get; }

    /// <summary>Closes lot $3 of member $2 in program $1.</summary>
    public string Delete { get; }

    public static void Bind(NpgsqlParameterCollection parameters, ProgramId programId, MemberId memberId, Lot lot)
    {
        parameters.AddMemberKey(programId, memberId);
        parameters.Add(Param.Uuid(lot.Id.Value));
        parameters.Add(Param.Text(lot.Account.Value));
        parameters.Add(Param.Int64(lot.Points));
        parameters.Add(Param.Int64(lot.Remaining));
        parameters.Add(Param.Int64(lot.Reserved));
        parameters.Add(Param.Timestamp(lot.EarnedAt));
        parameters.Add(Param.NullableDate(lot.ExpiresOn));
        parameters.Add(Param.NullableTimestamp(lot.ExpiresAt));
    }

    public static Lot Read(NpgsqlDataReader reader) => new()
    {
        Id = new EntryId(reader.GetGuid(0)),
        Account = reader.Account(1),
        Points = reader.GetInt64(2),
        Remaining = reader.GetInt64(3),
        Reserved = reader.GetInt64(4),
        EarnedAt = reader.Instant(5),
        ExpiresOn = reader.NullableDate(6),
        ExpiresAt = reader.NullableInstant(7),
    };
}

using Loyalty.Ledger;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The <c>balances</c> table: one row per member and account used, written with the entries that explain it.</summary>
internal sealed class BalancesTable
{
    /// <summary>The columns <see cref="Read"/> expects, in order, for a table aliased <c>b</c>.</summary>
    public const string Select = "b.earned, b.pending, b.reserved, b.spent, b.expired, b.deducted";

    public BalancesTable(string schema)
    {
        // The hot read is the balance row's primary key alone; whether the member exists is asked only when that finds
        // nothing (an account not used yet, or no such member): a balance row exists only for a member that exists.
        GetOfMember = $"SELECT {Select} FROM {schema}.balances b WHERE b.program_id = $1 AND b.member_id = $2 AND b.account = $3";
        MemberExists = $"SELECT 1 FROM {schema}.members m WHERE m.program_id = $1 AND m.member_id = $2";
        ListOfMember = $"SELECT b.account, {Select} FROM {schema}.balances b WHERE b.program_id = $1 AND b.member_id = $2 ORDER BY b.account";
        Upsert = $"INSERT INTO {schema}.balances AS b (program_id, member_id, account, earned, pending, reserved, spent, expired, deducted) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (program_id, member_id, account) DO UPDATE SET " +
            "earned = EXCLUDED.earned, pending = EXCLUDED.pending, reserved = EXCLUDED.reserved, spent = EXCLUDED.spent, " +
            "expired = EXCLUDED.expired, deducted = EXCLUDED.deducted";
    }

    /// <summary>Gets the balance of account $3 of member $2 in program $1: no row for an account not used yet or a member that does not exist.</summary>
    public string GetOfMember { get; }

    /// <summary>Selects one row when member $2 of program $1 exists, none otherwise.</summary>
    public string MemberExists { get; }

    /// <summary>Lists the balances of member $2 in program $1 by account name.</summary>
    public string ListOfMember { get; }

    /// <summary>Sets a balance: <see cref="Bind"/>.</summary>
    public string Upsert { get; }

    public static void Bind(NpgsqlParameterCollection parameters, ProgramId programId, MemberId memberId, AccountBalance balance)
    {
        var b = balance.Balance;
        parameters.AddMemberKey(programId, memberId);
        parameters.Add(Param.Text(balance.Account.Value));
        parameters.Add(Param.Int64(b.Earned));
        parameters.Add(Param.Int64(b.Pending));
        parameters.Add(Param.Int64(b.Reserved));
        parameters.Add(Param.Int64(b.Spent));
        parameters.Add(Param.Int64(b.Expired));
        parameters.Add(Param.Int64(b.Deducted));
    }

    /// <summary>Reads the <see cref="Select"/> columns starting at <paramref name="first"/> (nulls read as zero).</summary>
    public static PointsBalance Read(NpgsqlDataReader reader, int first) => new(
        reader.NullableInt64OrZero(first),
        reader.NullableInt64OrZero(first + 1),
        reader.NullableInt64OrZero(first + 2),
        reader.NullableInt64OrZero(first + 3),
        reader.NullableInt64OrZero(first + 4),
        reader.NullableInt64OrZero(first + 5));
}

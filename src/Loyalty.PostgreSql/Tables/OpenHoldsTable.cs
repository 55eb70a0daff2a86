using Loyalty.Ledger;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The <c>open_holds</c> table: unsettled pending earns and reservations, pointing at their history rows.</summary>
internal sealed class OpenHoldsTable
{
    public OpenHoldsTable(string schema)
    {
        ListOfMember = $"SELECT {HistoryTable.Select} FROM {schema}.open_holds o " +
            $"JOIN {schema}.history h ON h.program_id = o.program_id AND h.member_id = o.member_id AND h.sequence = o.sequence " +
            "WHERE o.program_id = $1 AND o.member_id = $2 ORDER BY o.sequence";
        Insert = $"INSERT INTO {schema}.open_holds (program_id, member_id, entry_id, sequence, due_at) VALUES ($1, $2, $3, $4, $5)";
        Delete = $"DELETE FROM {schema}.open_holds WHERE program_id = $1 AND member_id = $2 AND entry_id = $3";
    }

    /// <summary>Lists the open holds (as their ledger entries) of member $2 in program $1, in sequence order.</summary>
    public string ListOfMember { get; }

    /// <summary>Opens a hold: <see cref="Bind"/>.</summary>
    public string Insert { get; }

    /// <summary>Closes hold $3 of member $2 in program $1.</summary>
    public string Delete { get; }

    public static void Bind(NpgsqlParameterCollection parameters, ProgramId programId, MemberId memberId, LedgerEntry hold)
    {
        parameters.AddMemberKey(programId, memberId);
        parameters.Add(Param.Uuid(hold.Id.Value));
        parameters.Add(Param.Int64(hold.Sequence));
        parameters.Add(Param.NullableTimestamp(hold.DueAt));
    }
}

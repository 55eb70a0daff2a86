using Loyalty.Storage.PostgreSql.Tables;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>An open connection of the store, with the transaction commands run in (none for plain reads).</summary>
internal readonly record struct Session(StoreDatabase Database, NpgsqlConnection Connection, NpgsqlTransaction? Transaction)
{
    public NpgsqlCommand Command(string sql) => Database.Command(Connection, sql, Transaction);

    public NpgsqlBatch Batch() => Database.Batch(Connection, Transaction);

    /// <summary>Creates a command whose first parameters are the program ($1) and the member ($2).</summary>
    public NpgsqlCommand MemberCommand(string sql, ProgramId programId, MemberId memberId)
    {
        var command = Command(sql);
        command.Parameters.AddMemberKey(programId, memberId);
        return command;
    }
}

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>
/// Moves every row of a member to another identifier (anonymizing opt-out): $1 program, $2 old identifier, $3 new one;
/// the member's lookups are released.
/// </summary>
internal sealed class RenameStatements
{
    private static readonly string[] MemberTables = ["members", "history", "balances", "lots", "open_holds", "idempotency_keys", "outbox"];

    public RenameStatements(string schema)
    {
        var statements = new string[MemberTables.Length];
        for (var i = 0; i < MemberTables.Length; i++)
        {
            statements[i] = $"UPDATE {schema}.{MemberTables[i]} SET member_id = $3 WHERE program_id = $1 AND member_id = $2";
        }

        Moves = statements;
    }

    /// <summary>Gets one statement per member-owned table.</summary>
    public IReadOnlyList<string> Moves { get; }
}

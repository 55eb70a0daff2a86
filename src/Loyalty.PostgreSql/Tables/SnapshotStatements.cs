namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>The query behind the snapshot feed: one page of members with their balance and next expiry, in identifier order.</summary>
internal sealed class SnapshotStatements
{
    /// <summary>The number of members read per round trip.</summary>
    public const int PageSize = 1_000;

    public SnapshotStatements(string schema)
    {
        Page = $"SELECT {MembersTable.Select}, {BalancesTable.Select}, x.expires_on, x.points FROM {schema}.members m " +
            $"LEFT JOIN {schema}.balances b ON b.program_id = m.program_id AND b.member_id = m.member_id AND b.account = $2 " +
            "LEFT JOIN LATERAL (SELECT l.expires_on, sum(l.remaining - l.reserved)::bigint AS points " +
            $"FROM {schema}.lots l WHERE l.program_id = m.program_id AND l.member_id = m.member_id AND l.account = $2 " +
            "AND l.remaining > l.reserved AND l.expires_on IS NOT NULL GROUP BY l.expires_on ORDER BY l.expires_on LIMIT 1) x ON true " +
            $"WHERE m.program_id = $1 AND m.member_id > $3 ORDER BY m.member_id LIMIT {PageSize}";
    }

    /// <summary>Reads members of program $1 after identifier $3 with the balance and next expiry of account $2.</summary>
    public string Page { get; }
}

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>
/// The member lock: a transaction-scoped advisory lock on a 64-bit hash of (schema, program, member). It exists whether
/// or not the member row does, so two creations of one identifier serialize; it is released at commit or rollback;
/// waits for it take part in PostgreSQL's deadlock detection and obey <c>lock_timeout</c>.
/// </summary>
internal sealed class MemberLockStatements
{
    public MemberLockStatements(string schemaName)
    {
        // The schema name is validated (lower-case letters, digits, '_'), so it is safe inside a literal; identifiers
        // cannot contain '/', so the key text is unambiguous.
        var lockCall = $"pg_advisory_xact_lock(hashtextextended('{schemaName}/' || $1 || '/' || $2, 0))";
        Lock = $"SELECT {lockCall}";

        // The materialized CTE's row is produced before the outer target list, so the timeout is in force when the lock waits.
        LockWithTimeout = $"WITH timeout AS MATERIALIZED (SELECT set_config('lock_timeout', $3, true)) SELECT {lockCall} FROM timeout";
    }

    /// <summary>Locks member $2 of program $1 until the transaction ends.</summary>
    public string Lock { get; }

    /// <summary>
    /// Sets the transaction's lock timeout to $3 (text such as <c>10000ms</c>), then locks member $2 of program $1 until
    /// the transaction ends: the first lock of a transaction, in one statement.
    /// </summary>
    public string LockWithTimeout { get; }
}

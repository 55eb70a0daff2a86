namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>
/// The conditional statements of a change set (member insert and sequence-checked updates, lookup takes, idempotency
/// insert), each wrapped so that affecting no row fails with division by zero (<see cref="Errors.SqlStates.DivisionByZero"/>)
/// instead of reporting zero rows. A change set written without a savepoint is then refused by the server itself, so
/// the <c>COMMIT</c> sent in the same round trip never runs after a refusal.
/// </summary>
internal sealed class GuardedStatements
{
    public GuardedStatements(MembersTable members, LookupsTable lookups, IdempotencyTable idempotency)
    {
        MemberInsert = Guard(members.Insert);
        MemberUpdate = Guard(members.Update);
        MemberUpdateSequence = Guard(members.UpdateSequence);
        LookupTake = Guard(lookups.Take);
        IdempotencyInsert = Guard(idempotency.Insert);
    }

    /// <summary>Gets <see cref="MembersTable.Insert"/>, guarded.</summary>
    public string MemberInsert { get; }

    /// <summary>Gets <see cref="MembersTable.Update"/>, guarded.</summary>
    public string MemberUpdate { get; }

    /// <summary>Gets <see cref="MembersTable.UpdateSequence"/>, guarded.</summary>
    public string MemberUpdateSequence { get; }

    /// <summary>Gets <see cref="LookupsTable.Take"/>, guarded.</summary>
    public string LookupTake { get; }

    /// <summary>Gets <see cref="IdempotencyTable.Insert"/>, guarded.</summary>
    public string IdempotencyInsert { get; }

    private static string Guard(string statement) => $"WITH affected AS ({statement} RETURNING 1) SELECT 1 / count(*) FROM affected";
}

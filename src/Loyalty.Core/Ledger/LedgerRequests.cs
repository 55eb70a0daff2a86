namespace Loyalty.Ledger;

/// <summary>Awards points to a member (an <see cref="LedgerEntryKind.Earn"/>, or a held <see cref="LedgerEntryKind.EarnPending"/>).</summary>
/// <param name="MemberId">The member.</param>
/// <param name="Points">The points, 1 to the program's cap.</param>
/// <param name="IdempotencyKey">The caller's key for this award (for example <c>order-1001:earn</c>).</param>
public sealed record AwardPoints(MemberId MemberId, long Points, IdempotencyKey IdempotencyKey) : LedgerRequest(MemberId, IdempotencyKey)
{
    /// <summary>
    /// Gets a value indicating whether the points are held as pending (for example during a return window) until approved,
    /// voided, or approved by the maintenance job after the program's pending period.
    /// </summary>
    public bool Pending { get; init; }
}

/// <summary>Spends points directly (a redemption).</summary>
/// <param name="MemberId">The member.</param>
/// <param name="Points">The points, at least 1.</param>
/// <param name="IdempotencyKey">The caller's key for this spend.</param>
public sealed record SpendPoints(MemberId MemberId, long Points, IdempotencyKey IdempotencyKey) : LedgerRequest(MemberId, IdempotencyKey);

/// <summary>Reserves points at checkout, to be committed (spent) or released.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="Points">The points, at least 1.</param>
/// <param name="IdempotencyKey">The caller's key for this reservation.</param>
public sealed record ReservePoints(MemberId MemberId, long Points, IdempotencyKey IdempotencyKey) : LedgerRequest(MemberId, IdempotencyKey);

/// <summary>Removes points (an operator's correction).</summary>
/// <param name="MemberId">The member.</param>
/// <param name="Points">The points, at least 1.</param>
/// <param name="IdempotencyKey">The caller's key for this deduction.</param>
public sealed record DeductPoints(MemberId MemberId, long Points, IdempotencyKey IdempotencyKey) : LedgerRequest(MemberId, IdempotencyKey);

/// <summary>Reverses (refunds) some or all of an earn: lowers earned points, taking them back from the earn's lot first.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="EarnEntryId">The <see cref="LedgerEntryKind.Earn"/> or <see cref="LedgerEntryKind.Approve"/> entry to reverse.</param>
/// <param name="Points">The points to reverse, at most what is left of the earn.</param>
/// <param name="IdempotencyKey">The caller's key for this reversal.</param>
public sealed record ReversePoints(MemberId MemberId, EntryId EarnEntryId, long Points, IdempotencyKey IdempotencyKey) : LedgerRequest(MemberId, IdempotencyKey);

/// <summary>Settles an open hold: approves or voids a pending earn, commits or releases a reservation.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="EntryId">The <see cref="LedgerEntryKind.EarnPending"/> or <see cref="LedgerEntryKind.Reserve"/> entry.</param>
/// <param name="IdempotencyKey">The caller's key for this settlement.</param>
public sealed record SettleHold(MemberId MemberId, EntryId EntryId, IdempotencyKey IdempotencyKey) : LedgerRequest(MemberId, IdempotencyKey);

/// <summary>What every ledger write carries.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="IdempotencyKey">The caller's key: a retry with the same key returns the original result and writes nothing.</param>
public abstract record LedgerRequest(MemberId MemberId, IdempotencyKey IdempotencyKey)
{
    /// <summary>Gets the point account. The default is <c>points</c>.</summary>
    public AccountName Account { get; init; }

    /// <summary>Gets the reason shown to the member (at most 500 characters).</summary>
    public string? Reason { get; init; }

    /// <summary>Gets who made the write (a user, an operator, a job). Defaults to <c>system</c>.</summary>
    public string? Actor { get; init; }
}

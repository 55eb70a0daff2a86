namespace Loyalty.Ledger;

/// <summary>The outcome of a ledger write.</summary>
/// <param name="Entries">
/// The entries the write appended, its main entry first, then any expirations of lots that were already past their
/// expiry when the write ran (a retry returns the original entries).
/// </param>
/// <param name="Balance">The account's balance right after the write.</param>
/// <param name="Replayed">Whether this is the stored result of an earlier write with the same idempotency key.</param>
public sealed record LedgerResult(IReadOnlyList<LedgerEntry> Entries, PointsBalance Balance, bool Replayed)
{
    /// <summary>Gets the main entry of the write (the first one).</summary>
    public LedgerEntry Entry => Entries[0];
}

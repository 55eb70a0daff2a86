namespace Loyalty.Ledger;

/// <summary>The part of a lot that an entry consumed or pinned.</summary>
/// <param name="LotId">The lot (the identifier of the entry that opened it).</param>
/// <param name="Points">The points taken from the lot.</param>
public readonly record struct LotAllocation(EntryId LotId, long Points);

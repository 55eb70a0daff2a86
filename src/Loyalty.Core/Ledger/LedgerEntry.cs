using NodaTime;

namespace Loyalty.Ledger;

/// <summary>One immutable line of a member's ledger.</summary>
public sealed record LedgerEntry
{
    /// <summary>Gets the entry identifier.</summary>
    public required EntryId Id { get; init; }

    /// <summary>Gets the member the entry belongs to.</summary>
    public required MemberId MemberId { get; init; }

    /// <summary>Gets the position of the entry in the member's history (shared with other activity).</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the point account.</summary>
    public required AccountName Account { get; init; }

    /// <summary>Gets the kind of entry.</summary>
    public required LedgerEntryKind Kind { get; init; }

    /// <summary>Gets the amount, always positive.</summary>
    public required long Points { get; init; }

    /// <summary>Gets the reason shown to the member.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets who wrote the entry (a user, an operator, a job).</summary>
    public string? Actor { get; init; }

    /// <summary>Gets when the entry was written.</summary>
    public required Instant OccurredAt { get; init; }

    /// <summary>Gets the idempotency key of the write that produced the entry, if it had one.</summary>
    public IdempotencyKey? IdempotencyKey { get; init; }

    /// <summary>Gets the entry this one settles or refers to (the pending earn, the reservation, the reversed earn). An expiry names its lots in <see cref="Allocations"/>.</summary>
    public EntryId? Settles { get; init; }

    /// <summary>Gets, for an earn or approval, the last local date on which the lot's points are valid; for an expiry, that date of the lots it expired.</summary>
    public LocalDate? ExpiresOn { get; init; }

    /// <summary>Gets, for a pending earn, when it approves automatically; for a reservation, when it is released automatically.</summary>
    public Instant? DueAt { get; init; }

    /// <summary>Gets the lots this entry consumed (spend, commit, deduct, expire, reverse) or pinned (reserve).</summary>
    public IReadOnlyList<LotAllocation> Allocations { get; init; } = [];
}

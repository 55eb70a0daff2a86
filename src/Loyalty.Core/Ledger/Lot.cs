using NodaTime;

namespace Loyalty.Ledger;

/// <summary>
/// Points from one approved earn, consumed by spends and reservations soonest-expiry first. The sum of open lots'
/// <see cref="Remaining"/> equals the account's spendable plus reserved points.
/// </summary>
public sealed record Lot
{
    /// <summary>Gets the lot identifier: the entry (Earn or Approve) that opened it.</summary>
    public required EntryId Id { get; init; }

    /// <summary>Gets the point account.</summary>
    public required AccountName Account { get; init; }

    /// <summary>Gets the points the lot opened with.</summary>
    public required long Points { get; init; }

    /// <summary>Gets the points still in the lot (including those pinned by reservations).</summary>
    public required long Remaining { get; init; }

    /// <summary>Gets the points of <see cref="Remaining"/> pinned by open reservations.</summary>
    public long Reserved { get; init; }

    /// <summary>Gets when the points were earned.</summary>
    public required Instant EarnedAt { get; init; }

    /// <summary>Gets the last local date on which the points are valid, or <see langword="null"/> when they never expire.</summary>
    public LocalDate? ExpiresOn { get; init; }

    /// <summary>Gets the instant the points expire (the start of the day after <see cref="ExpiresOn"/> in the program's zone).</summary>
    public Instant? ExpiresAt { get; init; }

    /// <summary>Gets the points that may be spent or reserved now.</summary>
    public long Available => Remaining - Reserved;
}

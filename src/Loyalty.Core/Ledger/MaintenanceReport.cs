using NodaTime;

namespace Loyalty.Ledger;

/// <summary>What a maintenance run did.</summary>
public sealed record MaintenanceReport
{
    /// <summary>Gets the instant the run processed work due at or before.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>Gets the number of members with due work that were processed.</summary>
    public int Members { get; init; }

    /// <summary>Gets the points expired.</summary>
    public long PointsExpired { get; init; }

    /// <summary>Gets the pending earns approved after their pending period.</summary>
    public int PendingApproved { get; init; }

    /// <summary>Gets the reservations released after their timeout.</summary>
    public int ReservationsReleased { get; init; }

    /// <summary>Gets the tier changes made by tier reviews.</summary>
    public int TierChanges { get; init; }
}

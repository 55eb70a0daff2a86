using NodaTime;

namespace Loyalty.Ledger;

/// <summary>
/// Points that will expire, by period, computed from open lots in the program's time zone, with the history of past
/// expirations.
/// </summary>
public sealed record ExpiringPoints
{
    /// <summary>Gets the local date the view was computed for.</summary>
    public required LocalDate Today { get; init; }

    /// <summary>Gets the points whose last valid day is today.</summary>
    public required long ExpiringToday { get; init; }

    /// <summary>Gets the points whose last valid day falls in the current month (from today on).</summary>
    public required long ExpiringThisMonth { get; init; }

    /// <summary>Gets the points whose last valid day falls in the next month.</summary>
    public required long ExpiringNextMonth { get; init; }

    /// <summary>Gets the points whose last valid day falls in the current year (from today on).</summary>
    public required long ExpiringThisYear { get; init; }

    /// <summary>Gets the points whose last valid day falls in the next year.</summary>
    public required long ExpiringNextYear { get; init; }

    /// <summary>Gets the soonest last valid day of any open points, if any expire.</summary>
    public LocalDate? NextExpiryDate { get; init; }

    /// <summary>Gets the points that expire after <see cref="NextExpiryDate"/>.</summary>
    public long NextExpiryPoints { get; init; }

    /// <summary>Gets, under a calendar-reset policy, the next reset date.</summary>
    public LocalDate? NextResetDate { get; init; }

    /// <summary>Gets past expirations: the local date they expired on and the points, oldest first.</summary>
    public required IReadOnlyList<ExpiredPoints> History { get; init; }
}

/// <summary>Points that expired on a local date.</summary>
/// <param name="Date">The local date of the expiry (the day after the last valid day).</param>
/// <param name="Points">The points.</param>
public readonly record struct ExpiredPoints(LocalDate Date, long Points);

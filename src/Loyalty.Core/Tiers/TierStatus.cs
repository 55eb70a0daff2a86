using NodaTime;

namespace Loyalty.Tiers;

/// <summary>A member's tier as they see it: "You're 200 points from Gold".</summary>
public sealed record TierStatus
{
    /// <summary>Gets the current tier.</summary>
    public required TierLevel Tier { get; init; }

    /// <summary>Gets when the member reached the current tier.</summary>
    public Instant? Since { get; init; }

    /// <summary>
    /// Gets the review date (null for the base tier): the tier is held at least until that local day starts, and is then
    /// kept or lowered (after any grace period) depending on the retention threshold.
    /// </summary>
    public LocalDate? ReviewDate { get; init; }

    /// <summary>Gets the instant the review is applied: the start of the review date plus any grace period, in the program's zone.</summary>
    public Instant? ValidUntil { get; init; }

    /// <summary>Gets the member's qualification metric now.</summary>
    public required long Metric { get; init; }

    /// <summary>Gets the next tier, or <see langword="null"/> at the top.</summary>
    public TierLevel? NextTier { get; init; }

    /// <summary>Gets the metric points still needed for the next tier.</summary>
    public long? PointsToNextTier { get; init; }

    /// <summary>Gets the metric points still needed by the review to keep the current tier (0 when already met; null for the base tier).</summary>
    public long? PointsToKeepTier { get; init; }

    /// <summary>Gets the current tier's benefits.</summary>
    public IReadOnlyList<string> Benefits => Tier.Benefits;

    /// <summary>Gets the tier an operator pinned as a floor, if any.</summary>
    public string? PinnedTier { get; init; }

    /// <summary>Gets the member's tier changes, oldest first.</summary>
    public required IReadOnlyList<TierChange> History { get; init; }
}

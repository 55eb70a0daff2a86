using NodaTime;

namespace Loyalty.Snapshots;

/// <summary>
/// The personalization datasource of one member: what a storefront or email tool needs to say "Gold member, 1,250
/// points, 200 expiring on 31 March". Balances are of the <c>points</c> account.
/// </summary>
public sealed record LoyaltySnapshot
{
    /// <summary>Gets the member identifier (<c>customer_id</c>).</summary>
    public required MemberId MemberId { get; init; }

    /// <summary>
    /// Gets a value indicating whether the person is a loyalty member now (<c>member</c>): <see langword="true"/> for
    /// Pending, Active and Suspended; <see langword="false"/> for guests (Inactive) and Banned members. Opted-out
    /// profiles are not in the feed.
    /// </summary>
    public required bool IsMember { get; init; }

    /// <summary>Gets the tier name (<c>tier</c>), or <see langword="null"/> when the program has no tiers or the person is not enrolled.</summary>
    public string? Tier { get; init; }

    /// <summary>Gets the spendable points (<c>points_balance</c>).</summary>
    public required long PointsBalance { get; init; }

    /// <summary>Gets the metric points needed for the next tier (<c>points_to_next_tier</c>).</summary>
    public long? PointsToNextTier { get; init; }

    /// <summary>Gets the next tier's name (<c>next_tier</c>).</summary>
    public string? NextTier { get; init; }

    /// <summary>Gets the current tier's benefits (<c>tier_benefits</c>).</summary>
    public required IReadOnlyList<string> TierBenefits { get; init; }

    /// <summary>Gets the soonest last valid day of any points (<c>points_expiration_date</c>).</summary>
    public LocalDate? PointsExpirationDate { get; init; }

    /// <summary>Gets the points that expire after <see cref="PointsExpirationDate"/> (<c>points_expiring</c>).</summary>
    public required long PointsExpiring { get; init; }

    /// <summary>Gets the local date the member enrolled (<c>member_since</c>).</summary>
    public LocalDate? MemberSince { get; init; }

    /// <summary>Gets lifetime earned points (<c>lifetime_points</c>).</summary>
    public required long LifetimePoints { get; init; }
}

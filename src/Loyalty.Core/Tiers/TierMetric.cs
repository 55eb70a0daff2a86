namespace Loyalty.Tiers;

/// <summary>What qualifies a member for a tier.</summary>
public enum TierMetric
{
    /// <summary>Lifetime earned points of the tier account (net of reversals).</summary>
    LifetimePoints = 0,

    /// <summary>Points of the tier account earned (net of reversals) in a rolling window, for example the last 12 months.</summary>
    PointsInWindow = 1,
}

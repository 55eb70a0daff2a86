using Loyalty.Tiers;
using NodaTime;

namespace Loyalty.Configuration;

/// <summary>The program's tier table and its rules. No tiers are used while <see cref="Levels"/> is empty.</summary>
public sealed class TierOptions
{
    /// <summary>
    /// Gets the tiers, lowest first: unique names, strictly increasing thresholds, and a base tier at threshold 0.
    /// </summary>
    public IList<TierDefinition> Levels { get; } = new List<TierDefinition>();

    /// <summary>
    /// Gets or sets the qualification metric.
    /// <value>The default value is <see cref="TierMetric.LifetimePoints"/>.</value>
    /// </summary>
    public TierMetric Metric { get; set; } = TierMetric.LifetimePoints;

    /// <summary>
    /// Gets or sets the rolling window of <see cref="TierMetric.PointsInWindow"/>, counted back from today (included) in
    /// the program's time zone: with 12 months, on 15 January 2027 the window is 16 January 2026 to 15 January 2027.
    /// <value>The default value is 12 months.</value>
    /// </summary>
    public Period Window { get; set; } = Period.FromMonths(12);

    /// <summary>
    /// Gets or sets the account whose points qualify.
    /// <value>The default value is <c>points</c>.</value>
    /// </summary>
    public string Account { get; set; } = AccountName.Default.Value;

    /// <summary>
    /// Gets or sets how long after reaching (or keeping) a tier it is reviewed.
    /// <value>The default value is 12 months.</value>
    /// </summary>
    public Period ReviewPeriod { get; set; } = Period.FromMonths(12);

    /// <summary>
    /// Gets or sets how long after the review date a member who misses the retention threshold keeps the tier (and may
    /// requalify) before the downgrade.
    /// <value>The default value is <see cref="Period.Zero"/> (no grace).</value>
    /// </summary>
    public Period GracePeriod { get; set; } = Period.Zero;

    /// <summary>
    /// Gets or sets how far a review downgrades.
    /// <value>The default value is <see cref="DowngradeMode.OneTier"/>.</value>
    /// </summary>
    public DowngradeMode Downgrade { get; set; } = DowngradeMode.OneTier;
}

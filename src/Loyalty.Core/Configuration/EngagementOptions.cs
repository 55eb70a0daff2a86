namespace Loyalty.Configuration;

/// <summary>Thresholds of the engagement stages (New, Active, AtRisk, Churned).</summary>
public sealed class EngagementOptions
{
    /// <summary>
    /// Gets or sets how many days after enrollment a member counts as New.
    /// <value>The default value is 7.</value>
    /// </summary>
    public int NewMemberDays { get; set; } = 7;

    /// <summary>
    /// Gets or sets after how many days without activity a member is AtRisk.
    /// <value>The default value is 30.</value>
    /// </summary>
    public int AtRiskAfterDays { get; set; } = 30;

    /// <summary>
    /// Gets or sets after how many days without activity a member is Churned; must exceed <see cref="AtRiskAfterDays"/>.
    /// <value>The default value is 90.</value>
    /// </summary>
    public int ChurnedAfterDays { get; set; } = 90;
}

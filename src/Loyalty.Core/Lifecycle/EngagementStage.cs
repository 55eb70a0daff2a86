namespace Loyalty.Lifecycle;

/// <summary>How engaged a member is, from their last activity (Loyali's model).</summary>
public enum EngagementStage
{
    /// <summary>Not enrolled (Inactive) or opted out: no engagement stage applies.</summary>
    None = 0,

    /// <summary>Enrolled within the last <c>NewMemberDays</c> days.</summary>
    New = 1,

    /// <summary>Active recently.</summary>
    Active = 2,

    /// <summary>No activity for <c>AtRiskAfterDays</c> days or more.</summary>
    AtRisk = 3,

    /// <summary>No activity for <c>ChurnedAfterDays</c> days or more.</summary>
    Churned = 4,
}

using Loyalty.Configuration;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Lifecycle;

/// <summary>Computes a member's <see cref="EngagementStage"/> at a given instant.</summary>
public static class EngagementClassifier
{
    /// <summary>Classifies a member.</summary>
    /// <param name="member">The member.</param>
    /// <param name="now">The instant to classify at.</param>
    /// <param name="options">The thresholds.</param>
    /// <returns>The stage.</returns>
    public static EngagementStage Classify(Member member, Instant now, EngagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(options);
        if (member.EnrolledAt is not { } enrolledAt || member.Status is MemberStatus.Inactive or MemberStatus.OptedOut)
        {
            return EngagementStage.None;
        }

        if (now - enrolledAt < Duration.FromDays(options.NewMemberDays))
        {
            return EngagementStage.New;
        }

        var lastActivity = member.LastActivityAt ?? enrolledAt;
        var idle = now - lastActivity;
        return idle >= Duration.FromDays(options.ChurnedAfterDays) ? EngagementStage.Churned
            : idle >= Duration.FromDays(options.AtRiskAfterDays) ? EngagementStage.AtRisk
            : EngagementStage.Active;
    }
}

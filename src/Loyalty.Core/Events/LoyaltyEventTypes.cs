namespace Loyalty.Events;

/// <summary>The names of the domain events written to the outbox.</summary>
public static class LoyaltyEventTypes
{
    /// <summary>A member enrolled (or a guest record was created).</summary>
    public const string MemberEnrolled = "MemberEnrolled";

    /// <summary>A member's status changed.</summary>
    public const string StatusChanged = "StatusChanged";

    /// <summary>Points were earned or approved.</summary>
    public const string PointsEarned = "PointsEarned";

    /// <summary>Points were spent (directly or by committing a reservation).</summary>
    public const string PointsSpent = "PointsSpent";

    /// <summary>Points expired.</summary>
    public const string PointsExpired = "PointsExpired";

    /// <summary>A member's tier changed.</summary>
    public const string TierChanged = "TierChanged";
}

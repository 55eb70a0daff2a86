namespace Loyalty.Lifecycle;

/// <summary>The named actions of the lifecycle transition table, recorded in the member's history.</summary>
public enum LifecycleAction
{
    /// <summary>Inactive → Pending or Active.</summary>
    Enroll = 1,

    /// <summary>Pending → Active.</summary>
    Verify = 2,

    /// <summary>Active → Suspended (fraud hold).</summary>
    Suspend = 3,

    /// <summary>Suspended → Active.</summary>
    Reinstate = 4,

    /// <summary>Any enrolled or inactive status → Banned.</summary>
    Ban = 5,

    /// <summary>Banned → Active.</summary>
    Unban = 6,

    /// <summary>Pending, Active, Suspended or Banned → OptedOut, with anonymization.</summary>
    OptOut = 7,

    /// <summary>Inactive → OptedOut, with anonymization (GDPR erasure of a guest).</summary>
    Forget = 8,
}

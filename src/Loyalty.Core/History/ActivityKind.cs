namespace Loyalty.History;

/// <summary>What an activity history entry records.</summary>
public enum ActivityKind
{
    /// <summary>The member record was created (as a guest or enrolled).</summary>
    Created = 1,

    /// <summary>The member's status changed.</summary>
    StatusChanged = 2,

    /// <summary>Profile fields changed (the entry lists their names, not their values).</summary>
    ProfileUpdated = 3,

    /// <summary>A ledger entry was written.</summary>
    Ledger = 4,

    /// <summary>The member's tier changed.</summary>
    TierChanged = 5,

    /// <summary>An operator pinned or unpinned the member's tier.</summary>
    TierPinned = 6,
}

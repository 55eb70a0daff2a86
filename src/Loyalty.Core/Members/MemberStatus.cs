namespace Loyalty.Members;

/// <summary>A member's lifecycle status. See <see cref="Lifecycle.LifecycleTransitions"/> for the allowed moves.</summary>
public enum MemberStatus
{
    /// <summary>Known but not enrolled; guest activity is kept and claimed on enrollment.</summary>
    Inactive = 0,

    /// <summary>Enrollment started, verification outstanding; earns are held as pending.</summary>
    Pending = 1,

    /// <summary>Enrolled: may earn, spend, reserve and claim.</summary>
    Active = 2,

    /// <summary>Fraud hold: may earn, may not spend or claim.</summary>
    Suspended = 3,

    /// <summary>May not earn, spend or claim; reversible by an operator.</summary>
    Banned = 4,

    /// <summary>Left the program; personal data anonymized.</summary>
    OptedOut = 5,
}

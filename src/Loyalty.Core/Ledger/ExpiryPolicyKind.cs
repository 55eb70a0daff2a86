namespace Loyalty.Ledger;

/// <summary>The ways points can expire.</summary>
public enum ExpiryPolicyKind
{
    /// <summary>Points never expire.</summary>
    Never = 0,

    /// <summary>Each lot expires a fixed period after the local date it was earned.</summary>
    FixedLifetime = 1,

    /// <summary>All points expire after a number of days without earning; each earn extends every lot.</summary>
    RollingInactivity = 2,

    /// <summary>All points expire at the end of a yearly reset date (for example 31 December).</summary>
    CalendarReset = 3,
}

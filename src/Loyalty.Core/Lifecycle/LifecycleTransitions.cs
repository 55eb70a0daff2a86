using Loyalty.Members;

namespace Loyalty.Lifecycle;

/// <summary>
/// The lifecycle transition table (from Antavo's model). Every move not listed is refused with
/// <see cref="ErrorCode.TransitionNotAllowed"/>.
/// </summary>
/// <remarks>
/// <code>
/// from \ to   Pending   Active      Suspended  Banned  OptedOut
/// Inactive    enroll*   enroll      -          ban     forget
/// Pending     -         verify      -          ban     opt out
/// Active      -         -           suspend    ban     opt out
/// Suspended   -         reinstate   -          ban     opt out
/// Banned      -         unban       -          -       opt out
/// OptedOut    -         -           -          -       -          (re-enroll creates a new profile)
/// </code>
/// * enrollment with verification. When the program requires verification, Inactive → Active is refused.
/// </remarks>
public static class LifecycleTransitions
{
    private static readonly Dictionary<(MemberStatus From, MemberStatus To), LifecycleAction> Table = new()
    {
        [(MemberStatus.Inactive, MemberStatus.Pending)] = LifecycleAction.Enroll,
        [(MemberStatus.Inactive, MemberStatus.Active)] = LifecycleAction.Enroll,
        [(MemberStatus.Inactive, MemberStatus.Banned)] = LifecycleAction.Ban,
        [(MemberStatus.Inactive, MemberStatus.OptedOut)] = LifecycleAction.Forget,
        [(MemberStatus.Pending, MemberStatus.Active)] = LifecycleAction.Verify,
        [(MemberStatus.Pending, MemberStatus.Banned)] = LifecycleAction.Ban,
        [(MemberStatus.Pending, MemberStatus.OptedOut)] = LifecycleAction.OptOut,
        [(MemberStatus.Active, MemberStatus.Suspended)] = LifecycleAction.Suspend,
        [(MemberStatus.Active, MemberStatus.Banned)] = LifecycleAction.Ban,
        [(MemberStatus.Active, MemberStatus.OptedOut)] = LifecycleAction.OptOut,
        [(MemberStatus.Suspended, MemberStatus.Active)] = LifecycleAction.Reinstate,
        [(MemberStatus.Suspended, MemberStatus.Banned)] = LifecycleAction.Ban,
        [(MemberStatus.Suspended, MemberStatus.OptedOut)] = LifecycleAction.OptOut,
        [(MemberStatus.Banned, MemberStatus.Active)] = LifecycleAction.Unban,
        [(MemberStatus.Banned, MemberStatus.OptedOut)] = LifecycleAction.OptOut,
    };

    /// <summary>Gets every allowed transition and the action it represents.</summary>
    public static IReadOnlyDictionary<(MemberStatus From, MemberStatus To), LifecycleAction> Allowed => Table;

    /// <summary>Finds the action that moves a member between two statuses.</summary>
    /// <param name="from">The current status.</param>
    /// <param name="to">The requested status.</param>
    /// <param name="action">The action, when the move is allowed.</param>
    /// <returns><see langword="true"/> when the move is in the table.</returns>
    public static bool TryGetAction(MemberStatus from, MemberStatus to, out LifecycleAction action) =>
        Table.TryGetValue((from, to), out action);

    internal static LoyaltyException NotAllowed(MemberStatus from, MemberStatus to, string? why = null) =>
        new(ErrorCode.TransitionNotAllowed,
            $"A member cannot move from {from} to {to}{(why is null ? "." : ": " + why)}", "status");
}

using Loyalty.Members;

namespace Loyalty.Lifecycle;

/// <summary>A request to move a member to another status.</summary>
/// <param name="To">The target status.</param>
public sealed record StatusChange(MemberStatus To)
{
    /// <summary>Gets the reason, recorded in the history.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets who made the change (an operator, a job), recorded in the history. Defaults to <c>system</c>.</summary>
    public string? Actor { get; init; }
}

using Loyalty.Ledger;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.History;

/// <summary>One interaction in a member's history: a status change, a profile change, a ledger entry, a tier change.</summary>
public sealed record ActivityEntry
{
    /// <summary>Gets the position in the member's history; strictly increasing.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets what happened.</summary>
    public required ActivityKind Kind { get; init; }

    /// <summary>Gets when it happened.</summary>
    public required Instant OccurredAt { get; init; }

    /// <summary>Gets who did it.</summary>
    public string? Actor { get; init; }

    /// <summary>Gets why, as given.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets, for a status change, the previous status.</summary>
    public MemberStatus? FromStatus { get; init; }

    /// <summary>Gets, for a creation or status change, the new status.</summary>
    public MemberStatus? ToStatus { get; init; }

    /// <summary>Gets, for a tier change or pin, the previous tier.</summary>
    public string? FromTier { get; init; }

    /// <summary>Gets, for a tier change or pin, the new tier.</summary>
    public string? ToTier { get; init; }

    /// <summary>Gets, for a profile update, the names of the changed fields.</summary>
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    /// <summary>Gets, for <see cref="ActivityKind.Ledger"/>, the ledger entry.</summary>
    public LedgerEntry? LedgerEntry { get; init; }
}

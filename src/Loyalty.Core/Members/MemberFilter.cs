using NodaTime;

namespace Loyalty.Members;

/// <summary>
/// A validated member listing request as stores receive it: filters, the identifier to start after, and the number of
/// rows to return.
/// </summary>
/// <param name="After">Only identifiers sorting strictly after this one (ordinal) are returned.</param>
/// <param name="Limit">The maximum number of rows to return.</param>
public sealed record MemberFilter(MemberId? After, int Limit)
{
    /// <summary>Gets the lower-cased text the normalized email must contain.</summary>
    public string? EmailContains { get; init; }

    /// <summary>Gets the status filter.</summary>
    public MemberStatus? Status { get; init; }

    /// <summary>Gets the tier filter.</summary>
    public string? Tier { get; init; }

    /// <summary>Gets the inclusive lower bound of the creation time.</summary>
    public Instant? CreatedFrom { get; init; }

    /// <summary>Gets the exclusive upper bound of the creation time.</summary>
    public Instant? CreatedTo { get; init; }

    /// <summary>Gets the inclusive lower bound of the last update time.</summary>
    public Instant? UpdatedFrom { get; init; }

    /// <summary>Gets the exclusive upper bound of the last update time.</summary>
    public Instant? UpdatedTo { get; init; }

    /// <summary>Tells whether a member passes the filters (not the paging bounds). In-memory stores use it.</summary>
    /// <param name="member">The member.</param>
    /// <returns><see langword="true"/> when the member matches.</returns>
    public bool Matches(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return (Status is null || member.Status == Status)
            && (Tier is null || string.Equals(member.Tier, Tier, StringComparison.Ordinal))
            && (EmailContains is null || (member.Email is not null && EmailAddress.Normalize(member.Email).Contains(EmailContains, StringComparison.Ordinal)))
            && (CreatedFrom is null || member.CreatedAt >= CreatedFrom)
            && (CreatedTo is null || member.CreatedAt < CreatedTo)
            && (UpdatedFrom is null || member.UpdatedAt >= UpdatedFrom)
            && (UpdatedTo is null || member.UpdatedAt < UpdatedTo);
    }
}

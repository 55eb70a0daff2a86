using NodaTime;

namespace Loyalty.Members;

/// <summary>
/// A page request for <see cref="ILoyaltyEngine.ListMembersAsync"/>. Members come in ascending ordinal order of their
/// identifier, so paging stays stable while members are added.
/// </summary>
public sealed class MemberQuery
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 500;

    /// <summary>Gets or sets the page size, 1 to 500. The default value is 100.</summary>
    public int Limit { get; set; } = DefaultLimit;

    /// <summary>Gets or sets the opaque cursor returned as <see cref="MemberPage.NextCursor"/> by the previous page.</summary>
    public string? Cursor { get; set; }

    /// <summary>Gets or sets an identifier: only members whose identifier sorts after it are listed.</summary>
    public MemberId? SinceId { get; set; }

    /// <summary>Gets or sets text the email must contain (case-insensitive).</summary>
    public string? EmailContains { get; set; }

    /// <summary>Gets or sets a status filter.</summary>
    public MemberStatus? Status { get; set; }

    /// <summary>Gets or sets a tier filter (tier name).</summary>
    public string? Tier { get; set; }

    /// <summary>Gets or sets the inclusive lower bound of the creation time.</summary>
    public Instant? CreatedFrom { get; set; }

    /// <summary>Gets or sets the exclusive upper bound of the creation time.</summary>
    public Instant? CreatedTo { get; set; }

    /// <summary>Gets or sets the inclusive lower bound of the last update time.</summary>
    public Instant? UpdatedFrom { get; set; }

    /// <summary>Gets or sets the exclusive upper bound of the last update time.</summary>
    public Instant? UpdatedTo { get; set; }
}

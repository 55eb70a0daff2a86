using System.Text.Json;
using NodaTime;

namespace Loyalty.Members;

/// <summary>A member of a loyalty program, as stored. Instances are immutable snapshots.</summary>
public sealed record Member
{
    /// <summary>Gets the member's identifier within the program.</summary>
    public required MemberId Id { get; init; }

    /// <summary>Gets the lifecycle status.</summary>
    public required MemberStatus Status { get; init; }

    /// <summary>Gets the email address as given (unique per program, compared case-insensitively).</summary>
    public string? Email { get; init; }

    /// <summary>Gets the host's own user identifier (unique per program).</summary>
    public string? ExternalReference { get; init; }

    /// <summary>Gets named external identifiers (for example <c>loyalty_barcode</c>), each unique per program.</summary>
    public IReadOnlyDictionary<string, string> ExternalIds { get; init; } = EmptyStrings;

    /// <summary>Gets the first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Gets the last name.</summary>
    public string? LastName { get; init; }

    /// <summary>Gets the phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the birthday.</summary>
    public LocalDate? Birthday { get; init; }

    /// <summary>Gets the preferred language (a BCP 47 tag such as <c>en-GB</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Gets free-form metadata: always a JSON object (empty when none was given).</summary>
    public JsonElement Metadata { get; init; } = EmptyObject;

    /// <summary>Gets the values of the program's declared custom attributes.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; init; } = EmptyAttributes;

    /// <summary>Gets the member who referred this one, if any.</summary>
    public MemberId? ReferredBy { get; init; }

    /// <summary>Gets the current tier name, or <see langword="null"/> when the program has no tiers.</summary>
    public string? Tier { get; init; }

    /// <summary>Gets when the member reached the current tier.</summary>
    public Instant? TierSince { get; init; }

    /// <summary>Gets when the current tier is next reviewed for a downgrade.</summary>
    public Instant? TierReviewAt { get; init; }

    /// <summary>Gets the tier an operator pinned as a floor that automatic downgrades respect.</summary>
    public string? PinnedTier { get; init; }

    /// <summary>Gets when the member record was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>Gets when the member record last changed.</summary>
    public required Instant UpdatedAt { get; init; }

    /// <summary>Gets when the member enrolled (became Pending or Active), if they have.</summary>
    public Instant? EnrolledAt { get; init; }

    /// <summary>Gets when the member last did something (enrolled, updated their profile, earned or spent — ledger activity is recorded to the hour).</summary>
    public Instant? LastActivityAt { get; init; }

    /// <summary>Gets a value indicating whether the member is enrolled (Pending, Active, Suspended or Banned).</summary>
    public bool IsEnrolled => Status is MemberStatus.Pending or MemberStatus.Active or MemberStatus.Suspended or MemberStatus.Banned;

    internal static IReadOnlyDictionary<string, string> EmptyStrings { get; } = new Dictionary<string, string>(0, StringComparer.Ordinal);

    internal static IReadOnlyDictionary<string, AttributeValue> EmptyAttributes { get; } = new Dictionary<string, AttributeValue>(0, StringComparer.Ordinal);

    internal static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}

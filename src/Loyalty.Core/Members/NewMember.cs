using System.Text.Json;
using NodaTime;

namespace Loyalty.Members;

/// <summary>The data for a new member. Everything is optional: a UUID identifier is generated when none is given.</summary>
public sealed class NewMember
{
    /// <summary>Gets or sets the identifier; a UUID is generated when <see langword="null"/>.</summary>
    public MemberId? Id { get; set; }

    /// <summary>Gets or sets the email address (unique per program, compared case-insensitively).</summary>
    public string? Email { get; set; }

    /// <summary>Gets or sets the host's own user identifier (unique per program).</summary>
    public string? ExternalReference { get; set; }

    /// <summary>Gets named external identifiers; each key must be declared in <c>LoyaltyOptions.ExternalIdKeys</c>.</summary>
    public IDictionary<string, string> ExternalIds { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the first name.</summary>
    public string? FirstName { get; set; }

    /// <summary>Gets or sets the last name.</summary>
    public string? LastName { get; set; }

    /// <summary>Gets or sets the phone number.</summary>
    public string? Phone { get; set; }

    /// <summary>Gets or sets the birthday.</summary>
    public LocalDate? Birthday { get; set; }

    /// <summary>Gets or sets the preferred language (a BCP 47 tag).</summary>
    public string? Language { get; set; }

    /// <summary>Gets or sets free-form metadata; must be a JSON object within the program's size limit.</summary>
    public JsonElement? Metadata { get; set; }

    /// <summary>Gets custom attribute values; each must be declared for the program.</summary>
    public IDictionary<string, AttributeValue> Attributes { get; } = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);

    /// <summary>Gets or sets the member who referred this one.</summary>
    public MemberId? ReferredBy { get; set; }

    /// <summary>
    /// Gets or sets whether enrollment waits for verification (status <see cref="MemberStatus.Pending"/>).
    /// <see langword="null"/> uses the program's <c>RequireVerification</c> option.
    /// </summary>
    public bool? RequireVerification { get; set; }

    /// <summary>Gets or sets who performed the enrollment, for the history (defaults to <c>system</c>).</summary>
    public string? Actor { get; set; }
}

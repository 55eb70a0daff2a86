using Loyalty.Members;

namespace Loyalty.Configuration;

/// <summary>
/// The settings of one loyalty program. Validated when the engine is first resolved and at host start; an invalid
/// value fails with a message that names the option.
/// </summary>
public sealed class LoyaltyOptions
{
    /// <summary>
    /// Gets or sets the program (tenant) identifier: letters, digits, '-' and '_', 1 to 64 characters. Required: every
    /// record the engine writes is scoped by it.
    /// </summary>
    public string? ProgramId { get; set; }

    /// <summary>
    /// Gets or sets the IANA time zone in which dates that people see (expiry dates, "this month") are computed.
    /// <value>The default value is <c>UTC</c>.</value>
    /// </summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>
    /// Gets or sets a value indicating whether enrollment waits for verification (members start as Pending).
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool RequireVerification { get; set; }

    /// <summary>
    /// Gets or sets the largest metadata object accepted, in UTF-8 bytes.
    /// <value>The default value is 16384 (16 KiB).</value>
    /// </summary>
    public int MetadataMaxBytes { get; set; } = 16 * 1024;

    /// <summary>Gets the declared custom attributes. Writes to undeclared attributes are rejected.</summary>
    public IList<AttributeDefinition> Attributes { get; } = new List<AttributeDefinition>();

    /// <summary>
    /// Gets the declared names of external identifiers (for example <c>loyalty_barcode</c>, <c>pos_id</c>): lower-case
    /// letters, digits and '_', starting with a letter, at most 32 characters.
    /// </summary>
    public ISet<string> ExternalIdKeys { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets the engagement stage thresholds.</summary>
    public EngagementOptions Engagement { get; } = new();

    /// <summary>Gets the points ledger settings.</summary>
    public LedgerOptions Ledger { get; } = new();

    /// <summary>Gets the tier table and its rules.</summary>
    public TierOptions Tiers { get; } = new();
}

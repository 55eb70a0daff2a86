using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Loyalty.Configuration;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Tiers;
using NodaTime;

namespace Loyalty.Engine;

/// <summary>A program's options, validated and resolved once, so no call re-reads or re-parses them.</summary>
internal sealed class ProgramSettings
{
    public ProgramSettings(LoyaltyOptions options)
    {
        var failures = LoyaltyOptionsValidator.Collect(options);
        if (failures.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                options.ProgramId ?? string.Empty, typeof(LoyaltyOptions), failures);
        }

        ProgramId = Loyalty.ProgramId.Parse(options.ProgramId!);
        Zone = DateTimeZoneProviders.Tzdb[options.TimeZoneId];
        RequireVerification = options.RequireVerification;
        MetadataMaxBytes = options.MetadataMaxBytes;
        Engagement = new EngagementOptions
        {
            NewMemberDays = options.Engagement.NewMemberDays,
            AtRiskAfterDays = options.Engagement.AtRiskAfterDays,
            ChurnedAfterDays = options.Engagement.ChurnedAfterDays,
        };
        Attributes = options.Attributes.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
        ExternalIdKeys = options.ExternalIdKeys.ToFrozenSet(StringComparer.Ordinal);
        Accounts = options.Ledger.Accounts.Order(StringComparer.Ordinal).Select(AccountName.Parse).ToArray();
        MaxAward = options.Ledger.MaxAward;
        AllowDebt = options.Ledger.AllowDebt;
        Expiry = options.Ledger.Expiry;
        PendingPeriod = options.Ledger.PendingPeriod;
        ReservationTimeout = options.Ledger.ReservationTimeout;
        Tiers = new TierTable(options.Tiers.Levels);
        TierMetric = options.Tiers.Metric;
        TierWindow = options.Tiers.Window;
        TierAccount = ResolveAccount(AccountName.Parse(options.Tiers.Account));
        TierReviewPeriod = options.Tiers.ReviewPeriod;
        TierGracePeriod = options.Tiers.GracePeriod;
        TierDowngrade = options.Tiers.Downgrade;
    }

    public ProgramId ProgramId { get; }

    public DateTimeZone Zone { get; }

    public bool RequireVerification { get; }

    public int MetadataMaxBytes { get; }

    public EngagementOptions Engagement { get; }

    public FrozenDictionary<string, AttributeDefinition> Attributes { get; }

    public FrozenSet<string> ExternalIdKeys { get; }

    public AccountName[] Accounts { get; }

    public long MaxAward { get; }

    public bool AllowDebt { get; }

    public ExpiryPolicy Expiry { get; }

    public Duration? PendingPeriod { get; }

    public Duration ReservationTimeout { get; }

    public TierTable Tiers { get; }

    public TierMetric TierMetric { get; }

    public Period TierWindow { get; }

    public AccountName TierAccount { get; }

    public Period TierReviewPeriod { get; }

    public Period TierGracePeriod { get; }

    public DowngradeMode TierDowngrade { get; }

    /// <summary>The instant a tier reached (or kept) at <paramref name="from"/> is reviewed: the review date plus the grace period, at the start of that local day.</summary>
    public Instant TierReviewInstant(Instant from)
    {
        var reviewDate = LocalDate(from) + TierReviewPeriod + TierGracePeriod;
        return Zone.AtStartOfDay(reviewDate).ToInstant();
    }

    /// <summary>
    /// The start of the tier metric's rolling window that ends at <paramref name="now"/>: the window holds today and the
    /// days back to (not including) the same date one window earlier, e.g. 16 Jan 2026 to 15 Jan 2027 for 12 months.
    /// </summary>
    public Instant TierWindowStart(Instant now) => Zone.AtStartOfDay((LocalDate(now) - TierWindow).PlusDays(1)).ToInstant();

    /// <summary>Returns the configured account equal to <paramref name="account"/>, or throws <see cref="ErrorCode.UnknownAccount"/>.</summary>
    /// <remarks>On every read: inlined, with the failure in a method of its own.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public AccountName ResolveAccount(AccountName account)
    {
        var accounts = Accounts;
        for (var i = 0; i < accounts.Length; i++)
        {
            if (accounts[i].Equals(account))
            {
                return accounts[i];
            }
        }

        throw UnknownAccount(account);
    }

    private LoyaltyException UnknownAccount(AccountName account) =>
        new(ErrorCode.UnknownAccount, $"Account '{account}' is not configured for program '{ProgramId}'.", "account");

    /// <summary>The instant at which points valid through <paramref name="lastValidDay"/> expire: the start of the next local day.</summary>
    public Instant ExpiryInstant(LocalDate lastValidDay) => Zone.AtStartOfDay(lastValidDay.PlusDays(1)).ToInstant();

    /// <summary>The local date of an instant in the program's zone.</summary>
    public LocalDate LocalDate(Instant instant) => instant.InZone(Zone).Date;
}

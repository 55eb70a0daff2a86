using System.Text.RegularExpressions;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Tiers;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Loyalty.Configuration;

/// <summary>Validates <see cref="LoyaltyOptions"/>; every failure names the option and the rule.</summary>
public sealed partial class LoyaltyOptionsValidator : IValidateOptions<LoyaltyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LoyaltyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Collect(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Lists every problem of the options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The failures; empty when the options are valid.</returns>
    public static IReadOnlyList<string> Collect(LoyaltyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.ProgramId))
        {
            failures.Add("LoyaltyOptions.ProgramId is required (letters, digits, '-' and '_', 1 to 64 characters).");
        }
        else if (!Loyalty.ProgramId.TryParse(options.ProgramId, out _))
        {
            failures.Add($"LoyaltyOptions.ProgramId '{options.ProgramId}' {IdentifierRules.Describe(options.ProgramId)}.");
        }

        if (options.TimeZoneId is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZoneId) is null)
        {
            failures.Add($"LoyaltyOptions.TimeZoneId '{options.TimeZoneId}' is not a known IANA time zone id (for example 'Europe/London').");
        }

        if (options.MetadataMaxBytes is < 2 or > 1024 * 1024)
        {
            failures.Add($"LoyaltyOptions.MetadataMaxBytes must be between 2 and 1048576 (was {options.MetadataMaxBytes}).");
        }

        ValidateEngagement(options.Engagement, failures);
        ValidateAttributes(options.Attributes, failures);
        foreach (var key in options.ExternalIdKeys)
        {
            if (key is null || !KeyName().IsMatch(key) || key.Length > 32)
            {
                failures.Add($"LoyaltyOptions.ExternalIdKeys '{key}' must be 1 to 32 lower-case letters, digits or '_', starting with a letter.");
            }
        }

        ValidateLedger(options.Ledger, failures);
        ValidateTiers(options.Tiers, options.Ledger, failures);
        return failures;
    }

    private static void ValidateEngagement(EngagementOptions engagement, List<string> failures)
    {
        AddIfNegative(engagement.NewMemberDays, "Engagement.NewMemberDays", failures);
        AddIfNegative(engagement.AtRiskAfterDays, "Engagement.AtRiskAfterDays", failures);
        AddIfNegative(engagement.ChurnedAfterDays, "Engagement.ChurnedAfterDays", failures);
        if (engagement.ChurnedAfterDays <= engagement.AtRiskAfterDays)
        {
            failures.Add($"LoyaltyOptions.Engagement.ChurnedAfterDays ({engagement.ChurnedAfterDays}) must be greater than AtRiskAfterDays ({engagement.AtRiskAfterDays}).");
        }
    }

    private static void ValidateAttributes(IList<AttributeDefinition> attributes, List<string> failures)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            if (attribute is null)
            {
                failures.Add("LoyaltyOptions.Attributes must not contain null.");
                continue;
            }

            if (!KeyName().IsMatch(attribute.Name) || attribute.Name.Length > 64)
            {
                failures.Add($"LoyaltyOptions.Attributes '{attribute.Name}' must be 1 to 64 lower-case letters, digits or '_', starting with a letter.");
            }
            else if (ReadOnlyAttributes.Contains(attribute.Name))
            {
                failures.Add($"LoyaltyOptions.Attributes '{attribute.Name}' is a read-only attribute owned by the engine and cannot be declared.");
            }
            else if (SensitiveDataScanner.InspectKey(attribute.Name) is { } sensitive)
            {
                failures.Add($"LoyaltyOptions.Attributes '{attribute.Name}' is named like {sensitive}, which must never be stored in a loyalty profile.");
            }
            else if (!seen.Add(attribute.Name))
            {
                failures.Add($"LoyaltyOptions.Attributes '{attribute.Name}' is declared twice.");
            }

            if (!Enum.IsDefined(attribute.Kind))
            {
                failures.Add($"LoyaltyOptions.Attributes '{attribute.Name}' has an unknown kind ({(int)attribute.Kind}).");
            }
            else if (attribute.Kind == AttributeKind.Enum && attribute.AllowedValues.Count == 0)
            {
                failures.Add($"LoyaltyOptions.Attributes '{attribute.Name}' is an enum and must list its allowed values.");
            }
        }
    }

    private static void ValidateLedger(LedgerOptions ledger, List<string> failures)
    {
        foreach (var account in ledger.Accounts)
        {
            if (!AccountName.TryParse(account, out _))
            {
                failures.Add($"LoyaltyOptions.Ledger.Accounts '{account}' must be 1 to {AccountName.MaxLength} lower-case letters, digits or '_', starting with a letter.");
            }
        }

        if (!ledger.Accounts.Contains(AccountName.Default.Value))
        {
            failures.Add("LoyaltyOptions.Ledger.Accounts must contain the default account 'points'.");
        }

        if (ledger.MaxAward < 1)
        {
            failures.Add($"LoyaltyOptions.Ledger.MaxAward must be at least 1 (was {ledger.MaxAward}).");
        }

        if (ledger.Expiry is null)
        {
            failures.Add("LoyaltyOptions.Ledger.Expiry is required (use ExpiryPolicy.Never for points that never expire).");
        }
        else if (ledger.Expiry.Kind == ExpiryPolicyKind.FixedLifetime && !IsPositive(ledger.Expiry.Lifetime!))
        {
            failures.Add($"LoyaltyOptions.Ledger.Expiry lifetime must be a positive period of days, weeks, months or years (was {ledger.Expiry.Lifetime}).");
        }
        else if (ledger.Expiry.Kind == ExpiryPolicyKind.RollingInactivity && ledger.Expiry.InactivityDays < 1)
        {
            failures.Add($"LoyaltyOptions.Ledger.Expiry inactivity days must be at least 1 (was {ledger.Expiry.InactivityDays}).");
        }

        if (ledger.PendingPeriod is { } pending && pending <= Duration.Zero)
        {
            failures.Add($"LoyaltyOptions.Ledger.PendingPeriod must be positive when set (was {pending}).");
        }

        if (ledger.ReservationTimeout <= Duration.Zero)
        {
            failures.Add($"LoyaltyOptions.Ledger.ReservationTimeout must be positive (was {ledger.ReservationTimeout}).");
        }

        if (ledger.MaintenanceInterval <= TimeSpan.Zero)
        {
            failures.Add($"LoyaltyOptions.Ledger.MaintenanceInterval must be positive (was {ledger.MaintenanceInterval}).");
        }
    }

    private static void ValidateTiers(TierOptions tiers, LedgerOptions ledger, List<string> failures)
    {
        failures.AddRange(TierTable.Validate(tiers.Levels).Select(problem => "LoyaltyOptions." + problem));
        if (tiers.Levels.Count == 0)
        {
            return;
        }

        if (!Enum.IsDefined(tiers.Metric))
        {
            failures.Add($"LoyaltyOptions.Tiers.Metric has an unknown value ({(int)tiers.Metric}).");
        }

        if (!Enum.IsDefined(tiers.Downgrade))
        {
            failures.Add($"LoyaltyOptions.Tiers.Downgrade has an unknown value ({(int)tiers.Downgrade}).");
        }

        if (tiers.Account is null || !ledger.Accounts.Contains(tiers.Account))
        {
            failures.Add($"LoyaltyOptions.Tiers.Account '{tiers.Account}' must be one of LoyaltyOptions.Ledger.Accounts.");
        }

        if (tiers.ReviewPeriod is null || !IsPositive(tiers.ReviewPeriod))
        {
            failures.Add($"LoyaltyOptions.Tiers.ReviewPeriod must be a positive period of days, weeks, months or years (was {tiers.ReviewPeriod}).");
        }

        if (tiers.Metric == TierMetric.PointsInWindow && (tiers.Window is null || !IsPositive(tiers.Window)))
        {
            failures.Add($"LoyaltyOptions.Tiers.Window must be a positive period of days, weeks, months or years (was {tiers.Window}).");
        }

        if (tiers.GracePeriod is null || (tiers.GracePeriod != Period.Zero && !IsPositive(tiers.GracePeriod)))
        {
            failures.Add($"LoyaltyOptions.Tiers.GracePeriod must be zero or a positive period of days, weeks, months or years (was {tiers.GracePeriod}).");
        }
    }

    private static bool IsPositive(Period period) =>
        period.HasDateComponent && !period.HasTimeComponent
        && period.Years >= 0 && period.Months >= 0 && period.Weeks >= 0 && period.Days >= 0
        && (period.Years + period.Months + period.Weeks + period.Days) > 0;

    private static void AddIfNegative(int value, string option, List<string> failures)
    {
        if (value < 0)
        {
            failures.Add($"LoyaltyOptions.{option} must not be negative (was {value}).");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyName();
}

using Loyalty.Configuration;
using Loyalty.Ledger;
using Loyalty.Tiers;
using NodaTime;

namespace Loyalty.Cli.Hosting;

/// <summary>
/// The program rules the tool runs with (the engine's rules live in code, not in the store): four tiers on lifetime
/// points, points valid for six months, a 14-day return window for held earns, one-hour checkout reservations, in the
/// Europe/London time zone. The demo builds its database with the same rules, so every command agrees with it.
/// </summary>
internal static class CliProgram
{
    /// <summary>The program used when <c>--program</c> is not given.</summary>
    public const string DefaultProgramId = "demo";

    /// <summary>Gets how long earned points stay valid.</summary>
    public static Period PointsLifetime { get; } = Period.FromMonths(6);

    /// <summary>Gets how long held earns wait before they are approved.</summary>
    public static Duration PendingPeriod { get; } = Duration.FromDays(14);

    /// <summary>Gets the program's time zone, in which the tool prints dates and times.</summary>
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>Applies the rules to the engine's options.</summary>
    /// <param name="options">The options.</param>
    /// <param name="programId">The program.</param>
    public static void Configure(LoyaltyOptions options, ProgramId programId)
    {
        options.ProgramId = programId.Value;
        options.TimeZoneId = Zone.Id;
        options.Ledger.Expiry = ExpiryPolicy.FixedLifetime(PointsLifetime);
        options.Ledger.PendingPeriod = PendingPeriod;
        options.Ledger.ReservationTimeout = Duration.FromHours(1);
        options.Ledger.BackgroundMaintenance = false;
        options.Tiers.Metric = TierMetric.LifetimePoints;
        options.Tiers.Levels.Add(Tier("Bronze", 0, 1m));
        options.Tiers.Levels.Add(Tier("Silver", 1_000, 1.25m, "birthday_gift"));
        options.Tiers.Levels.Add(Tier("Gold", 2_500, 1.5m, "birthday_gift", "free_delivery"));
        options.Tiers.Levels.Add(Tier("Platinum", 5_000, 2m, "birthday_gift", "free_delivery", "priority_support"));
    }

    private static TierDefinition Tier(string name, long threshold, decimal multiplier, params string[] benefits)
    {
        var tier = new TierDefinition(name, threshold) { EarnMultiplier = multiplier };
        foreach (var benefit in benefits)
        {
            tier.Benefits.Add(benefit);
        }

        return tier;
    }
}

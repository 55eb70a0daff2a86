using Loyalty.Configuration;
using Loyalty.Tiers;

namespace Loyalty.StoreContract;

/// <summary>The tier table the tier tests use: Bronze 0, Silver 1,000 (keep at 800), Gold 5,000 (keep at 4,000, 1.5×), Platinum 20,000 (2×).</summary>
public abstract class TierContractBase<TFixture>(TFixture fixture) : LedgerContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    public static void FourTiers(LoyaltyOptions options)
    {
        options.Tiers.Levels.Add(new TierDefinition("Bronze", 0));
        var silver = new TierDefinition("Silver", 1_000) { RetentionThreshold = 800 };
        silver.Benefits.Add("birthday_gift");
        options.Tiers.Levels.Add(silver);
        var gold = new TierDefinition("Gold", 5_000) { RetentionThreshold = 4_000, EarnMultiplier = 1.5m };
        gold.Benefits.Add("free_delivery");
        gold.Benefits.Add("lounge");
        options.Tiers.Levels.Add(gold);
        var platinum = new TierDefinition("Platinum", 20_000) { EarnMultiplier = 2m };
        platinum.Benefits.Add("free_delivery");
        platinum.Benefits.Add("concierge");
        options.Tiers.Levels.Add(platinum);
    }

    protected ILoyaltyEngine TierEngine(Action<LoyaltyOptions>? configure = null) => NewEngine(o =>
    {
        FourTiers(o);
        configure?.Invoke(o);
    });
}

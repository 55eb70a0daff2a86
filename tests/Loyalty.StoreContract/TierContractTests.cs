using Loyalty.Events;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Tiers;
using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>Tiers: upgrades, multipliers, reviews and downgrades, pins, the tier view.</summary>
public abstract class TierContractTests<TFixture>(TFixture fixture) : TierContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public async Task Enrollment_GivesTheBaseTier_GuestsHaveNone()
    {
        var engine = TierEngine();
        var member = await MemberAsync(engine, "m");
        var guest = await MemberAsync(engine, "g", MemberStatus.Inactive);

        Assert.Equal("Bronze", (await engine.GetMemberAsync(member, Cancellation)).Tier);
        Assert.Null((await engine.GetMemberAsync(guest, Cancellation)).Tier);
        var status = await engine.GetTierAsync(member, Cancellation);
        Assert.Equal("Bronze", status.Tier.Name);
        Assert.Equal("Silver", status.NextTier?.Name);
        Assert.Equal(1_000, status.PointsToNextTier);
        Assert.Null(status.PointsToKeepTier);
        Assert.Null(status.ValidUntil);
        Assert.Equal([new TierChange(Clock.GetCurrentInstant(), null, "Bronze", "enrolled")], status.History);
    }

    [Fact]
    public async Task OneEarn_CrossingSeveralThresholds_UpgradesAtOnceInTheSameWrite()
    {
        var engine = TierEngine();
        var id = await MemberAsync(engine);

        await EarnAsync(engine, id, 6_000);

        var member = await engine.GetMemberAsync(id, Cancellation);
        Assert.Equal("Gold", member.Tier);
        Assert.Equal(Clock.GetCurrentInstant(), member.TierSince);
        var status = await engine.GetTierAsync(id, Cancellation);
        Assert.Equal(6_000, status.Metric);
        Assert.Equal(14_000, status.PointsToNextTier);
        Assert.Equal(0, status.PointsToKeepTier);
        Assert.Equal(["free_delivery", "lounge"], status.Benefits);
        Assert.Equal(new LocalDate(2027, 1, 15), status.ReviewDate);
        Assert.Equal(Instant.FromUtc(2027, 1, 15, 0, 0), status.ValidUntil);
        Assert.Contains(await Store.ReadOutboxAsync(engine.ProgramId, 0, 100, Cancellation), m => m.Type == LoyaltyEventTypes.TierChanged);
    }

    [Fact]
    public async Task SeveralEarns_UpgradeWhenTheThresholdIsReached_ExactlyAtThreshold()
    {
        var engine = TierEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 600);
        await EarnAsync(engine, id, 399);
        Assert.Equal("Bronze", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        Assert.Equal(1, (await engine.GetTierAsync(id, Cancellation)).PointsToNextTier);

        await EarnAsync(engine, id, 1);

        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        var history = (await engine.GetTierAsync(id, Cancellation)).History;
        Assert.Equal(["Bronze", "Silver"], history.Select(h => h.To));
        Assert.Equal("upgrade", history[^1].Reason);
    }

    [Fact]
    public async Task ApprovedPendingPoints_Upgrade_PendingAloneDoesNot()
    {
        var engine = TierEngine();
        var id = await MemberAsync(engine);
        var pending = await EarnAsync(engine, id, 1_200, pending: true);
        Assert.Equal("Bronze", (await engine.GetMemberAsync(id, Cancellation)).Tier);

        await SettleAsync(engine.ApprovePendingAsync, id, pending.Entry.Id);

        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);
    }

    [Fact]
    public async Task Multipliers_ApplyToThePointsAccount_RoundedDown()
    {
        var engine = TierEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 5_000);

        var gold = await EarnAsync(engine, id, 15);
        Assert.Equal(22, gold.Entry.Points);
        var credits = await engine.AwardAsync(new AwardPoints(id, 15, Key()) { Account = "status_credits" }, Cancellation);
        Assert.Equal(15, credits.Entry.Points);

        Assert.Equal(13_500, (await EarnAsync(engine, id, 9_000)).Entry.Points);
        Assert.Equal("Gold", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        await EarnAsync(engine, id, 1_000);
        Assert.Equal("Platinum", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        Assert.Equal(20, (await EarnAsync(engine, id, 10)).Entry.Points);
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task RollingWindow_PointsThatLeftTheWindow_DoNotCountForAnUpgrade()
    {
        var engine = TierEngine(o => o.Tiers.Metric = TierMetric.PointsInWindow);
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 900);
        Clock.Set(Instant.FromUtc(2027, 1, 16, 12, 0)); // the 900 points of 15 January 2026 are out of the 12-month window

        await EarnAsync(engine, id, 500);
        Assert.Equal("Bronze", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        var status = await engine.GetTierAsync(id, Cancellation);
        Assert.Equal((500L, 500L), (status.Metric, status.PointsToNextTier));

        await EarnAsync(engine, id, 500);
        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        Assert.Equal(1_900, (await engine.GetBalanceAsync(id, cancellationToken: Cancellation)).Lifetime);
    }

    [Fact]
    public async Task RollingWindow_IsCountedInLocalDaysOfTheProgramsTimeZone()
    {
        var zone = DateTimeZoneProviders.Tzdb["Pacific/Auckland"];
        var engine = TierEngine(o =>
        {
            o.TimeZoneId = zone.Id;
            o.Tiers.Metric = TierMetric.PointsInWindow;
        });
        var id = await MemberAsync(engine);
        Clock.Set(new LocalDateTime(2026, 3, 10, 0, 30).InZoneStrictly(zone).ToInstant()); // 9 March in UTC
        await EarnAsync(engine, id, 700);

        // On 9 March 2027 (local) the window is 10 March 2026 to 9 March 2027: the earn is in it until that day ends there.
        Clock.Set(new LocalDateTime(2027, 3, 9, 23, 59).InZoneStrictly(zone).ToInstant());
        Assert.Equal(700, (await engine.GetTierAsync(id, Cancellation)).Metric);
        Clock.Set(new LocalDateTime(2027, 3, 10, 0, 0).InZoneStrictly(zone).ToInstant());
        Assert.Equal(0, (await engine.GetTierAsync(id, Cancellation)).Metric);
    }

    [Fact]
    public async Task Review_BeforeTheReviewDate_NeverDowngrades()
    {
        var engine = TierEngine(o => o.Tiers.Metric = TierMetric.PointsInWindow);
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 1_500);
        Clock.Set(Instant.FromUtc(2027, 1, 14, 23, 59));

        Assert.Equal(0, (await MaintainAsync(engine)).TierChanges);
        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);
    }

    [Fact]
    public async Task Review_RetentionMet_KeepsTheTierForAnotherPeriod()
    {
        var engine = TierEngine(o => o.Tiers.Metric = TierMetric.PointsInWindow);
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 1_000);
        Clock.Set(Instant.FromUtc(2026, 9, 1, 12, 0));
        await EarnAsync(engine, id, 800);

        Clock.Set(Instant.FromUtc(2027, 1, 15, 0, 0));
        var report = await MaintainAsync(engine);

        Assert.Equal(0, report.TierChanges);
        var member = await engine.GetMemberAsync(id, Cancellation);
        Assert.Equal("Silver", member.Tier);
        Assert.Equal(Instant.FromUtc(2028, 1, 15, 0, 0), member.TierReviewAt);
        var before = await ProgramFingerprint.CaptureAsync(engine, Store);
        await MaintainAsync(engine);
        Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));
    }

    [Fact]
    public async Task Review_PointsLeftTheWindow_DowngradesOneTier_AndTheJobIsIdempotent()
    {
        var engine = TierEngine(o => o.Tiers.Metric = TierMetric.PointsInWindow);
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 25_000);
        Assert.Equal("Platinum", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        Clock.Set(Instant.FromUtc(2026, 6, 1, 12, 0));
        await EarnAsync(engine, id, 100);

        Clock.Set(Instant.FromUtc(2027, 1, 15, 0, 0));
        Assert.Equal(200, (await engine.GetTierAsync(id, Cancellation)).Metric); // 100 points at the 2× Platinum multiplier
        Assert.Equal(1, (await MaintainAsync(engine)).TierChanges);

        var member = await engine.GetMemberAsync(id, Cancellation);
        Assert.Equal("Gold", member.Tier);
        Assert.Equal(Instant.FromUtc(2028, 1, 15, 0, 0), member.TierReviewAt);
        var before = await ProgramFingerprint.CaptureAsync(engine, Store);
        Assert.Equal(0, (await MaintainAsync(engine)).TierChanges);
        Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));

        Clock.Set(Instant.FromUtc(2028, 1, 15, 0, 0));
        await MaintainAsync(engine);
        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        var history = (await engine.GetTierAsync(id, Cancellation)).History;
        Assert.Equal(["Bronze", "Platinum", "Gold", "Silver"], history.Select(h => h.To));
        Assert.Equal("review", history[^1].Reason);
    }

    [Fact]
    public async Task Review_StraightToQualifyingTier()
    {
        var engine = TierEngine(o =>
        {
            o.Tiers.Metric = TierMetric.PointsInWindow;
            o.Tiers.Downgrade = DowngradeMode.ToQualifyingTier;
        });
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 25_000);
        Clock.Set(Instant.FromUtc(2026, 12, 1, 12, 0));
        await EarnAsync(engine, id, 900);

        Clock.Set(Instant.FromUtc(2027, 1, 15, 0, 0));
        await MaintainAsync(engine);

        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);
    }

    [Fact]
    public async Task Review_WithGracePeriod_DowngradesOnlyAfterTheGrace_AndRequalifyingInGraceKeepsTheTier()
    {
        var engine = TierEngine(o =>
        {
            o.Tiers.Metric = TierMetric.PointsInWindow;
            o.Tiers.GracePeriod = Period.FromMonths(1);
        });
        var keeps = await MemberAsync(engine, "keeps");
        var loses = await MemberAsync(engine, "loses");
        await EarnAsync(engine, keeps, 1_200);
        await EarnAsync(engine, loses, 1_200);

        Clock.Set(Instant.FromUtc(2027, 1, 20, 12, 0));
        Assert.Equal(0, (await MaintainAsync(engine)).TierChanges);
        Assert.Equal(new LocalDate(2027, 1, 15), (await engine.GetTierAsync(loses, Cancellation)).ReviewDate);
        Assert.Equal(Instant.FromUtc(2027, 2, 15, 0, 0), (await engine.GetTierAsync(loses, Cancellation)).ValidUntil);
        await EarnAsync(engine, keeps, 850);

        Clock.Set(Instant.FromUtc(2027, 2, 15, 0, 0));
        Assert.Equal(1, (await MaintainAsync(engine)).TierChanges);
        Assert.Equal("Silver", (await engine.GetMemberAsync(keeps, Cancellation)).Tier);
        Assert.Equal("Bronze", (await engine.GetMemberAsync(loses, Cancellation)).Tier);
        Assert.Null((await engine.GetMemberAsync(loses, Cancellation)).TierReviewAt);
    }

    [Fact]
    public async Task LifetimeMetric_KeepsTheTierAtReview()
    {
        var engine = TierEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 1_500);
        await SpendAsync(engine, id, 1_500);

        Clock.Set(Instant.FromUtc(2027, 1, 15, 0, 0));
        await MaintainAsync(engine);

        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);
    }

    [Fact]
    public async Task PinnedTier_IsAFloorForReviews_AndRaisesAtOnce()
    {
        var engine = TierEngine(o => o.Tiers.Metric = TierMetric.PointsInWindow);
        var id = await MemberAsync(engine);

        var pinned = await engine.PinTierAsync(id, "Gold", "VIP partner", "ops:ann", Cancellation);
        Assert.Equal("Gold", pinned.Tier);
        Assert.Equal("Gold", pinned.PinnedTier);

        Clock.Set(Instant.FromUtc(2027, 1, 15, 0, 0));
        await MaintainAsync(engine);
        Assert.Equal("Gold", (await engine.GetMemberAsync(id, Cancellation)).Tier);

        await engine.PinTierAsync(id, null, "partnership ended", cancellationToken: Cancellation);
        Clock.Set(Instant.FromUtc(2028, 1, 15, 0, 0));
        await MaintainAsync(engine);
        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);

        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.UnknownTier, () => engine.PinTierAsync(id, "Diamond", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Reversal_DoesNotDowngradeBeforeReview()
    {
        var engine = TierEngine();
        var id = await MemberAsync(engine);
        var earn = await EarnAsync(engine, id, 1_200);
        await engine.ReverseAsync(new ReversePoints(id, earn.Entry.Id, 1_200, Key()), Cancellation);

        Assert.Equal("Silver", (await engine.GetMemberAsync(id, Cancellation)).Tier);
        Assert.Equal(800, (await engine.GetTierAsync(id, Cancellation)).PointsToKeepTier);
    }

    [Fact]
    public async Task TierView_WithoutTiers_IsRefused()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await LoyaltyAssert.ThrowsAsync(ErrorCode.UnknownTier, () => engine.GetTierAsync(id, Cancellation));
        Assert.Null((await engine.GetMemberAsync(id, Cancellation)).Tier);
    }

    [Fact]
    public async Task ListMembers_FiltersByTier()
    {
        var engine = TierEngine();
        await MemberAsync(engine, "a");
        var b = await MemberAsync(engine, "b");
        await EarnAsync(engine, b, 1_000);

        var silver = await engine.ListMembersAsync(new MemberQuery { Tier = "Silver" }, Cancellation);
        Assert.Equal(["b"], silver.Members.Select(m => m.Id.Value));
    }
}

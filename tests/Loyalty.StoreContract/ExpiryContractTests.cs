using Loyalty.Events;
using Loyalty.Ledger;
using Loyalty.Storage;
using Loyalty.Tiers;
using NodaTime;
using NodaTime.Text;

namespace Loyalty.StoreContract;

/// <summary>Expiry policies, the maintenance job (expiry, auto-approval, reservation timeout), time zones, the expiring view.</summary>
public abstract class ExpiryContractTests<TFixture>(TFixture fixture) : LedgerContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private ILoyaltyEngine NewEngineFor(string programId, ExpiryPolicy expiry) =>
        CreateEngine(o =>
        {
            o.Ledger.Accounts.Add("status_credits");
            o.Ledger.Expiry = expiry;
        }, programId);

    [Fact]
    public async Task FixedLifetime_ExpiresAtTheEndOfTheLastValidDay_AndTheJobIsIdempotent()
    {
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromMonths(12)));
        var id = await MemberAsync(engine);
        Clock.Set(Instant.FromUtc(2026, 3, 15, 10, 0));
        var earn = await EarnAsync(engine, id, 100);
        Assert.Equal(new LocalDate(2027, 3, 15), earn.Entry.ExpiresOn);

        Clock.Set(Instant.FromUtc(2027, 3, 15, 23, 59, 59));
        Assert.Equal(0, (await MaintainAsync(engine)).PointsExpired);
        Assert.Equal(100, (await SpendAsync(engine, id, 1)).Balance.Spendable + 1);

        Clock.Set(Instant.FromUtc(2027, 3, 16, 0, 0));
        var report = await MaintainAsync(engine);
        Assert.Equal(99, report.PointsExpired);
        Assert.Equal(1, report.Members);
        var balance = await BalanceAsync(engine, id);
        Assert.Equal(new PointsBalance(100, 0, 0, 1, 99, 0), balance);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => SpendAsync(engine, id, 1));

        var before = await ProgramFingerprint.CaptureAsync(engine, Store);
        var again = await MaintainAsync(engine);
        Assert.Equal(0, again.PointsExpired);
        Assert.Equal(0, again.Members);
        Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));

        var expire = (await LedgerInvariants.EntriesAsync(engine, id)).Single(e => e.Kind == LedgerEntryKind.Expire);
        Assert.Equal([new LotAllocation(earn.Entry.Id, 99)], expire.Allocations);
        Assert.Equal((99L, earn.Entry.ExpiresOn), (expire.Points, expire.ExpiresOn));
        Assert.Contains(await Store.ReadOutboxAsync(engine.ProgramId, 0, 100, Cancellation), m => m.Type == LoyaltyEventTypes.PointsExpired);
    }

    [Fact]
    public async Task LotsDueOnOneDate_ExpireAsOneEntryAndEvent_NamingEachLot_AndEachDateHasItsOwn()
    {
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(30)));
        var id = await MemberAsync(engine);
        async Task<LedgerResult> EarnLaterAsync(long points)
        {
            Clock.Advance(Duration.FromSeconds(1)); // the same day, one after the other: the spend below takes the oldest first
            return await EarnAsync(engine, id, points);
        }

        var early = new[] { await EarnLaterAsync(10), await EarnLaterAsync(20), await EarnLaterAsync(30) };
        Clock.AdvanceDays(5);
        var late = new[] { await EarnLaterAsync(40), await EarnLaterAsync(50) };
        Assert.All(early, e => Assert.Equal(early[0].Entry.ExpiresOn, e.Entry.ExpiresOn));
        await SpendAsync(engine, id, 15);

        Clock.AdvanceDays(40);
        var report = await MaintainAsync(engine);

        Assert.Equal((1, 135L), (report.Members, report.PointsExpired));
        var expiries = (await LedgerInvariants.EntriesAsync(engine, id)).Where(e => e.Kind == LedgerEntryKind.Expire).ToArray();
        Assert.Equal(2, expiries.Length);
        Assert.Equal((45L, early[0].Entry.ExpiresOn), (expiries[0].Points, expiries[0].ExpiresOn));
        Assert.Equal([new LotAllocation(early[1].Entry.Id, 15), new LotAllocation(early[2].Entry.Id, 30)], expiries[0].Allocations.OrderBy(a => a.Points));
        Assert.Equal((90L, late[0].Entry.ExpiresOn), (expiries[1].Points, expiries[1].ExpiresOn));
        Assert.Equal([new LotAllocation(late[0].Entry.Id, 40), new LotAllocation(late[1].Entry.Id, 50)], expiries[1].Allocations.OrderBy(a => a.Points));
        Assert.Equal(2, (await Store.ReadOutboxAsync(engine.ProgramId, 0, 100, Cancellation)).Count(m => m.Type == LoyaltyEventTypes.PointsExpired && m.MemberId == id));
        Assert.Equal(
            [new ExpiredPoints(early[0].Entry.ExpiresOn!.Value.PlusDays(1), 45), new ExpiredPoints(late[0].Entry.ExpiresOn!.Value.PlusDays(1), 90)],
            (await engine.GetExpiringPointsAsync(id, cancellationToken: Cancellation)).History);
        Assert.Empty(await engine.GetOpenLotsAsync(id, Cancellation));
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task ListMembersWithDueWork_ListsEachKindFromItsOwnRows_InIdentifierOrder_AfterAnIdentifier()
    {
        var engine = NewEngine(o =>
        {
            o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(30));
            o.Ledger.PendingPeriod = Duration.FromDays(14);
            o.Ledger.ReservationTimeout = Duration.FromDays(20);
            o.Tiers.Levels.Add(new TierDefinition("Bronze", 0));
            o.Tiers.Levels.Add(new TierDefinition("Silver", 1_000));
        });
        var start = Clock.GetCurrentInstant();
        var lots = await MemberAsync(engine, "a-lots");
        await EarnAsync(engine, lots, 100);
        var pending = await MemberAsync(engine, "b-pending");
        await EarnAsync(engine, pending, 50, pending: true);
        var silver = await MemberAsync(engine, "c-silver");
        await EarnAsync(engine, silver, 1_000);
        var reserved = await MemberAsync(engine, "d-reserved");
        await EarnAsync(engine, reserved, 10);
        await ReserveAsync(engine, reserved, 10); // no points left to expire: its lot is not listed, its reservation is
        await MemberAsync(engine, "e-idle");
        Assert.NotNull((await engine.GetMemberAsync(silver, Cancellation)).TierReviewAt);

        async Task<MemberId[]> DueAsync(DueWorkKind kind, Duration after, string? afterId = null, int limit = 100) =>
            [.. await Store.ListMembersWithDueWorkAsync(engine.ProgramId, kind, start + after, afterId is null ? (MemberId?)null : MemberId.Parse(afterId), limit, Cancellation)];

        Assert.Empty(await DueAsync(DueWorkKind.Holds, Duration.FromDays(13)));
        Assert.Equal([pending], await DueAsync(DueWorkKind.Holds, Duration.FromDays(14)));
        Assert.Equal([pending, reserved], await DueAsync(DueWorkKind.Holds, Duration.FromDays(21)));
        Assert.Empty(await DueAsync(DueWorkKind.ExpiringLots, Duration.FromDays(21)));
        Assert.Equal([lots, silver], await DueAsync(DueWorkKind.ExpiringLots, Duration.FromDays(31)));
        Assert.Equal([silver], await DueAsync(DueWorkKind.ExpiringLots, Duration.FromDays(31), afterId: "a-lots"));
        Assert.Equal([lots], await DueAsync(DueWorkKind.ExpiringLots, Duration.FromDays(31), limit: 1));
        Assert.Empty(await DueAsync(DueWorkKind.TierReviews, Duration.FromDays(31)));
        Assert.Equal([silver], await DueAsync(DueWorkKind.TierReviews, Duration.FromDays(400)));
        Assert.Empty(await DueAsync(DueWorkKind.TierReviews, Duration.FromDays(400), afterId: "c-silver"));

        // The job walks each kind: every member with due work is maintained once, in one run.
        Clock.Set(start + Duration.FromDays(400));
        var report = await MaintainAsync(engine);
        Assert.Equal((4, 1_110L, 1, 1), (report.Members, report.PointsExpired, report.PendingApproved, report.ReservationsReleased));
        foreach (var kind in new[] { DueWorkKind.Holds, DueWorkKind.ExpiringLots, DueWorkKind.TierReviews })
        {
            Assert.Empty(await DueAsync(kind, Duration.FromDays(400)));
        }
    }

    [Fact]
    public async Task Spends_ConsumeSoonestExpiringLotsFirst_AndOnlyRemaindersExpire()
    {
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(30)));
        var id = await MemberAsync(engine);
        var day0 = await EarnAsync(engine, id, 100);
        Clock.AdvanceDays(10);
        var day10 = await EarnAsync(engine, id, 100);
        Clock.AdvanceDays(10);
        await EarnAsync(engine, id, 100);

        var spend = await SpendAsync(engine, id, 130);
        Assert.Equal([new LotAllocation(day0.Entry.Id, 100), new LotAllocation(day10.Entry.Id, 30)], spend.Entry.Allocations);

        Clock.AdvanceDays(21);
        var first = await MaintainAsync(engine);
        Assert.Equal(70, first.PointsExpired);
        Assert.Equal(100, (await BalanceAsync(engine, id)).Spendable);

        Clock.AdvanceDays(10);
        Assert.Equal(100, (await MaintainAsync(engine)).PointsExpired);
        var balance = await BalanceAsync(engine, id);
        Assert.Equal(new PointsBalance(300, 0, 0, 130, 170, 0), balance);
        Assert.Empty(await engine.GetOpenLotsAsync(id, Cancellation));
    }

    [Fact]
    public async Task ASpendOrAnExpiryThatEmptiesManyLots_RemovesExactlyThoseLots()
    {
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(30)));
        var id = await MemberAsync(engine);
        var early = new List<EntryId>();
        for (var i = 0; i < 20; i++)
        {
            early.Add((await EarnAsync(engine, id, 10)).Entry.Id);
        }

        Clock.AdvanceDays(1);
        var late = new List<EntryId>();
        for (var i = 0; i < 17; i++)
        {
            late.Add((await EarnAsync(engine, id, 10)).Entry.Id);
        }

        await SpendAsync(engine, id, 195);
        var afterSpend = await engine.GetOpenLotsAsync(id, Cancellation);
        var partlySpent = Assert.Single(afterSpend, l => early.Contains(l.Id));
        Assert.Equal(5, partlySpent.Remaining);
        Assert.Equal(new HashSet<EntryId>([partlySpent.Id, .. late]), afterSpend.Select(l => l.Id).ToHashSet());

        Clock.AdvanceDays(40);
        Assert.Equal(175, (await MaintainAsync(engine)).PointsExpired);
        Assert.Empty(await engine.GetOpenLotsAsync(id, Cancellation));
        Assert.Equal(new PointsBalance(370, 0, 0, 195, 175, 0), await BalanceAsync(engine, id));
    }

    [Fact]
    public async Task SpendsAndReservations_TakeTheSoonestExpiringLot_EvenWhenItWasEarnedLater()
    {
        var program = NewProgramId();
        var yearly = NewEngineFor(program, ExpiryPolicy.FixedLifetime(Period.FromMonths(24)));
        var id = await MemberAsync(yearly);
        var longLived = await EarnAsync(yearly, id, 100);
        Clock.AdvanceDays(1);
        var monthly = NewEngineFor(program, ExpiryPolicy.FixedLifetime(Period.FromMonths(1))); // the program shortened its lifetime
        var shortLived = await EarnAsync(monthly, id, 100);
        Assert.True(shortLived.Entry.ExpiresOn < longLived.Entry.ExpiresOn);

        var spend = await SpendAsync(monthly, id, 60);
        var reserve = await ReserveAsync(monthly, id, 50);

        Assert.Equal([new LotAllocation(shortLived.Entry.Id, 60)], spend.Entry.Allocations);
        Assert.Equal([new LotAllocation(shortLived.Entry.Id, 40), new LotAllocation(longLived.Entry.Id, 10)], reserve.Entry.Allocations);
        await InvariantsAsync(monthly, id);
    }

    [Fact]
    public async Task ExpiredPoints_AreNeverSpendable_EvenBeforeTheJobRuns()
    {
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(10)));
        var id = await MemberAsync(engine);
        var old = await EarnAsync(engine, id, 100);
        Clock.AdvanceDays(5);
        var fresh = await EarnAsync(engine, id, 20);
        Clock.Set(old.Entry.ExpiresOn!.Value.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());

        // No maintenance has run: the 100 points are past their expiry but still in an open lot.
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => SpendAsync(engine, id, 21));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints, () => ReserveAsync(engine, id, 21));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints,
            () => engine.DeductAsync(new DeductPoints(id, 21, Key()), Cancellation));
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.InsufficientPoints,
            () => engine.ReverseAsync(new ReversePoints(id, old.Entry.Id, 21, Key()), Cancellation));

        var spend = await SpendAsync(engine, id, 15);

        Assert.Equal([LedgerEntryKind.Spend, LedgerEntryKind.Expire], spend.Entries.Select(e => e.Kind));
        Assert.Equal([new LotAllocation(fresh.Entry.Id, 15)], spend.Entry.Allocations);
        Assert.Equal([new LotAllocation(old.Entry.Id, 100)], spend.Entries[1].Allocations);
        Assert.Equal(new PointsBalance(120, 0, 0, 15, 100, 0), spend.Balance);
        Assert.Equal(0, (await MaintainAsync(engine)).PointsExpired);
        Assert.Equal([new ExpiredPoints(old.Entry.ExpiresOn!.Value.PlusDays(1), 100)], (await engine.GetExpiringPointsAsync(id, cancellationToken: Cancellation)).History);
        var retry = await SpendAsync(engine, id, 15, spend.Entry.IdempotencyKey!.Value.Value);
        Assert.True(retry.Replayed);
        Assert.Equal(spend.Entries.Select(e => e.Id), retry.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task RollingInactivity_AnEarnAfterTheExpiry_DoesNotReviveExpiredPoints()
    {
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.RollingInactivity(30));
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 50);
        Clock.AdvanceDays(31); // past the expiry; the job has not run

        var earn = await EarnAsync(engine, id, 10);

        Assert.Equal(LedgerEntryKind.Earn, earn.Entry.Kind);
        Assert.Equal(new PointsBalance(60, 0, 0, 0, 50, 0), earn.Balance);
        Assert.Equal(earn.Entry.Id, Assert.Single(await engine.GetOpenLotsAsync(id, Cancellation)).Id);
        Assert.Equal(0, (await MaintainAsync(engine)).PointsExpired);
    }

    [Fact]
    public async Task RollingInactivity_EachEarnExtendsEveryLot()
    {
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.RollingInactivity(30));
        var id = await MemberAsync(engine);
        var start = Clock.GetCurrentInstant().InUtc().Date;
        await EarnAsync(engine, id, 50);
        Clock.AdvanceDays(20);
        await EarnAsync(engine, id, 25);

        Assert.All(await engine.GetOpenLotsAsync(id, Cancellation), l => Assert.Equal(start.PlusDays(50), l.ExpiresOn));
        Clock.AdvanceDays(25);
        Assert.Equal(0, (await MaintainAsync(engine)).PointsExpired);
        await SpendAsync(engine, id, 5);
        Clock.AdvanceDays(6);
        Assert.Equal(70, (await MaintainAsync(engine)).PointsExpired);
        await InvariantsAsync(engine, id);
    }

    [Fact]
    public async Task CalendarReset_ExpiresEverythingEarnedBeforeTheResetDate()
    {
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.CalendarReset(new AnnualDate(12, 31)));
        var id = await MemberAsync(engine);
        Clock.Set(Instant.FromUtc(2026, 6, 1, 12, 0));
        var june = await EarnAsync(engine, id, 40);
        Clock.Set(Instant.FromUtc(2026, 12, 31, 18, 0));
        var lastDay = await EarnAsync(engine, id, 10);
        Assert.Equal(new LocalDate(2026, 12, 31), june.Entry.ExpiresOn);
        Assert.Equal(new LocalDate(2026, 12, 31), lastDay.Entry.ExpiresOn);
        Assert.Equal(new LocalDate(2026, 12, 31), (await engine.GetExpiringPointsAsync(id, cancellationToken: Cancellation)).NextResetDate);

        Clock.Set(Instant.FromUtc(2027, 1, 1, 0, 0));
        var january = await EarnAsync(engine, id, 5);
        Assert.Equal(new LocalDate(2027, 12, 31), january.Entry.ExpiresOn);
        Assert.Equal(50, (await MaintainAsync(engine)).PointsExpired);
        Assert.Equal(5, (await BalanceAsync(engine, id)).Spendable);
    }

    [Fact]
    public async Task ReservedPoints_SurviveExpiry_AndExpireOnceReleased()
    {
        var engine = NewEngine(o =>
        {
            o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(10));
            o.Ledger.ReservationTimeout = Duration.FromDays(30);
        });
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 100);
        var reserve = await ReserveAsync(engine, id, 40);

        Clock.AdvanceDays(11);
        Assert.Equal(60, (await MaintainAsync(engine)).PointsExpired);
        Assert.Equal(new PointsBalance(100, 0, 40, 0, 60, 0), await BalanceAsync(engine, id));

        await SettleAsync(engine.ReleaseReservationAsync, id, reserve.Entry.Id);
        Assert.Equal(40, (await BalanceAsync(engine, id)).Spendable);
        Assert.Equal(40, (await MaintainAsync(engine)).PointsExpired);
        Assert.Equal(new PointsBalance(100, 0, 0, 0, 100, 0), await BalanceAsync(engine, id));
    }

    [Fact]
    public async Task ExpireDue_ExpiresDueLotsOnly_LeavingHoldsForTheMaintenanceJob_AndIsIdempotent()
    {
        var engine = NewEngine(o =>
        {
            o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(30));
            o.Ledger.PendingPeriod = Duration.FromDays(14);
            o.Ledger.ReservationTimeout = Duration.FromMinutes(15);
        });
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 100);
        await EarnAsync(engine, id, 50, pending: true);
        await ReserveAsync(engine, id, 30);

        Clock.AdvanceDays(40);
        var report = await engine.ExpireDueAsync(Clock.GetCurrentInstant(), Cancellation);
        Assert.Equal((1, 70L, 0, 0, 0), (report.Members, report.PointsExpired, report.PendingApproved, report.ReservationsReleased, report.TierChanges));
        Assert.Equal(new PointsBalance(100, 50, 30, 0, 70, 0), await BalanceAsync(engine, id));

        var before = await ProgramFingerprint.CaptureAsync(engine, Store);
        Assert.Equal(0, (await engine.ExpireDueAsync(Clock.GetCurrentInstant(), Cancellation)).Members);
        Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));

        // The full job then approves the held points and releases the reservation, whose pinned points expire at once.
        var maintenance = await MaintainAsync(engine);
        Assert.Equal((1, 1, 30L), (maintenance.PendingApproved, maintenance.ReservationsReleased, maintenance.PointsExpired));
        Assert.Equal(new PointsBalance(150, 0, 0, 0, 100, 0), await BalanceAsync(engine, id));
    }

    [Fact]
    public async Task PendingEarns_AreApprovedByTheJobAfterThePendingPeriod()
    {
        var engine = NewEngine(o => o.Ledger.PendingPeriod = Duration.FromDays(14));
        var id = await MemberAsync(engine);
        var pending = await EarnAsync(engine, id, 80, pending: true);
        Assert.Equal(Clock.GetCurrentInstant() + Duration.FromDays(14), pending.Entry.DueAt);

        Clock.Advance(Duration.FromDays(14) - Duration.FromSeconds(1));
        Assert.Equal(0, (await MaintainAsync(engine)).PendingApproved);
        Clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(1, (await MaintainAsync(engine)).PendingApproved);
        Assert.Equal(0, (await MaintainAsync(engine)).PendingApproved);

        Assert.Equal(new PointsBalance(80, 0, 0, 0, 0, 0), await BalanceAsync(engine, id));
        var approve = (await LedgerInvariants.EntriesAsync(engine, id)).Single(e => e.Kind == LedgerEntryKind.Approve);
        Assert.Equal(pending.Entry.Id, approve.Settles);
        Assert.Equal("maintenance", approve.Actor);
    }

    [Fact]
    public async Task Reservations_AreReleasedByTheJobAfterTheTimeout()
    {
        var engine = NewEngine(o => o.Ledger.ReservationTimeout = Duration.FromMinutes(15));
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 100);
        var reserve = await ReserveAsync(engine, id, 60);

        Clock.Advance(Duration.FromMinutes(14));
        Assert.Equal(0, (await MaintainAsync(engine)).ReservationsReleased);
        Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(1, (await MaintainAsync(engine)).ReservationsReleased);

        Assert.Equal(100, (await BalanceAsync(engine, id)).Spendable);
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.EntryAlreadySettled, () => SettleAsync(engine.CommitReservationAsync, id, reserve.Entry.Id));
    }

    public static TheoryData<string, string, string, string> TimeZoneCases => new()
    {
        // zone, local earn time, lifetime in days, expected last valid local date
        { "America/New_York", "2026-02-07T23:30", "P1M", "2026-03-07" },
        { "America/New_York", "2026-03-07T23:45", "P1D", "2026-03-08" },
        { "America/New_York", "2026-10-31T23:30", "P1D", "2026-11-01" },
        { "Europe/London", "2026-03-28T23:30", "P1D", "2026-03-29" },
        { "Europe/London", "2026-10-24T23:59", "P1D", "2026-10-25" },
        { "Europe/London", "2026-06-30T23:30", "P12M", "2027-06-30" },
        { "Pacific/Auckland", "2026-04-04T23:30", "P1D", "2026-04-05" },
        { "Pacific/Auckland", "2026-09-26T00:30", "P1D", "2026-09-27" },
        { "Pacific/Auckland", "2026-01-01T00:15", "P1M", "2026-02-01" },
    };

    [Theory]
    [MemberData(nameof(TimeZoneCases))]
    public async Task ExpiryDates_AreLocalDates_NeverADayEarlyOrLate(string zoneId, string localEarn, string lifetime, string expected)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var engine = NewEngine(o =>
        {
            o.TimeZoneId = zoneId;
            o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(PeriodPattern.NormalizingIso.Parse(lifetime).Value);
        });
        var id = await MemberAsync(engine);
        var earnedAt = LocalDateTimePattern.GeneralIso.Parse(localEarn + ":00").Value.InZoneLeniently(zone).ToInstant();
        Clock.Set(earnedAt);

        var earn = await EarnAsync(engine, id, 10);

        var lastValid = LocalDatePattern.Iso.Parse(expected).Value;
        Assert.Equal(lastValid, earn.Entry.ExpiresOn);
        var lot = Assert.Single(await engine.GetOpenLotsAsync(id, Cancellation));
        var expiresAt = zone.AtStartOfDay(lastValid.PlusDays(1)).ToInstant();
        Assert.Equal(expiresAt, lot.ExpiresAt);

        Assert.Equal(0, (await engine.RunMaintenanceAsync(expiresAt - Duration.FromTicks(1), Cancellation)).PointsExpired);
        Assert.Equal(10, (await engine.RunMaintenanceAsync(expiresAt, Cancellation)).PointsExpired);
        var expiredLocal = (await engine.GetExpiringPointsAsync(id, cancellationToken: Cancellation)).History.Single();
        Assert.Equal(new ExpiredPoints(lastValid.PlusDays(1), 10), expiredLocal);
    }

    [Fact]
    public async Task ExpiringPointsView_UsesTheProgramsLocalDate_NotUtc()
    {
        var engine = NewEngine(o =>
        {
            o.TimeZoneId = "Pacific/Auckland";
            o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromMonths(1));
        });
        var id = await MemberAsync(engine);
        var zone = DateTimeZoneProviders.Tzdb["Pacific/Auckland"];
        Clock.Set(new LocalDateTime(2026, 11, 30, 9, 0).InZoneStrictly(zone).ToInstant());
        await EarnAsync(engine, id, 5);   // valid through 2026-12-30
        Clock.Set(new LocalDateTime(2026, 12, 1, 0, 10).InZoneStrictly(zone).ToInstant());
        await EarnAsync(engine, id, 7);   // valid through 2027-01-01

        // 2026-12-01 00:30 in Auckland is still 30 November in UTC.
        Clock.Set(new LocalDateTime(2026, 12, 1, 0, 30).InZoneStrictly(zone).ToInstant());
        Assert.Equal(new LocalDate(2026, 11, 30), Clock.GetCurrentInstant().InUtc().Date);
        var view = await engine.GetExpiringPointsAsync(id, cancellationToken: Cancellation);

        Assert.Equal(new LocalDate(2026, 12, 1), view.Today);
        Assert.Equal(5, view.ExpiringThisMonth);
        Assert.Equal(7, view.ExpiringNextMonth);
        Assert.Equal(5, view.ExpiringThisYear);
        Assert.Equal(7, view.ExpiringNextYear);
        Assert.Equal((new LocalDate(2026, 12, 30), 5L), (view.NextExpiryDate, view.NextExpiryPoints));
    }

    [Fact]
    public async Task ExpiringPointsView_GroupsByLocalPeriods()
    {
        var engine = NewEngine(o =>
        {
            o.TimeZoneId = "Europe/London";
            o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(0) + Period.FromDays(1));
        });
        var id = await MemberAsync(engine);
        var lotsByLastDay = new (string Earned, long Points)[]
        {
            ("2026-11-20T10:00", 1),   // last valid 2026-11-21: history after expiry
            ("2026-11-21T10:00", 2),   // last valid 2026-11-22 (today)
            ("2026-11-28T10:00", 4),   // 2026-11-29: this month
            ("2026-12-14T10:00", 8),   // 2026-12-15: next month
            ("2026-12-30T10:00", 16),  // 2026-12-31: next month, this year
            ("2027-03-01T10:00", 32),  // 2027-03-02: next year
        };
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        foreach (var (earned, points) in lotsByLastDay)
        {
            Clock.Set(LocalDateTimePattern.GeneralIso.Parse(earned + ":00").Value.InZoneLeniently(zone).ToInstant());
            await EarnAsync(engine, id, points);
        }

        Clock.Set(Instant.FromUtc(2026, 11, 22, 9, 0));
        await MaintainAsync(engine);
        var view = await engine.GetExpiringPointsAsync(id, cancellationToken: Cancellation);

        Assert.Equal(new LocalDate(2026, 11, 22), view.Today);
        Assert.Equal(2, view.ExpiringToday);
        Assert.Equal(2 + 4, view.ExpiringThisMonth);
        Assert.Equal(8 + 16, view.ExpiringNextMonth);
        Assert.Equal(2 + 4 + 8 + 16, view.ExpiringThisYear);
        Assert.Equal(32, view.ExpiringNextYear);
        Assert.Equal(new LocalDate(2026, 11, 22), view.NextExpiryDate);
        Assert.Equal(2, view.NextExpiryPoints);
        Assert.Null(view.NextResetDate);
        Assert.Equal([new ExpiredPoints(new LocalDate(2026, 11, 22), 1)], view.History);
    }
}

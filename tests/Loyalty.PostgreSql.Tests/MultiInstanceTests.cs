using System.Diagnostics;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.PostgreSql.LoadHelper;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.StoreContract;
using Loyalty.Tiers;
using NodaTime;

namespace Loyalty.PostgreSql.Tests;

/// <summary>
/// Several app instances on one database: each engine has its own store and connection pool, and they write the same
/// members at once. Nothing is lost, nothing is redeemed twice, and maintenance run from every instance at once processes
/// each due item exactly once.
/// </summary>
public sealed class MultiInstanceTests(PostgreSqlStoreFixture fixture) : LedgerContractBase<PostgreSqlStoreFixture>(fixture)
{
    private const int Instances = 4;

    [Fact]
    public async Task FourInstances_RandomWritesOnTenMembers_LoseNothingAndRedeemOnce()
    {
        var program = NewProgramId();
        var engines = Enumerable.Range(0, Instances).Select(_ => CreateEngine(programId: program, store: Fixture.NewStore(maxPoolSize: 16))).ToArray();
        await WorkloadAssertions.SeedAsync(engines[0], Cancellation);

        var watch = Stopwatch.StartNew();
        var tallies = await Task.WhenAll(engines.Select((engine, i) =>
            new Workload(engine, WorkloadAssertions.Members, $"i{i}").RunAsync(operations: 800, concurrency: 6, seed: i, Cancellation)));
        watch.Stop();

        await WorkloadAssertions.AssertLedgerMatchesAsync(engines[^1], tallies);
        TestContext.Current.TestOutputHelper?.WriteLine(WorkloadAssertions.Throughput("in-process", tallies, watch.Elapsed.TotalSeconds));
    }

    [Fact]
    public async Task MaintenanceFromEveryInstanceAtOnce_ProcessesEachDueItemExactlyOnce()
    {
        const int members = 60;
        var program = NewProgramId();
        void Configure(Configuration.LoyaltyOptions o)
        {
            o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(30));
            o.Ledger.PendingPeriod = Duration.FromDays(14);
            o.Tiers.Levels.Add(new TierDefinition("Bronze", 0));
            o.Tiers.Levels.Add(new TierDefinition("Silver", 1_000) { RetentionThreshold = 800 });
            o.Tiers.Metric = TierMetric.PointsInWindow;
        }

        var engines = Enumerable.Range(0, Instances).Select(_ => CreateEngine(Configure, program, Fixture.NewStore(maxPoolSize: 8))).ToArray();
        var reservations = new List<EntryId>();
        var pending = new List<EntryId>();
        var lots = new List<EntryId>();
        for (var i = 0; i < members; i++)
        {
            var member = await engines[0].EnrollAsync(new NewMember { Id = $"due-{i:D3}" }, Cancellation);
            lots.Add((await EarnAsync(engines[0], member.Id, 1_500)).Entry.Id);
            reservations.Add((await ReserveAsync(engines[0], member.Id, 100)).Entry.Id);
            pending.Add((await EarnAsync(engines[0], member.Id, 50, pending: true)).Entry.Id);
            Assert.Equal("Silver", (await engines[0].GetMemberAsync(member.Id, Cancellation)).Tier);
        }

        // Past every due date: the reservations' timeout, the pending period, the lots' expiry and the tier review.
        Clock.Advance(Duration.FromDays(400));
        var asOf = Clock.GetCurrentInstant();
        var reports = await Task.WhenAll(engines.SelectMany(engine => new[] { engine, engine })
            .Select(engine => Task.Run(() => engine.RunMaintenanceAsync(asOf, Cancellation), Cancellation)));

        Assert.Equal(members, reports.Sum(r => r.Members));
        Assert.Equal(members * 1_500L, reports.Sum(r => r.PointsExpired));
        Assert.Equal(members, reports.Sum(r => r.ReservationsReleased));
        Assert.Equal(members, reports.Sum(r => r.PendingApproved));
        Assert.Equal(members, reports.Sum(r => r.TierChanges));
        for (var i = 0; i < members; i++)
        {
            var id = MemberId.Parse($"due-{i:D3}");
            var entries = await LedgerInvariants.EntriesAsync(engines[1], id);
            Assert.Equal([new LotAllocation(lots[i], 1_500)], Assert.Single(entries, e => e.Kind == LedgerEntryKind.Expire).Allocations);
            Assert.Single(entries, e => e.Kind == LedgerEntryKind.Release && e.Settles == reservations[i]);
            Assert.Single(entries, e => e.Kind == LedgerEntryKind.Approve && e.Settles == pending[i]);
            Assert.Equal(new PointsBalance(1_550, 0, 0, 0, 1_500, 0), (await InvariantsAsync(engines[2], id))[AccountName.Default]);
            Assert.Equal("Bronze", (await engines[3].GetMemberAsync(id, Cancellation)).Tier);
        }

        var again = await Task.WhenAll(engines.Select(engine => engine.RunMaintenanceAsync(asOf, Cancellation)));
        Assert.All(again, report => Assert.Equal(0, report.Members));
    }
}

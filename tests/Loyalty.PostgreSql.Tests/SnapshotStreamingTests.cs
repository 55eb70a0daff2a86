using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.StoreContract;
using NodaTime;

namespace Loyalty.PostgreSql.Tests;

/// <summary>The snapshot feed is streamed from the server page by page: every member once, in identifier order, across pages.</summary>
public sealed class SnapshotStreamingTests(PostgreSqlStoreFixture fixture) : LedgerContractBase<PostgreSqlStoreFixture>(fixture)
{
    [Fact]
    public async Task StreamSnapshotsAsync_OverSeveralPages_YieldsEveryMemberOnceInOrder()
    {
        const int members = 2_345;
        var engine = NewEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(90)));
        var rows = Enumerable.Range(0, members).Select(i => new MemberImport(new NewMember { Id = $"s{i:D5}" }, i % 7 == 0 ? 0 : i)).ToArray();
        Assert.Equal(members, (await engine.ImportMembersAsync(rows, cancellationToken: Cancellation)).Imported);
        await SpendAsync(engine, "s00001", 1);

        var seen = new List<Snapshots.LoyaltySnapshot>();
        await foreach (var snapshot in engine.StreamSnapshotsAsync(Cancellation))
        {
            seen.Add(snapshot);
        }

        Assert.Equal(rows.Select(r => r.Member.Id!.Value.Value), seen.Select(s => s.MemberId.Value));
        Assert.Equal(0, seen[1].PointsBalance);
        Assert.Equal(0, seen[1].PointsExpiring);
        Assert.Equal(2, seen[2].PointsBalance);
        Assert.Equal(2, seen[2].PointsExpiring);
        Assert.Equal(Clock.GetCurrentInstant().InUtc().Date.PlusDays(90), seen[2].PointsExpirationDate);
        Assert.Null(seen[7].PointsExpirationDate);

        using var feed = new MemoryStream();
        Assert.Equal(members, await engine.WriteSnapshotFeedAsync(feed, Cancellation));
    }
}

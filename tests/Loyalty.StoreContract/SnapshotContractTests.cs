using System.Text;
using System.Text.Json;
using Loyalty.Ledger;
using Loyalty.Lifecycle;
using Loyalty.Members;
using Loyalty.Snapshots;
using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>The loyalty snapshot (personalization datasource) for one member and as a streamed feed.</summary>
public abstract class SnapshotContractTests<TFixture>(TFixture fixture) : TierContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private ILoyaltyEngine SnapshotEngine() => TierEngine(o =>
    {
        o.TimeZoneId = "Europe/London";
        o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromMonths(12));
    });

    private async Task<ILoyaltyEngine> PopulateAsync()
    {
        var engine = SnapshotEngine();
        var active = await MemberAsync(engine, "active");
        await EarnAsync(engine, active, 1_250);
        Clock.AdvanceDays(40);
        await EarnAsync(engine, active, 300);
        await SpendAsync(engine, active, 100);
        var suspended = await MemberAsync(engine, "suspended");
        await EarnAsync(engine, suspended, 6_000);
        await engine.ChangeStatusAsync(suspended, new StatusChange(MemberStatus.Suspended), Cancellation);
        await MemberAsync(engine, "pending", MemberStatus.Pending);
        var guest = await MemberAsync(engine, "guest", MemberStatus.Inactive);
        await EarnAsync(engine, guest, 50);
        await MemberAsync(engine, "banned", MemberStatus.Banned);
        await MemberAsync(engine, "leaver", MemberStatus.OptedOut);
        return engine;
    }

    [Fact]
    public async Task GetSnapshotAsync_HasEveryDatasourceField()
    {
        var engine = await PopulateAsync();

        var snapshot = await engine.GetSnapshotAsync("active", Cancellation);

        Assert.Equal("active", snapshot.MemberId.Value);
        Assert.True(snapshot.IsMember);
        Assert.Equal("Silver", snapshot.Tier);
        Assert.Equal(1_450, snapshot.PointsBalance);
        Assert.Equal("Gold", snapshot.NextTier);
        Assert.Equal(3_450, snapshot.PointsToNextTier);
        Assert.Equal(["birthday_gift"], snapshot.TierBenefits);
        Assert.Equal(new LocalDate(2027, 1, 15), snapshot.PointsExpirationDate);
        Assert.Equal(1_150, snapshot.PointsExpiring);
        Assert.Equal(new LocalDate(2026, 1, 15), snapshot.MemberSince);
        Assert.Equal(1_550, snapshot.LifetimePoints);
    }

    [Fact]
    public async Task Snapshots_OfEachStatus_FollowTheDocumentedMembership()
    {
        var engine = await PopulateAsync();
        var feed = new Dictionary<string, LoyaltySnapshot>();
        await foreach (var snapshot in engine.StreamSnapshotsAsync(Cancellation))
        {
            feed.Add(snapshot.MemberId.Value, snapshot);
        }

        Assert.Equal(["active", "banned", "guest", "pending", "suspended"], feed.Keys.Order(StringComparer.Ordinal));
        Assert.True(feed["active"].IsMember);
        Assert.True(feed["suspended"].IsMember);
        Assert.Equal("Gold", feed["suspended"].Tier);
        Assert.True(feed["pending"].IsMember);
        Assert.False(feed["guest"].IsMember);
        Assert.Null(feed["guest"].Tier);
        Assert.Equal(0, feed["guest"].PointsBalance);
        Assert.Null(feed["guest"].MemberSince);
        Assert.False(feed["banned"].IsMember);
        foreach (var (id, fromFeed) in feed)
        {
            Assert.Equal(fromFeed, await engine.GetSnapshotAsync(id, Cancellation), SnapshotComparer.Instance);
        }

        // The opted-out profile is left out of the feed; read by its anonymized id it is not a member, and holds no tier.
        var leaver = Assert.Single((await engine.ListMembersAsync(new MemberQuery { Status = MemberStatus.OptedOut }, Cancellation)).Members);
        var anonymized = await engine.GetSnapshotAsync(leaver.Id, Cancellation);
        Assert.False(anonymized.IsMember);
        Assert.Null(anonymized.Tier);
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => engine.GetSnapshotAsync("leaver", Cancellation));
    }

    [Fact]
    public async Task SnapshotFeed_JsonLines_MatchApprovedOutput()
    {
        var engine = await PopulateAsync();
        using var stream = new MemoryStream();

        var lines = await engine.WriteSnapshotFeedAsync(stream, Cancellation);

        Assert.Equal(5, lines);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            Assert.Equal(JsonValueKind.String, root.GetProperty("customer_id").ValueKind);
            Assert.True(root.GetProperty("member").ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.Equal(JsonValueKind.Number, root.GetProperty("points_balance").ValueKind);
            Assert.Equal(JsonValueKind.Array, root.GetProperty("tier_benefits").ValueKind);
            Assert.Equal(JsonValueKind.Number, root.GetProperty("lifetime_points").ValueKind);
            Assert.Equal(
                ["customer_id", "member", "tier", "points_balance", "points_to_next_tier", "next_tier", "tier_benefits", "points_expiration_date", "points_expiring", "member_since", "lifetime_points"],
                root.EnumerateObject().Select(p => p.Name));
        }

        ApprovedFile.AssertMatches(text, ApprovedFile.InRepository("tests/Loyalty.StoreContract/Approved/snapshot-feed.approved.jsonl"));
    }

    [Fact]
    public async Task SnapshotFeed_NextExpiry_SumsThePointsAvailableInEveryLotDueFirst()
    {
        var engine = SnapshotEngine();
        var multi = await MemberAsync(engine, "multi");
        foreach (var points in new[] { 10, 20, 30 })
        {
            await EarnAsync(engine, multi, points);
        }

        await ReserveAsync(engine, multi, 15); // pinned points do not expire
        Clock.AdvanceDays(5);
        await EarnAsync(engine, multi, 40);
        await MemberAsync(engine, "none");

        var feed = new List<LoyaltySnapshot>();
        await foreach (var snapshot in engine.StreamSnapshotsAsync(Cancellation))
        {
            feed.Add(snapshot);
        }

        var expiring = await engine.GetExpiringPointsAsync(multi, cancellationToken: Cancellation);
        var first = feed.Single(s => s.MemberId == multi);
        var none = feed.Single(s => s.MemberId.Value == "none");
        Assert.Equal((expiring.NextExpiryDate, 45L), (first.PointsExpirationDate, first.PointsExpiring));
        Assert.Equal(45, expiring.NextExpiryPoints);
        Assert.Equal(((LocalDate?)null, 0L), (none.PointsExpirationDate, none.PointsExpiring));
    }

    [Fact]
    public async Task SnapshotFeed_OfMoreMembersThanOneWrite_WritesEveryLineOnce_InIdentifierOrder()
    {
        var engine = SnapshotEngine();
        var rows = Enumerable.Range(0, 1_500).Select(i => new MemberImport(new NewMember { Id = $"feed-{i:D4}" }, 10 + i)).ToArray();
        Assert.Equal(0, (await engine.ImportMembersAsync(rows, cancellationToken: Cancellation)).Rows.Count(r => r.Outcome == ImportOutcome.Rejected));
        using var stream = new MemoryStream();

        var written = await engine.WriteSnapshotFeedAsync(stream, Cancellation);

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.True(stream.Length > 3 * 64 * 1024, $"the feed of {rows.Length} members is only {stream.Length} bytes: it should span several blocks");
        Assert.Equal((1_500, string.Empty), (written, lines[^1]));
        Assert.Equal(rows.Select(r => r.Member.Id!.Value.Value), lines[..^1].Select(CustomerId));
    }

    private static string? CustomerId(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("customer_id").GetString();
    }

    private sealed class SnapshotComparer : IEqualityComparer<LoyaltySnapshot>
    {
        public static readonly SnapshotComparer Instance = new();

        public bool Equals(LoyaltySnapshot? x, LoyaltySnapshot? y) =>
            x is not null && y is not null && x with { TierBenefits = [] } == y with { TierBenefits = [] } && x.TierBenefits.SequenceEqual(y.TierBenefits);

        public int GetHashCode(LoyaltySnapshot obj) => obj.MemberId.GetHashCode();
    }
}

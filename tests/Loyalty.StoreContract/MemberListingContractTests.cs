using Loyalty.Lifecycle;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>Listing: cursor pagination, stable order while inserting, filters; find-or-create under concurrency.</summary>
public abstract class MemberListingContractTests<TFixture>(TFixture fixture) : StoreContractTests<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public async Task ListMembersAsync_PagesThroughEveryMemberInIdOrder()
    {
        var engine = CreateEngine();
        var ids = Enumerable.Range(0, 250).Select(i => $"m{i:D4}").ToArray();
        foreach (var id in ids.Reverse())
        {
            await engine.EnrollAsync(new NewMember { Id = id }, Cancellation);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await engine.ListMembersAsync(new MemberQuery { Cursor = cursor }, Cancellation);
            Assert.True(page.Members.Count <= MemberQuery.DefaultLimit);
            seen.AddRange(page.Members.Select(m => m.Id.Value));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ListMembersAsync_WhileMembersAreAdded_ReturnsEveryEarlierMemberExactlyOnceInOrder()
    {
        var engine = CreateEngine();
        var original = Enumerable.Range(0, 60).Select(i => $"k{i * 10:D5}").ToList();
        foreach (var id in original)
        {
            await engine.EnrollAsync(new NewMember { Id = id }, Cancellation);
        }

        var seen = new List<string>();
        string? cursor = null;
        var round = 0;
        do
        {
            var page = await engine.ListMembersAsync(new MemberQuery { Limit = 7, Cursor = cursor }, Cancellation);
            seen.AddRange(page.Members.Select(m => m.Id.Value));
            cursor = page.NextCursor;

            // Insert members before, inside and after the current position.
            await engine.EnrollAsync(new NewMember { Id = $"a{round:D3}" }, Cancellation);
            await engine.EnrollAsync(new NewMember { Id = $"k{(round * 70) + 5:D5}" }, Cancellation);
            await engine.EnrollAsync(new NewMember { Id = $"z{round:D3}" }, Cancellation);
            round++;
        }
        while (cursor is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.All(original, id => Assert.Contains(id, seen));
    }

    [Fact]
    public async Task ListMembersAsync_Filters_ByEmailStatusDatesAndSinceId()
    {
        var engine = CreateEngine();
        var start = Clock.GetCurrentInstant();
        await engine.EnrollAsync(new NewMember { Id = "f1", Email = "anna@shop.example" }, Cancellation);
        Clock.AdvanceDays(1);
        await engine.EnrollAsync(new NewMember { Id = "f2", Email = "ben@other.example" }, Cancellation);
        Clock.AdvanceDays(1);
        await engine.AddGuestAsync(new NewMember { Id = "f3", Email = "Carl@SHOP.example" }, Cancellation);
        Clock.AdvanceDays(1);
        await engine.EnrollAsync(new NewMember { Id = "f4" }, Cancellation);
        Clock.AdvanceDays(1);
        await engine.UpdateMemberAsync("f1", new MemberUpdate { FirstName = "Anna" }, Cancellation);

        async Task<string[]> Ids(MemberQuery query) => (await engine.ListMembersAsync(query, Cancellation)).Members.Select(m => m.Id.Value).ToArray();

        Assert.Equal(["f1", "f3"], await Ids(new MemberQuery { EmailContains = "@shop" }));
        Assert.Equal(["f3"], await Ids(new MemberQuery { EmailContains = "CARL" }));
        Assert.Equal(["f3"], await Ids(new MemberQuery { Status = MemberStatus.Inactive }));
        Assert.Equal(["f1", "f2", "f4"], await Ids(new MemberQuery { Status = MemberStatus.Active }));
        Assert.Equal(["f2", "f3"], await Ids(new MemberQuery { CreatedFrom = start + Duration.FromDays(1), CreatedTo = start + Duration.FromDays(3) }));
        Assert.Equal(["f1"], await Ids(new MemberQuery { UpdatedFrom = start + Duration.FromDays(4) }));
        Assert.Equal(["f3", "f4"], await Ids(new MemberQuery { SinceId = "f2" }));
        Assert.Equal(["f3"], await Ids(new MemberQuery { SinceId = "f2", EmailContains = "shop" }));
        Assert.Empty(await Ids(new MemberQuery { EmailContains = "%" }));
        Assert.Empty(await Ids(new MemberQuery { EmailContains = "_" }));
    }

    [Fact]
    public async Task ListMembersAsync_FilteredPages_FollowTheCursor()
    {
        var engine = CreateEngine();
        for (var i = 0; i < 30; i++)
        {
            await engine.EnrollAsync(new NewMember { Id = $"p{i:D2}", Email = i % 3 == 0 ? $"x{i}@match.example" : $"y{i}@example.com" }, Cancellation);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await engine.ListMembersAsync(new MemberQuery { Limit = 4, EmailContains = "match", Cursor = cursor }, Cancellation);
            seen.AddRange(page.Members.Select(m => m.Id.Value));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 3 == 0).Select(i => $"p{i:D2}"), seen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public async Task ListMembersAsync_LimitOutOfRange_ThrowsValidationFailed(int limit)
    {
        var engine = CreateEngine();
        var exception = await LoyaltyAssert.ThrowsAsync(ErrorCode.ValidationFailed, () => engine.ListMembersAsync(new MemberQuery { Limit = limit }, Cancellation));
        Assert.Equal("limit", exception.Field);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("aDE6MTA")] // a history cursor
    [InlineData("")]
    public async Task ListMembersAsync_BadCursor_ThrowsInvalidCursor(string cursor)
    {
        var engine = CreateEngine();
        await LoyaltyAssert.ThrowsAsync(ErrorCode.InvalidCursor, () => engine.ListMembersAsync(new MemberQuery { Cursor = cursor }, Cancellation));
    }

    [Fact]
    public async Task FindOrCreateMemberAsync_50ConcurrentCallers_CreateExactlyOneMember()
    {
        var engine = CreateEngine();
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait(Cancellation);
            return await engine.FindOrCreateMemberAsync("login-user-7", new NewMember { FirstName = $"Caller{i}" }, Cancellation);
        })).ToArray();
        start.Set();
        var members = await Task.WhenAll(tasks);

        Assert.Single(members.Select(m => m.Id).Distinct());
        var page = await engine.ListMembersAsync(cancellationToken: Cancellation);
        var only = Assert.Single(page.Members);
        Assert.Equal("login-user-7", only.ExternalReference);
        Assert.Equal(members[0].Id, only.Id);
        Assert.Single(await Store.ReadOutboxAsync(engine.ProgramId, 0, 1_000, Cancellation));
        Assert.Single((await engine.GetHistoryAsync(only.Id, cancellationToken: Cancellation)).Entries);
    }

    [Fact]
    public async Task FindOrCreateMemberAsync_ExistingReference_ReturnsExistingWithoutWriting()
    {
        var engine = CreateEngine();
        var existing = await engine.EnrollAsync(new NewMember { Id = "known", ExternalReference = "user-9" }, Cancellation);
        var before = await ProgramFingerprint.CaptureAsync(engine, Store);

        var found = await engine.FindOrCreateMemberAsync("user-9", cancellationToken: Cancellation);

        Assert.Equal(existing.Id, found.Id);
        Assert.Equal(before, await ProgramFingerprint.CaptureAsync(engine, Store));
    }

    [Fact]
    public async Task FindOrCreateMemberAsync_MismatchedTemplateReference_ThrowsValidationFailed()
    {
        var engine = CreateEngine();
        await ProgramFingerprint.AssertRefusedAndUnchangedAsync(engine, Store, ErrorCode.ValidationFailed,
            () => engine.FindOrCreateMemberAsync("user-1", new NewMember { ExternalReference = "user-2" }, Cancellation));
    }

    [Fact]
    public async Task ConcurrentEnrollmentsWithTheSameEmail_ExactlyOneSucceeds()
    {
        var engine = CreateEngine();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await engine.EnrollAsync(new NewMember { Id = $"race{i}", Email = "race@example.com" }, Cancellation);
                return true;
            }
            catch (LoyaltyException ex) when (ex.Code == ErrorCode.DuplicateEmail)
            {
                return false;
            }
        })));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single((await engine.ListMembersAsync(cancellationToken: Cancellation)).Members);
    }

    [Fact]
    public async Task GetEngagementStageAsync_FollowsThresholds()
    {
        var engine = CreateEngine(o =>
        {
            o.Engagement.NewMemberDays = 7;
            o.Engagement.AtRiskAfterDays = 30;
            o.Engagement.ChurnedAfterDays = 90;
        });
        await engine.EnrollAsync(new NewMember { Id = "e1" }, Cancellation);
        await engine.AddGuestAsync(new NewMember { Id = "guest" }, Cancellation);

        Assert.Equal(EngagementStage.New, await engine.GetEngagementStageAsync("e1", Cancellation));
        Assert.Equal(EngagementStage.None, await engine.GetEngagementStageAsync("guest", Cancellation));
        Clock.AdvanceDays(8);
        Assert.Equal(EngagementStage.Active, await engine.GetEngagementStageAsync("e1", Cancellation));
        Clock.AdvanceDays(22);
        Assert.Equal(EngagementStage.AtRisk, await engine.GetEngagementStageAsync("e1", Cancellation));
        await engine.UpdateMemberAsync("e1", new MemberUpdate { FirstName = "Back" }, Cancellation);
        Assert.Equal(EngagementStage.Active, await engine.GetEngagementStageAsync("e1", Cancellation));
        Clock.AdvanceDays(90);
        Assert.Equal(EngagementStage.Churned, await engine.GetEngagementStageAsync("e1", Cancellation));
    }
}

using Loyalty.Ledger;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.StoreContract;

/// <summary>Programs (tenants) sharing one store never see each other's data.</summary>
public abstract class TenancyContractTests<TFixture>(TFixture fixture) : StoreContractTests<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public async Task TwoPrograms_SameIdentifiers_AreIndependentAndInvisibleToEachOther()
    {
        var a = CreateEngine(o => o.ExternalIdKeys.Add("pos_id"));
        var b = CreateEngine(o => o.ExternalIdKeys.Add("pos_id"));
        var inA = new NewMember { Id = "shared-id", Email = "same@example.com", ExternalReference = "user-1", FirstName = "InA" };
        inA.ExternalIds["pos_id"] = "P1";
        await a.EnrollAsync(inA, Cancellation);
        await a.EnrollAsync(new NewMember { Id = "only-a", Email = "only-a@example.com", ExternalReference = "user-a" }, Cancellation);

        // Program B holds none of A's data, through any read.
        Assert.Null(await b.FindMemberAsync("shared-id", Cancellation));
        Assert.Null(await b.FindMemberAsync("only-a", Cancellation));
        Assert.Null(await b.FindMemberByEmailAsync("same@example.com", Cancellation));
        Assert.Null(await b.FindMemberByEmailAsync("only-a@example.com", Cancellation));
        Assert.Null(await b.FindMemberByExternalReferenceAsync("user-1", Cancellation));
        Assert.Null(await b.FindMemberByExternalIdAsync("pos_id:P1", Cancellation));
        Assert.Empty((await b.ListMembersAsync(cancellationToken: Cancellation)).Members);
        Assert.Empty(await Store.ReadOutboxAsync(b.ProgramId, 0, 100, Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.GetHistoryAsync("shared-id", cancellationToken: Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.UpdateMemberAsync("only-a", new MemberUpdate { FirstName = "X" }, Cancellation));

        // The same id, email, reference and external id are free in program B.
        var inB = new NewMember { Id = "shared-id", Email = "SAME@example.com", ExternalReference = "user-1", FirstName = "InB" };
        inB.ExternalIds["pos_id"] = "P1";
        await b.EnrollAsync(inB, Cancellation);
        Assert.Equal("InB", (await b.FindMemberByEmailAsync("same@example.com", Cancellation))?.FirstName);
        Assert.Equal("InA", (await a.FindMemberByEmailAsync("same@example.com", Cancellation))?.FirstName);
        Assert.Equal("InA", (await a.FindMemberByExternalIdAsync("pos_id:P1", Cancellation))?.FirstName);
        Assert.Equal(["shared-id"], (await b.ListMembersAsync(cancellationToken: Cancellation)).Members.Select(m => m.Id.Value));
        Assert.Equal(2, (await a.ListMembersAsync(cancellationToken: Cancellation)).Members.Count);

        // Changing or removing a member in B leaves A untouched.
        await b.ChangeStatusAsync("shared-id", new Lifecycle.StatusChange(MemberStatus.OptedOut), Cancellation);
        Assert.Equal("InA", (await a.GetMemberAsync("shared-id", Cancellation)).FirstName);
        Assert.Equal("shared-id", (await a.FindMemberByExternalReferenceAsync("user-1", Cancellation))?.Id.Value);
        Assert.Equal(1, (await a.GetHistoryAsync("shared-id", cancellationToken: Cancellation)).Entries.Count);
    }

    [Fact]
    public async Task TwoPrograms_LedgerReadsWritesKeysAndJobs_NeverCrossPrograms()
    {
        var a = CreateEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(10)));
        var b = CreateEngine(o => o.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromDays(10)));
        await a.EnrollAsync(new NewMember { Id = "m" }, Cancellation);
        var earn = await a.AwardAsync(new AwardPoints("m", 100, "order-1"), Cancellation);
        var hold = await a.ReserveAsync(new ReservePoints("m", 30, "checkout-1"), Cancellation);

        // Program B sees nothing of A's member through any ledger read, and cannot write to it.
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.GetBalanceAsync("m", cancellationToken: Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.GetBalancesAsync("m", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.GetOpenLotsAsync("m", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.GetOpenHoldsAsync("m", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.GetExpiringPointsAsync("m", cancellationToken: Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.GetSnapshotAsync("m", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.MemberNotFound, () => b.AwardAsync(new AwardPoints("m", 5, "order-1"), Cancellation));
        Assert.Empty(await SnapshotsAsync(b));

        // The same member id in B is another ledger: A's entries, lots and idempotency keys mean nothing there.
        await b.EnrollAsync(new NewMember { Id = "m" }, Cancellation);
        Assert.Equal(default, await b.GetBalanceAsync("m", cancellationToken: Cancellation));
        Assert.Empty(await b.GetOpenLotsAsync("m", Cancellation));
        Assert.Empty(await b.GetOpenHoldsAsync("m", Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.EntryNotFound, () => b.CommitReservationAsync(new SettleHold("m", hold.Entry.Id, "commit-1"), Cancellation));
        await LoyaltyAssert.ThrowsAsync(ErrorCode.EntryNotFound, () => b.ReverseAsync(new ReversePoints("m", earn.Entry.Id, 1, "refund-1"), Cancellation));
        var inB = await b.AwardAsync(new AwardPoints("m", 7, "order-1"), Cancellation);
        Assert.False(inB.Replayed);
        Assert.Equal(7, (await b.GetSnapshotAsync("m", Cancellation)).PointsBalance);
        Assert.Equal([7L], (await SnapshotsAsync(b)).Select(s => s.PointsBalance));
        Assert.Equal([100L - 30], (await SnapshotsAsync(a)).Select(s => s.PointsBalance));

        // B's maintenance job touches only B: A's lot and its timed-out reservation wait for A's job.
        Clock.AdvanceDays(30);
        var report = await b.RunMaintenanceAsync(Clock.GetCurrentInstant(), Cancellation);
        Assert.Equal((1, 7L, 0), (report.Members, report.PointsExpired, report.ReservationsReleased));
        Assert.Equal(new PointsBalance(100, 0, 30, 0, 0, 0), await a.GetBalanceAsync("m", cancellationToken: Cancellation));
        Assert.Single(await a.GetOpenHoldsAsync("m", Cancellation));
        Assert.Equal(3, (await a.GetHistoryAsync("m", cancellationToken: Cancellation)).Entries.Count);
        Assert.Equal(3, (await b.GetHistoryAsync("m", cancellationToken: Cancellation)).Entries.Count);

        var inA = await a.RunMaintenanceAsync(Clock.GetCurrentInstant(), Cancellation);
        Assert.Equal((1, 100L, 1), (inA.Members, inA.PointsExpired, inA.ReservationsReleased));
        Assert.Equal(new PointsBalance(7, 0, 0, 0, 7, 0), await b.GetBalanceAsync("m", cancellationToken: Cancellation));
        await LedgerInvariants.AssertProgramAsync(a);
        await LedgerInvariants.AssertProgramAsync(b);
    }

    private async Task<List<Snapshots.LoyaltySnapshot>> SnapshotsAsync(ILoyaltyEngine engine)
    {
        var snapshots = new List<Snapshots.LoyaltySnapshot>();
        await foreach (var snapshot in engine.StreamSnapshotsAsync(Cancellation))
        {
            snapshots.Add(snapshot);
        }

        return snapshots;
    }
}

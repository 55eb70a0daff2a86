using Loyalty.Members;

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
}

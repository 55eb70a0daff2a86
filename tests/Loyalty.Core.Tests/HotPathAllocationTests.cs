using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.StoreContract;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Loyalty.Core.Tests;

/// <summary>The hot reads of the in-memory store complete synchronously and allocate nothing.</summary>
public sealed class HotPathAllocationTests
{
    [Fact]
    public async Task GetBalanceAsync_OnTheInMemoryStore_CompletesSynchronouslyWithoutAllocating()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(FakeClock.AtUtc(2026, 1, 15));
        services.AddLoyalty(o =>
        {
            o.ProgramId = "hot";
            o.Ledger.Accounts.Add("status_credits");
        }).UseInMemory();
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<ILoyaltyEngine>();
        var cancellation = TestContext.Current.CancellationToken;
        var member = await engine.EnrollAsync(new NewMember { Id = "reader" }, cancellation);
        await engine.AwardAsync(new AwardPoints(member.Id, 120, "earn-1"), cancellation);
        await engine.AwardAsync(new AwardPoints(member.Id, 7, "earn-2") { Account = "status_credits" }, cancellation);
        AccountName credits = "status_credits";
        var id = member.Id;

        var sum = ReadBalances(engine, id, credits, 10, cancellation); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        sum += ReadBalances(engine, id, credits, 10_000, cancellation);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_010 * 127, sum);
    }

#pragma warning disable CA2012 // The test inspects the ValueTask itself, to prove the read completed synchronously.
    private static long ReadBalances(ILoyaltyEngine engine, MemberId id, AccountName credits, int count, CancellationToken cancellation)
    {
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            var points = engine.GetBalanceAsync(id, cancellationToken: cancellation);
            var other = engine.GetBalanceAsync(id, credits, cancellation);
            if (!points.IsCompletedSuccessfully || !other.IsCompletedSuccessfully)
            {
                Assert.Fail("The in-memory balance read must complete synchronously.");
            }

            sum += points.Result.Spendable + other.Result.Spendable;
        }

        return sum;
    }
#pragma warning restore CA2012
}

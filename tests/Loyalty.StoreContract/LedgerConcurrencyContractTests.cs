using System.Collections.Concurrent;
using Loyalty.Ledger;

namespace Loyalty.StoreContract;

/// <summary>Concurrent writers on one member: no lost update, no double spend, never negative.</summary>
public abstract class LedgerConcurrencyContractTests<TFixture>(TFixture fixture) : LedgerContractBase<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    /// <summary>Gets how many random operations each of the 32 tasks performs (stores may lower it to keep the suite fast).</summary>
    protected virtual int OperationsPerTask => 1_000;

    [Fact]
    public async Task ThirtyTwoTasks_RandomEarnsSpendsAndReserves_OnOneMember_LoseNothing()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        var earned = 0L;
        var spent = 0L;
        var committed = 0L;
        var refusals = 0;
        var open = new ConcurrentDictionary<EntryId, long>();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(task => Task.Run(async () =>
        {
            var random = new Random(task);
            for (var i = 0; i < OperationsPerTask; i++)
            {
                var key = $"t{task}-op{i}";
                try
                {
                    switch (random.Next(6))
                    {
                        case 0 or 1:
                            var points = random.Next(1, 50);
                            NeverNegative(await EarnAsync(engine, id, points, key));
                            Interlocked.Add(ref earned, points);
                            break;
                        case 2 or 3:
                            var spend = random.Next(1, 60);
                            NeverNegative(await SpendAsync(engine, id, spend, key));
                            Interlocked.Add(ref spent, spend);
                            break;
                        case 4:
                            var reserve = random.Next(1, 40);
                            var r = NeverNegative(await ReserveAsync(engine, id, reserve, key));
                            open[r.Entry.Id] = reserve;
                            break;
                        default:
                            var held = open.Keys.FirstOrDefault();
                            if (held != default && open.TryRemove(held, out var amount))
                            {
                                if (random.Next(2) == 0)
                                {
                                    NeverNegative(await SettleAsync(engine.CommitReservationAsync, id, held, key));
                                    Interlocked.Add(ref committed, amount);
                                }
                                else
                                {
                                    NeverNegative(await SettleAsync(engine.ReleaseReservationAsync, id, held, key));
                                }
                            }

                            break;
                    }
                }
                catch (LoyaltyException ex) when (ex.Code == ErrorCode.InsufficientPoints)
                {
                    Interlocked.Increment(ref refusals);
                }
            }
        }, Cancellation)));

        var balance = await BalanceAsync(engine, id);
        var reservedNow = open.Values.Sum();
        Assert.Equal(earned, balance.Earned);
        Assert.Equal(spent + committed, balance.Spent);
        Assert.Equal(reservedNow, balance.Reserved);
        Assert.Equal(earned - spent - committed - reservedNow, balance.Spendable);
        Assert.True(balance.Spendable >= 0);
        Assert.True(refusals > 0, "the random mix should hit the spendable floor at least once");
    }

    /// <summary>Every balance a write reports is a moment of the ledger: it must never be negative.</summary>
    private static LedgerResult NeverNegative(LedgerResult result)
    {
        var b = result.Balance;
        Assert.True(b.Debt == 0 && b.Reserved >= 0 && b.Pending >= 0 && b.Earned - b.Spent - b.Reserved - b.Expired - b.Deducted >= 0, $"negative balance after a write: {b}");
        return result;
    }

    [Fact]
    public async Task ThousandConcurrentSpendsOfTheWholeBalance_ExactlyOneSucceeds()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 777);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => Task.Run(async () =>
        {
            try
            {
                await SpendAsync(engine, id, 777, $"spend-all-{i}");
                return true;
            }
            catch (LoyaltyException ex) when (ex.Code == ErrorCode.InsufficientPoints)
            {
                return false;
            }
        }, Cancellation)));

        Assert.Equal(1, outcomes.Count(o => o));
        var balance = await BalanceAsync(engine, id);
        Assert.Equal(0, balance.Spendable);
        Assert.Equal(777, balance.Spent);
    }

    [Fact]
    public async Task ConcurrentRetriesOfOneKey_WriteOnce()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => EarnAsync(engine, id, 40, "order-9:earn"), Cancellation)));

        Assert.Single(results.Select(r => r.Entry.Id).Distinct());
        Assert.Equal(49, results.Count(r => r.Replayed));
        Assert.Equal(40, (await BalanceAsync(engine, id)).Earned);
    }

    [Fact]
    public async Task EnginesOverSeparateStoreInstances_ShareOneLedger()
    {
        var stores = Enumerable.Range(0, 3).Select(_ => Fixture.CreateStore()).ToArray();
        try
        {
            var program = NewProgramId();
            var engines = stores.Select(s => CreateEngine(o => o.Ledger.Accounts.Add("status_credits"), program, s)).ToArray();
            var id = await MemberAsync(engines[0]);
            await Task.WhenAll(engines.Select((engine, n) => Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    await EarnAsync(engine, id, 3, $"e{n}-{i}");
                    await SpendAsync(engine, id, 1, $"s{n}-{i}");
                }
            }, Cancellation)));

            var balance = await BalanceAsync(engines[1], id);
            Assert.Equal(900, balance.Earned);
            Assert.Equal(300, balance.Spent);
        }
        finally
        {
            foreach (var store in stores.Where(s => !ReferenceEquals(s, Store)))
            {
                (store as IDisposable)?.Dispose();
            }
        }
    }
}

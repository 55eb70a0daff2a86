using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.Storage.PostgreSql;
using Loyalty.StoreContract;
using Npgsql;

namespace Loyalty.PostgreSql.Tests;

/// <summary>
/// The hot balance read keeps a few connections open with the read prepared on them: no more than a quarter of the pool
/// and four, closed with the store, replaced when the server drops one, never reused after a failure or cancellation.
/// </summary>
public sealed class BalanceReadTests(PostgreSqlStoreFixture fixture) : LedgerContractBase<PostgreSqlStoreFixture>(fixture)
{
    [Fact]
    public async Task GetBalance_UnderConcurrentReads_KeepsAtMostFourConnectionsOpen_AndClosesThemWithTheStore()
    {
        var (dataSource, application) = DataSource(maxPoolSize: 40);
        await using (dataSource)
        {
            var store = new PostgreSqlLoyaltyStore(dataSource);
            var (engine, id) = await MemberWithPointsAsync(store, 25);

            for (var round = 0; round < 5; round++)
            {
                var balances = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => engine.GetBalanceAsync(id, cancellationToken: Cancellation).AsTask()));
                Assert.All(balances, b => Assert.Equal(25, b.Spendable));
            }

            dataSource.Clear();
            Assert.InRange(await OpenConnectionsAsync(application, settlesAt: 4), 1, 4);

            await store.DisposeAsync();
            dataSource.Clear();
            Assert.Equal(0, await OpenConnectionsAsync(application, settlesAt: 0));
        }
    }

    [Fact]
    public async Task GetBalance_WithASmallPool_KeepsNoConnection()
    {
        var (dataSource, application) = DataSource(maxPoolSize: 3);
        await using (dataSource)
        {
            await using var store = new PostgreSqlLoyaltyStore(dataSource);
            var (engine, id) = await MemberWithPointsAsync(store, 25);

            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => engine.GetBalanceAsync(id, cancellationToken: Cancellation).AsTask()));
            dataSource.Clear();

            Assert.Equal(0, await OpenConnectionsAsync(application, settlesAt: 0));
        }
    }

    [Fact]
    public async Task GetBalance_AfterTheServerClosedTheKeptConnection_ReadsOnAFreshOne()
    {
        var (dataSource, application) = DataSource(maxPoolSize: 40);
        await using (dataSource)
        {
            await using var store = new PostgreSqlLoyaltyStore(dataSource);
            var (engine, id) = await MemberWithPointsAsync(store, 25);
            Assert.Equal(25, (await engine.GetBalanceAsync(id, cancellationToken: Cancellation)).Spendable);

            var terminated = await Sql.ScalarAsync<long>(
                Fixture.ConnectionString,
                $"SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{application}') t");
            Assert.True(terminated >= 1);

            Assert.Equal(25, (await engine.GetBalanceAsync(id, cancellationToken: Cancellation)).Spendable);
            await EarnAsync(engine, id, 5);
            Assert.Equal(30, (await engine.GetBalanceAsync(id, cancellationToken: Cancellation)).Spendable);
        }
    }

    [Fact]
    public async Task GetBalance_Cancelled_Throws_AndLaterReadsAnswer()
    {
        var engine = NewEngine();
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 25);
        await engine.GetBalanceAsync(id, cancellationToken: Cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.GetBalanceAsync(id, cancellationToken: new CancellationToken(canceled: true)).AsTask());

        Assert.Equal(25, (await engine.GetBalanceAsync(id, cancellationToken: Cancellation)).Spendable);
    }

    [Fact]
    public async Task GetBalance_OnADisposedStore_ThrowsObjectDisposed()
    {
        var store = Fixture.NewStore();
        await store.InitializeAsync(Cancellation);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetBalanceAsync(ProgramId.Parse("p"), "m", AccountName.Default, Cancellation).AsTask());
    }

    private async Task<(ILoyaltyEngine Engine, MemberId Id)> MemberWithPointsAsync(PostgreSqlLoyaltyStore store, long points)
    {
        var engine = CreateEngine(store: store);
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, points);
        return (engine, id);
    }

    private (NpgsqlDataSource DataSource, string Application) DataSource(int maxPoolSize)
    {
        var application = $"balance-reads-{Guid.NewGuid():N}"[..24];
        var settings = new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { MaxPoolSize = maxPoolSize, ApplicationName = application };
        return (NpgsqlDataSource.Create(settings.ConnectionString), application);
    }

    /// <summary>Counts the server's sessions of the application, waiting up to 10 s for closed ones to end (a backend exits after its client left).</summary>
    private async Task<long> OpenConnectionsAsync(string application, long settlesAt)
    {
        var sql = $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}'";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var count = await Sql.ScalarAsync<long>(Fixture.ConnectionString, sql);
        while (count > settlesAt && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, Cancellation);
            count = await Sql.ScalarAsync<long>(Fixture.ConnectionString, sql);
        }

        return count;
    }
}

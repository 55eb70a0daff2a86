using Loyalty.Members;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.Storage.PostgreSql;
using Loyalty.StoreContract;
using Npgsql;

namespace Loyalty.PostgreSql.Tests;

/// <summary>The hot paths run as server-side prepared statements, kept by the pooled connection; the option turns them off.</summary>
public sealed class PreparedStatementTests(PostgreSqlStoreFixture fixture) : LedgerContractBase<PostgreSqlStoreFixture>(fixture)
{
    [Fact]
    public async Task HotPaths_ArePreparedOnceAndReused()
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        var engine = CreateEngine(store: new PostgreSqlLoyaltyStore(dataSource));
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 10);
        var first = await PreparedAsync(dataSource);

        for (var i = 0; i < 5; i++)
        {
            await EarnAsync(engine, id, 10);
            await engine.GetBalanceAsync(id, cancellationToken: Cancellation);
        }

        var after = await PreparedAsync(dataSource);
        Assert.Contains(first, s => s.Contains("pg_advisory_xact_lock", StringComparison.Ordinal));
        Assert.Contains(first, s => s.StartsWith("INSERT INTO \"loyalty\".history", StringComparison.Ordinal));
        Assert.Contains(first, s => s.StartsWith("INSERT INTO \"loyalty\".balances", StringComparison.Ordinal));
        Assert.Contains(after, s => s.StartsWith("SELECT b.earned", StringComparison.Ordinal) && s.Contains("\"loyalty\".balances", StringComparison.Ordinal));
        Assert.Contains(after, s => s.StartsWith("SELECT 1 FROM \"loyalty\".members", StringComparison.Ordinal));
        Assert.Equal(first.Count + 2, after.Count);
    }

    [Fact]
    public async Task PrepareStatementsOff_PreparesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        var engine = CreateEngine(store: new PostgreSqlLoyaltyStore(dataSource, new PostgreSqlStoreOptions { PrepareStatements = false }));
        var id = await MemberAsync(engine);
        await EarnAsync(engine, id, 10);
        await engine.GetBalanceAsync(id, cancellationToken: Cancellation);

        Assert.Empty(await PreparedAsync(dataSource));
    }

    /// <summary>Lists the statements prepared on the data source's one physical connection.</summary>
    private static async Task<List<string>> PreparedAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var statements = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }
}

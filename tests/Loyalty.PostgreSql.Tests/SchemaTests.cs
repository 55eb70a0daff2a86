using Loyalty.Members;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.Storage.PostgreSql;
using Loyalty.Storage.PostgreSql.Schema;
using Loyalty.StoreContract;

namespace Loyalty.PostgreSql.Tests;

/// <summary>Embedded migrations: applied once however many instances start together, and refused schemas.</summary>
public sealed class SchemaTests(PostgreSqlStoreFixture fixture) : StoreContractTests<PostgreSqlStoreFixture>(fixture)
{
    [Fact]
    public async Task ManyInstancesStartingTogether_MigrateOnce()
    {
        var database = await Fixture.Server.CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 8).Select(_ => new PostgreSqlLoyaltyStore(database)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(store => Task.Run(() => store.InitializeAsync(Cancellation).AsTask(), Cancellation)));

            var versions = await Sql.ColumnAsync(database, "SELECT version || ':' || name FROM loyalty.schema_migrations ORDER BY version");
            Assert.Equal(Migration.All.Select(m => $"{m.Version}:{m.Name}"), versions);
            await stores[0].InitializeAsync(Cancellation);
            Assert.Equal(versions.Count, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM loyalty.schema_migrations"));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SchemaNameOption_KeepsTwoStoresInOneDatabaseApart()
    {
        var database = await Fixture.Server.CreateDatabaseAsync();
        await using var first = new PostgreSqlLoyaltyStore(database, new PostgreSqlStoreOptions { SchemaName = "tenant_one" });
        await using var second = new PostgreSqlLoyaltyStore(database, new PostgreSqlStoreOptions { SchemaName = "tenant_two" });
        var program = NewProgramId();
        await CreateEngine(programId: program, store: first).EnrollAsync(new NewMember { Id = "same", FirstName = "One" }, Cancellation);
        await CreateEngine(programId: program, store: second).EnrollAsync(new NewMember { Id = "same", FirstName = "Two" }, Cancellation);

        Assert.Equal("One", (await first.GetMemberAsync(ProgramId.Parse(program), "same", Cancellation))?.FirstName);
        Assert.Equal("Two", (await second.GetMemberAsync(ProgramId.Parse(program), "same", Cancellation))?.FirstName);
        Assert.Equal(["tenant_one", "tenant_two"], await Sql.ColumnAsync(database, "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = 'members' ORDER BY 1"));
    }

    [Fact]
    public async Task EmptyExistingSchema_IsUsed()
    {
        var database = await Fixture.Server.CreateDatabaseAsync();
        await Sql.ExecuteAsync(database, "CREATE SCHEMA prepared_by_dba");
        await using var store = new PostgreSqlLoyaltyStore(database, new PostgreSqlStoreOptions { SchemaName = "prepared_by_dba" });

        await store.InitializeAsync(Cancellation);

        Assert.Equal(Migration.Latest, await Sql.ScalarAsync<int>(database, "SELECT max(version) FROM prepared_by_dba.schema_migrations"));
    }

    [Fact]
    public async Task SchemaHoldingOtherTables_IsRefusedAsNotOurs()
    {
        var database = await Fixture.Server.CreateDatabaseAsync();
        await Sql.ExecuteAsync(database, "CREATE SCHEMA shop; CREATE TABLE shop.orders (id int)");
        await using var store = new PostgreSqlLoyaltyStore(database, new PostgreSqlStoreOptions { SchemaName = "shop" });

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreSchemaMismatch, () => store.InitializeAsync(Cancellation).AsTask());

        Assert.Contains("not a Loyalty store's schema", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'shop' AND tablename <> 'orders'"));
    }

    [Fact]
    public async Task SchemaMigratedByANewerVersion_IsRefused()
    {
        var database = await Fixture.CreateMigratedDatabaseAsync();
        await Sql.ExecuteAsync(database, $"INSERT INTO loyalty.schema_migrations (version, name, checksum) VALUES ({Migration.Latest + 1}, 'from_the_future', 'x')");
        await using var store = new PostgreSqlLoyaltyStore(database);

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreSchemaMismatch, () => store.InitializeAsync(Cancellation).AsTask());

        Assert.Contains($"newer than this version of Loyalty.PostgreSql understands (up to {Migration.Latest})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppliedMigrationThatDiffersFromTheEmbeddedOne_IsRefused()
    {
        var database = await Fixture.CreateMigratedDatabaseAsync();
        await Sql.ExecuteAsync(database, "UPDATE loyalty.schema_migrations SET checksum = 'edited' WHERE version = 1");
        await using var store = new PostgreSqlLoyaltyStore(database);

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreSchemaMismatch, () => store.InitializeAsync(Cancellation).AsTask());

        Assert.Contains("applied from a different script", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TablesDroppedAfterStart_FailAsSchemaMismatch()
    {
        var database = await Fixture.CreateMigratedDatabaseAsync();
        await using var store = new PostgreSqlLoyaltyStore(database);
        await store.InitializeAsync(Cancellation);
        await Sql.ExecuteAsync(database, "DROP TABLE loyalty.balances");

        await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreSchemaMismatch, () => store.GetBalancesAsync(ProgramId.Parse("p"), "m", Cancellation));
    }

    [Fact]
    public void EmbeddedMigrations_AreNumberedFromOneWithoutGaps() =>
        Assert.Equal(Enumerable.Range(1, Migration.Latest), Migration.All.Select(m => m.Version));
}

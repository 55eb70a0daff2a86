using Loyalty.Members;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.Storage;
using Loyalty.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Loyalty.PostgreSql.Tests;

/// <summary><c>UsePostgreSql(…)</c>: registration, options validation, ownership of the connection pool.</summary>
public sealed class RegistrationTests(PostgreSqlStoreFixture fixture) : IClassFixture<PostgreSqlStoreFixture>
{
    public static TheoryData<string, Action<PostgreSqlStoreOptions>> InvalidOptions => new()
    {
        { "PostgreSqlStoreOptions.SchemaName must be 1 to 63 lower-case ASCII letters, digits or '_', starting with a letter or '_' (was 'Loyalty')", o => o.SchemaName = "Loyalty" },
        { "PostgreSqlStoreOptions.SchemaName must be 1 to 63", o => o.SchemaName = "" },
        { "PostgreSqlStoreOptions.SchemaName must be 1 to 63", o => o.SchemaName = "with-dash" },
        { "PostgreSqlStoreOptions.SchemaName must be 1 to 63", o => o.SchemaName = new string('s', 64) },
        { "PostgreSqlStoreOptions.SchemaName must not start with 'pg_'", o => o.SchemaName = "pg_loyalty" },
        { "PostgreSqlStoreOptions.CommandTimeout must be a whole number of seconds between 1 second and 1 day (was 00:00:00)", o => o.CommandTimeout = TimeSpan.Zero },
        { "PostgreSqlStoreOptions.CommandTimeout must be a whole number of seconds", o => o.CommandTimeout = TimeSpan.FromMilliseconds(1_500) },
        { "PostgreSqlStoreOptions.LockTimeout must be a whole number of milliseconds between zero and CommandTimeout", o => o.LockTimeout = TimeSpan.FromSeconds(-1) },
        { "PostgreSqlStoreOptions.LockTimeout must be a whole number of milliseconds between zero and CommandTimeout (00:00:05)", o => { o.CommandTimeout = TimeSpan.FromSeconds(5); o.LockTimeout = TimeSpan.FromSeconds(6); } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void UsePostgreSql_WithAnInvalidOption_FailsAtRegistration_NamingTheOption(string expected, Action<PostgreSqlStoreOptions> breakIt)
    {
        var builder = new ServiceCollection().AddLoyalty(o => o.ProgramId = "p");

        var error = Assert.Throws<ArgumentException>(() => builder.UsePostgreSql(fixture.ConnectionString, breakIt));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PostgreSqlLoyaltyStore(fixture.ConnectionString, Configured(breakIt)));
    }

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new PostgreSqlStoreOptions();

        Assert.Equal("loyalty", options.SchemaName);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CommandTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LockTimeout);
        Assert.True(options.PrepareStatements);
    }

    [Fact]
    public void UsePostgreSql_NullOrEmptyArguments_AreRejectedNamingTheParameter()
    {
        var builder = new ServiceCollection().AddLoyalty(o => o.ProgramId = "p");

        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((ILoyaltyBuilder)null!).UsePostgreSql(fixture.ConnectionString)).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => builder.UsePostgreSql(" ")).ParamName);
        Assert.Equal("dataSource", Assert.Throws<ArgumentNullException>(() => builder.UsePostgreSql((NpgsqlDataSource)null!)).ParamName);
        Assert.Equal("connectionString", Assert.Throws<ArgumentException>(() => new PostgreSqlLoyaltyStore("Host=x;NoSuchSetting=1")).ParamName);
    }

    [Fact]
    public async Task UsePostgreSql_WithAConnectionString_MigratesAtHostStart_AndTheEngineWorks()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLoyalty(o => o.ProgramId = "hosted").UsePostgreSql(database, o => o.SchemaName = "hosted_loyalty");
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'hosted_loyalty'"));
        Assert.IsType<PostgreSqlLoyaltyStore>(host.Services.GetRequiredService<ILoyaltyStore>());
        var engine = host.Services.GetRequiredService<ILoyaltyEngine>();
        var member = await engine.EnrollAsync(new NewMember { Email = "ada@example.com" }, TestContext.Current.CancellationToken);
        Assert.Equal(member.Id, (await engine.FindMemberByEmailAsync("ADA@example.com", TestContext.Current.CancellationToken))?.Id);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task UsePostgreSql_WithADataSource_LeavesTheCallersDataSourceOpenWhenDisposed()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var services = new ServiceCollection();
        services.AddLoyalty(o => o.ProgramId = "shared-source").UsePostgreSql(dataSource);
        await using (var provider = services.BuildServiceProvider())
        {
            var engine = provider.GetRequiredService<ILoyaltyEngine>();
            await engine.EnrollAsync(new NewMember { Id = "m" }, TestContext.Current.CancellationToken);
        }

        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task StoreCreatedFromAConnectionString_DoesNotEnlistInAnAmbientTransaction_UnlessAskedTo()
    {
        await using var store = new PostgreSqlLoyaltyStore(fixture.ConnectionString);
        using (new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled))
        {
            await using var transaction = await store.BeginTransactionAsync(ProgramId.Parse("ambient"), StoreTransactionMode.AllOrNothing, TestContext.Current.CancellationToken);
            await transaction.LockMemberAsync("m", null, TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Contains("Application Name=Loyalty.PostgreSql", ConnectionStringOf(store), StringComparison.Ordinal);
        Assert.Contains("Enlist=False", ConnectionStringOf(store), StringComparison.Ordinal);
        await using var enlisting = new PostgreSqlLoyaltyStore(fixture.ConnectionString + ";Enlist=true;Application Name=shop");
        Assert.DoesNotContain("Enlist=False", ConnectionStringOf(enlisting), StringComparison.Ordinal);
        Assert.Contains("Application Name=shop", ConnectionStringOf(enlisting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreCreatedFromAConnectionString_DoesNotResetConnectionsReturnedToItsPool_UnlessAskedTo()
    {
        await using var store = new PostgreSqlLoyaltyStore(fixture.ConnectionString);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 2; i++)
        {
            Assert.Null(await store.GetBalanceAsync(ProgramId.Parse("p"), "nobody", AccountName.Default, TestContext.Current.CancellationToken));
        }

        Assert.Contains("No Reset On Close=True", ConnectionStringOf(store), StringComparison.Ordinal);
        await using var resetting = new PostgreSqlLoyaltyStore(fixture.ConnectionString + ";No Reset On Close=false");
        Assert.DoesNotContain("No Reset On Close=True", ConnectionStringOf(resetting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreCreatedFromAConnectionString_ClosesItsPoolWhenDisposed()
    {
        var store = new PostgreSqlLoyaltyStore(fixture.ConnectionString);
        await store.InitializeAsync(TestContext.Current.CancellationToken);

        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetMemberAsync(ProgramId.Parse("p"), "m", TestContext.Current.CancellationToken).AsTask());
    }

    private static string ConnectionStringOf(PostgreSqlLoyaltyStore store) =>
        store.DataSource.ConnectionString;

    private static PostgreSqlStoreOptions Configured(Action<PostgreSqlStoreOptions> configure)
    {
        var options = new PostgreSqlStoreOptions();
        configure(options);
        return options;
    }
}

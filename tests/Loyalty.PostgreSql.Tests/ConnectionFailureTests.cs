using System.Net;
using System.Net.Sockets;
using Loyalty.Members;
using Loyalty.PostgreSql.Tests.Infrastructure;
using Loyalty.Storage.PostgreSql;
using Loyalty.StoreContract;
using Npgsql;

namespace Loyalty.PostgreSql.Tests;

/// <summary>
/// Bad connection settings and missing permissions fail with a <see cref="LoyaltyException"/> that says what is wrong and
/// carries the Npgsql exception as its cause, whether the store is used directly or through the engine.
/// </summary>
public sealed class ConnectionFailureTests(PostgreSqlStoreFixture fixture) : StoreContractTests<PostgreSqlStoreFixture>(fixture)
{
    private const string Role = PostgreSqlServer.PasswordRole;

    [Fact]
    public async Task WrongPassword_FailsAsStoreUnavailable_NamingTheCredentials()
    {
        await using var store = new PostgreSqlLoyaltyStore(AsRole(Fixture.ConnectionString, "wrong password"));

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => store.InitializeAsync(Cancellation).AsTask());

        Assert.Contains("rejected the credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains($"user '{Role}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong password", error.Message, StringComparison.Ordinal);
        Assert.Equal("28P01", Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task UnreachableServer_FailsAsStoreUnavailable_ThroughTheEngineToo()
    {
        var port = ClosedPort();
        await using var store = new PostgreSqlLoyaltyStore($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=3");

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => store.InitializeAsync(Cancellation).AsTask());
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.IsType<NpgsqlException>(error.InnerException, exactMatch: false);
        Assert.IsType<SocketException>(error.InnerException!.InnerException);

        var engine = CreateEngine(store: store);
        var fromEngine = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => engine.EnrollAsync(new NewMember(), Cancellation));
        Assert.IsType<NpgsqlException>(fromEngine.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task MissingDatabase_FailsAsStoreUnavailable()
    {
        await using var store = new PostgreSqlLoyaltyStore(new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { Database = "no_such_database" }.ConnectionString);

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => store.InitializeAsync(Cancellation).AsTask());

        Assert.Contains("database does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal("3D000", Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task RoleWithoutCreateOnTheDatabase_CannotCreateTheSchema()
    {
        var database = await Fixture.Server.CreateDatabaseAsync();
        await using var store = new PostgreSqlLoyaltyStore(AsRole(database, PostgreSqlServer.Password));

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => store.InitializeAsync(Cancellation).AsTask());

        Assert.Contains("denied a permission", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE on the database", error.Message, StringComparison.Ordinal);
        Assert.Equal("42501", Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task RoleWithoutUsageOnTheSchema_FailsAtStartAndOnEveryRead()
    {
        await using var store = new PostgreSqlLoyaltyStore(AsRole(Fixture.ConnectionString, PostgreSqlServer.Password));

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => store.InitializeAsync(Cancellation).AsTask());
        Assert.Equal("42501", Assert.IsType<PostgresException>(error.InnerException).SqlState);

        var read = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => store.GetMemberAsync(ProgramId.Parse("p"), "m", Cancellation));
        Assert.Contains("permission denied for schema loyalty", read.Message, StringComparison.Ordinal);
        Assert.Equal("42501", Assert.IsType<PostgresException>(read.InnerException).SqlState);
    }

    [Fact]
    public async Task RoleWithSchemaUsageButNoTablePrivileges_FailsOnReadsAndWrites_WithTheTableNamed()
    {
        var database = await Fixture.CreateMigratedDatabaseAsync();
        await Sql.ExecuteAsync(database, $"GRANT USAGE ON SCHEMA loyalty TO {Role}; GRANT SELECT ON loyalty.schema_migrations TO {Role}; GRANT SELECT ON loyalty.members TO {Role}");
        await using var store = new PostgreSqlLoyaltyStore(AsRole(database, PostgreSqlServer.Password));
        await store.InitializeAsync(Cancellation);
        var engine = CreateEngine(store: store);

        Assert.Null(await engine.FindMemberAsync("nobody", Cancellation));
        var write = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => engine.EnrollAsync(new NewMember { Id = "m" }, Cancellation));
        Assert.Contains("permission denied for table", write.Message, StringComparison.Ordinal);
        Assert.Equal("42501", Assert.IsType<PostgresException>(write.InnerException).SqlState);
    }

    [Fact]
    public async Task CommandThatOutlastsTheCommandTimeout_FailsAsStoreUnavailable_NamingTheTimeout()
    {
        var store = Fixture.NewStore(new PostgreSqlStoreOptions { CommandTimeout = TimeSpan.FromSeconds(1), LockTimeout = TimeSpan.Zero });
        var engine = CreateEngine(store: store);
        await engine.EnrollAsync(new NewMember { Id = "slow" }, Cancellation);
        await Sql.ExecuteAsync(Fixture.ConnectionString, """
            CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NEW; END $$;
            CREATE TRIGGER slow_down BEFORE INSERT ON loyalty.history FOR EACH ROW WHEN (NEW.member_id = 'slow') EXECUTE FUNCTION slow_down();
            """);

        var error = await LoyaltyAssert.ThrowsAsync(ErrorCode.StoreUnavailable, () => engine.AwardAsync(new Ledger.AwardPoints("slow", 5, "slow-earn"), Cancellation));

        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
        Assert.IsType<NpgsqlException>(error.InnerException, exactMatch: false);
        Assert.Equal(default, await engine.GetBalanceAsync("slow", cancellationToken: Cancellation));
    }

    private string AsRole(string connectionString, string password) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = Role, Password = password, Timeout = 5 }.ConnectionString;

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Loyalty.PostgreSql.TestServer;

namespace Loyalty.PostgreSql.Tests.Infrastructure;

/// <summary>
/// The test run's PostgreSQL server (an assembly fixture): a <see cref="PostgreSqlTestServer"/> started before the first
/// test and stopped, its folder deleted, after the last. If no server can start, the fixture fails and so does every
/// test: the PostgreSQL tests never skip.
/// </summary>
/// <remarks>
/// Set <c>LOYALTY_TEST_POSTGRES</c> to the connection string of a superuser on an existing server to use that server
/// instead; <c>LOYALTY_TEST_POSTGRES_DURABLE=1</c> to keep PostgreSQL's durability defaults (for throughput figures);
/// <c>LOYALTY_POSTGRES_BIN</c> to the folder of initdb and pg_ctl when they are not under <c>/usr/lib/postgresql/*/bin</c>.
/// </remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <inheritdoc cref="PostgreSqlTestServer.PasswordRole"/>
    public const string PasswordRole = PostgreSqlTestServer.PasswordRole;

    /// <inheritdoc cref="PostgreSqlTestServer.Password"/>
    public const string Password = PostgreSqlTestServer.Password;

    private PostgreSqlTestServer? _server;

    /// <summary>Gets the connection string of the superuser on the maintenance database.</summary>
    public string AdminConnectionString => Server.AdminConnectionString;

    /// <summary>Gets the host and port the server listens on.</summary>
    public (string Host, int Port) Endpoint => Server.Endpoint;

    private PostgreSqlTestServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server is not started.");

    public async ValueTask InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES") is { Length: > 0 } existing
            ? await PostgreSqlTestServer.UseExistingAsync(existing)
            : await PostgreSqlTestServer.StartAsync(new PostgreSqlTestServerOptions { Durable = Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES_DURABLE") == "1" });
    }

    /// <inheritdoc cref="PostgreSqlTestServer.CreateDatabaseAsync"/>
    public Task<string> CreateDatabaseAsync(int maxPoolSize = 50) => Server.CreateDatabaseAsync(maxPoolSize);

    /// <inheritdoc cref="PostgreSqlTestServer.ConnectionString"/>
    public string ConnectionString(string database, int maxPoolSize = 50) => Server.ConnectionString(database, maxPoolSize);

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? default;
}

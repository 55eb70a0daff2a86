using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Loyalty.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run (an assembly fixture): <c>initdb</c> into a temporary folder,
/// <c>pg_ctl start</c> on a free loopback port, and <c>pg_ctl stop</c> plus deletion at the end. As root (CI machines),
/// the server runs as the <c>postgres</c> user through <c>runuser</c>, since initdb refuses root. If no server can start,
/// the fixture fails and so does every test: the PostgreSQL tests never skip.
/// </summary>
/// <remarks>
/// <para>Set <c>LOYALTY_TEST_POSTGRES</c> to the connection string of a superuser on an existing server to use that
/// server instead; <c>LOYALTY_POSTGRES_BIN</c> to the folder of initdb and pg_ctl when they are not under
/// <c>/usr/lib/postgresql/*/bin</c>.</para>
/// <para>The server runs with <c>fsync</c> and <c>synchronous_commit</c> off (a throwaway cluster needs no durability)
/// unless <c>LOYALTY_TEST_POSTGRES_DURABLE=1</c>, which keeps PostgreSQL's defaults (for throughput figures).</para>
/// </remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The role with a password, checked with SCRAM (every other role is trusted on the loopback address).</summary>
    public const string PasswordRole = "loyalty_password";

    /// <summary>The password of <see cref="PasswordRole"/>.</summary>
    public const string Password = "correct horse battery staple";

    private ServerProcess? _process;
    private string _adminConnectionString = string.Empty;

    /// <summary>Gets the connection string of the superuser on the maintenance database.</summary>
    public string AdminConnectionString => _adminConnectionString;

    /// <summary>Gets the host and port the server listens on.</summary>
    public (string Host, int Port) Endpoint { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES") is { Length: > 0 } existing)
        {
            _adminConnectionString = existing;
            var settings = new NpgsqlConnectionStringBuilder(existing);
            Endpoint = (settings.Host ?? "localhost", settings.Port);
        }
        else
        {
            // The free port is found before the server binds it; another process may take it in between, so try again.
            var durable = Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES_DURABLE") == "1";
            var port = 0;
            for (var attempt = 1; _process is null; attempt++)
            {
                port = FreePort();
                try
                {
                    _process = await ServerProcess.StartAsync(port, durable);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }

            Endpoint = ("127.0.0.1", port);
            _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=10";
        }

        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{PasswordRole}') THEN CREATE ROLE {PasswordRole} LOGIN PASSWORD '{Password}'; END IF; END $$",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates an empty database with a unique name and returns a connection string to it (as the superuser).</summary>
    /// <param name="maxPoolSize">The connection pool size of the returned connection string.</param>
    public async Task<string> CreateDatabaseAsync(int maxPoolSize = 50)
    {
        var name = "loyalty_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name, maxPoolSize);
    }

    /// <summary>Returns a connection string to a database of the server, as the superuser.</summary>
    public string ConnectionString(string database, int maxPoolSize = 50) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database, MaxPoolSize = maxPoolSize }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _process.StopAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

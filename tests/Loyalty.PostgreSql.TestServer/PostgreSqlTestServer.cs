using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Loyalty.PostgreSql.TestServer;

/// <summary>
/// A throwaway PostgreSQL server: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on a free loopback port,
/// and <c>pg_ctl stop</c> plus deletion of the folder when disposed. As root (CI machines), the server runs as the
/// <c>postgres</c> user through <c>runuser</c>, since initdb refuses root. If no server can start,
/// <see cref="StartAsync"/> throws with the server's log: callers fail rather than skip.
/// </summary>
/// <remarks>
/// <para>Set <c>LOYALTY_POSTGRES_BIN</c> to the folder of initdb and pg_ctl when they are not under
/// <c>/usr/lib/postgresql/*/bin</c>.</para>
/// <para>The server runs with <c>fsync</c> and <c>synchronous_commit</c> off (a throwaway cluster needs no durability)
/// unless <see cref="PostgreSqlTestServerOptions.Durable"/> is set, which keeps PostgreSQL's defaults (for throughput
/// figures).</para>
/// </remarks>
public sealed class PostgreSqlTestServer : IAsyncDisposable
{
    /// <summary>The role with a password, checked with SCRAM (every other role is trusted on the loopback address).</summary>
    public const string PasswordRole = "loyalty_password";

    /// <summary>The password of <see cref="PasswordRole"/>.</summary>
    public const string Password = "correct horse battery staple";

    private readonly ServerProcess? _process;

    private PostgreSqlTestServer(ServerProcess? process, string adminConnectionString, (string Host, int Port) endpoint)
    {
        _process = process;
        AdminConnectionString = adminConnectionString;
        Endpoint = endpoint;
    }

    /// <summary>Gets the connection string of the superuser on the maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Gets the host and port the server listens on.</summary>
    public (string Host, int Port) Endpoint { get; }

    /// <summary>Gets the folder of the cluster (data folder, socket and <c>server.log</c>), or <see langword="null"/> for an existing server.</summary>
    public string? Folder => _process?.Folder;

    /// <summary>Creates a cluster in a temporary folder and starts it on a free loopback port.</summary>
    /// <param name="options">Where the cluster goes and how durable it is, or <see langword="null"/> for the defaults.</param>
    /// <returns>The running server; dispose it to stop it and delete its folder.</returns>
    /// <exception cref="InvalidOperationException">No server could be created or started (the message has the server's log).</exception>
    public static async Task<PostgreSqlTestServer> StartAsync(PostgreSqlTestServerOptions? options = null)
    {
        options ??= new PostgreSqlTestServerOptions();
        var parent = options.ParentFolder ?? Path.GetTempPath();

        // The free port is found before the server binds it; another process may take it in between, so try again.
        ServerProcess? process = null;
        var port = 0;
        for (var attempt = 1; process is null; attempt++)
        {
            port = FreePort();
            try
            {
                process = await ServerProcess.StartAsync(parent, port, options.Durable);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }

        var server = new PostgreSqlTestServer(process, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=10", ("127.0.0.1", port));
        try
        {
            await server.CreatePasswordRoleAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Uses a server that is already running instead of starting one (it is left running when disposed).</summary>
    /// <param name="adminConnectionString">The connection string of a superuser on that server.</param>
    /// <returns>The server.</returns>
    public static async Task<PostgreSqlTestServer> UseExistingAsync(string adminConnectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(adminConnectionString);
        var server = new PostgreSqlTestServer(null, adminConnectionString, (settings.Host ?? "localhost", settings.Port));
        await server.CreatePasswordRoleAsync();
        return server;
    }

    /// <summary>
    /// Stops every server still running in a cluster folder directly below <paramref name="parentFolder"/> and deletes
    /// the folder: the clean-up of a run whose processes may have ended before they stopped their servers.
    /// </summary>
    /// <param name="parentFolder">The <see cref="PostgreSqlTestServerOptions.ParentFolder"/> the servers were started in.</param>
    /// <returns>How many cluster folders were left and are now removed.</returns>
    public static Task<int> StopAllAsync(string parentFolder) => ServerProcess.StopAllAsync(parentFolder);

    /// <summary>Creates an empty database with a unique name and returns a connection string to it (as the superuser).</summary>
    /// <param name="maxPoolSize">The connection pool size of the returned connection string.</param>
    /// <returns>The connection string.</returns>
    public async Task<string> CreateDatabaseAsync(int maxPoolSize = 50)
    {
        var name = "loyalty_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name, maxPoolSize);
    }

    /// <summary>Returns a connection string to a database of the server, as the superuser.</summary>
    /// <param name="database">The database.</param>
    /// <param name="maxPoolSize">The connection pool size.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionString(string database, int maxPoolSize = 50) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary>Stops the server and deletes its folder (a server that was already running is left alone).</summary>
    /// <returns>A task that completes when the server is stopped.</returns>
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

    private async Task CreatePasswordRoleAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{PasswordRole}') THEN CREATE ROLE {PasswordRole} LOGIN PASSWORD '{Password}'; END IF; END $$",
            connection);
        await command.ExecuteNonQueryAsync();
    }
}

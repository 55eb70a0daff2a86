using Loyalty.PostgreSql.TestServer;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Loyalty.Benchmarks.PostgreSql;

/// <summary>
/// The throwaway PostgreSQL server of one benchmark process, started as the store's tests start theirs
/// (<see cref="PostgreSqlTestServer"/>: <c>initdb</c> and <c>pg_ctl</c> in a temp folder, a loopback port), with one
/// empty database. Unlike the tests' server it keeps PostgreSQL's durability defaults (<c>fsync</c>,
/// <c>synchronous_commit</c> and <c>full_page_writes</c> on): a commit waits for its WAL flush, as on a production
/// server. Started in a suite's <c>[GlobalSetup]</c> and disposed in its <c>[GlobalCleanup]</c> (or when the setup
/// fails); <see cref="Program"/> also stops, after the run, any server that a benchmark process left behind in
/// <see cref="RunFolder"/>.
/// </summary>
internal sealed class PostgreSqlBenchServer : IDisposable
{
    /// <summary>The environment variable that names the folder of the run's clusters (set by <see cref="Program"/>, inherited by the benchmark processes).</summary>
    public const string FolderVariable = "LOYALTY_BENCH_PG_FOLDER";

    /// <summary>The pool size of <see cref="ConnectionString"/>: above the 16 workers of the earn suite and its raw baseline.</summary>
    public const int MaxPoolSize = 50;

    private readonly PostgreSqlTestServer _server;

    private PostgreSqlBenchServer(PostgreSqlTestServer server, string connectionString)
    {
        _server = server;
        ConnectionString = connectionString;
    }

    /// <summary>Gets the folder the run's clusters are created in.</summary>
    public static string RunFolder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "loyalty-bench", "pg");

    /// <summary>Gets the connection string of the benchmark database (as the superuser).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Gets the connection string of the raw baselines: <see cref="ConnectionString"/> with the settings the store gives
    /// the pool it creates from a connection string (no enlisting, no reset of a connection returned to the pool), so
    /// that a ratio measures code, not configuration.
    /// </summary>
    public string RawConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Enlist = false, NoResetOnClose = true }.ConnectionString;

    /// <summary>Starts a server and creates the benchmark database; stops the server again if that fails.</summary>
    public static PostgreSqlBenchServer Start()
    {
        var server = PostgreSqlTestServer.StartAsync(new PostgreSqlTestServerOptions { Durable = true, ParentFolder = RunFolder }).GetAwaiter().GetResult();
        try
        {
            return new PostgreSqlBenchServer(server, server.CreateDatabaseAsync(MaxPoolSize).GetAwaiter().GetResult());
        }
        catch
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>
    /// Starts a server, creates an engine over the PostgreSQL store on its database and imports
    /// <paramref name="members"/> members through it (<see cref="EngineSeed"/>); stops the server again if that fails.
    /// </summary>
    public static (PostgreSqlBenchServer Server, ILoyaltyEngine Engine, ServiceProvider Provider) StartSeeded(int members)
    {
        var server = Start();
        ServiceProvider? provider = null;
        try
        {
            (var engine, provider) = EngineFactory.PostgreSql(server.ConnectionString);
            EngineSeed.Members(engine, members);
            return (server, engine, provider);
        }
        catch
        {
            provider?.Dispose();
            server.Dispose();
            throw;
        }
    }

    /// <summary>Stops the servers that the run's benchmark processes left running and deletes <see cref="RunFolder"/>.</summary>
    /// <returns>How many were left.</returns>
    public static int StopLeftovers()
    {
        var folder = RunFolder;
        var left = PostgreSqlTestServer.StopAllAsync(folder).GetAwaiter().GetResult();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return left;
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public void Dispose() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

using BenchmarkDotNet.Attributes;
using Loyalty.Configuration;
using Loyalty.Ledger;
using Loyalty.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Loyalty.Benchmarks.Sqlite;

/// <summary>
/// The expiry job (<c>RunMaintenanceAsync</c>) over a SQLite database where every lot is past its expiry: 10 lots per
/// member, 1,000,000 lots in all. Each iteration starts from a fresh copy of a template database built once through the
/// import and batch award APIs. The baseline is the same expiry done set-based in a handful of SQL statements (one entry
/// and one event per member and expiry date, balances, sequences, lots), the floor of what the database itself needs;
/// the engine does it member by member under each member's lock, with its rules. Mean is the whole job.
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 0, iterationCount: 3)]
public class ExpirySqliteBenchmarks
{
    private const int LotsPerMember = 10;
    private static readonly Instant BuiltAt = Instant.FromUtc(2025, 1, 15, 12, 0);
    private static readonly Instant AsOf = Instant.FromUtc(2026, 3, 1, 0, 0);

    private TempDatabase _database = null!;
    private string _template = null!;
    private ILoyaltyEngine _engine = null!;
    private ServiceProvider? _provider;

    [ParamsSource(nameof(Sizes))]
    public int Lots { get; set; }

    public static IEnumerable<int> Sizes => [BenchSizes.Pick(1_000_000, 10_000)];

    private int Members => Lots / LotsPerMember;

    [GlobalSetup]
    public void Setup()
    {
        _template = Template(Lots);
        _database = new TempDatabase("expiry");
    }

    [IterationSetup]
    public void FreshCopy()
    {
        _provider?.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_database.FilePath + suffix);
        }

        File.Copy(_template, _database.FilePath);
        (_engine, _provider) = EngineFactory.Sqlite(_database.ConnectionString, configure: Configure, clock: new FixedClock(AsOf));
        _ = _engine.GetBalanceAsync(EngineSeed.Member(0)).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Benchmark(Baseline = true, Description = "set-based SQL expiry (floor)")]
    public long SetBasedSql()
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$program", EngineFactory.ProgramId);
        command.Parameters.AddWithValue("$as_of", AsOf.ToUnixTimeTicks());
        command.Parameters.AddWithValue("$now", AsOf.ToUnixTimeTicks());
        const string Due = "l.program_id = $program AND l.expires_at <= $as_of AND l.remaining > l.reserved";
        const string Uuid = "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

        // One entry and one event per member, account and expiry date, naming the lots it expires, as the engine writes.
        command.CommandText =
            "CREATE TEMP TABLE due AS SELECT l.program_id, l.member_id, l.account, l.expires_on, MIN(l.expires_at) AS expires_at, "
            + $"SUM(l.remaining - l.reserved) AS points, group_concat(l.lot_id || ':' || (l.remaining - l.reserved), ',') AS allocations, {Uuid} AS entry_id "
            + $"FROM lots l WHERE {Due} GROUP BY l.member_id, l.account, l.expires_on;"
            + "INSERT INTO history (program_id, member_id, sequence, kind, occurred_at, actor, reason, entry_id, account, entry_kind, points, settles, expires_on, allocations) "
            + "SELECT d.program_id, d.member_id, m.last_sequence + ROW_NUMBER() OVER (PARTITION BY d.member_id ORDER BY d.expires_at, d.account), "
            + "4, $now, 'maintenance', 'points expired', d.entry_id, d.account, 10, d.points, NULL, d.expires_on, d.allocations "
            + "FROM due d JOIN members m ON m.program_id = d.program_id AND m.member_id = d.member_id;"
            + "INSERT INTO outbox (program_id, event_id, type, member_id, occurred_at, payload) "
            + $"SELECT d.program_id, {Uuid}, 'PointsExpired', d.member_id, $now, json_object('entry_id', d.entry_id, 'account', d.account, 'points', d.points, 'expires_on', d.expires_on) FROM due d;"
            + "UPDATE balances SET expired = expired + d.points FROM (SELECT member_id, account, SUM(points) AS points FROM due GROUP BY member_id, account) d "
            + "WHERE balances.program_id = $program AND balances.member_id = d.member_id AND balances.account = d.account;"
            + "UPDATE members SET last_sequence = last_sequence + d.n FROM (SELECT member_id, COUNT(*) AS n FROM due GROUP BY member_id) d "
            + "WHERE members.program_id = $program AND members.member_id = d.member_id;"
            + $"DELETE FROM lots AS l WHERE {Due} AND l.reserved = 0;"
            + "DROP TABLE due;";
        var changed = command.ExecuteNonQuery();
        transaction.Commit();
        return changed;
    }

    [Benchmark(Description = "engine.RunMaintenanceAsync")]
    public async Task<long> Engine()
    {
        var report = await _engine.RunMaintenanceAsync(AsOf);
        return report.Members == Members ? report.PointsExpired : throw new InvalidOperationException($"The job expired the lots of {report.Members} members, expected {Members}.");
    }

    private static void Configure(LoyaltyOptions options) => options.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromMonths(12));

    /// <summary>
    /// Builds (once per size and build of the store, shared by the benchmark processes) a database with every lot due: the
    /// members are imported with an opening award and awarded nine more times, all at <see cref="BuiltAt"/>.
    /// </summary>
    private static string Template(int lots)
    {
        var build = typeof(SqliteStoreOptions).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12]
            + typeof(ILoyaltyEngine).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        var folder = Path.Combine(Path.GetTempPath(), "loyalty-bench");
        var path = Path.Combine(folder, $"expiry-template-{lots}-{build}.db");
        if (File.Exists(path))
        {
            return path;
        }

        // Templates of earlier builds are stale (and large): remove them.
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.EnumerateFiles(folder, $"expiry-template-{lots}-*"))
        {
            File.Delete(stale);
        }

        var building = $"{path}.{Environment.ProcessId}.tmp";
        var members = lots / LotsPerMember;
        var (engine, provider) = EngineFactory.Sqlite($"Data Source={building}", configure: Configure, clock: new FixedClock(BuiltAt));
        using (provider)
        {
            EngineSeed.Members(engine, members);
            EngineSeed.Awards(engine, members, LotsPerMember - 1, "expiry");
        }

        // One self-contained file: fold the WAL back in before it is copied.
        using (var connection = new SqliteConnection($"Data Source={building};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        File.Delete(building + "-wal");
        File.Delete(building + "-shm");
        File.Move(building, path, overwrite: true);
        return path;
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Loyalty.Configuration;
using Loyalty.Ledger;
using Loyalty.Tiers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Loyalty.Benchmarks.Sqlite;

/// <summary>
/// The snapshot feed streamed from SQLite: every member with tier, balance, points to the next tier and soonest expiry,
/// as JSON lines (<c>WriteSnapshotFeedAsync</c>) and as objects (<c>StreamSnapshotsAsync</c>), against the baseline of a
/// raw reader over members and balances writing JSON lines with <see cref="Utf8JsonWriter"/>. One operation is the
/// whole feed, so members/s = Members / Mean; at two sizes, so that flat memory shows as the same bytes allocated per
/// member (Allocated / Members) at both, and no Gen1/Gen2 collections.
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 2, iterationCount: 10)]
public class SnapshotFeedBenchmarks
{
    private TempDatabase _database = null!;
    private ILoyaltyEngine _engine = null!;
    private ServiceProvider _provider = null!;
    private SqliteConnection _connection = null!;

    [ParamsSource(nameof(Sizes))]
    public int Members { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.IsSmoke ? [1_000] : [10_000, 100_000];

    [GlobalSetup]
    public void Setup()
    {
        _database = new TempDatabase("snapshot");
        (_engine, _provider) = EngineFactory.Sqlite(_database.ConnectionString, configure: Configure);
        EngineSeed.Members(_engine, Members);
        EngineSeed.Awards(_engine, Members, awardsPerMember: 2, "snapshot");
        _connection = new SqliteConnection(_database.ConnectionString);
        _connection.Open();
        var written = Feed().GetAwaiter().GetResult();
        if (written != Members || Raw() != Members)
        {
            throw new InvalidOperationException($"The feed wrote {written} members, expected {Members}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _provider.Dispose();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw reader over members and balances, JSON lines")]
    public int Raw()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT m.member_id, m.status, m.tier, m.enrolled_at, b.earned, b.spent, b.reserved, b.expired, b.deducted FROM members m "
            + "LEFT JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id AND b.account = 'points' "
            + "WHERE m.program_id = $program ORDER BY m.member_id";
        command.Parameters.AddWithValue("$program", EngineFactory.ProgramId);
        using var reader = command.ExecuteReader();
        using var writer = new Utf8JsonWriter(Stream.Null);
        var count = 0;
        while (reader.Read())
        {
            writer.WriteStartObject();
            writer.WriteString("member_id", reader.GetString(0));
            writer.WriteNumber("status", reader.GetInt32(1));
            writer.WriteString("tier", reader.IsDBNull(2) ? null : reader.GetString(2));
            writer.WriteNumber("points_balance", reader.IsDBNull(4) ? 0 : reader.GetInt64(4) - reader.GetInt64(5) - reader.GetInt64(6) - reader.GetInt64(7) - reader.GetInt64(8));
            writer.WriteNumber("lifetime_points", reader.IsDBNull(4) ? 0 : reader.GetInt64(4));
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            count++;
        }

        return count;
    }

    [Benchmark(Description = "engine.WriteSnapshotFeedAsync (JSON lines)")]
    public Task<int> Feed() => _engine.WriteSnapshotFeedAsync(Stream.Null);

    [Benchmark(Description = "engine.StreamSnapshotsAsync (objects)")]
    public async Task<int> Objects()
    {
        var count = 0;
        await foreach (var snapshot in _engine.StreamSnapshotsAsync())
        {
            count += snapshot.IsMember ? 1 : 0;
        }

        return count;
    }

    private static void Configure(LoyaltyOptions options)
    {
        options.Ledger.Expiry = ExpiryPolicy.FixedLifetime(Period.FromMonths(12));
        foreach (var (name, threshold) in new[] { ("Bronze", 0L), ("Silver", 150L), ("Gold", 300L), ("Platinum", 1_000L) })
        {
            var tier = new TierDefinition(name, threshold);
            tier.Benefits.Add($"{name.ToLowerInvariant()}_perks");
            options.Tiers.Levels.Add(tier);
        }
    }
}

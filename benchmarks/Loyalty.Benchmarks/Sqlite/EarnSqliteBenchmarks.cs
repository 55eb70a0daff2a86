using BenchmarkDotNet.Attributes;
using Loyalty.Ledger;
using Loyalty.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Benchmarks.Sqlite;

/// <summary>
/// Idempotent awards on SQLite (WAL), a single writer: 1,000 awards per invocation over 100 members, one transaction per
/// award through the engine, against the hand-written transaction writing the same rows (<see cref="RawAwardWriter"/>,
/// the baseline), and the same 1,000 awards in one <c>AwardBatchAsync</c> call against the same hand-written statements
/// running all 1,000 awards in one transaction (the batch's floor). Reported per synchronous mode; Mean is per award, so
/// awards/s = 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 3, iterationCount: 15)]
public class EarnSqliteBenchmarks
{
    private const int Awards = 1_000;
    private const int MembersPerWriter = 100;

    private TempDatabase _database = null!;
    private ILoyaltyEngine _engine = null!;
    private ServiceProvider _provider = null!;
    private RawAwardWriter _raw = null!;
    private AwardPoints[] _requests = null!;
    private string[] _rawMembers = null!;
    private string[] _rawKeys = null!;
    private string[] _rawBatchKeys = null!;
    private int _iteration;

    [Params(SqliteSynchronousMode.Normal, SqliteSynchronousMode.Full)]
    public SqliteSynchronousMode Synchronous { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = new TempDatabase("earn");
        (_engine, _provider) = EngineFactory.Sqlite(_database.ConnectionString, Synchronous);

        // Members 0–99 are the engine's, 100–199 the raw writer's.
        EngineSeed.Members(_engine, 2 * MembersPerWriter);
        _raw = new RawAwardWriter(_database.ConnectionString, Synchronous);
        _rawMembers = Enumerable.Range(MembersPerWriter, MembersPerWriter).Select(i => EngineSeed.Member(i).Value).ToArray();
    }

    [IterationSetup]
    public void NewKeys()
    {
        var iteration = ++_iteration;
        _requests = new AwardPoints[Awards];
        _rawKeys = new string[Awards];
        _rawBatchKeys = new string[Awards];
        for (var i = 0; i < Awards; i++)
        {
            _requests[i] = new AwardPoints(EngineSeed.Member(i % MembersPerWriter), 10, IdempotencyKey.Parse($"earn-{iteration}-{i}"));
            _rawKeys[i] = $"raw-{iteration}-{i}";
            _rawBatchKeys[i] = $"raw-batch-{iteration}-{i}";
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _provider.Dispose();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Awards, Description = "raw prepared commands, one transaction per award")]
    public void Raw()
    {
        var now = DateTimeOffset.UtcNow.Ticks;
        for (var i = 0; i < Awards; i++)
        {
            _raw.Award(_rawMembers[i % MembersPerWriter], 10, _rawKeys[i], now);
        }
    }

    [Benchmark(OperationsPerInvoke = Awards, Description = "engine.AwardAsync, one transaction per award")]
    public async Task Award()
    {
        foreach (var request in _requests)
        {
            await _engine.AwardAsync(request);
        }
    }

    [Benchmark(OperationsPerInvoke = Awards, Description = "raw prepared commands, 1,000 awards in one transaction")]
    public void RawBatch() => _raw.AwardAll(_rawMembers, 10, _rawBatchKeys, DateTimeOffset.UtcNow.Ticks);

    [Benchmark(OperationsPerInvoke = Awards, Description = "engine.AwardBatchAsync, 1,000 awards in one call")]
    public async Task<int> Batch()
    {
        var result = await _engine.AwardBatchAsync(_requests);
        return result.Failed == 0 ? result.Items.Count : throw new InvalidOperationException($"{result.Failed} awards of the batch failed.");
    }
}

using BenchmarkDotNet.Attributes;
using Loyalty.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Loyalty.Benchmarks.PostgreSql;

/// <summary>
/// Concurrent idempotent awards on PostgreSQL (a durable server: each commit waits for its WAL flush): 16 workers share
/// one engine (one app instance) and award <see cref="Awards"/> times per invocation, one transaction per award, spread
/// over <see cref="Members"/> members, or all on one hot member, whose writes the member lock serializes. The baseline
/// is the same 16 workers running the hand-written transaction (<see cref="RawPostgreSqlAwardWriter"/>). Every exception
/// that reaches a worker counts as an error, and an invocation with any error fails the benchmark; after each iteration
/// the history is checked to hold exactly one entry per award of the iteration. Mean is the whole invocation, so
/// awards/s = Awards / Mean.
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 2, iterationCount: 10)]
public class ConcurrentEarnPostgreSqlBenchmarks
{
    private const int Workers = 16;
    private const long Points = 10;

    private PostgreSqlBenchServer? _server;
    private ServiceProvider? _provider;
    private ILoyaltyEngine _engine = null!;
    private RawPostgreSqlAwardWriter? _raw;
    private AwardPoints[] _requests = null!;
    private string[] _members = null!;
    private string[] _keys = null!;
    private int _iteration;
    private int _errors;
    private Exception? _firstError;

    // The initial values are for the profile loop, which sets only the parameters it is given.
    [ParamsSource(nameof(MemberCounts))]
    public int Members { get; set; } = 10_000;

    [ParamsSource(nameof(AwardCounts))]
    public int Awards { get; set; } = 3_200;

    public static IEnumerable<int> MemberCounts => [BenchSizes.Pick(10_000, 200), 1];

    public static IEnumerable<int> AwardCounts => [BenchSizes.Pick(3_200, 160)];

    [GlobalSetup]
    public void Setup()
    {
        (_server, _engine, _provider) = PostgreSqlBenchServer.StartSeeded(Members);
        _raw = new RawPostgreSqlAwardWriter(_server.RawConnectionString);
    }

    [IterationSetup]
    public void NewKeys()
    {
        var iteration = ++_iteration;
        _requests = new AwardPoints[Awards];
        _members = new string[Awards];
        _keys = new string[Awards];
        for (var i = 0; i < Awards; i++)
        {
            // Successive iterations move on through the members.
            var member = EngineSeed.Member((int)(((long)iteration * Awards + i) % Members));
            _keys[i] = $"earn-{iteration}-{i}";
            _members[i] = member.Value;
            _requests[i] = new AwardPoints(member, Points, IdempotencyKey.Parse(_keys[i]));
        }
    }

    /// <summary>Each award of the iteration wrote exactly one history entry (none lost, none doubled), whoever wrote it.</summary>
    [IterationCleanup]
    public void CheckLedger()
    {
        using var connection = new NpgsqlConnection(_server!.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*), coalesce(sum(points), 0)::bigint FROM loyalty.history WHERE idempotency_key LIKE $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"earn-{_iteration}-%" });
        using var reader = command.ExecuteReader();
        reader.Read();
        if (reader.GetInt64(0) != Awards || reader.GetInt64(1) != Awards * Points)
        {
            throw new InvalidOperationException($"Iteration {_iteration} wrote {reader.GetInt64(0)} entries of {reader.GetInt64(1)} points for {Awards} awards of {Points}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw?.Dispose();
        _provider?.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw Npgsql transaction per award, 16 workers")]
    public Task RawAsync() => RunWorkersAsync(async i => await _raw!.AwardAsync(_members[i], Points, _keys[i]));

    [Benchmark(Description = "engine.AwardAsync, 16 workers")]
    public Task EngineAsync() => RunWorkersAsync(async i => await _engine.AwardAsync(_requests[i]));

    /// <summary>Runs the awards on 16 workers (worker w takes awards w, w + 16, …) and fails if any award threw.</summary>
    private async Task RunWorkersAsync(Func<int, Task> award)
    {
        _errors = 0;
        _firstError = null;
        var workers = new Task[Workers];
        for (var w = 0; w < Workers; w++)
        {
            var first = w;
            workers[w] = Task.Run(async () =>
            {
                for (var i = first; i < Awards; i += Workers)
                {
                    try
                    {
                        await award(i);
                    }
                    catch (Exception ex)
                    {
                        Interlocked.CompareExchange(ref _firstError, ex, null);
                        Interlocked.Increment(ref _errors);
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        if (_errors > 0)
        {
            throw new InvalidOperationException($"{_errors} of {Awards} awards on {Members} member(s) failed; the first: {_firstError!.Message}", _firstError);
        }
    }
}

using BenchmarkDotNet.Attributes;
using Loyalty.Ledger;
using Loyalty.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Benchmarks;

/// <summary>
/// Idempotent awards on the in-memory store (lock, idempotency check, entry, lot, history, outbox): 1,000 awards per
/// invocation over 100 members of a fresh store, one by one and in one batch call, against the same awards written by
/// hand into dictionaries and lists (<see cref="HandWrittenAwards"/>, the baseline: the floor of keeping these records in
/// managed memory), and the replay of awards already written (the idempotency fast path: lock, lookup, stored result).
/// </summary>
/// <remarks>
/// The fresh engines (and stores) of the iterations are built before any is measured. Building one per iteration, as the
/// first version of this suite did, keeps the runtime compiling new code between iterations (each service provider emits
/// its own resolvers), and that postpones tiered compilation's promotion of the engine's code: most measured iterations
/// then ran unoptimized (tier-0) code, at several times the steady-state cost. Three launches: on a shared VM whole
/// processes of this suite ran fast or slow (1.4 against 2.2 µs per award for one build), and one launch reported either.
/// </remarks>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 150, iterationCount: 30, launchCount: 3)]
public class EarnInMemoryBenchmarks
{
    private const int Awards = 1_000;
    private const int Members = 100;

    // More than the iterations of a run (one jitting iteration, the warmups and the measured ones); more are built on
    // demand, should a run ever need them.
    private const int EnginesAhead = 200;

    private readonly Queue<(ILoyaltyEngine Engine, ServiceProvider Provider)> _ahead = new();
    private ILoyaltyEngine _engine = null!;
    private ServiceProvider? _provider;
    private AwardPoints[] _requests = null!;
    private AwardPoints[] _replays = null!;
    private HandWrittenAwards _handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < EnginesAhead; i++)
        {
            _ahead.Enqueue(EngineFactory.InMemory());
        }
    }

    [IterationSetup]
    public void NewStore()
    {
        _provider?.Dispose();
        (_engine, _provider) = _ahead.TryDequeue(out var next) ? next : EngineFactory.InMemory();
        var members = Enumerable.Range(0, Members).Select(i => MemberId.Parse($"m{i}")).ToArray();
        foreach (var id in members)
        {
            _engine.EnrollAsync(new NewMember { Id = id }).GetAwaiter().GetResult();
        }

        _requests = Enumerable.Range(0, Awards).Select(i => new AwardPoints(members[i % Members], 10, IdempotencyKey.Parse($"earn-{i}"))).ToArray();
        _replays = _requests.Take(Awards / 2).Select(r => r with { IdempotencyKey = IdempotencyKey.Parse($"replayed-{r.IdempotencyKey}") }).ToArray();
        _handWritten = new HandWrittenAwards(members);
        foreach (var request in _replays)
        {
            _engine.AwardAsync(request).GetAwaiter().GetResult();
            _handWritten.Award(request.MemberId, request.Points, request.IdempotencyKey);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        while (_ahead.TryDequeue(out var unused))
        {
            unused.Provider.Dispose();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Awards, Description = "hand-written award (dictionaries and lists under a lock)")]
    public LedgerResult? HandWritten()
    {
        LedgerResult? last = null;
        foreach (var request in _requests)
        {
            last = _handWritten.Award(request.MemberId, request.Points, request.IdempotencyKey);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Awards / 2, Description = "replay of a written award")]
    public async Task Replay()
    {
        foreach (var request in _replays)
        {
            await _engine.AwardAsync(request);
        }
    }

    [Benchmark(OperationsPerInvoke = Awards, Description = "award, one call each (in-memory)")]
    public async Task Award()
    {
        foreach (var request in _requests)
        {
            await _engine.AwardAsync(request);
        }
    }

    [Benchmark(OperationsPerInvoke = Awards, Description = "award, one batch of 1,000 (in-memory)")]
    public Task<BatchResult> Batch() => _engine.AwardBatchAsync(_requests);
}

using BenchmarkDotNet.Attributes;
using Loyalty.Ledger;
using Loyalty.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Benchmarks;

/// <summary>
/// Idempotent awards on the in-memory store (lock, idempotency check, entry, lot, history, outbox): 1,000 awards per
/// invocation over 100 members of a fresh store, one by one, in one batch call, and the replay of awards already written
/// (the baseline: the idempotency fast path, lock and lookup only).
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 30, iterationCount: 20)]
public class EarnInMemoryBenchmarks
{
    private const int Awards = 1_000;
    private ILoyaltyEngine _engine = null!;
    private ServiceProvider _provider = null!;
    private AwardPoints[] _requests = null!;

    [IterationSetup]
    public void Setup()
    {
        _provider?.Dispose();
        (_engine, _provider) = EngineFactory.InMemory();
        var members = Enumerable.Range(0, 100).Select(i => MemberId.Parse($"m{i}")).ToArray();
        foreach (var id in members)
        {
            _engine.EnrollAsync(new NewMember { Id = id }).GetAwaiter().GetResult();
        }

        _requests = Enumerable.Range(0, Awards).Select(i => new AwardPoints(members[i % members.Length], 10, IdempotencyKey.Parse($"earn-{i}"))).ToArray();
        foreach (var request in _requests.Take(Awards / 2))
        {
            _engine.AwardAsync(request with { IdempotencyKey = IdempotencyKey.Parse($"replayed-{request.IdempotencyKey}") }).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Awards / 2, Description = "replay of a written award")]
    public async Task Replay()
    {
        foreach (var request in _requests.AsSpan(0, Awards / 2).ToArray())
        {
            await _engine.AwardAsync(request with { IdempotencyKey = IdempotencyKey.Parse($"replayed-{request.IdempotencyKey}") });
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

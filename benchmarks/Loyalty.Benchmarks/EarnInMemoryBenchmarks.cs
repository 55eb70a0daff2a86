using BenchmarkDotNet.Attributes;
using Loyalty.Ledger;
using Loyalty.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Benchmarks;

/// <summary>
/// An idempotent award on the in-memory store (lock, idempotency check, entry, lot, history, outbox), against a replay of
/// an award already written (the idempotency fast path: lock and lookup only).
/// </summary>
[MemoryDiagnoser]
public class EarnInMemoryBenchmarks
{
    private ILoyaltyEngine _engine = null!;
    private ServiceProvider _provider = null!;
    private MemberId[] _members = null!;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        (_engine, _provider) = EngineFactory.InMemory();
        _members = Enumerable.Range(0, 1_000).Select(i => MemberId.Parse($"m{i}")).ToArray();
        foreach (var id in _members)
        {
            _engine.EnrollAsync(new NewMember { Id = id }).GetAwaiter().GetResult();
        }

        _engine.AwardAsync(new AwardPoints(_members[0], 10, "replayed")).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "replay of a written award")]
    public Task<LedgerResult> Replay() => _engine.AwardAsync(new AwardPoints(_members[0], 10, "replayed"));

    [Benchmark(Description = "award (in-memory)")]
    public Task<LedgerResult> Award()
    {
        var n = Interlocked.Increment(ref _counter);
        return _engine.AwardAsync(new AwardPoints(_members[n % _members.Length], 10, IdempotencyKey.Parse($"earn-{n}")));
    }
}

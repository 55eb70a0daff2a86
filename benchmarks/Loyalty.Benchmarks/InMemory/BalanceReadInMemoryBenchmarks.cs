using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Loyalty.Ledger;
using Loyalty.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Benchmarks;

/// <summary>The hot read on the in-memory store, against a bare dictionary lookup of the same struct.</summary>
[MemoryDiagnoser]
public class BalanceReadInMemoryBenchmarks
{
    private readonly ConcurrentDictionary<MemberId, PointsBalance> _dictionary = new();
    private ILoyaltyEngine _engine = null!;
    private ServiceProvider _provider = null!;
    private MemberId _member;

    [GlobalSetup]
    public void Setup()
    {
        (_engine, _provider) = EngineFactory.InMemory();
        for (var i = 0; i < 10_000; i++)
        {
            var id = MemberId.Parse($"member-{i:D6}");
            _engine.EnrollAsync(new NewMember { Id = id }).GetAwaiter().GetResult();
            _engine.AwardAsync(new AwardPoints(id, 100 + i, $"earn-{i}")).GetAwaiter().GetResult();
            _dictionary[id] = _engine.GetBalanceAsync(id).AsTask().GetAwaiter().GetResult();
        }

        _member = MemberId.Parse("member-004242");
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary lookup")]
    public long Dictionary() => _dictionary.TryGetValue(_member, out var balance) ? balance.Spendable : -1;

    [Benchmark(Description = "engine.GetBalanceAsync (in-memory)")]
    public long Engine()
    {
        var read = _engine.GetBalanceAsync(_member);
        return read.IsCompletedSuccessfully ? read.Result.Spendable : read.AsTask().GetAwaiter().GetResult().Spendable;
    }
}

using BenchmarkDotNet.Attributes;
using Loyalty.Tiers;

namespace Loyalty.Benchmarks;

/// <summary>Tier evaluation (the hot path of every write and snapshot) against the obvious LINQ implementation.</summary>
[MemoryDiagnoser]
public class TierEvaluationBenchmarks
{
    private TierTable _table = null!;
    private List<TierDefinition> _definitions = null!;
    private long[] _metrics = null!;
    private int _next;

    [Params(4, 12)]
    public int Tiers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _definitions = Enumerable.Range(0, Tiers).Select(i => new TierDefinition($"Tier{i}", i * 1_000L)).ToList();
        _table = new TierTable(_definitions);
        var random = new Random(7);
        _metrics = Enumerable.Range(0, 1024).Select(_ => (long)random.Next(0, Tiers * 1_100)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "LINQ: Last(threshold <= metric)")]
    public string Linq()
    {
        var metric = _metrics[_next = (_next + 1) & 1023];
        return _definitions.Last(d => d.Threshold <= metric).Name;
    }

    [Benchmark(Description = "TierTable.Evaluate")]
    public string TierTable()
    {
        var metric = _metrics[_next = (_next + 1) & 1023];
        return _table.Evaluate(metric).Name;
    }
}

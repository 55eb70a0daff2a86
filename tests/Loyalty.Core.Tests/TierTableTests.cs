using Loyalty.Tiers;

namespace Loyalty.Core.Tests;

public sealed class TierTableTests
{
    private static TierTable Table(int count) =>
        new(Enumerable.Range(0, count).Select(i => new TierDefinition($"T{i}", i * 1_000L)));

    [Theory]
    [InlineData(0, "T0")]
    [InlineData(999, "T0")]
    [InlineData(1_000, "T1")]
    [InlineData(1_001, "T1")]
    [InlineData(3_999, "T3")]
    [InlineData(11_000, "T11")]
    [InlineData(long.MaxValue, "T11")]
    [InlineData(-5, "T0")]
    public void Evaluate_FindsTheHighestTierAtOrBelowTheMetric(long metric, string expected) =>
        Assert.Equal(expected, Table(12).Evaluate(metric).Name);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(33)]
    public void Evaluate_AtEveryThresholdAndBetween_MatchesTheLastTierAtOrBelowTheMetric(int count)
    {
        var thresholds = Enumerable.Range(0, count).Select(i => i == 0 ? 0L : (i * 1_000L) + (i * i * 37L)).ToArray();
        var table = new TierTable(thresholds.Select((t, i) => new TierDefinition($"T{i}", t)));
        foreach (var metric in thresholds.SelectMany(t => new[] { t - 1, t, t + 1 }).Append(long.MinValue).Append(long.MaxValue))
        {
            var expected = thresholds.Select((t, i) => (t, i)).Where(p => p.t <= metric).Select(p => p.i).DefaultIfEmpty(0).Last();
            Assert.Equal($"T{expected}", table.Evaluate(metric).Name);
        }
    }

    [Fact]
    public void Evaluate_DoesNotAllocate()
    {
        var table = Table(12);
        table.Evaluate(5_500);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0;
        for (var metric = 0L; metric < 20_000; metric += 7)
        {
            sum += table.Evaluate(metric).Rank;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    [Fact]
    public void LevelsAndBenefits_CannotBeChangedThroughTheReadOnlyLists()
    {
        var gold = new TierDefinition("Gold", 1_000);
        gold.Benefits.Add("lounge");
        var table = new TierTable([new TierDefinition("Base", 0), gold]);

        Assert.Throws<NotSupportedException>(() => ((IList<TierLevel>)table.Levels)[0] = table.Levels[1]);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)table.Levels[1].Benefits)[0] = "changed");
        gold.Benefits.Add("added later");

        Assert.Equal(["Base", "Gold"], table.Levels.Select(l => l.Name));
        Assert.Equal(["lounge"], table.Find("Gold")!.Benefits);
    }

    [Fact]
    public void NextPreviousAndRetention_WalkTheTable()
    {
        var definitions = new[]
        {
            new TierDefinition("Bronze", 0),
            new TierDefinition("Silver", 1_000) { RetentionThreshold = 800 },
            new TierDefinition("Gold", 5_000) { RetentionThreshold = 4_000 },
        };
        var table = new TierTable(definitions.Reverse());

        Assert.Equal(["Bronze", "Silver", "Gold"], table.Levels.Select(l => l.Name));
        Assert.Equal("Silver", table.Next(table.Base)?.Name);
        Assert.Null(table.Next(table.Find("Gold")!));
        Assert.Equal("Bronze", table.Previous(table.Base).Name);
        Assert.Equal("Silver", table.EvaluateRetention(900).Name);
        Assert.Equal("Gold", table.EvaluateRetention(4_000).Name);
        Assert.Equal("Bronze", table.EvaluateRetention(799).Name);
        Assert.Null(table.Find("gold"));
    }
}

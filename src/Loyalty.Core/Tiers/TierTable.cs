namespace Loyalty.Tiers;

/// <summary>
/// A program's tiers, pre-sorted and immutable. <see cref="Evaluate"/> is the hot path: a branch-free binary search
/// over a threshold array that allocates nothing.
/// </summary>
public sealed class TierTable
{
    private readonly long[] _thresholds;
    private readonly TierLevel[] _levels;
    private readonly IReadOnlyList<TierLevel> _readOnlyLevels;

    /// <summary>Builds a table from definitions (validated by the options validator: call <see cref="Validate"/> first).</summary>
    /// <param name="definitions">The tiers, in any order.</param>
    public TierTable(IEnumerable<TierDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var sorted = definitions.OrderBy(d => d.Threshold).ToArray();
        _levels = sorted.Select((d, i) => new TierLevel(i, d)).ToArray();
        _thresholds = _levels.Select(l => l.Threshold).ToArray();
        _readOnlyLevels = Array.AsReadOnly(_levels);
    }

    /// <summary>Gets the tiers, lowest first (read-only: the table is shared by every reader).</summary>
    public IReadOnlyList<TierLevel> Levels => _readOnlyLevels;

    /// <summary>Gets a value indicating whether the table has no tiers.</summary>
    public bool IsEmpty => _levels.Length == 0;

    /// <summary>Gets the base tier (threshold 0).</summary>
    public TierLevel Base => _levels[0];

    /// <summary>Finds the highest tier whose threshold is at most <paramref name="metric"/>. Allocation-free.</summary>
    /// <param name="metric">The member's qualification metric.</param>
    /// <returns>The tier.</returns>
    public TierLevel Evaluate(long metric)
    {
        // A branch-free binary search for the last threshold at or below the metric (the base tier when none is): each
        // step is a conditional move, so random metrics cost no mispredicted branches.
        var thresholds = _thresholds;
        var low = 0;
        var count = thresholds.Length;
        while (count > 1)
        {
            var half = count >> 1;
            low = thresholds[low + half] <= metric ? low + half : low;
            count -= half;
        }

        return _levels[low];
    }

    /// <summary>Finds the highest tier whose retention threshold is at most <paramref name="metric"/>.</summary>
    /// <param name="metric">The member's qualification metric.</param>
    /// <returns>The tier.</returns>
    public TierLevel EvaluateRetention(long metric)
    {
        for (var i = _levels.Length - 1; i > 0; i--)
        {
            if (_levels[i].RetentionThreshold <= metric)
            {
                return _levels[i];
            }
        }

        return _levels[0];
    }

    /// <summary>Finds a tier by name (ordinal).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The tier, or <see langword="null"/>.</returns>
    public TierLevel? Find(string? name)
    {
        foreach (var level in _levels)
        {
            if (string.Equals(level.Name, name, StringComparison.Ordinal))
            {
                return level;
            }
        }

        return null;
    }

    /// <summary>Gets the tier above, or <see langword="null"/> at the top.</summary>
    /// <param name="level">A tier of this table.</param>
    /// <returns>The next tier.</returns>
    public TierLevel? Next(TierLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return level.Rank + 1 < _levels.Length ? _levels[level.Rank + 1] : null;
    }

    /// <summary>Gets the tier below, or the base tier itself.</summary>
    /// <param name="level">A tier of this table.</param>
    /// <returns>The previous tier.</returns>
    public TierLevel Previous(TierLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return _levels[Math.Max(level.Rank - 1, 0)];
    }

    /// <summary>Lists the problems of a set of tier definitions (empty when valid).</summary>
    /// <param name="definitions">The definitions, lowest first.</param>
    /// <returns>The problems, each naming the tier and the rule.</returns>
    public static IReadOnlyList<string> Validate(IList<TierDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = new List<string>();
        if (definitions.Count == 0)
        {
            return problems;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var tier = definitions[i];
            if (tier is null)
            {
                problems.Add($"Tiers.Levels[{i}] is null.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(tier.Name) || tier.Name.Length > 64)
            {
                problems.Add($"Tiers.Levels[{i}] needs a name of 1 to 64 characters.");
            }
            else if (!names.Add(tier.Name))
            {
                problems.Add($"Tiers.Levels[{i}] '{tier.Name}': the name is used by another tier; names must be unique.");
            }

            if (i == 0 && tier.Threshold != 0)
            {
                problems.Add($"Tiers.Levels[0] '{tier.Name}' is the base tier and must have threshold 0 (was {tier.Threshold}).");
            }

            if (i > 0 && definitions[i - 1] is { } previous && tier.Threshold <= previous.Threshold)
            {
                problems.Add($"Tiers.Levels[{i}] '{tier.Name}' threshold {tier.Threshold} must be greater than the threshold of '{previous.Name}' ({previous.Threshold}): thresholds must strictly increase.");
            }

            if (tier.RetentionThreshold is { } retention && (retention < 0 || retention > tier.Threshold))
            {
                problems.Add($"Tiers.Levels[{i}] '{tier.Name}' retention threshold {retention} must be between 0 and its threshold ({tier.Threshold}).");
            }

            if (tier.EarnMultiplier is <= 0 or > 100)
            {
                problems.Add($"Tiers.Levels[{i}] '{tier.Name}' earn multiplier must be greater than 0 and at most 100 (was {tier.EarnMultiplier}).");
            }

            if (tier.Benefits.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"Tiers.Levels[{i}] '{tier.Name}' has an empty benefit.");
            }
        }

        return problems;
    }
}

namespace Loyalty.Tiers;

/// <summary>An immutable tier of a <see cref="TierTable"/>.</summary>
public sealed class TierLevel
{
    internal TierLevel(int rank, TierDefinition definition)
    {
        Rank = rank;
        Name = definition.Name;
        Threshold = definition.Threshold;
        RetentionThreshold = definition.RetentionThreshold ?? definition.Threshold;
        Benefits = Array.AsReadOnly(definition.Benefits.ToArray());
        EarnMultiplier = definition.EarnMultiplier;
    }

    /// <summary>Gets the position in the table, 0 for the base tier.</summary>
    public int Rank { get; }

    /// <summary>Gets the tier name.</summary>
    public string Name { get; }

    /// <summary>Gets the metric value that qualifies for the tier.</summary>
    public long Threshold { get; }

    /// <summary>Gets the metric value needed at review to keep the tier.</summary>
    public long RetentionThreshold { get; }

    /// <summary>Gets the benefits (read-only: snapshots and tier views hand this list out).</summary>
    public IReadOnlyList<string> Benefits { get; }

    /// <summary>Gets the earn multiplier.</summary>
    public decimal EarnMultiplier { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

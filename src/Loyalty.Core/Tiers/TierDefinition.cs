namespace Loyalty.Tiers;

/// <summary>One tier of a program's tier table, as configured in <c>LoyaltyOptions.Tiers.Levels</c>.</summary>
public sealed class TierDefinition
{
    /// <summary>Creates a tier.</summary>
    /// <param name="name">The tier name, unique in the table (for example <c>Gold</c>).</param>
    /// <param name="threshold">The metric value that qualifies for the tier; the base tier's is 0.</param>
    public TierDefinition(string name, long threshold)
    {
        Name = name;
        Threshold = threshold;
    }

    /// <summary>Gets or sets the tier name.</summary>
    public string Name { get; set; }

    /// <summary>Gets or sets the metric value that qualifies for the tier.</summary>
    public long Threshold { get; set; }

    /// <summary>
    /// Gets or sets the metric value a member must hold at the tier's review date to keep it.
    /// <value>The default value is <see langword="null"/>: the same as <see cref="Threshold"/>.</value>
    /// </summary>
    public long? RetentionThreshold { get; set; }

    /// <summary>Gets the tier's benefits (for example <c>free_delivery</c>).</summary>
    public IList<string> Benefits { get; } = new List<string>();

    /// <summary>
    /// Gets or sets the multiplier applied to awards in the default <c>points</c> account while the member holds the
    /// tier. Multiplied awards are rounded down to whole points.
    /// <value>The default value is 1.</value>
    /// </summary>
    public decimal EarnMultiplier { get; set; } = 1m;
}

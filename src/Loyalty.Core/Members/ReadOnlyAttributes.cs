namespace Loyalty.Members;

/// <summary>
/// Names of attributes the engine computes or owns. Profile updates that try to write them are rejected with
/// <see cref="ErrorCode.ReadOnlyAttribute"/>, and programs cannot declare custom attributes with these names.
/// </summary>
public static class ReadOnlyAttributes
{
    /// <summary>Gets the reserved names.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "points", "balance", "spendable", "lifetime_points", "tier", "tier_since", "pinned_tier", "status",
        "segment", "rfm_segment", "insight_segment", "engagement_stage", "member_since", "enrolled_at",
        "last_activity_at", "id", "member_id", "created_at", "updated_at",
    };

    /// <summary>Tells whether a name is read-only.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns><see langword="true"/> for engine-owned names.</returns>
    public static bool Contains(string name) => Names.Contains(name);
}

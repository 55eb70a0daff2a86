namespace Loyalty.Tiers;

/// <summary>How far a tier review moves a member who no longer meets the retention threshold.</summary>
public enum DowngradeMode
{
    /// <summary>One tier down per review.</summary>
    OneTier = 0,

    /// <summary>Straight to the highest tier whose retention threshold the member meets.</summary>
    ToQualifyingTier = 1,
}

using NodaTime;

namespace Loyalty.Tiers;

/// <summary>One tier change of a member.</summary>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="From">The previous tier (<see langword="null"/> for the first assignment).</param>
/// <param name="To">The new tier.</param>
/// <param name="Reason">Why: <c>enrolled</c>, <c>upgrade</c>, <c>review</c>, <c>pinned</c>.</param>
public sealed record TierChange(Instant OccurredAt, string? From, string? To, string? Reason);

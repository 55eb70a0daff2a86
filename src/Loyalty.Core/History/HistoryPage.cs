namespace Loyalty.History;

/// <summary>One page of a member's history, oldest first.</summary>
/// <param name="Entries">The entries of this page.</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> on the last page.</param>
public sealed record HistoryPage(IReadOnlyList<ActivityEntry> Entries, string? NextCursor);

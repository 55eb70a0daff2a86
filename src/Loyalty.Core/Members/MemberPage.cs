namespace Loyalty.Members;

/// <summary>One page of members.</summary>
/// <param name="Members">The members of this page, in identifier order.</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> on the last page.</param>
public sealed record MemberPage(IReadOnlyList<Member> Members, string? NextCursor);

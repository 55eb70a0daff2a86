namespace Loyalty.Members;

/// <summary>One row of a bulk member import: the member to enroll and their opening points, written together or not at all.</summary>
/// <param name="Member">The member; <see cref="NewMember.Id"/> is required, so that a rerun recognizes imported rows.</param>
/// <param name="OpeningPoints">Points to award on enrollment (0 for none).</param>
public sealed record MemberImport(NewMember Member, long OpeningPoints = 0)
{
    /// <summary>Gets the reason recorded on the opening award.</summary>
    public string? Reason { get; init; } = "opening balance";
}

using Loyalty.Members;

namespace Loyalty.Cli.Demo;

/// <summary>One simulated person: their profile, how often they visit, and their status as the simulation knows it.</summary>
/// <param name="Profile">The profile they enroll with.</param>
/// <param name="VisitsPerDay">The chance of a purchase on a given day.</param>
/// <param name="Status">Their current status.</param>
internal sealed record Shopper(NewMember Profile, double VisitsPerDay, MemberStatus Status)
{
    /// <summary>Gets the member identifier.</summary>
    public MemberId Id => Profile.Id!.Value;

    /// <summary>Gets a value indicating whether they may still earn points.</summary>
    public bool CanEarn => Status is not (MemberStatus.Banned or MemberStatus.OptedOut);
}

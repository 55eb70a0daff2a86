using Loyalty.Members;

namespace Loyalty.Ledger;

/// <summary>
/// What each status may do (DESIGN §4): Inactive and Pending earn as held points; Active does everything; Suspended
/// earns but cannot spend; Banned and OptedOut neither earn nor spend. Operator corrections work on every member but an
/// opted-out (closed) one.
/// </summary>
internal static class LedgerPermissions
{
    public static bool Allows(MemberStatus status, LedgerAction action) => action switch
    {
        LedgerAction.Earn => status is MemberStatus.Inactive or MemberStatus.Pending or MemberStatus.Active or MemberStatus.Suspended,
        LedgerAction.Approve => status is MemberStatus.Active or MemberStatus.Suspended,
        LedgerAction.Spend => status is MemberStatus.Active,
        _ => status is not MemberStatus.OptedOut,
    };

    public static string Describe(LedgerAction action) => action switch
    {
        LedgerAction.Earn => "earn points",
        LedgerAction.Approve => "have pending points approved",
        LedgerAction.Spend => "spend or reserve points",
        _ => "have points deducted or reversed",
    };
}

using Microsoft.Extensions.Logging;

namespace Loyalty.Diagnostics;

/// <summary>Source-generated log messages with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Retrying {Operation} of member {MemberId} after attempt {Attempt}: {Reason}")]
    public static partial void RetryingWrite(ILogger logger, string operation, string memberId, int attempt, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Member {MemberId} moved from {From} to {To}")]
    public static partial void StatusChanged(ILogger logger, string memberId, Loyalty.Members.MemberStatus from, Loyalty.Members.MemberStatus to);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Maintenance of program {ProgramId} as of {AsOf}: {Members} members, {Expired} points expired, {Approved} pending approved, {Released} reservations released, {TierChanges} tier changes")]
    public static partial void MaintenanceCompleted(ILogger logger, string programId, NodaTime.Instant asOf, int members, long expired, int approved, int released, int tierChanges);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Maintenance run of program {ProgramId} failed")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception, string programId);
}

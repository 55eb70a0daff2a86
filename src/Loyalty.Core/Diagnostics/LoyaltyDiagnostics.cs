using System.Diagnostics;
using System.Diagnostics.Metrics;
using NodaTime;

namespace Loyalty.Diagnostics;

/// <summary>
/// The library's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>Loyalty</c>. Hosts subscribe with
/// their own OpenTelemetry setup; the library depends on no telemetry package.
/// </summary>
public static class LoyaltyDiagnostics
{
    /// <summary>The name of the activity source, the meter and the logger category prefix.</summary>
    public const string Name = "Loyalty";

    private static readonly string? Version = typeof(LoyaltyDiagnostics).Assembly.GetName().Version?.ToString();

    /// <summary>Gets the activity source for engine operations.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Gets the meter for engine metrics.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    private static readonly Counter<long> PointsEarned = Meter.CreateCounter<long>("loyalty.points.earned", "{point}", "Points approved into members' accounts.");
    private static readonly Counter<long> PointsSpent = Meter.CreateCounter<long>("loyalty.points.spent", "{point}", "Points spent, committed or deducted.");
    private static readonly Counter<long> PointsExpired = Meter.CreateCounter<long>("loyalty.points.expired", "{point}", "Points expired by the maintenance job.");
    private static readonly Counter<long> TierChanges = Meter.CreateCounter<long>("loyalty.tier.changes", "{change}", "Tier upgrades and downgrades.");
    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>("loyalty.operation.duration", "s", "Duration of engine write operations.");

    internal static Activity? StartOperation(string operation, ProgramId programId, MemberId memberId)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ActivitySource.StartActivity($"loyalty.{operation}");
        activity?.SetTag("loyalty.program_id", programId.Value);
        activity?.SetTag("loyalty.member_id", memberId.Value);
        return activity;
    }

    /// <summary>Gets a value indicating whether anyone listens to operation durations (so that the clock is read for them only then).</summary>
    internal static bool IsDurationRecorded => OperationDuration.Enabled;

    internal static void RecordDuration(string operation, Duration elapsed)
    {
        if (OperationDuration.Enabled)
        {
            OperationDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("loyalty.operation", operation));
        }
    }

    internal static void Earned(long points) => PointsEarned.Add(points);

    internal static void Spent(long points) => PointsSpent.Add(points);

    internal static void Expired(long points) => PointsExpired.Add(points);

    internal static void TierChanged() => TierChanges.Add(1);
}

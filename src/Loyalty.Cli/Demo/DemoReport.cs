using Loyalty.Cli.Hosting;
using Loyalty.Cli.Output;
using Loyalty.Members;
using Loyalty.Snapshots;
using Spectre.Console;

namespace Loyalty.Cli.Demo;

/// <summary>Prints the demo's outcome, read back through the engine: sample members, what happened, and program totals.</summary>
internal static class DemoReport
{
    private const int ActivePerTier = 2;

    public static async Task WriteAsync(IAnsiConsole console, EngineSession session, DemoSettings settings, DemoStatistics statistics, CancellationToken cancellationToken)
    {
        var engine = session.Engine;
        var totals = await ProgramTotals.ReadAsync(engine, cancellationToken).ConfigureAwait(false);
        var start = DemoSettings.Start.InZone(CliProgram.Zone).Date;
        var end = settings.End.InZone(CliProgram.Zone).Date;

        console.MarkupLine($"[bold]Loyalty.Core demo[/]: program '{Markup.Escape(engine.ProgramId.Value)}' in {Markup.Escape(session.Store.Description)}, seed {settings.Seed}");
        console.MarkupLine($"Simulated {settings.Months} month{(settings.Months == 1 ? string.Empty : "s")} on a fake clock, {Formats.Date(start)} to {Formats.Date(end)} ({CliProgram.Zone.Id}).");
        console.MarkupLine($"Tiers on lifetime points: {string.Join(", ", engine.TierTable.Levels.Select(l => $"{Markup.Escape(l.Name)} {Formats.Points(l.Threshold)}"))}.");
        console.MarkupLine($"Points expire after {CliProgram.PointsLifetime.Months} months; held purchases are approved after {CliProgram.PendingPeriod.Days} days.");
        console.WriteLine();

        console.Write(await SampleTableAsync(engine, totals, cancellationToken).ConfigureAwait(false));
        console.Write(new Columns(ActivityTable(statistics), MembersTable(totals), PointsTable(totals)).Collapse());
        console.MarkupLine($"Look closer: [bold]loyalty members show {DemoPopulation.IdOf(0)}[/], or open {Markup.Escape(session.Store.Description)} with sqlite3.");
    }

    private static async Task<Table> SampleTableAsync(ILoyaltyEngine engine, ProgramTotals totals, CancellationToken cancellationToken)
    {
        var table = Tables.Create("Member", "Status", "Tier", "Points", "To next\ntier", "Expiring next").Title("Sample members");
        table.Columns[3].RightAligned();
        table.Columns[4].RightAligned();
        foreach (var member in PickSamples(totals.All))
        {
            var snapshot = await engine.GetSnapshotAsync(member.Id, cancellationToken).ConfigureAwait(false);
            table.AddRow(member.Id.Value, member.Status.ToString(), Formats.Text(snapshot.Tier), Formats.Points(snapshot.PointsBalance), ToNextTier(snapshot), Expiring(snapshot));
        }

        return table;
    }

    /// <summary>The first active members of each tier, and the first member of each other status (but opted-out ones: they are gone), in identifier order.</summary>
    private static IEnumerable<Member> PickSamples(IReadOnlyList<Member> members)
    {
        var active = members.Where(m => m.Status == MemberStatus.Active).GroupBy(m => m.Tier).SelectMany(tier => tier.Take(ActivePerTier));
        var others = members.Where(m => m.Status is not (MemberStatus.Active or MemberStatus.OptedOut)).GroupBy(m => m.Status).Select(status => status.First());
        return active.Concat(others).OrderBy(m => m.Id);
    }

    private static string ToNextTier(LoyaltySnapshot snapshot) =>
        snapshot.PointsToNextTier is { } points ? Formats.Points(points) : "-";

    private static string Expiring(LoyaltySnapshot snapshot) =>
        snapshot.PointsExpirationDate is { } date ? $"{Formats.Points(snapshot.PointsExpiring)} on {Formats.Date(date)}" : "-";

    private static Table ActivityTable(DemoStatistics stats)
    {
        var table = Tables.KeyValue("Activity", "Count");
        table.AddRow("Purchases", Formats.Count(stats.Purchases));
        table.AddRow("  held 14 days", Formats.Count(stats.HeldPurchases));
        table.AddRow("Free coffees", Formats.Count(stats.Rewards));
        table.AddRow("Checkouts on points", Formats.Count(stats.CheckoutsPaid + stats.CheckoutsAbandoned + stats.ReservationsTimedOut));
        table.AddRow("  paid", Formats.Count(stats.CheckoutsPaid));
        table.AddRow("  abandoned", Formats.Count(stats.CheckoutsAbandoned));
        table.AddRow("  timed out", Formats.Count(stats.ReservationsTimedOut));
        table.AddRow("Status changes", Formats.Count(stats.StatusChanges));
        table.AddRow("Maintenance runs", Formats.Count(stats.MaintenanceRuns));
        return table;
    }

    private static Table MembersTable(ProgramTotals totals)
    {
        var table = Tables.KeyValue("Members", Formats.Count(totals.Members));
        foreach (var (status, count) in totals.ByStatus)
        {
            table.AddRow(status.ToString(), Formats.Count(count));
        }

        table.AddEmptyRow();
        foreach (var (tier, count) in totals.ByTier)
        {
            table.AddRow(Markup.Escape(tier), Formats.Count(count));
        }

        return table;
    }

    private static Table PointsTable(ProgramTotals totals)
    {
        var table = Tables.KeyValue("Points", "Total");
        table.AddRow("Earned", Formats.Points(totals.Earned));
        table.AddRow("Spent", Formats.Points(totals.Spent));
        table.AddRow("Expired", Formats.Points(totals.Expired));
        table.AddRow("Spendable", Formats.Points(totals.Spendable));
        table.AddRow("Held", Formats.Points(totals.Pending));
        table.AddRow("Reserved", Formats.Points(totals.Reserved));
        return table;
    }
}

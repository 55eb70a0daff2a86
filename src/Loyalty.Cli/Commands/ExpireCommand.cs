using System.CommandLine;
using Loyalty.Cli.Hosting;
using Loyalty.Cli.Output;
using Loyalty.Cli.Parsing;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty expire [--as-of DATE]</c>: the maintenance job that expires points (and settles what is due).</summary>
internal static class ExpireCommand
{
    public static Command Create(CommandRunner runner)
    {
        var asOf = new Option<AsOf?>("--as-of")
        {
            Description = $"Process what is due by the end of this date (yyyy-MM-dd, in {CliProgram.Zone.Id}) or by this UTC instant (yyyy-MM-ddTHH:mm:ssZ). Not in the future. Default: now.",
            HelpName = "DATE",
            CustomParser = result => ValueParsers.AsOf(result),
        };
        var command = new Command(
            "expire",
            "Run the maintenance job: expire points past their expiry, approve held points past their return window, release timed-out reservations, review tiers. Running it twice changes nothing the second time.")
        {
            asOf,
        };
        runner.SetEngineAction(command, async (parse, session, cancellationToken) =>
        {
            var now = session.Clock.GetCurrentInstant();
            var given = parse.GetValue(asOf);
            var instant = given is { } value ? value.Resolve(CliProgram.Zone, now) : now;
            if (instant is null)
            {
                throw new CommandFailedException($"--as-of {given} is in the future (it is {Formats.Time(now)} in {CliProgram.Zone.Id}): points expire only once their time has come.");
            }

            var report = await session.Engine.RunMaintenanceAsync(instant.Value, cancellationToken).ConfigureAwait(false);
            runner.Say($"Maintenance as of {Formats.Time(instant)} ({CliProgram.Zone.Id}): {Formats.Count(report.Members)} members had work due.");
            var table = Tables.KeyValue("Work done", "Count");
            table.AddRow("Points expired", Formats.Points(report.PointsExpired));
            table.AddRow("Held earns approved", Formats.Count(report.PendingApproved));
            table.AddRow("Reservations released", Formats.Count(report.ReservationsReleased));
            table.AddRow("Tier changes", Formats.Count(report.TierChanges));
            runner.Environment.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}

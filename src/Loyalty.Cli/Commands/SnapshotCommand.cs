using System.CommandLine;
using Loyalty.Cli.Output;
using Loyalty.Cli.Parsing;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty snapshot [--out FILE]</c>: the personalization feed, one JSON line per member.</summary>
internal static class SnapshotCommand
{
    public static Command Create(CommandRunner runner)
    {
        var output = Arguments.OutputFile("the JSON lines");
        var command = new Command(
            "snapshot",
            "Write the loyalty snapshot of every member (opted-out profiles excluded) as JSON lines: customer_id, member, tier, points_balance, points_to_next_tier, next_tier, tier_benefits, points_expiration_date, points_expiring, member_since, lifetime_points.")
        {
            output,
        };
        runner.SetEngineAction(command, async (parse, session, cancellationToken) =>
        {
            var path = parse.GetValue(output);
            var count = await DocumentOutput.WriteAsync(runner.Environment, path, stream => session.Engine.WriteSnapshotFeedAsync(stream, cancellationToken)).ConfigureAwait(false);
            if (path is not null)
            {
                runner.Say($"Wrote {Formats.Count(count)} snapshots to {Markup.Escape(path)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

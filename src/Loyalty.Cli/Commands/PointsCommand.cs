using System.CommandLine;
using System.Globalization;
using Loyalty.Cli.Output;
using Loyalty.Cli.Parsing;
using Loyalty.Ledger;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty points award|deduct ID N --reason … --key …</c>.</summary>
internal static class PointsCommand
{
    public static Command Create(CommandRunner runner) =>
        new("points", "Award or deduct points by hand (goodwill, corrections).")
        {
            Write(runner, "award", "Award points to a member (an approved earn that opens a lot with the program's expiry).", deduct: false),
            Write(runner, "deduct", "Deduct points from a member (an operator's correction), soonest-expiring points first.", deduct: true),
        };

    private static Command Write(CommandRunner runner, string name, string description, bool deduct)
    {
        var member = Arguments.MemberId();
        var points = new Argument<long>("N")
        {
            Description = "The number of points: a whole number, at least 1.",
            CustomParser = ValueParsers.Points,
        };
        var reason = new Option<string?>("--reason")
        {
            Description = "Why, recorded in the member's history.",
            HelpName = "TEXT",
        };
        var key = new Option<IdempotencyKey>("--key")
        {
            Description = "The idempotency key of this write (e.g. ticket-1234:goodwill): the same command again with the same key changes nothing.",
            HelpName = "KEY",
            Required = true,
            CustomParser = ValueParsers.IdempotencyKey,
        };
        var command = new Command(name, description) { member, points, reason, key };
        runner.SetEngineAction(command, async (parse, session, cancellationToken) =>
        {
            var id = parse.GetValue(member);
            var amount = parse.GetValue(points);
            var idempotencyKey = parse.GetValue(key);
            var why = parse.GetValue(reason);
            var result = deduct
                ? await session.Engine.DeductAsync(new DeductPoints(id, amount, idempotencyKey) { Reason = why, Actor = CliActor.Name }, cancellationToken).ConfigureAwait(false)
                : await session.Engine.AwardAsync(new AwardPoints(id, amount, idempotencyKey) { Reason = why, Actor = CliActor.Name }, cancellationToken).ConfigureAwait(false);
            var done = string.Create(CultureInfo.InvariantCulture, $"{(deduct ? "Deducted" : "Awarded")} {Formats.Points(result.Entry.Points)} points {(deduct ? "from" : "to")} {Markup.Escape(id.Value)}");
            runner.Say(result.Replayed ? $"{done} earlier, with the same key: nothing changed." : $"{done}.");
            runner.Say($"Balance: {Formats.Points(result.Balance.Spendable)} spendable, {Formats.Points(result.Balance.Pending)} held, {Formats.Points(result.Balance.Lifetime)} earned in all.");
            return ExitCodes.Success;
        });
        return command;
    }
}

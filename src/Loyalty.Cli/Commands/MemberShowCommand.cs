using System.CommandLine;
using Loyalty.Cli.Output;
using Loyalty.Cli.Parsing;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty members show ID</c>: profile, status, balances, tier, expiring points and the latest history.</summary>
internal static class MemberShowCommand
{
    public static Command Create(CommandRunner runner)
    {
        var member = Arguments.MemberId();
        var history = new Option<int>("--history")
        {
            Description = "How many of the latest history entries to show.",
            HelpName = "N",
            DefaultValueFactory = _ => 10,
            CustomParser = ValueParsers.IntegerBetween(0, 1_000),
        };
        var command = new Command("show", "Show a member: profile, status, point balances, tier, expiring points and the latest history entries.")
        {
            member, history,
        };
        runner.SetEngineAction(command, async (parse, session, cancellationToken) =>
        {
            var view = await MemberView.LoadAsync(session.Engine, parse.GetValue(member), parse.GetValue(history), cancellationToken).ConfigureAwait(false);
            view.Render(runner.Environment.Console);
            return ExitCodes.Success;
        });
        return command;
    }
}

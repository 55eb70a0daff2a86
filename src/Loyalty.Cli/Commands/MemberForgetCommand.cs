using System.CommandLine;
using Loyalty.Lifecycle;
using Loyalty.Members;
using Loyalty.Cli.Parsing;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty members forget ID</c>: opts the member out and anonymizes them (GDPR erasure).</summary>
internal static class MemberForgetCommand
{
    public static Command Create(CommandRunner runner)
    {
        var member = Arguments.MemberId();
        var reason = new Option<string>("--reason")
        {
            Description = "Why, recorded in the member's history.",
            HelpName = "TEXT",
            DefaultValueFactory = _ => "erasure request",
        };
        var command = new Command(
            "forget",
            "Forget a member (GDPR erasure): opt them out and remove their personal data. Ledger amounts stay, under an anonymous id; the old id, email and external reference become free.")
        {
            member, reason,
        };
        runner.SetEngineAction(command, async (parse, session, cancellationToken) =>
        {
            var id = parse.GetValue(member);
            var change = new StatusChange(MemberStatus.OptedOut) { Reason = parse.GetValue(reason), Actor = CliActor.Name };
            var anonymized = await session.Engine.ChangeStatusAsync(id, change, cancellationToken).ConfigureAwait(false);
            runner.Say($"Forgot {Markup.Escape(id.Value)}: personal data removed, identifiers free for reuse.");
            runner.Say($"The ledger stays, under the anonymous id {Markup.Escape(anonymized.Id.Value)}.");
            return ExitCodes.Success;
        });
        return command;
    }
}

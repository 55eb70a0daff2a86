using System.CommandLine;
using Loyalty.Cli.Output;
using Loyalty.Cli.Parsing;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty members export ID [--out FILE]</c>: everything held about a member as one JSON document (GDPR).</summary>
internal static class MemberExportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var member = Arguments.MemberId();
        var output = Arguments.OutputFile("the JSON document");
        var command = new Command("export", "Export everything held about a member (profile, balances, lots, holds, full history) as one JSON document, for a GDPR access request.")
        {
            member, output,
        };
        runner.SetEngineAction(command, async (parse, session, cancellationToken) =>
        {
            var id = parse.GetValue(member);
            var path = parse.GetValue(output);

            // Fails with MemberNotFound before any file is created.
            await session.Engine.GetMemberAsync(id, cancellationToken).ConfigureAwait(false);
            await DocumentOutput.WriteAsync(runner.Environment, path, async stream =>
            {
                await session.Engine.ExportMemberDataAsync(id, stream, cancellationToken).ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false);
            if (path is null)
            {
                runner.Environment.Output.WriteLine();
            }
            else
            {
                runner.Say($"Exported member {Markup.Escape(id.Value)} to {Markup.Escape(path)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Loyalty.Cli.Import;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty members import|show|export|forget</c>.</summary>
internal static class MembersCommand
{
    public static Command Create(CommandRunner runner) =>
        new("members", "Import members from CSV, show one, export one's data (GDPR) or forget one.")
        {
            ImportCommand.Create(runner),
            MemberShowCommand.Create(runner),
            MemberExportCommand.Create(runner),
            MemberForgetCommand.Create(runner),
        };
}

using System.CommandLine;

namespace Loyalty.Cli.Parsing;

/// <summary>Arguments and options that several commands share.</summary>
internal static class Arguments
{
    /// <summary>The <c>ID</c> argument: a member identifier, checked by the parser.</summary>
    public static Argument<MemberId> MemberId() => new("ID")
    {
        Description = "The member's identifier (e.g. member-001).",
        CustomParser = ValueParsers.MemberId,
    };

    /// <summary>An <c>--out FILE</c> option: where to write instead of standard output.</summary>
    /// <param name="what">What is written, for the description.</param>
    public static Option<string?> OutputFile(string what) => new("--out")
    {
        Description = $"Write {what} to this file instead of standard output.",
        HelpName = "FILE",
    };
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Loyalty.Cli.Commands;

namespace Loyalty.Cli;

/// <summary>The <c>loyalty</c> command line: builds the command tree and runs one invocation.</summary>
internal static class LoyaltyCli
{
    /// <summary>The tool's command name, as installed (<c>dotnet tool install</c>) and as help shows it.</summary>
    public const string CommandName = "loyalty";

    /// <summary>The width help text is wrapped to, whatever the terminal, so that help reads the same everywhere.</summary>
    private const int HelpWidth = 100;

    /// <summary>Parses the arguments and runs the command they name.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="environment">The console, streams, clock and working directory.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C).</param>
    /// <returns>The exit code: <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parse = Build(environment).Parse(args);
        if (parse.Errors.Count > 0)
        {
            return ReportParseErrors(parse, environment.Error);
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Output, Error = environment.Error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the command tree.</summary>
    /// <param name="environment">The console, streams, clock and working directory the commands use.</param>
    /// <returns>The root command.</returns>
    public static Command Build(CliEnvironment environment)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(environment, options);
        // A plain command named like the tool rather than a RootCommand, which is named after the running executable
        // (Loyalty.Cli under dotnet run, a test host under tests).
        var root = new Command(CommandName, "Run the Loyalty.Core engine from the command line, on a SQLite database file (loyalty.db by default).")
        {
            new HelpOption(),
            new VersionOption(),
            DemoCommand.Create(runner),
            MembersCommand.Create(runner),
            PointsCommand.Create(runner),
            ExpireCommand.Create(runner),
            SnapshotCommand.Create(runner),
        };
        options.AddTo(root);
        var help = root.Options.OfType<HelpOption>().Single();
        var showHelp = (HelpAction)help.Action!;
        showHelp.MaxWidth = HelpWidth;
        ShowHelpWhenNoSubcommand(root, showHelp);
        return root;
    }

    /// <summary>A command that only groups others (<c>loyalty</c>, <c>loyalty members</c>) prints its help when run alone, and fails.</summary>
    private static void ShowHelpWhenNoSubcommand(Command command, HelpAction showHelp)
    {
        if (command.Subcommands.Count == 0)
        {
            return;
        }

        command.SetAction(parse =>
        {
            showHelp.Invoke(parse);
            return ExitCodes.Failure;
        });
        foreach (var subcommand in command.Subcommands)
        {
            ShowHelpWhenNoSubcommand(subcommand, showHelp);
        }
    }

    /// <summary>Writes each parse error on its own line, and where to find the usage; exit code 1.</summary>
    private static int ReportParseErrors(ParseResult parse, TextWriter error)
    {
        foreach (var problem in parse.Errors)
        {
            error.WriteLine($"error: {problem.Message}");
        }

        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                names.Insert(0, command.Command.Name);
            }
        }

        error.WriteLine($"See '{string.Join(' ', names)} --help' for usage.");
        return ExitCodes.Failure;
    }
}

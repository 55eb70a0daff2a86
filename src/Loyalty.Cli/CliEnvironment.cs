using NodaTime;
using Spectre.Console;

namespace Loyalty.Cli;

/// <summary>Where a command writes, where it resolves paths, and what time it is: the real console and clock, or a test's.</summary>
/// <param name="Console">Rich output: tables and progress bars.</param>
/// <param name="Output">Plain standard output: help text, JSON documents and feeds.</param>
/// <param name="Error">Standard error: error messages.</param>
internal sealed record CliEnvironment(IAnsiConsole Console, TextWriter Output, TextWriter Error)
{
    /// <summary>Gets the clock of the commands that work on the current time; <see langword="null"/> for the system clock.</summary>
    public IClock? Clock { get; init; }

    /// <summary>Gets the directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Gets a value indicating whether progress may be drawn as a live bar (a terminal), rather than as plain lines.</summary>
    public bool CanShowProgressBar => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;

    /// <summary>
    /// The process's own console, standard streams and working directory. When standard output is not a terminal (a
    /// pipe, a file), output is plain text: no colors, no escape codes, no live progress bar.
    /// </summary>
    public static CliEnvironment FromProcess()
    {
        var console = System.Console.IsOutputRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(System.Console.Out),
            })
            : AnsiConsole.Console;
        return new(console, System.Console.Out, System.Console.Error);
    }

    /// <summary>Resolves a path given on the command line against <see cref="WorkingDirectory"/>.</summary>
    /// <param name="path">The path as given.</param>
    /// <returns>The full path.</returns>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}

using Loyalty.StoreContract;
using NodaTime;
using Spectre.Console;

namespace Loyalty.Cli.Tests;

/// <summary>
/// Runs the tool in-process in a temp folder of its own: a fake clock, and a plain 80-column console (no colors, no
/// live progress), as a newcomer's terminal is at least that wide.
/// </summary>
internal sealed class CliRun : IDisposable
{
    /// <summary>The instant the operations commands run at: the day after the default demo ends.</summary>
    public static readonly Instant DefaultNow = Instant.FromUtc(2026, 10, 6, 9, 0);

    public CliRun()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loyalty-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public FakeClock Clock { get; } = new(DefaultNow);

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Gets or sets a value indicating whether the console acts as a terminal (escape codes, live progress).</summary>
    public bool Terminal { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = Terminal ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = Terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 80;
        var environment = new CliEnvironment(console, output, error) { Clock = Clock, WorkingDirectory = Directory };
        var exitCode = await LoyaltyCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Runs the tool and asserts that it exited with the code.</summary>
    public async Task<CliResult> RunExpectingAsync(int exitCode, params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode} from 'loyalty {string.Join(' ', args)}', got:\n{result}");
        return result;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleanup.
        }
    }
}

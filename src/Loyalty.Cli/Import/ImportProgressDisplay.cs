using System.Globalization;
using Loyalty.Ledger;
using Spectre.Console;

namespace Loyalty.Cli.Import;

/// <summary>Shows the progress the engine reports during an import: a live bar on a terminal, plain lines otherwise (a pipe, a log file, a test).</summary>
internal static class ImportProgressDisplay
{
    /// <summary>Runs the import with progress shown.</summary>
    /// <typeparam name="T">The import's result.</typeparam>
    /// <param name="environment">The console, and whether it is a terminal.</param>
    /// <param name="rows">The number of rows going to the engine.</param>
    /// <param name="import">Runs the import, reporting to the given progress.</param>
    /// <returns>The import's result.</returns>
    public static async Task<T> RunAsync<T>(CliEnvironment environment, int rows, Func<IProgress<BatchProgress>, Task<T>> import)
    {
        if (!environment.CanShowProgressBar)
        {
            return await import(new PlainLines(environment.Console)).ConfigureAwait(false);
        }

        return await environment.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Importing members", maxValue: Math.Max(rows, 1));
                var result = await import(new Bar(task)).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    /// <summary>One line per report from the engine (one per chunk of rows).</summary>
    private sealed class PlainLines(IAnsiConsole console) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) =>
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {value.Processed:N0} of {value.Total:N0} rows sent to the engine, {value.Failed:N0} refused"));
    }

    private sealed class Bar(ProgressTask task) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => task.Value = value.Processed;
    }
}

using System.CommandLine;
using Loyalty.Cli.Commands;
using Loyalty.Cli.Output;
using Loyalty.Members;
using Spectre.Console;

namespace Loyalty.Cli.Import;

/// <summary><c>loyalty members import FILE.csv [--rejects FILE]</c>: bulk enrollment with opening points, through the engine's import API.</summary>
internal static class ImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "The CSV file to import." };
        var rejectsOption = new Option<string?>("--rejects")
        {
            Description = "Where to write the rejected rows. Default: beside FILE, as NAME.rejects.csv.",
            HelpName = "FILE",
        };
        var command = new Command("import", "Enroll members from a CSV file, with their opening points.\n\n" + ImportColumns.Help)
        {
            file, rejectsOption,
        };
        runner.SetEngineAction(command, async (parse, session, cancellationToken) =>
        {
            var given = parse.GetValue(file)!;
            var path = runner.Environment.Resolve(given);
            var rejectsPath = parse.GetValue(rejectsOption) is { } rejectsGiven ? runner.Environment.Resolve(rejectsGiven) : RejectsFile.DefaultPathFor(path);
            if (!File.Exists(path))
            {
                throw new CommandFailedException($"File '{given}' does not exist.");
            }

            if (string.Equals(path, rejectsPath, StringComparison.Ordinal))
            {
                throw new CommandFailedException("The rejects file cannot be the file being imported.");
            }

            var csv = MemberCsvReader.Read(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
            var candidates = csv.Rows.Where(r => r.Import is not null).ToList();
            var result = await ImportProgressDisplay.RunAsync(
                runner.Environment,
                candidates.Count,
                progress => session.Engine.ImportMembersAsync(candidates.ConvertAll(r => r.Import!), progress, cancellationToken)).ConfigureAwait(false);

            var rejects = Rejects(csv, candidates, result);
            foreach (var reject in rejects)
            {
                runner.Say($"[red]line {reject.Line}[/]: {Markup.Escape(reject.Reason)}");
            }

            runner.Say($"Imported {Formats.Count(result.Imported)}, unchanged {Formats.Count(result.Unchanged)}, rejected {Formats.Count(rejects.Count)} of {Formats.Count(csv.Rows.Count)} rows.");
            if (rejects.Count == 0)
            {
                // A rejects file left by an earlier run of this file no longer describes it.
                File.Delete(rejectsPath);
                return ExitCodes.Success;
            }

            await RejectsFile.WriteAsync(rejectsPath, csv.Header, rejects, cancellationToken).ConfigureAwait(false);
            runner.Say($"Rejected rows, with the line and reason of each: {Markup.Escape(Path.GetRelativePath(runner.Environment.WorkingDirectory, rejectsPath))}");
            return ExitCodes.PartialSuccess;
        }, createsDatabase: true);
        return command;
    }

    /// <summary>The rows rejected while reading and those the engine refused, in line order.</summary>
    private static List<RejectedRow> Rejects(MemberCsvFile csv, List<ImportRow> candidates, ImportResult result)
    {
        var rejects = csv.Rows.Where(r => r.Problem is not null).Select(r => new RejectedRow(r.Line, r.Problem!, r.Fields)).ToList();
        foreach (var row in result.Rows)
        {
            if (row.Outcome == ImportOutcome.Rejected)
            {
                var candidate = candidates[row.Index];
                rejects.Add(new RejectedRow(candidate.Line, row.Error is { } error ? CommandRunner.Describe(error) : "refused by the engine", candidate.Fields));
            }
        }

        rejects.Sort((a, b) => a.Line.CompareTo(b.Line));
        return rejects;
    }
}

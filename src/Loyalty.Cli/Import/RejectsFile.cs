using System.Globalization;
using System.Text;
using CsvHelper;

namespace Loyalty.Cli.Import;

/// <summary>The rejects file of an import: a CSV with the line and reason of each rejected row, then the row's own fields.</summary>
internal static class RejectsFile
{
    /// <summary>The default path: beside the input, <c>members.csv</c> → <c>members.rejects.csv</c>.</summary>
    /// <param name="input">The input file's full path.</param>
    /// <returns>The rejects file's full path.</returns>
    public static string DefaultPathFor(string input) => Path.ChangeExtension(input, ".rejects.csv");

    /// <summary>Writes the rejected rows, replacing the file.</summary>
    /// <param name="path">The rejects file.</param>
    /// <param name="header">The input's header, repeated after the line and reason columns.</param>
    /// <param name="rejects">The rejected rows, in line order.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public static async Task WriteAsync(string path, IReadOnlyList<string> header, IReadOnlyList<RejectedRow> rejects, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await using (writer.ConfigureAwait(false))
        {
            var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            await using (csv.ConfigureAwait(false))
            {
                await WriteRecordAsync(csv, ["line", "reason", .. header]).ConfigureAwait(false);
                foreach (var reject in rejects)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await WriteRecordAsync(csv, [reject.Line.ToString(CultureInfo.InvariantCulture), reject.Reason, .. reject.Fields]).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task WriteRecordAsync(CsvWriter csv, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        await csv.NextRecordAsync().ConfigureAwait(false);
    }
}

namespace Loyalty.Cli.Output;

/// <summary>
/// Writes a document (JSON, JSON lines) to standard output or to a file. A file is written beside its final name and
/// moved into place only when complete, so a failed command never leaves a partial or empty file behind.
/// </summary>
internal static class DocumentOutput
{
    /// <summary>Writes the document.</summary>
    /// <typeparam name="T">What the writer returns.</typeparam>
    /// <param name="environment">Standard output and path resolution.</param>
    /// <param name="path">The file, or <see langword="null"/> for standard output.</param>
    /// <param name="write">Writes the document to a stream.</param>
    /// <returns>What the writer returned.</returns>
    public static async Task<T> WriteAsync<T>(CliEnvironment environment, string? path, Func<Stream, Task<T>> write)
    {
        if (path is null)
        {
            var output = new TextWriterStream(environment.Output);
            await using (output.ConfigureAwait(false))
            {
                return await write(output).ConfigureAwait(false);
            }
        }

        var target = environment.Resolve(path);
        var partial = target + ".partial";
        try
        {
            T result;
            var file = File.Create(partial);
            await using (file.ConfigureAwait(false))
            {
                result = await write(file).ConfigureAwait(false);
            }

            File.Move(partial, target, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(partial);
        }
    }
}

namespace Loyalty.Benchmarks;

/// <summary>A database file in a folder of its own under the system temp folder, deleted with the folder.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase(string name)
    {
        Folder = Path.Combine(Path.GetTempPath(), "loyalty-bench", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "loyalty.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temp folder is cleaned by the system.
        }
    }
}

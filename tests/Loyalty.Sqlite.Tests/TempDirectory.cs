namespace Loyalty.Sqlite.Tests;

/// <summary>A new directory under the system's temp folder, deleted with its contents on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    public string Path { get; }

    public static TempDirectory Create() =>
        new(System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loyalty-sqlite-" + Guid.NewGuid().ToString("N"))).FullName);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still be closing a file; the temp folder is cleaned by the system.
        }
    }
}

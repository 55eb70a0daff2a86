namespace Loyalty.Storage.Sqlite;

/// <summary>How hard SQLite works to make a commit durable (<c>PRAGMA synchronous</c>), in WAL mode.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// Commits survive a crash of the application; the last commits before a power loss or operating-system crash may be
    /// rolled back (never corrupted). The WAL is synced at checkpoints only (the store checkpoints when the WAL reaches
    /// about 40 MiB), so those are the commits since the last checkpoint. The default: fast and safe for most apps.
    /// </summary>
    Normal = 1,

    /// <summary>Every commit is synced to disk before it returns, so it survives a power loss too. Slower writes.</summary>
    Full = 2,
}

using Microsoft.Data.Sqlite;

namespace Loyalty.Benchmarks.Sqlite;

/// <summary>Connections for the raw baselines, with the per-connection settings the SQLite store applies to its own.</summary>
internal static class RawConnection
{
    /// <summary>The store's performance settings (<c>SqliteSessionPool</c>), so that a ratio measures code, not configuration.</summary>
    public const string StorePragmas = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = 10000;";

    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = StorePragmas;
        command.ExecuteNonQuery();
        return connection;
    }
}

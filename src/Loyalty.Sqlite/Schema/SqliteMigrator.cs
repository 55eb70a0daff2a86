using Dapper;
using Loyalty.Storage.Sqlite.Storage;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Sqlite.Schema;

/// <summary>
/// Brings a database file to the current schema: WAL mode, then every missing migration in one <c>BEGIN IMMEDIATE</c>
/// transaction, so that processes starting together migrate once (the others wait, then find nothing to do).
/// </summary>
internal static class SqliteMigrator
{
    /// <summary>The table recording applied migrations; its presence marks a Loyalty database.</summary>
    public const string SchemaTable = "loyalty_schema";

    /// <summary>Gets the schema version this assembly writes.</summary>
    public static int CurrentVersion => SqliteMigration.All.Count;

    /// <summary>Migrates to <paramref name="targetVersion"/> (the current version by default).</summary>
    public static void Migrate(SqliteConnection connection, string path, int? targetVersion = null)
    {
        var target = targetVersion ?? CurrentVersion;
        if (IsCurrent(connection, target))
        {
            // Up to date: no write lock needed (so read-only connections and readers of a busy file start at once).
            return;
        }

        var mode = connection.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new LoyaltyException(ErrorCode.StoreUnavailable, $"The SQLite database '{path}' could not be switched to WAL mode (it reports '{mode}').", null);
        }

        connection.Execute(SqliteStatements.Begin);
        try
        {
            var version = ReadVersion(connection, path);
            if (version > CurrentVersion)
            {
                throw new LoyaltyException(
                    ErrorCode.StoreSchemaMismatch,
                    $"The Loyalty database '{path}' has schema version {version}, newer than this version of Loyalty.Sqlite understands ({CurrentVersion}). Upgrade the package.",
                    null);
            }

            foreach (var migration in SqliteMigration.All)
            {
                if (migration.Version > version && migration.Version <= target)
                {
                    connection.Execute(migration.Sql);
                    connection.Execute(
                        $"INSERT INTO {SchemaTable} (version, name, applied_at) VALUES (@Version, @Name, CAST(strftime('%s', 'now') AS INTEGER))",
                        new { migration.Version, migration.Name });
                }
            }

            connection.Execute(SqliteStatements.Commit);
        }
        catch
        {
            connection.Execute(SqliteStatements.Rollback);
            throw;
        }
    }

    private static bool IsCurrent(SqliteConnection connection, int target) =>
        connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{SchemaTable}'") == 1
        && connection.ExecuteScalar<int?>($"SELECT MAX(version) FROM {SchemaTable}") == target
        && string.Equals(connection.ExecuteScalar<string>("PRAGMA journal_mode"), "wal", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the schema version, creating the schema table in a new database; refuses a database that is not ours.</summary>
    private static int ReadVersion(SqliteConnection connection, string path)
    {
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").AsList();
        if (!tables.Contains(SchemaTable))
        {
            if (tables.Count > 0)
            {
                throw new LoyaltyException(
                    ErrorCode.StoreSchemaMismatch,
                    $"The SQLite database '{path}' is not a Loyalty database: it has tables ({string.Join(", ", tables.Take(5))}) but no {SchemaTable} table. Use a new file for the loyalty store.",
                    null);
            }

            connection.Execute($"CREATE TABLE {SchemaTable} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            return 0;
        }

        return connection.ExecuteScalar<int?>($"SELECT MAX(version) FROM {SchemaTable}") ?? 0;
    }
}

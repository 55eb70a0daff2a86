using Dapper;
using Loyalty.Storage.PostgreSql.Errors;
using Loyalty.Storage.PostgreSql.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Schema;

/// <summary>
/// Brings the store's schema to the version this assembly knows. The common case (already current) is one read without
/// a lock. Otherwise the work runs in one transaction under an advisory lock on the schema, so that many instances
/// starting together migrate once: the others wait, then find nothing left to do. DDL is transactional in PostgreSQL, so
/// a failed migration leaves the schema as it was.
/// </summary>
internal sealed class SchemaMigrator(StoreDatabase database, ILogger logger)
{
    private const string HistoryTable = "schema_migrations";

    /// <summary>Migrations and the wait for another instance's migration may take longer than an ordinary command.</summary>
    private static readonly int MinimumTimeoutSeconds = (int)TimeSpan.FromMinutes(5).TotalSeconds;

    private readonly string _schemaName = database.Options.SchemaName;
    private readonly string _schema = database.Statements.Schema;
    private readonly int _timeout = Math.Max(database.CommandTimeoutSeconds, MinimumTimeoutSeconds);

    public async ValueTask MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync("checking the schema version", cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                if (await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false) is { } current && IsCurrent(current))
                {
                    MigrationLog.UpToDate(logger, _schemaName, Migration.Latest);
                    return;
                }

                await MigrateUnderLockAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreErrors.IsProviderFailure(ex))
            {
                throw database.Fail(ex, "migrating the schema");
            }
        }
    }

    private async Task MigrateUnderLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Schema names cannot contain spaces, so this key never equals a member lock's key.
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@Key, 0))", new { Key = _schemaName + " migrations" }, cancellationToken).ConfigureAwait(false);
            await EnsureSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false) ?? [];
            if (!IsCurrent(applied))
            {
                foreach (var migration in Migration.All)
                {
                    if (migration.Version > applied.Count)
                    {
                        await ExecuteAsync(connection, transaction, migration.ScriptFor(_schema), null, cancellationToken).ConfigureAwait(false);
                        await ExecuteAsync(
                            connection,
                            transaction,
                            $"INSERT INTO {_schema}.{HistoryTable} (version, name, checksum) VALUES (@Version, @Name, @Checksum)",
                            new { migration.Version, migration.Name, migration.Checksum },
                            cancellationToken).ConfigureAwait(false);
                        MigrationLog.Applied(logger, migration.Version, migration.Name, _schemaName);
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the schema and the migration history table, refusing a schema that holds someone else's tables.</summary>
    private async Task EnsureSchemaAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var exists = await connection.ExecuteScalarAsync<bool>(Command("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @Schema)", new { Schema = _schemaName }, transaction, cancellationToken)).ConfigureAwait(false);
        if (!exists)
        {
            // Checked first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists.
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA {_schema}", null, cancellationToken).ConfigureAwait(false);
            MigrationLog.CreatedSchema(logger, _schemaName);
        }
        else if (!await HistoryTableExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            var tables = await connection.ExecuteScalarAsync<long>(Command(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @Schema AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
                new { Schema = _schemaName },
                transaction,
                cancellationToken)).ConfigureAwait(false);
            if (tables > 0)
            {
                throw StoreErrors.SchemaMismatch(database.Target, $"the schema already holds {tables} tables or views but no {HistoryTable} table, so it is not a Loyalty store's schema. Choose another PostgreSqlStoreOptions.SchemaName or an empty schema.");
            }
        }

        await ExecuteAsync(
            connection,
            transaction,
            $"CREATE TABLE IF NOT EXISTS {_schema}.{HistoryTable} (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the applied migrations in version order, or returns <see langword="null"/> when the history table does not exist.</summary>
    private async Task<IReadOnlyList<AppliedMigration>?> ReadAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        if (!await HistoryTableExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            var rows = await connection.QueryAsync<AppliedMigration>(Command(
                $"SELECT version AS Version, name AS Name, checksum AS Checksum FROM {_schema}.{HistoryTable} ORDER BY version",
                null,
                transaction,
                cancellationToken)).ConfigureAwait(false);
            return rows.AsList();
        }
        catch (PostgresException ex) when (ex.SqlState is SqlStates.UndefinedColumn)
        {
            throw StoreErrors.SchemaMismatch(database.Target, $"the schema has a {HistoryTable} table that is not a Loyalty store's ({ex.MessageText}).", ex);
        }
    }

    private Task<bool> HistoryTableExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(Command("SELECT to_regclass(@Table) IS NOT NULL", new { Table = $"{_schema}.{HistoryTable}" }, transaction, cancellationToken));

    /// <summary>
    /// Checks the applied migrations against the embedded ones: the same scripts, numbered without gaps, none newer than
    /// this assembly knows. Returns whether every embedded migration is applied.
    /// </summary>
    private bool IsCurrent(IReadOnlyList<AppliedMigration> applied)
    {
        for (var i = 0; i < applied.Count; i++)
        {
            var row = applied[i];
            if (row.Version > Migration.Latest)
            {
                throw StoreErrors.SchemaMismatch(database.Target, $"the schema is at version {applied[^1].Version}, newer than this version of Loyalty.PostgreSql understands (up to {Migration.Latest}). Upgrade the package, or point the store at another schema.");
            }

            var expected = Migration.All[i];
            if (row.Version != expected.Version)
            {
                throw StoreErrors.SchemaMismatch(database.Target, $"the migration history lacks version {expected.Version} (found {row.Version} in its place).");
            }

            if (!string.Equals(row.Checksum, expected.Checksum, StringComparison.Ordinal))
            {
                throw StoreErrors.SchemaMismatch(database.Target, $"migration {row.Version} ({row.Name}) was applied from a different script than the one this version of Loyalty.PostgreSql embeds (checksum {row.Checksum}, expected {expected.Checksum}).");
            }
        }

        return applied.Count == Migration.Latest;
    }

    private Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(sql, parameters, transaction, cancellationToken));

    private CommandDefinition Command(string sql, object? parameters, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, _timeout, cancellationToken: cancellationToken);

    /// <summary>A row of the migration history table.</summary>
    private sealed record AppliedMigration(int Version, string Name, string Checksum);
}

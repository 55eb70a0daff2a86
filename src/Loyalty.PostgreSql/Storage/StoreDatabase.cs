using System.Globalization;
using Loyalty.Storage.PostgreSql.Errors;
using Loyalty.Storage.PostgreSql.Tables;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>The store's connection to PostgreSQL: pooled connections, commands with the configured timeout, preparation and error translation.</summary>
internal sealed class StoreDatabase
{
    private readonly bool _prepare;

    public StoreDatabase(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options)
    {
        DataSource = dataSource;
        Options = options;
        Statements = new StoreStatements(options.SchemaName);
        Target = new StoreTarget(dataSource, options.SchemaName);
        CommandTimeoutSeconds = (int)options.CommandTimeout.TotalSeconds;
        LockTimeoutText = options.LockTimeout == TimeSpan.Zero
            ? "0"
            : ((long)options.LockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        _prepare = options.PrepareStatements;
    }

    public NpgsqlDataSource DataSource { get; }

    public PostgreSqlStoreOptions Options { get; }

    public StoreTarget Target { get; }

    /// <summary>Gets the store's statements, written for its schema.</summary>
    public StoreStatements Statements { get; }

    public int CommandTimeoutSeconds { get; }

    /// <summary>Gets the <c>lock_timeout</c> setting of the store's transactions.</summary>
    public string LockTimeoutText { get; }

    public async ValueTask<NpgsqlConnection> OpenAsync(string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreErrors.IsProviderFailure(ex))
        {
            throw Fail(ex, operation);
        }
    }

    public NpgsqlCommand Command(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null) =>
        new(sql, connection, transaction) { CommandTimeout = CommandTimeoutSeconds };

    public NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        new(connection, transaction) { Timeout = CommandTimeoutSeconds };

    /// <summary>Prepares a hot-path command (once per physical connection: Npgsql keeps prepared statements across pooled uses).</summary>
    public Task PrepareAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        _prepare ? command.PrepareAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc cref="PrepareAsync(NpgsqlCommand, CancellationToken)"/>
    public Task PrepareAsync(NpgsqlBatch batch, CancellationToken cancellationToken) =>
        _prepare ? batch.PrepareAsync(cancellationToken) : Task.CompletedTask;

    public LoyaltyException Fail(Exception exception, string operation) => StoreErrors.Translate(exception, Target, operation);
}

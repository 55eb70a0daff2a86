namespace Loyalty.Storage.Sqlite;

/// <summary>Settings of the SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Gets or sets the connection string (at least <c>Data Source=path/to/loyalty.db</c>).</summary>
    /// <value>There is no default: a database file must be named. Pooling is managed by the store, so <c>Pooling</c> is ignored.</value>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets how durable each commit is.</summary>
    /// <value>The default value is <see cref="SqliteSynchronousMode.Normal"/>.</value>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>
    /// Gets or sets how long a write waits for another process's write to finish (<c>PRAGMA busy_timeout</c>) before it
    /// fails with <see cref="ErrorCode.ConcurrencyConflict"/> (the engine then retries it).
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many idle read connections the store keeps open for reuse.</summary>
    /// <value>The default value is 16.</value>
    public int MaxIdleConnections { get; set; } = 16;
}

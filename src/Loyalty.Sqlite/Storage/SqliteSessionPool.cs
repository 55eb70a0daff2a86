using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>
/// Opens connections with the store's per-connection settings (busy timeout, synchronous mode) and keeps idle ones for
/// reuse, so every connection is configured exactly once and keeps its prepared statements.
/// </summary>
internal sealed class SqliteSessionPool : IDisposable
{
    /// <summary>
    /// Settings that keep the write and read paths off the file system where SQLite allows: savepoint journals and
    /// temporary indexes in memory rather than in temp files (each change set of a batch runs in a savepoint); a page cache
    /// of up to 16 MiB per connection, so that a batch's dirty pages stay in memory until commit instead of spilling
    /// into the WAL mid-transaction; and reads of the database file through a memory map of up to 256 MiB (shared with
    /// the OS page cache by every connection and process) instead of a read call per page; and a checkpoint when the
    /// WAL holds 10,000 pages (about 40 MiB) rather than SQLite's 1,000, so that a page written by many commits is copied
    /// back to the database once, and the checkpoint's two syncs are paid ten times less often.
    /// </summary>
    private const string PerformancePragmas = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = 10000;";

    private readonly ConcurrentBag<SqliteSession> _idle = [];
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly int _maxIdle;
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteSessionPool(SqliteStoreOptions options)
    {
        var builder = Validate(options);
        Path = builder.DataSource;
        builder.Pooling = false;
        builder.DefaultTimeout = 1;
        _connectionString = builder.ToString();
        _maxIdle = options.MaxIdleConnections;
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {(options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL")}; {PerformancePragmas}");
    }

    /// <summary>Gets the database file as the connection string names it.</summary>
    public string Path { get; }

    public SqliteSession Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        return Open();
    }

    public void Return(SqliteSession session)
    {
        if (_disposed || session.IsBroken)
        {
            session.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            session.Dispose();
            return;
        }

        _idle.Add(session);
        if (_disposed)
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private SqliteSession Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            return new SqliteSession(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw SqliteErrors.Translate(ex, Path);
        }
    }

    private static SqliteConnectionStringBuilder Validate(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new LoyaltyException(ErrorCode.ValidationFailed, $"The SQLite connection string is malformed: {ex.Message}", "connectionString", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new LoyaltyException(ErrorCode.ValidationFailed, "The SQLite connection string must name a database file (Data Source=loyalty.db).", "connectionString");
        }

        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            throw new LoyaltyException(
                ErrorCode.ValidationFailed,
                "The SQLite store needs a database file that several connections share; for an in-memory store use UseInMemory().",
                "connectionString");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromDays(1))
        {
            throw new LoyaltyException(ErrorCode.ValidationFailed, $"The busy timeout must be between 0 and 1 day (was {options.BusyTimeout}).", "busyTimeout");
        }

        if (options.MaxIdleConnections < 0)
        {
            throw new LoyaltyException(ErrorCode.ValidationFailed, $"MaxIdleConnections must not be negative (was {options.MaxIdleConnections}).", "maxIdleConnections");
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            throw new LoyaltyException(ErrorCode.ValidationFailed, $"Synchronous must be Normal or Full (was {options.Synchronous}).", "synchronous");
        }

        return builder;
    }
}

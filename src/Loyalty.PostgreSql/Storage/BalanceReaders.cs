using System.Collections.Concurrent;
using System.Data;
using Loyalty.Ledger;
using Loyalty.Storage.PostgreSql.Errors;
using Loyalty.Storage.PostgreSql.Tables;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>
/// The hot balance read: a few <see cref="BalanceReader"/>s kept open between reads, so that a read costs its one round
/// trip and not also a pool checkout, a command and a prepared-statement lookup. At most <see cref="MaxIdle"/> stay
/// open (a quarter of the data source's pool, at most four, none with multiplexing): readers beyond that, when more
/// callers read at once, open a pooled connection for the read and give it back after it. A kept reader whose connection
/// went stale while idle (server restart, idle timeout) is dropped and the read runs again on another reader (a fresh one fails for good).
/// </summary>
internal sealed class BalanceReaders : IAsyncDisposable
{
    private const string Operation = "reading a balance";
    private readonly StoreDatabase _database;
    private readonly ConcurrentQueue<BalanceReader> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    public BalanceReaders(StoreDatabase database)
    {
        _database = database;
        MaxIdle = IdleLimit(database.DataSource);
    }

    /// <summary>Gets the number of readers kept open between reads.</summary>
    public int MaxIdle { get; }

    public async ValueTask<PointsBalance?> ReadAsync(ProgramId programId, MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var reader = TakeIdle() ?? await BalanceReader.OpenAsync(_database, cancellationToken).ConfigureAwait(false);
            var kept = reader.Used;
            try
            {
                // The read runs here rather than in a method of the reader: one asynchronous step per read.
                PointsBalance? balance = null;
                var rows = await reader.Bind(programId, memberId, account).ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
                await using (rows.ConfigureAwait(false))
                {
                    if (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        balance = BalancesTable.Read(rows, 0);
                    }
                }

                balance ??= await reader.ReadWithoutRowAsync(programId, memberId, cancellationToken).ConfigureAwait(false);
                await ReturnAsync(reader).ConfigureAwait(false);
                return balance;
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
            {
                // The connection's state is unknown after a failure or a cancellation: never reuse it.
                await DisposeQuietlyAsync(reader).ConfigureAwait(false);
                if (kept && ex is NpgsqlException && !cancellationToken.IsCancellationRequested && !_disposed)
                {
                    continue;
                }

                throw StoreErrors.IsProviderFailure(ex) ? _database.Fail(ex, Operation) : ex;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var reader))
        {
            await DisposeQuietlyAsync(reader).ConfigureAwait(false);
        }
    }

    private BalanceReader? TakeIdle()
    {
        if (_idle.TryDequeue(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }

        return null;
    }

    private async ValueTask ReturnAsync(BalanceReader reader)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= MaxIdle)
        {
            _idle.Enqueue(reader);
            if (_disposed)
            {
                // Disposed meanwhile: whatever the disposal missed is closed here.
                await DisposeAsync().ConfigureAwait(false);
            }

            return;
        }

        Interlocked.Decrement(ref _idleCount);
        await reader.DisposeAsync().ConfigureAwait(false);
    }

    private static async ValueTask DisposeQuietlyAsync(BalanceReader reader)
    {
        try
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
        {
            // A broken connection may fail to close cleanly; it is gone either way.
        }
    }

    private static int IdleLimit(NpgsqlDataSource dataSource)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return settings.Multiplexing ? 0 : Math.Min(4, settings.MaxPoolSize / 4);
    }
}

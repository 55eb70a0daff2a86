using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>
/// Takes the database's write lock (<c>BEGIN IMMEDIATE</c>) without blocking a thread while another process holds it:
/// each attempt lets SQLite wait only briefly, and between attempts the caller awaits, until the busy timeout is spent.
/// </summary>
internal sealed class SqliteWriteLock(TimeSpan busyTimeout, string path)
{
    private const int AttemptWaitMilliseconds = 2;
    private const int MaxPauseMilliseconds = 20;

    public async ValueTask AcquireAsync(SqliteSession session, CancellationToken cancellationToken)
    {
        var handle = session.Connection.Handle!;
        var started = Stopwatch.GetTimestamp();
        raw.sqlite3_busy_timeout(handle, AttemptWaitMilliseconds);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var rc = raw.sqlite3_exec(handle, SqliteStatements.Begin);
                if (rc == raw.SQLITE_OK)
                {
                    return;
                }

                if (rc is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED))
                {
                    session.IsBroken = true;
                    throw SqliteErrors.Translate(new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc), path);
                }

                if (Stopwatch.GetElapsedTime(started) >= busyTimeout)
                {
                    throw SqliteErrors.Translate(new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc), path);
                }

                await Task.Delay(Math.Min(attempt, MaxPauseMilliseconds), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            raw.sqlite3_busy_timeout(handle, (int)busyTimeout.TotalMilliseconds);
        }
    }
}

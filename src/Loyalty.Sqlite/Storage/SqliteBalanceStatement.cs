using System.Text;
using Loyalty.Ledger;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>
/// The hot balance read of one session, on SQLite's own API: prepared once per connection, the program and account
/// bound once and kept, the member identifier bound from a stack buffer, six integers read, the statement reset. No
/// allocation and none of the data reader's per-call work.
/// </summary>
internal sealed class SqliteBalanceStatement : IDisposable
{
    private const int ProgramIndex = 1;
    private const int MemberIndex = 2;
    private const int AccountIndex = 3;
    private const int MaxStackBytes = 256;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private string? _program;
    private string? _account;

    public SqliteBalanceStatement(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, SqliteStatements.SelectBalanceByIndex, out _statement));
    }

    /// <summary>Reads one account's balance row.</summary>
    /// <returns><see langword="false"/> when the member has no row for the account (unused account, or no such member).</returns>
    public bool TryRead(string program, string member, string account, out PointsBalance balance)
    {
        try
        {
            if (!ReferenceEquals(program, _program))
            {
                BindText(ProgramIndex, program);
                _program = program;
            }

            if (!ReferenceEquals(account, _account))
            {
                BindText(AccountIndex, account);
                _account = account;
            }

            BindText(MemberIndex, member);
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                balance = new PointsBalance(
                    raw.sqlite3_column_int64(_statement, 0),
                    raw.sqlite3_column_int64(_statement, 1),
                    raw.sqlite3_column_int64(_statement, 2),
                    raw.sqlite3_column_int64(_statement, 3),
                    raw.sqlite3_column_int64(_statement, 4),
                    raw.sqlite3_column_int64(_statement, 5));
                return true;
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }

            balance = default;
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void BindText(int index, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = length <= MaxStackBytes ? stackalloc byte[MaxStackBytes] : new byte[length];
        var written = Encoding.UTF8.GetBytes(value, buffer);
        Check(raw.sqlite3_bind_text(_statement, index, buffer[..written]));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            // After a failure, bind everything again on the next call.
            _program = null;
            _account = null;
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }
}

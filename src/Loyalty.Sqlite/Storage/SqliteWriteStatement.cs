using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>
/// A cached write statement on SQLite's own API, for the statements every ledger write runs many times (history
/// entries, events, lots, balances, idempotency records). Parameters are resolved from name to index once per statement
/// (the names are literals, so a reference comparison finds them), texts are bound as UTF-16 (SQLite converts them
/// natively), and no data reader is created per execution: the binding and reader work that dominates these small
/// statements through ADO.NET. Errors surface as <see cref="SqliteException"/>, like every other statement's.
/// </summary>
internal sealed class SqliteWriteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string[] _names;
    private readonly int[] _indexes;
    private int _count;

    public SqliteWriteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        var rc = raw.sqlite3_prepare_v3(_db, sql, (uint)raw.SQLITE_PREPARE_PERSISTENT, out _statement, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }

        if (!string.IsNullOrWhiteSpace(tail))
        {
            _statement.Dispose();
            throw new ArgumentException("A write statement must be a single SQL statement.", nameof(sql));
        }

        var parameters = raw.sqlite3_bind_parameter_count(_statement);
        _names = new string[parameters];
        _indexes = new int[parameters];
    }

    public SqliteWriteStatement Set(string name, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, IndexOf(name), value));
        return this;
    }

    public SqliteWriteStatement Set(string name, int value) => Set(name, (long)value);

    public SqliteWriteStatement Set(string name, string? value)
    {
        var index = IndexOf(name);
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));
        return this;
    }

    /// <summary>Binds a value of the kinds the store writes: null or <see cref="DBNull"/>, an integer, or a text.</summary>
    public SqliteWriteStatement Set(string name, object? value) => value switch
    {
        null or DBNull => Set(name, (string?)null),
        long number => Set(name, number),
        int number => Set(name, (long)number),
        string text => Set(name, text),
        _ => throw new ArgumentException($"Parameter {name} has a value of type {value.GetType()}, which the store does not write.", nameof(value)),
    };

    /// <summary>Runs the statement to completion.</summary>
    /// <returns>The number of rows the statement inserted, updated or deleted.</returns>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Error(rc);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int IndexOf(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_names[i], name))
            {
                return _indexes[i];
            }
        }

        return Resolve(name);
    }

    private int Resolve(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return _indexes[i];
            }
        }

        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        if (index == 0 || _count == _names.Length)
        {
            throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
        }

        _names[_count] = name;
        _indexes[_count] = index;
        _count++;
        return index;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
}

using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>
/// One open connection with its per-connection settings applied and its statements cached: a cached statement stays
/// prepared, so hot statements are compiled once per connection. The store's SQL texts are constants, so the caches are
/// keyed by reference (no hashing of long SQL texts per call).
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SqliteWriteStatement> _statements = new(ReferenceEqualityComparer.Instance);
    private SqliteBalanceStatement? _balance;

    public SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Gets or sets a value indicating whether the connection failed in a way that makes it unfit for reuse.</summary>
    public bool IsBroken { get; set; }

    /// <summary>Gets the cached command for a statement; its parameters keep their last values until set again.</summary>
    /// <param name="sql">One of the store's constant SQL texts (<see cref="SqliteStatements"/>); other SQL is not cached here.</param>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(Constant(sql), command);
        }

        return command;
    }

    /// <summary>Gets the cached write statement for a statement run without results; its bindings keep their last values until set again.</summary>
    /// <param name="sql">One of the store's constant SQL texts (<see cref="SqliteStatements"/>).</param>
    public SqliteWriteStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteWriteStatement(Connection, sql);
            _statements.Add(Constant(sql), statement);
        }

        return statement;
    }

    /// <summary>Gets the hot balance read, prepared on first use.</summary>
    public SqliteBalanceStatement Balance => _balance ??= new SqliteBalanceStatement(Connection);

    /// <summary>Runs a statement without results (cached).</summary>
    public int Execute(string sql) => Statement(sql).Execute();

    public void Dispose()
    {
        _balance?.Dispose();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _statements.Clear();
        _commands.Clear();
        Connection.Dispose();
    }

    // The caches are keyed by reference: a text built at run time would add an entry per call, so only constants
    // (interned by the compiler) may be cached.
    private static string Constant(string sql) =>
        string.IsInterned(sql) is { } interned && ReferenceEquals(interned, sql)
            ? sql
            : throw new ArgumentException("Only the store's constant SQL texts are cached; run other SQL on a command of its own.", nameof(sql));
}

using Microsoft.Data.Sqlite;

namespace Loyalty.Sqlite.Storage;

/// <summary>
/// One open connection with its per-connection settings applied and its commands cached: a cached command keeps its
/// prepared statement, so hot statements are compiled once per connection.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteBalanceStatement? _balance;

    public SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Gets or sets a value indicating whether the connection failed in a way that makes it unfit for reuse.</summary>
    public bool IsBroken { get; set; }

    /// <summary>Gets the cached command for a statement; its parameters keep their last values until set again.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        return command;
    }

    /// <summary>Gets the hot balance read, prepared on first use.</summary>
    public SqliteBalanceStatement Balance => _balance ??= new SqliteBalanceStatement(Connection);

    /// <summary>Runs a statement without results (cached).</summary>
    public int Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        _balance?.Dispose();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}

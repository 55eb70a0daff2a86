using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>Parameter binding for cached commands: parameters are created on first use and then only re-valued.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Set(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.Add(new SqliteParameter(name, value ?? DBNull.Value));
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }

        return command;
    }

    public static SqliteCommand Set(this SqliteCommand command, string name, long value) => command.Set(name, (object)value);

    public static SqliteCommand Set(this SqliteCommand command, string name, int value) => command.Set(name, (object)(long)value);

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

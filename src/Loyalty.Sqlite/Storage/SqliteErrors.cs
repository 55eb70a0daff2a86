using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>Turns SQLite's errors into the library's own: busy and locked become retryable conflicts, the rest name the file.</summary>
internal static class SqliteErrors
{
    private const int Permission = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int Authorization = 23;
    private const int NotADatabase = 26;

    public static bool IsConstraint(SqliteException exception) => exception.SqliteErrorCode == 19;

    public static LoyaltyException Translate(SqliteException exception, string path) => exception.SqliteErrorCode switch
    {
        // Not transient: the busy timeout was already spent waiting, so retrying would only multiply it.
        Busy or Locked => new LoyaltyException(
            ErrorCode.ConcurrencyConflict,
            $"The SQLite database '{path}' stayed locked by another writer for longer than the busy timeout.",
            null,
            exception),
        NotADatabase => new LoyaltyException(
            ErrorCode.StoreSchemaMismatch,
            $"The file '{path}' is not a SQLite database, so it cannot be a Loyalty database. Point the connection string at a new file or an existing Loyalty database.",
            null,
            exception),
        CannotOpen => new LoyaltyException(
            ErrorCode.StoreUnavailable,
            $"Cannot open or create the SQLite database '{path}': check that its folder exists and that this process may write to it.",
            null,
            exception),
        ReadOnly or Permission or Authorization => new LoyaltyException(
            ErrorCode.StoreUnavailable,
            $"The SQLite database '{path}' cannot be written: the file, its folder or the connection (Mode=ReadOnly) is read-only.",
            null,
            exception),
        Full => new LoyaltyException(ErrorCode.StoreUnavailable, $"The disk holding the SQLite database '{path}' is full.", null, exception),
        IoError or Corrupt => new LoyaltyException(
            ErrorCode.StoreUnavailable,
            $"The SQLite database '{path}' could not be read or written ({exception.Message}).",
            null,
            exception),
        _ => new LoyaltyException(ErrorCode.StoreUnavailable, $"The SQLite database '{path}' failed: {exception.Message}", null, exception),
    };
}

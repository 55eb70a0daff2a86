using System.Net.Sockets;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Errors;

/// <summary>
/// Translates provider failures into <see cref="LoyaltyException"/>s with the provider exception attached: lock
/// conflicts become transient <see cref="ErrorCode.ConcurrencyConflict"/>s (the engine retries them), connection,
/// credential and permission problems <see cref="ErrorCode.StoreUnavailable"/>, missing tables
/// <see cref="ErrorCode.StoreSchemaMismatch"/>.
/// </summary>
internal static class StoreErrors
{
    /// <summary>Tells whether an exception comes from the provider (and is translated) rather than from the caller.</summary>
    public static bool IsProviderFailure(Exception exception) => exception is NpgsqlException;

    public static LoyaltyException Translate(Exception exception, StoreTarget target, string operation) => exception switch
    {
        LoyaltyException loyalty => loyalty,
        PostgresException postgres => FromServer(postgres, target, operation),
        NpgsqlException { InnerException: TimeoutException } npgsql => Unavailable(
            $"{target} did not answer in time while {operation} (command timeout, or no pooled connection became free): {npgsql.Message}", npgsql),
        NpgsqlException { InnerException: SocketException socket } npgsql => Unavailable(
            $"Could not reach {target} while {operation}: {socket.Message}. Check the host, port and that the server is running.", npgsql),
        _ => Unavailable($"{target} failed while {operation}: {exception.Message}", exception),
    };

    public static LoyaltyException Transient(string message, Exception? cause = null) =>
        new(ErrorCode.ConcurrencyConflict, message, null, cause) { IsTransient = true };

    public static LoyaltyException SchemaMismatch(StoreTarget target, string problem, Exception? cause = null) =>
        new(ErrorCode.StoreSchemaMismatch, $"{target}: {problem}", null, cause);

    private static LoyaltyException FromServer(PostgresException error, StoreTarget target, string operation)
    {
        var state = error.SqlState;
        return state switch
        {
            SqlStates.SerializationFailure => Transient($"{target} reported a serialization failure while {operation}: {error.MessageText}", error),
            SqlStates.DeadlockDetected => Transient($"{target} detected a deadlock while {operation}: {error.MessageText}", error),
            SqlStates.LockNotAvailable => Transient($"{target}: a lock was not granted within the lock timeout while {operation}: {error.MessageText}", error),
            SqlStates.InvalidPassword or SqlStates.InvalidAuthorization => Unavailable(
                $"{target} rejected the credentials while {operation}: {error.MessageText}. Check the user name and password of the connection string.", error),
            SqlStates.InsufficientPrivilege => Unavailable(
                $"{target} denied a permission while {operation}: {error.MessageText}. The role needs USAGE and CREATE on the schema, SELECT, INSERT, UPDATE and DELETE on its tables, and CREATE on the database if the schema does not exist yet.", error),
            SqlStates.InvalidCatalogName => Unavailable($"{target}: the database does not exist ({error.MessageText}).", error),
            SqlStates.InvalidSchemaName or SqlStates.UndefinedTable or SqlStates.UndefinedColumn or SqlStates.UndefinedFunction => SchemaMismatch(
                target, $"the schema is missing a table, column or function the store uses while {operation} ({error.MessageText}); was the schema changed or dropped after the store started?", error),
            SqlStates.QueryCanceled => Unavailable($"{target} canceled a statement while {operation} (statement timeout or an administrator's request): {error.MessageText}", error),
            _ when SqlStates.IsUnavailable(state) => Unavailable($"{target} is unavailable while {operation}: {error.MessageText}", error),
            _ => Unavailable($"{target} failed while {operation}: {state} {error.MessageText}", error),
        };
    }

    private static LoyaltyException Unavailable(string message, Exception cause) =>
        new(ErrorCode.StoreUnavailable, message, null, cause);
}

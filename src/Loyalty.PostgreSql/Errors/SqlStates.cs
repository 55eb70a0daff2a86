namespace Loyalty.Storage.PostgreSql.Errors;

/// <summary>The PostgreSQL error codes (SQLSTATE) the store reacts to.</summary>
internal static class SqlStates
{
    public const string SerializationFailure = "40001";
    public const string DeadlockDetected = "40P01";
    public const string LockNotAvailable = "55P03";
    public const string InvalidPassword = "28P01";
    public const string InvalidAuthorization = "28000";
    public const string InsufficientPrivilege = "42501";
    public const string InvalidCatalogName = "3D000";
    public const string InvalidSchemaName = "3F000";
    public const string UndefinedTable = "42P01";
    public const string UndefinedColumn = "42703";
    public const string UndefinedFunction = "42883";
    public const string UniqueViolation = "23505";
    public const string QueryCanceled = "57014";
    public const string DivisionByZero = "22012";

    /// <summary>Connection exceptions (class 08), insufficient resources (53), operator intervention (57P) and system errors (58).</summary>
    public static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57P", StringComparison.Ordinal)
        || sqlState.StartsWith("58", StringComparison.Ordinal);
}

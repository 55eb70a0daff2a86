namespace Loyalty.Storage.PostgreSql;

/// <summary>
/// Settings of the PostgreSQL store. Plain mutable options: set them in the <c>configure</c> callback of
/// <c>UsePostgreSql(…)</c> or pass an instance to <see cref="PostgreSqlLoyaltyStore"/>; they are validated when the
/// store is created, and an invalid value fails with a message that names the option.
/// </summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The longest schema name PostgreSQL accepts (identifiers are truncated beyond 63 bytes).</summary>
    public const int MaxSchemaNameLength = 63;

    /// <summary>
    /// Gets or sets the PostgreSQL schema that holds the store's tables: lower-case ASCII letters, digits and '_',
    /// starting with a letter or '_', at most 63 characters. The schema is created on first start when it does not
    /// exist (the role then needs CREATE on the database); an existing schema must be empty or a Loyalty schema.
    /// <value>The default value is <c>loyalty</c>.</value>
    /// </summary>
    public string SchemaName { get; set; } = "loyalty";

    /// <summary>
    /// Gets or sets how long one command may run before the client cancels it, in whole seconds. A command that times
    /// out fails with <see cref="ErrorCode.StoreUnavailable"/>.
    /// <value>The default value is 30 seconds.</value>
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long a write waits for another writer's lock on the same member (PostgreSQL's
    /// <c>lock_timeout</c>, set for the store's transactions only) before it gives up; the engine then retries the
    /// write a bounded number of times. <see cref="TimeSpan.Zero"/> waits without limit (up to
    /// <see cref="CommandTimeout"/>).
    /// <value>The default value is 10 seconds.</value>
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets a value indicating whether the hot paths (member lock, balance reads, ledger writes) use
    /// server-side prepared statements. Turn it off behind a connection pooler in transaction mode that cannot keep
    /// prepared statements (for example PgBouncer before 1.21).
    /// <value>The default value is <see langword="true"/>.</value>
    /// </summary>
    public bool PrepareStatements { get; set; } = true;

    /// <summary>Checks every option and throws an exception naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        if (!IsValidSchemaName(SchemaName))
        {
            throw Invalid($"{nameof(SchemaName)} must be 1 to {MaxSchemaNameLength} lower-case ASCII letters, digits or '_', starting with a letter or '_' (was '{SchemaName}')");
        }

        if (SchemaName.StartsWith("pg_", StringComparison.Ordinal))
        {
            throw Invalid($"{nameof(SchemaName)} must not start with 'pg_', which PostgreSQL reserves (was '{SchemaName}')");
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CommandTimeout.Ticks % TimeSpan.TicksPerSecond != 0 || CommandTimeout > TimeSpan.FromDays(1))
        {
            throw Invalid($"{nameof(CommandTimeout)} must be a whole number of seconds between 1 second and 1 day (was {CommandTimeout})");
        }

        if (LockTimeout < TimeSpan.Zero || LockTimeout.Ticks % TimeSpan.TicksPerMillisecond != 0 || LockTimeout > CommandTimeout)
        {
            throw Invalid($"{nameof(LockTimeout)} must be a whole number of milliseconds between zero and {nameof(CommandTimeout)} ({CommandTimeout}) (was {LockTimeout})");
        }
    }

    /// <summary>Returns a copy, so that later changes to this instance do not reach a store already created.</summary>
    internal PostgreSqlStoreOptions Clone() => new()
    {
        SchemaName = SchemaName,
        CommandTimeout = CommandTimeout,
        LockTimeout = LockTimeout,
        PrepareStatements = PrepareStatements,
    };

    private static bool IsValidSchemaName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxSchemaNameLength || !(char.IsAsciiLetterLower(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static ArgumentException Invalid(string rule) => new($"PostgreSqlStoreOptions.{rule}.");
}

namespace Loyalty.Storage.PostgreSql.Tables;

/// <summary>Every statement of the store, written once for its schema when the store is created.</summary>
internal sealed class StoreStatements
{
    public StoreStatements(string schemaName)
    {
        Schema = Quote(schemaName);
        Members = new MembersTable(Schema);
        History = new HistoryTable(Schema);
        Balances = new BalancesTable(Schema);
        Lots = new LotsTable(Schema);
        OpenHolds = new OpenHoldsTable(Schema);
        Lookups = new LookupsTable(Schema);
        Idempotency = new IdempotencyTable(Schema);
        Outbox = new OutboxTable(Schema);
        MemberLock = new MemberLockStatements(schemaName);
        Rename = new RenameStatements(Schema);
        Maintenance = new MaintenanceStatements(Schema);
        Snapshots = new SnapshotStatements(Schema);
        Guarded = new GuardedStatements(Members, Lookups, Idempotency);
    }

    /// <summary>Gets the quoted schema name.</summary>
    public string Schema { get; }

    public MembersTable Members { get; }

    public HistoryTable History { get; }

    public BalancesTable Balances { get; }

    public LotsTable Lots { get; }

    public OpenHoldsTable OpenHolds { get; }

    public LookupsTable Lookups { get; }

    public IdempotencyTable Idempotency { get; }

    public OutboxTable Outbox { get; }

    public MemberLockStatements MemberLock { get; }

    public RenameStatements Rename { get; }

    public MaintenanceStatements Maintenance { get; }

    public SnapshotStatements Snapshots { get; }

    /// <summary>Gets the conditional statements of a change set in the form that fails instead of affecting no row.</summary>
    public GuardedStatements Guarded { get; }

    /// <summary>Quotes an identifier for SQL text.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

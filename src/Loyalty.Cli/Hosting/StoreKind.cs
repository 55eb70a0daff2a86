namespace Loyalty.Cli.Hosting;

/// <summary>The kinds of store the tool can open.</summary>
internal enum StoreKind
{
    /// <summary>A SQLite database file (<c>--db</c>).</summary>
    Sqlite = 1,

    /// <summary>A PostgreSQL database (<c>--postgres</c>).</summary>
    PostgreSql = 2,
}

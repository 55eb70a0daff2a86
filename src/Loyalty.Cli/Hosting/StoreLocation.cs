using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Cli.Hosting;

/// <summary>The store a command works on, as the command line names it.</summary>
/// <param name="Kind">The kind of store.</param>
/// <param name="Target">The SQLite file's full path, or the PostgreSQL connection string.</param>
internal sealed record StoreLocation(StoreKind Kind, string Target)
{
    /// <summary>A SQLite database file.</summary>
    /// <param name="path">The file's full path.</param>
    public static StoreLocation SqliteFile(string path) => new(StoreKind.Sqlite, path);

    /// <summary>A PostgreSQL database.</summary>
    /// <param name="connectionString">The connection string.</param>
    public static StoreLocation PostgreSql(string connectionString) => new(StoreKind.PostgreSql, connectionString);

    /// <summary>Gets how output names the store: the SQLite file's name, or "PostgreSQL" (never the connection string, which may hold a password).</summary>
    public string Description => Kind == StoreKind.Sqlite ? Path.GetFileName(Target) : "PostgreSQL";

    /// <summary>Registers the store on the engine's builder.</summary>
    /// <param name="builder">The builder.</param>
    public void Register(ILoyaltyBuilder builder)
    {
        switch (Kind)
        {
            case StoreKind.Sqlite:
                builder.UseSqlite(new SqliteConnectionStringBuilder { DataSource = Target }.ToString());
                break;
            case StoreKind.PostgreSql:
                builder.UsePostgreSql(Target);
                break;
            default:
                throw new InvalidOperationException($"Unknown store kind {Kind}.");
        }
    }
}

using Loyalty.Configuration;
using Loyalty.Storage.Sqlite;
using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Loyalty.Benchmarks;

/// <summary>Builds an engine over a given store, as a host app would.</summary>
internal static class EngineFactory
{
    public const string ProgramId = "bench";

    public static (ILoyaltyEngine Engine, ServiceProvider Provider) Create(Action<ILoyaltyBuilder> useStore, Action<LoyaltyOptions>? configure = null, IClock? clock = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        var builder = services.AddLoyalty(options =>
        {
            options.ProgramId = ProgramId;
            options.Ledger.BackgroundMaintenance = false;
            configure?.Invoke(options);
        });
        useStore(builder);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ILoyaltyEngine>(), provider);
    }

    public static (ILoyaltyEngine Engine, ServiceProvider Provider) InMemory(Action<LoyaltyOptions>? configure = null) =>
        Create(builder => builder.UseInMemory(), configure);

    /// <summary>An engine over the SQLite store on a database file (WAL; created and migrated on first use).</summary>
    public static (ILoyaltyEngine Engine, ServiceProvider Provider) Sqlite(
        string connectionString,
        SqliteSynchronousMode synchronous = SqliteSynchronousMode.Normal,
        Action<LoyaltyOptions>? configure = null,
        IClock? clock = null) =>
        Create(builder => builder.UseSqlite(connectionString, o => o.Synchronous = synchronous), configure, clock);

    /// <summary>An engine over the PostgreSQL store with the store's defaults (schema <c>loyalty</c>, migrated on first use).</summary>
    public static (ILoyaltyEngine Engine, ServiceProvider Provider) PostgreSql(string connectionString, Action<LoyaltyOptions>? configure = null) =>
        Create(builder => builder.UsePostgreSql(connectionString), configure);
}

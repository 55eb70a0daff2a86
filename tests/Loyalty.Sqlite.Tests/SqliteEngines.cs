using Loyalty.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Sqlite.Tests;

/// <summary>Engines over a SQLite file for the store-specific tests, built the way a host builds them.</summary>
public sealed class SqliteEngines : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public ILoyaltyEngine Create(string path, string programId, Action<SqliteStoreOptions>? configure = null) =>
        CreateFromConnectionString($"Data Source={path}", programId, configure);

    public ILoyaltyEngine CreateFromConnectionString(string connectionString, string programId, Action<SqliteStoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLoyalty(options => options.ProgramId = programId).UseSqlite(connectionString, configure);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ILoyaltyEngine>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}

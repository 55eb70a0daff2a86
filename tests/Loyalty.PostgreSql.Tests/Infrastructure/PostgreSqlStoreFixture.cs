using Loyalty.Storage;
using Loyalty.Storage.PostgreSql;
using Loyalty.StoreContract;

namespace Loyalty.PostgreSql.Tests.Infrastructure;

/// <summary>
/// The store under test for one test class: a database of its own on the run's server, with the schema migrated. Each
/// <see cref="CreateStore"/> is another app instance: a store with its own connection pool over the same database.
/// </summary>
public sealed class PostgreSqlStoreFixture(PostgreSqlServer server) : IStoreFixture, IAsyncLifetime
{
    private readonly List<PostgreSqlLoyaltyStore> _stores = [];
    private PostgreSqlLoyaltyStore? _store;

    public PostgreSqlServer Server => server;

    /// <summary>Gets the connection string of the class's database (as the superuser).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public ILoyaltyStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateDatabaseAsync();
        _store = NewStore();
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public ILoyaltyStore CreateStore() => NewStore();

    /// <summary>Creates another database on the server with the store's schema migrated, and returns its connection string.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var database = await server.CreateDatabaseAsync();
        await using var owner = new PostgreSqlLoyaltyStore(database);
        await owner.InitializeAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Creates another store over the class's database (disposed with the fixture).</summary>
    public PostgreSqlLoyaltyStore NewStore(PostgreSqlStoreOptions? options = null, int maxPoolSize = 50)
    {
        var store = new PostgreSqlLoyaltyStore(server.ConnectionString(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database!, maxPoolSize), options);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}

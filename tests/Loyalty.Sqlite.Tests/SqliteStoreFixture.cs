using Loyalty.Storage.Sqlite;
using Loyalty.Storage;
using Loyalty.StoreContract;

namespace Loyalty.Sqlite.Tests;

/// <summary>A fresh database file per test class; "another app instance" is another store over the same file.</summary>
public sealed class SqliteStoreFixture : IStoreFixture, IDisposable
{
    private readonly List<SqliteLoyaltyStore> _stores = [];

    public SqliteStoreFixture()
    {
        Directory = TempDirectory.Create();
        Path = System.IO.Path.Combine(Directory.Path, "loyalty.db");
        Store = CreateStore();
    }

    public TempDirectory Directory { get; }

    public string Path { get; }

    public ILoyaltyStore Store { get; }

    public ILoyaltyStore CreateStore()
    {
        var store = new SqliteLoyaltyStore(new SqliteStoreOptions { ConnectionString = $"Data Source={Path}" });
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        Directory.Dispose();
    }
}

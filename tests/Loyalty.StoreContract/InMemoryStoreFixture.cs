using Loyalty.Storage;
using Loyalty.Storage.InMemory;

namespace Loyalty.StoreContract;

/// <summary>The in-memory store: one instance; "another instance" is the same one, as memory cannot be shared otherwise.</summary>
public sealed class InMemoryStoreFixture : IStoreFixture
{
    private readonly InMemoryLoyaltyStore _store = new();

    public ILoyaltyStore Store => _store;

    public ILoyaltyStore CreateStore() => _store;
}

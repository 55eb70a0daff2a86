using Loyalty.Storage;

namespace Loyalty.StoreContract;

/// <summary>A store under test, shared by the tests of one class (each test uses its own program id).</summary>
public interface IStoreFixture
{
    /// <summary>Gets the store instance the tests share.</summary>
    ILoyaltyStore Store { get; }

    /// <summary>Creates another store instance over the same data (another "app instance"); the caller disposes it if disposable.</summary>
    ILoyaltyStore CreateStore();
}

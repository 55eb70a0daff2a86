namespace Loyalty.Storage.InMemory;

/// <summary>A unique value taken by a transaction: reserved at apply, visible once committed, removed on rollback.</summary>
/// <remarks>
/// The claim forgets its transaction when it commits: a committed claim lives as long as the store, and keeping the
/// transaction reachable from it would keep everything the transaction staged (states, lists) alive with it.
/// </remarks>
internal sealed class Claim<T>(T value, object owner)
{
    private volatile object? _owner = owner;

    public T Value { get; } = value;

    public bool IsCommitted => _owner is null;

    /// <summary>Tells whether the claim is still uncommitted and held by <paramref name="transaction"/>.</summary>
    public bool IsHeldBy(object transaction) => ReferenceEquals(_owner, transaction);

    public void Commit() => _owner = null;
}

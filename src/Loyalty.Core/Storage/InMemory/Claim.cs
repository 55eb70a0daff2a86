namespace Loyalty.Storage.InMemory;

/// <summary>A unique value taken by a transaction: reserved at apply, visible once committed, removed on rollback.</summary>
internal sealed class Claim<T>(T value, object owner)
{
    private volatile bool _committed;

    public T Value { get; } = value;

    /// <summary>Gets the transaction that took the value.</summary>
    public object Owner { get; } = owner;

    public bool IsCommitted => _committed;

    public void Commit() => _committed = true;
}

namespace Loyalty.Storage;

/// <summary>What a change set that fails does to the rest of its store transaction.</summary>
public enum StoreTransactionMode
{
    /// <summary>
    /// Everything or nothing: a refused change set aborts the transaction (every later call, up to and including
    /// <see cref="IStoreTransaction.CommitAsync"/>, throws the refusal's code, and nothing of the transaction is written).
    /// A store may send a change set with the transaction's next command, so the refusal surfaces from
    /// <see cref="IStoreTransaction.ApplyAsync"/> or from a later call, at the latest from the commit. A store needs no
    /// savepoint per change set, so this is the cheaper mode: the engine uses it for one-member writes and maintenance
    /// pages, which fail as a whole anyway.
    /// </summary>
    AllOrNothing,

    /// <summary>
    /// Each change set stands alone: when <see cref="IStoreTransaction.ApplyAsync"/> throws, none of that change set is
    /// applied and the transaction stays usable for the others (batch writes report the failure for that row only).
    /// </summary>
    IsolatedChangeSets,
}

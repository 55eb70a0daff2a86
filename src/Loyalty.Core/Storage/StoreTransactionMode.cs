namespace Loyalty.Storage;

/// <summary>What a change set that fails does to the rest of its store transaction.</summary>
public enum StoreTransactionMode
{
    /// <summary>
    /// Everything or nothing: once <see cref="IStoreTransaction.ApplyAsync"/> throws, the transaction is aborted (every
    /// later <see cref="IStoreTransaction.ApplyAsync"/> and <see cref="IStoreTransaction.CommitAsync"/> throws and nothing
    /// of it is written). A store needs no savepoint per change set, so this is the cheaper mode: the engine uses it for
    /// one-member writes and maintenance pages, which fail as a whole anyway.
    /// </summary>
    AllOrNothing,

    /// <summary>
    /// Each change set stands alone: when <see cref="IStoreTransaction.ApplyAsync"/> throws, none of that change set is
    /// applied and the transaction stays usable for the others (batch writes report the failure for that row only).
    /// </summary>
    IsolatedChangeSets,
}

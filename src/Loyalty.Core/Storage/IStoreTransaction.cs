using Loyalty.Ledger;
using NodaTime;

namespace Loyalty.Storage;

/// <summary>
/// A unit of work over one or more members of one program. Members are locked as they are loaded; nothing is
/// visible to others before <see cref="CommitAsync"/>; disposing without committing rolls everything back.
/// </summary>
/// <remarks>
/// What a failed <see cref="ApplyAsync"/> leaves depends on the <see cref="StoreTransactionMode"/> the transaction was
/// started with: with <see cref="StoreTransactionMode.IsolatedChangeSets"/>, none of that change set is applied and the
/// transaction stays usable for other members; with <see cref="StoreTransactionMode.AllOrNothing"/>, the transaction is
/// aborted and its commit throws (and a refusal may surface only from a later call or from the commit).
/// </remarks>
public interface IStoreTransaction : IAsyncDisposable
{
    /// <summary>
    /// Locks a member for the rest of the transaction (even one that does not exist yet, so that creations of the same
    /// identifier serialize) and reads their row and the idempotency record of <paramref name="key"/>.
    /// </summary>
    /// <param name="memberId">The member.</param>
    /// <param name="key">The write's idempotency key, if it has one.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The locked member.</returns>
    ValueTask<LockedMember> LockMemberAsync(MemberId memberId, IdempotencyKey? key, CancellationToken cancellationToken);

    /// <summary>Reads a locked member's account balance (without its lots: most earns need no lots).</summary>
    /// <param name="memberId">The member, locked by this transaction.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The balance (zero for an account never used).</returns>
    ValueTask<PointsBalance> LoadBalanceAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken);

    /// <summary>Reads a locked member's account: balance and open lots.</summary>
    /// <param name="memberId">The member, locked by this transaction.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The account state (zero balance and no lots for an account never used).</returns>
    ValueTask<AccountState> LoadAccountAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken);

    /// <summary>Reads a locked member's open holds (unsettled pending earns and reservations).</summary>
    /// <param name="memberId">The member, locked by this transaction.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The open holds.</returns>
    ValueTask<IReadOnlyList<LedgerEntry>> LoadOpenHoldsAsync(MemberId memberId, CancellationToken cancellationToken);

    /// <summary>Reads a locked member's ledger entry by identifier.</summary>
    /// <param name="memberId">The member, locked by this transaction.</param>
    /// <param name="entryId">The entry.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry, or <see langword="null"/> when the member has no such entry.</returns>
    ValueTask<LedgerEntry?> LoadEntryAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken);

    /// <summary>Reads the entries of a locked member that settle or refer to an entry (whose <see cref="LedgerEntry.Settles"/> is <paramref name="entryId"/>).</summary>
    /// <param name="memberId">The member, locked by this transaction.</param>
    /// <param name="entryId">The settled entry.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries, in sequence order.</returns>
    ValueTask<IReadOnlyList<LedgerEntry>> LoadSettlementsAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken);

    /// <summary>
    /// Sums, for a locked member's account, the points of <see cref="LedgerEntryKind.Earn"/> and
    /// <see cref="LedgerEntryKind.Approve"/> entries minus <see cref="LedgerEntryKind.Reverse"/> entries that occurred at
    /// or after <paramref name="since"/>.
    /// </summary>
    /// <param name="memberId">The member.</param>
    /// <param name="account">The account.</param>
    /// <param name="since">The inclusive start of the window.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The net points earned in the window.</returns>
    ValueTask<long> SumEarnedSinceAsync(MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken);

    /// <summary>Writes a change set inside the transaction.</summary>
    /// <param name="changes">The changes of one locked member.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the changes are staged.</returns>
    /// <exception cref="LoyaltyException">
    /// <see cref="ErrorCode.DuplicateEmail"/>, <see cref="ErrorCode.DuplicateExternalReference"/> or
    /// <see cref="ErrorCode.DuplicateExternalId"/> when a lookup is taken; <see cref="ErrorCode.IdempotencyConflict"/>
    /// when the idempotency key is taken; <see cref="ErrorCode.MemberAlreadyExists"/> when a new member's identifier is
    /// taken.
    /// </exception>
    ValueTask ApplyAsync(MemberChangeSet changes, CancellationToken cancellationToken);

    /// <summary>Makes every applied change durable and visible, and releases the locks.</summary>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>A task that completes when committed.</returns>
    /// <exception cref="LoyaltyException">
    /// With <see cref="StoreTransactionMode.AllOrNothing"/>, when a change set was refused or failed (now or earlier):
    /// the code and transience of that failure; nothing is written and the transaction is rolled back.
    /// </exception>
    ValueTask CommitAsync(CancellationToken cancellationToken);
}

using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Storage;

/// <summary>
/// The persistence abstraction the engine talks to. Stores persist and lock; every rule lives in the engine. Every
/// method is scoped by program: nothing of one program is visible through another. Each store passes the shared store
/// contract test suite.
/// </summary>
/// <remarks>Reads never take member locks. Writes go through <see cref="BeginTransactionAsync"/>.</remarks>
public interface ILoyaltyStore
{
    /// <summary>Prepares the store (creates or migrates the schema). Idempotent and safe to call from many processes at once.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    ValueTask InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Starts a unit of work.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="mode">What a change set that fails does to the rest of the transaction.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The transaction.</returns>
    ValueTask<IStoreTransaction> BeginTransactionAsync(ProgramId programId, StoreTransactionMode mode, CancellationToken cancellationToken);

    /// <summary>Reads a member by identifier.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The member, or <see langword="null"/>.</returns>
    ValueTask<Member?> GetMemberAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken);

    /// <summary>Finds the member holding a lookup value (one indexed read).</summary>
    /// <param name="programId">The program.</param>
    /// <param name="key">The normalized lookup value.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The member's identifier, or <see langword="null"/>.</returns>
    ValueTask<MemberId?> FindMemberIdAsync(ProgramId programId, LookupKey key, CancellationToken cancellationToken);

    /// <summary>Lists members in ascending ordinal order of identifier, after <see cref="MemberFilter.After"/>, matching the filter.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="filter">The filter and page bounds.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>At most <see cref="MemberFilter.Limit"/> members.</returns>
    ValueTask<IReadOnlyList<Member>> ListMembersAsync(ProgramId programId, MemberFilter filter, CancellationToken cancellationToken);

    /// <summary>Reads a member's history (activities and ledger entries) in ascending sequence order.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="memberId">The member.</param>
    /// <param name="afterSequence">Only entries with a greater sequence are returned.</param>
    /// <param name="limit">The maximum number of entries.</param>
    /// <param name="ledgerOnly">Whether to return only ledger entries.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    ValueTask<IReadOnlyList<ActivityEntry>> ListHistoryAsync(ProgramId programId, MemberId memberId, long afterSequence, int limit, bool ledgerOnly, CancellationToken cancellationToken);

    /// <summary>Reads one account's balance: the hot read.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="memberId">The member.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The balance (zero for an unused account), or <see langword="null"/> when the member does not exist.</returns>
    ValueTask<PointsBalance?> GetBalanceAsync(ProgramId programId, MemberId memberId, AccountName account, CancellationToken cancellationToken);

    /// <summary>Reads the balances of every account the member has used.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The balances, in ordinal order of account name.</returns>
    ValueTask<IReadOnlyList<AccountBalance>> GetBalancesAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken);

    /// <summary>Reads a member's open lots (points remaining).</summary>
    /// <param name="programId">The program.</param>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The open lots of every account, in any order.</returns>
    ValueTask<IReadOnlyList<Lot>> ListOpenLotsAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken);

    /// <summary>Reads a member's open holds (unsettled pending earns and reservations).</summary>
    /// <param name="programId">The program.</param>
    /// <param name="memberId">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The open holds, in sequence order.</returns>
    ValueTask<IReadOnlyList<LedgerEntry>> ListOpenHoldsAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken);

    /// <summary>
    /// Sums the points of a member's <see cref="LedgerEntryKind.Earn"/> and <see cref="LedgerEntryKind.Approve"/> entries
    /// minus <see cref="LedgerEntryKind.Reverse"/> entries in an account that occurred at or after <paramref name="since"/>
    /// (the same sum as <see cref="IStoreTransaction.SumEarnedSinceAsync"/>, without a lock).
    /// </summary>
    /// <param name="programId">The program.</param>
    /// <param name="memberId">The member.</param>
    /// <param name="account">The account.</param>
    /// <param name="since">The inclusive start of the window.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The net points earned in the window (0 for an unknown member).</returns>
    ValueTask<long> SumEarnedSinceAsync(ProgramId programId, MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken);

    /// <summary>
    /// Lists members with one kind of work due at <paramref name="asOf"/>: an open hold whose
    /// <see cref="LedgerEntry.DueAt"/> is at or before it (<see cref="DueWorkKind.Holds"/>), an open lot with available
    /// points whose <see cref="Lot.ExpiresAt"/> is at or before it (<see cref="DueWorkKind.ExpiringLots"/>), or a
    /// <see cref="Member.TierReviewAt"/> at or before it (<see cref="DueWorkKind.TierReviews"/>). One kind per call, so
    /// that each call reads only that kind's rows and the job, paging through one kind at a time, reads each kind's rows
    /// about once per run (a listing merging the kinds reads a kind with nothing due left to its end on every page).
    /// </summary>
    /// <param name="programId">The program.</param>
    /// <param name="kind">The kind of due work.</param>
    /// <param name="asOf">The instant.</param>
    /// <param name="afterMemberId">Only identifiers sorting after this one (to page through the work).</param>
    /// <param name="limit">The maximum number of identifiers.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Distinct member identifiers in ascending ordinal order.</returns>
    ValueTask<IReadOnlyList<MemberId>> ListMembersWithDueWorkAsync(ProgramId programId, DueWorkKind kind, Instant asOf, MemberId? afterMemberId, int limit, CancellationToken cancellationToken);

    /// <summary>Streams every member of the program with what the snapshot feed needs, in identifier order, without loading them all.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="account">The account whose balance and expiry are reported.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The rows.</returns>
    IAsyncEnumerable<SnapshotRow> StreamSnapshotRowsAsync(ProgramId programId, AccountName account, CancellationToken cancellationToken);

    /// <summary>Reads outbox messages in position order.</summary>
    /// <param name="programId">The program.</param>
    /// <param name="afterPosition">Only messages with a greater position are returned.</param>
    /// <param name="limit">The maximum number of messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages, with <see cref="OutboxMessage.Position"/> set.</returns>
    ValueTask<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(ProgramId programId, long afterPosition, int limit, CancellationToken cancellationToken);
}

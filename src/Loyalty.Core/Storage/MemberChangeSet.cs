using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;

namespace Loyalty.Storage;

/// <summary>
/// Everything one engine decision changes for one member. The engine computes it; the store persists all of it in
/// the current transaction, or none of it.
/// </summary>
public sealed class MemberChangeSet
{
    /// <summary>Gets the member whose rows change (their identifier before any <see cref="RenameTo"/>).</summary>
    public required MemberId MemberId { get; init; }

    /// <summary>Gets the new member row, or <see langword="null"/> when the row does not change.</summary>
    public Member? Member { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Member"/> is a new row (insert) rather than an update.</summary>
    public bool IsNewMember { get; init; }

    /// <summary>Gets the member's last history sequence number after this change.</summary>
    public required long LastSequence { get; init; }

    /// <summary>Gets lookup values the member takes; a value held by another member fails with <see cref="LookupKey.DuplicateError"/>.</summary>
    public IReadOnlyList<LookupKey> AddedLookups { get; init; } = [];

    /// <summary>Gets lookup values the member releases.</summary>
    public IReadOnlyList<LookupKey> RemovedLookups { get; init; } = [];

    /// <summary>Gets new non-ledger history entries.</summary>
    public IReadOnlyList<ActivityEntry> Activities { get; init; } = [];

    /// <summary>Gets new ledger entries (appended, never changed later).</summary>
    public IReadOnlyList<LedgerEntry> Entries { get; init; } = [];

    /// <summary>Gets the new balances of the accounts that changed.</summary>
    public IReadOnlyList<AccountBalance> Balances { get; init; } = [];

    /// <summary>Gets new or changed lots (upsert by identifier); a lot with nothing remaining is closed.</summary>
    public IReadOnlyList<Lot> Lots { get; init; } = [];

    /// <summary>Gets pending earns and reservations that became open holds.</summary>
    public IReadOnlyList<LedgerEntry> OpenedHolds { get; init; } = [];

    /// <summary>Gets open holds that were settled.</summary>
    public IReadOnlyList<EntryId> ClosedHolds { get; init; } = [];

    /// <summary>Gets the idempotency record to store (its key must be new to the program).</summary>
    public IdempotencyRecord? Idempotency { get; init; }

    /// <summary>Gets the domain events to append to the outbox.</summary>
    public IReadOnlyList<OutboxMessage> Events { get; init; } = [];

    /// <summary>
    /// Gets, for an anonymizing opt-out, the identifier every row of the member moves to after the rest of the change
    /// is applied. The member's lookups are released and the old identifier becomes free for a new profile.
    /// </summary>
    public MemberId? RenameTo { get; init; }
}

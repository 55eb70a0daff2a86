using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Storage;
using NodaTime;

namespace Loyalty.Engine;

/// <summary>
/// One member's write inside a store transaction: the locked state, and the changes the engine's decision adds,
/// turned into one <see cref="MemberChangeSet"/>.
/// </summary>
internal sealed class MemberWrite
{
    private readonly List<ActivityEntry> _activities = [];
    private readonly List<LedgerEntry> _entries = [];
    private readonly Dictionary<AccountName, PointsBalance> _balances = [];
    private readonly Dictionary<EntryId, Lot> _lots = [];
    private readonly List<LedgerEntry> _openedHolds = [];
    private readonly List<EntryId> _closedHolds = [];
    private readonly List<LookupKey> _addedLookups = [];
    private readonly List<LookupKey> _removedLookups = [];
    private readonly List<OutboxMessage> _events = [];
    private long _sequence;
    private bool _memberChanged;

    public MemberWrite(IStoreTransaction transaction, MemberId memberId, LockedMember locked, Instant now)
    {
        Transaction = transaction;
        MemberId = memberId;
        Member = locked.Member;
        Idempotency = locked.Idempotency;
        _sequence = locked.LastSequence;
        Now = now;
    }

    public IStoreTransaction Transaction { get; }

    public MemberId MemberId { get; }

    public Instant Now { get; }

    /// <summary>Gets the member as the decision has left it so far (null when absent).</summary>
    public Member? Member { get; private set; }

    public IdempotencyRecord? Idempotency { get; }

    public bool IsNewMember { get; private set; }

    public IdempotencyRecord? NewIdempotency { get; set; }

    public MemberId? RenameTo { get; set; }

    public bool HasChanges => _memberChanged || _entries.Count > 0 || _activities.Count > 0 || _lots.Count > 0 || _balances.Count > 0 || _closedHolds.Count > 0;

    public Member RequireMember() => Member ?? throw Errors.MemberNotFound(MemberId);

    public long NextSequence() => ++_sequence;

    public void CreateMember(Member member)
    {
        Member = member;
        IsNewMember = true;
        _memberChanged = true;
    }

    public void SetMember(Member member)
    {
        Member = member;
        _memberChanged = true;
    }

    public void AddActivity(ActivityEntry activity) => _activities.Add(activity);

    public void AddEntry(LedgerEntry entry) => _entries.Add(entry);

    public IReadOnlyList<LedgerEntry> Entries => _entries;

    /// <summary>Gets the accounts the decision loaded, with their working lots and balances.</summary>
    public Dictionary<AccountName, AccountWork> Accounts { get; } = [];

    /// <summary>Writes the working balances and changed lots of every loaded account into the change set.</summary>
    public void FlushAccounts()
    {
        foreach (var work in Accounts.Values)
        {
            work.Flush(this);
        }
    }

    public void SetBalance(AccountName account, PointsBalance balance) => _balances[account] = balance;

    public void SetLot(Lot lot) => _lots[lot.Id] = lot;

    public void OpenHold(LedgerEntry entry) => _openedHolds.Add(entry);

    public void CloseHold(EntryId entryId) => _closedHolds.Add(entryId);

    public void AddLookup(LookupKey key) => _addedLookups.Add(key);

    public void RemoveLookup(LookupKey key) => _removedLookups.Add(key);

    public void AddEvent(string type, string payload) => _events.Add(new OutboxMessage
    {
        EventId = Guid.NewGuid(),
        Type = type,
        MemberId = MemberId,
        OccurredAt = Now,
        Payload = payload,
    });

    public MemberChangeSet Build() => new()
    {
        MemberId = MemberId,
        Member = _memberChanged ? Member : null,
        IsNewMember = IsNewMember,
        LastSequence = _sequence,
        AddedLookups = _addedLookups,
        RemovedLookups = _removedLookups,
        Activities = _activities,
        Entries = _entries,
        Balances = _balances.Select(pair => new AccountBalance(pair.Key, pair.Value)).ToArray(),
        Lots = _lots.Values.ToArray(),
        OpenedHolds = _openedHolds,
        ClosedHolds = _closedHolds,
        Idempotency = NewIdempotency,
        Events = _events,
        RenameTo = RenameTo,
    };
}

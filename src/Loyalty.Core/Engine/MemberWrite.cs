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
    // Created on first use: most writes touch few of them.
    private List<ActivityEntry>? _activities;
    private List<LedgerEntry>? _entries;
    private Dictionary<AccountName, PointsBalance>? _balances;
    private Dictionary<EntryId, Lot>? _lots;
    private List<LedgerEntry>? _openedHolds;
    private List<EntryId>? _closedHolds;
    private List<LookupKey>? _addedLookups;
    private List<LookupKey>? _removedLookups;
    private List<OutboxMessage>? _events;
    private Dictionary<AccountName, AccountWork>? _accounts;
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

    public bool HasChanges => _memberChanged || _entries is not null || _activities is not null || _lots is not null || _balances is not null || _closedHolds is not null;

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

    public void AddActivity(ActivityEntry activity) => (_activities ??= []).Add(activity);

    public void AddEntry(LedgerEntry entry) => (_entries ??= []).Add(entry);

    public IReadOnlyList<LedgerEntry> Entries => (IReadOnlyList<LedgerEntry>?)_entries ?? [];

    /// <summary>Gets the accounts the decision loaded, with their working lots and balances.</summary>
    public Dictionary<AccountName, AccountWork> Accounts => _accounts ??= [];

    /// <summary>Writes the working balances and changed lots of every loaded account into the change set.</summary>
    public void FlushAccounts()
    {
        foreach (var work in _accounts?.Values ?? Enumerable.Empty<AccountWork>())
        {
            work.Flush(this);
        }
    }

    public void SetBalance(AccountName account, PointsBalance balance) => (_balances ??= [])[account] = balance;

    public void SetLot(Lot lot) => (_lots ??= [])[lot.Id] = lot;

    public void OpenHold(LedgerEntry entry) => (_openedHolds ??= []).Add(entry);

    public void CloseHold(EntryId entryId) => (_closedHolds ??= []).Add(entryId);

    public void AddLookup(LookupKey key) => (_addedLookups ??= []).Add(key);

    public void RemoveLookup(LookupKey key) => (_removedLookups ??= []).Add(key);

    public void AddEvent(string type, string payload) => (_events ??= []).Add(new OutboxMessage
    {
        EventId = RandomGuid.New(),
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
        AddedLookups = (IReadOnlyList<LookupKey>?)_addedLookups ?? [],
        RemovedLookups = (IReadOnlyList<LookupKey>?)_removedLookups ?? [],
        Activities = (IReadOnlyList<ActivityEntry>?)_activities ?? [],
        Entries = Entries,
        Balances = _balances?.Select(pair => new AccountBalance(pair.Key, pair.Value)).ToArray() ?? [],
        Lots = _lots?.Values.ToArray() ?? [],
        OpenedHolds = (IReadOnlyList<LedgerEntry>?)_openedHolds ?? [],
        ClosedHolds = (IReadOnlyList<EntryId>?)_closedHolds ?? [],
        Idempotency = NewIdempotency,
        Events = (IReadOnlyList<OutboxMessage>?)_events ?? [],
        RenameTo = RenameTo,
    };
}

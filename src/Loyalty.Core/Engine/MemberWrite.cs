using System.Diagnostics.CodeAnalysis;
using Loyalty.Collections;
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
    // Held inline or created on first use: most writes add one entry and one event to one account, or nothing.
    private SmallList<ActivityEntry> _activities;
    private SmallList<LedgerEntry> _entries;
    private LedgerEntry[]? _entryArray;
    private SmallList<OutboxMessage> _events;
    private List<LedgerEntry>? _openedHolds;
    private List<EntryId>? _closedHolds;
    private List<LookupKey>? _addedLookups;
    private List<LookupKey>? _removedLookups;
    private AccountWork? _account;
    private Dictionary<AccountName, AccountWork>? _moreAccounts;
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

    public bool HasChanges => _memberChanged || _entries.Count > 0 || _activities.Count > 0 || _closedHolds is not null || AccountsChanged();

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

    public void AddEntry(LedgerEntry entry)
    {
        _entries.Add(entry);
        _entryArray = null;
    }

    /// <summary>Gets the entries added so far, in the order added (one array, shared by the result and the change set).</summary>
    public IReadOnlyList<LedgerEntry> Entries => _entryArray ??= _entries.ToArray();

    /// <summary>Finds an account the decision loaded, with its working lots and balance.</summary>
    public bool TryGetAccount(AccountName account, [NotNullWhen(true)] out AccountWork? work)
    {
        if (_account is not null && _account.Account.Equals(account))
        {
            work = _account;
            return true;
        }

        work = null;
        return _moreAccounts is not null && _moreAccounts.TryGetValue(account, out work);
    }

    public void AddAccount(AccountWork work)
    {
        if (_account is null)
        {
            _account = work;
        }
        else
        {
            (_moreAccounts ??= []).Add(work.Account, work);
        }
    }

    public void OpenHold(LedgerEntry entry) => (_openedHolds ??= []).Add(entry);

    public void CloseHold(EntryId entryId) => (_closedHolds ??= []).Add(entryId);

    public void AddLookup(LookupKey key) => (_addedLookups ??= []).Add(key);

    public void RemoveLookup(LookupKey key) => (_removedLookups ??= []).Add(key);

    public void AddEvent(string type, string payload) => _events.Add(new OutboxMessage
    {
        EventId = RandomGuid.NewTimeOrdered(Now),
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
        Activities = _activities.ToArray(),
        Entries = Entries,
        Balances = ChangedBalances(),
        Lots = ChangedLots(),
        OpenedHolds = (IReadOnlyList<LedgerEntry>?)_openedHolds ?? [],
        ClosedHolds = (IReadOnlyList<EntryId>?)_closedHolds ?? [],
        Idempotency = NewIdempotency,
        Events = _events.ToArray(),
        RenameTo = RenameTo,
    };

    private IEnumerable<AccountWork> MoreAccounts => (IEnumerable<AccountWork>?)_moreAccounts?.Values ?? [];

    private bool AccountsChanged()
    {
        if (_account is null)
        {
            return false;
        }

        return _account.HasChanges || (_moreAccounts?.Values.Any(w => w.HasChanges) ?? false);
    }

    /// <summary>The working balances that differ from the loaded ones.</summary>
    private AccountBalance[] ChangedBalances()
    {
        var count = (_account?.BalanceChanged == true ? 1 : 0) + (_moreAccounts?.Values.Count(w => w.BalanceChanged) ?? 0);
        if (count == 0)
        {
            return [];
        }

        var balances = new AccountBalance[count];
        var at = 0;
        if (_account!.BalanceChanged)
        {
            balances[at++] = new AccountBalance(_account.Account, _account.Balance);
        }

        foreach (var work in MoreAccounts)
        {
            if (work.BalanceChanged)
            {
                balances[at++] = new AccountBalance(work.Account, work.Balance);
            }
        }

        return balances;
    }

    /// <summary>The lots opened or changed in every account.</summary>
    private Lot[] ChangedLots()
    {
        var count = (_account?.ChangedLotCount ?? 0) + (_moreAccounts?.Values.Sum(w => w.ChangedLotCount) ?? 0);
        if (count == 0)
        {
            return [];
        }

        var lots = new Lot[count];
        _account!.CopyChangedLots(lots, 0);
        var at = _account.ChangedLotCount;
        foreach (var work in MoreAccounts)
        {
            work.CopyChangedLots(lots, at);
            at += work.ChangedLotCount;
        }

        return lots;
    }
}

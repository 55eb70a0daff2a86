using System.Collections.Immutable;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;

namespace Loyalty.Storage.InMemory;

/// <summary>An immutable snapshot of everything the in-memory store holds for one member.</summary>
internal sealed class MemberState
{
    public static MemberState Empty(Member member) => new(
        member, 0, [], ImmutableDictionary<EntryId, Lot>.Empty, ImmutableDictionary<EntryId, LedgerEntry>.Empty, AppendLog<ActivityEntry>.Empty);

    public MemberState(
        Member member,
        long lastSequence,
        AccountBalance[] balances,
        ImmutableDictionary<EntryId, Lot> openLots,
        ImmutableDictionary<EntryId, LedgerEntry> openHolds,
        AppendLog<ActivityEntry> history)
    {
        Member = member;
        LastSequence = lastSequence;
        Balances = balances;
        DefaultBalance = Find(balances, AccountName.Default);
        DefaultBalanceRead = new ValueTask<PointsBalance>(DefaultBalance);
        OpenLots = openLots;
        OpenHolds = openHolds;
        History = history;
    }

    public Member Member { get; }

    public long LastSequence { get; }

    /// <summary>Gets the balances, sorted by account name (ordinal).</summary>
    public AccountBalance[] Balances { get; }

    /// <summary>Gets the balance of the default account, held inline for the hot read (zero when the account is unused).</summary>
    public PointsBalance DefaultBalance { get; }

    /// <summary>
    /// Gets the hot read's answer, built once per state: a completed <see cref="ValueTask{TResult}"/> holding
    /// <see cref="DefaultBalance"/> (a value, which may be returned and awaited any number of times), so that the read is
    /// one copy from the state rather than a balance copied into a new task on the caller's stack.
    /// </summary>
    public ValueTask<PointsBalance> DefaultBalanceRead { get; }

    public ImmutableDictionary<EntryId, Lot> OpenLots { get; }

    public ImmutableDictionary<EntryId, LedgerEntry> OpenHolds { get; }

    /// <summary>Gets the member's ledger entries, oldest first (read from the history: entry lookups are rare writes' work).</summary>
    public IEnumerable<LedgerEntry> Entries
    {
        get
        {
            var history = History;
            for (var i = 0; i < history.Count; i++)
            {
                if (history[i].LedgerEntry is { } entry)
                {
                    yield return entry;
                }
            }
        }
    }

    public AppendLog<ActivityEntry> History { get; }

    public PointsBalance BalanceOf(AccountName account) => account.IsDefault ? DefaultBalance : Find(Balances, account);

    private static PointsBalance Find(AccountBalance[] balances, AccountName account)
    {
        for (var i = 0; i < balances.Length; i++)
        {
            if (balances[i].Account.Equals(account))
            {
                return balances[i].Balance;
            }
        }

        return default;
    }

    public MemberState Apply(MemberChangeSet changes)
    {
        var member = changes.Member ?? Member;
        var balances = Balances;
        foreach (var balance in changes.Balances)
        {
            balances = WithBalance(balances, balance);
        }

        var lots = OpenLots;
        foreach (var lot in changes.Lots)
        {
            lots = lot.Remaining > 0 ? lots.SetItem(lot.Id, lot) : lots.Remove(lot.Id);
        }

        var holds = changes.ClosedHolds.Count == 0 ? OpenHolds : OpenHolds.RemoveRange(changes.ClosedHolds);
        foreach (var hold in changes.OpenedHolds)
        {
            holds = holds.SetItem(hold.Id, hold);
        }

        var history = new List<ActivityEntry>(changes.Activities.Count + changes.Entries.Count);
        history.AddRange(changes.Activities);
        foreach (var entry in changes.Entries)
        {
            history.Add(new ActivityEntry
            {
                Sequence = entry.Sequence,
                Kind = ActivityKind.Ledger,
                OccurredAt = entry.OccurredAt,
                Actor = entry.Actor,
                Reason = entry.Reason,
                LedgerEntry = entry,
            });
        }

        if (changes.Activities.Count > 0 && changes.Entries.Count > 0)
        {
            history.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }
        return new MemberState(member, changes.LastSequence, balances, lots, holds, History.Append(history));
    }

    /// <summary>Returns a copy of the sorted balance array with one account's balance set.</summary>
    private static AccountBalance[] WithBalance(AccountBalance[] balances, AccountBalance balance)
    {
        for (var i = 0; i < balances.Length; i++)
        {
            if (balances[i].Account.Equals(balance.Account))
            {
                var copy = (AccountBalance[])balances.Clone();
                copy[i] = balance;
                return copy;
            }
        }

        var grown = new AccountBalance[balances.Length + 1];
        var at = 0;
        while (at < balances.Length && string.CompareOrdinal(balances[at].Account.Value, balance.Account.Value) < 0)
        {
            grown[at] = balances[at];
            at++;
        }

        grown[at] = balance;
        Array.Copy(balances, at, grown, at + 1, balances.Length - at);
        return grown;
    }

    /// <summary>Moves every record to another member identifier (anonymizing opt-out).</summary>
    public MemberState RenameTo(MemberId newId)
    {
        LedgerEntry Move(LedgerEntry e) => e with { MemberId = newId };
        var holds = OpenHolds.ToImmutableDictionary(p => p.Key, p => Move(p.Value));
        var history = new List<ActivityEntry>(History.Count);
        for (var i = 0; i < History.Count; i++)
        {
            var activity = History[i];
            history.Add(activity.LedgerEntry is null ? activity : activity with { LedgerEntry = Move(activity.LedgerEntry) });
        }

        return new MemberState(Member with { Id = newId }, LastSequence, Balances, OpenLots, holds, AppendLog<ActivityEntry>.Empty.Append(history));
    }
}

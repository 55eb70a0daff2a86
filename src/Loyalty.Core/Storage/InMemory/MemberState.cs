using System.Collections.Immutable;
using Loyalty.Ledger;
using Loyalty.Members;

namespace Loyalty.Storage.InMemory;

/// <summary>An immutable snapshot of everything the in-memory store holds for one member.</summary>
internal sealed class MemberState
{
    public static MemberState Empty(Member member) => new(
        member, 0, [], AppendLog<Lot>.Empty, ImmutableDictionary<EntryId, LedgerEntry>.Empty, AppendLog<HistoryItem>.Empty);

    public MemberState(
        Member member,
        long lastSequence,
        AccountBalance[] balances,
        AppendLog<Lot> openLots,
        ImmutableDictionary<EntryId, LedgerEntry> openHolds,
        AppendLog<HistoryItem> history)
    {
        Member = member;
        LastSequence = lastSequence;
        Balances = balances;
        DefaultBalanceRead = new ValueTask<PointsBalance>(Find(balances, AccountName.Default));
        OpenLots = openLots;
        OpenHolds = openHolds;
        History = history;
    }

    public Member Member { get; }

    public long LastSequence { get; }

    /// <summary>Gets the balances, sorted by account name (ordinal).</summary>
    public AccountBalance[] Balances { get; }

    /// <summary>
    /// Gets the balance of the default account, held inline for the hot read (zero when the account is unused): the value
    /// inside <see cref="DefaultBalanceRead"/>, so that a state holds it once.
    /// </summary>
    public PointsBalance DefaultBalance => DefaultBalanceRead.Result;

    /// <summary>
    /// Gets the hot read's answer, built once per state: a completed <see cref="ValueTask{TResult}"/> holding
    /// <see cref="DefaultBalance"/> (a value, which may be returned and awaited any number of times), so that the read is
    /// one copy from the state rather than a balance copied into a new task on the caller's stack.
    /// </summary>
    public ValueTask<PointsBalance> DefaultBalanceRead { get; }

    /// <summary>
    /// Gets the lots with points remaining, in no particular order. An award only adds a lot, so a new version shares
    /// the array of the one before; a write that changes or closes lots (a spend, an expiry) builds a new one.
    /// </summary>
    public AppendLog<Lot> OpenLots { get; }

    public ImmutableDictionary<EntryId, LedgerEntry> OpenHolds { get; }

    /// <summary>Gets the member's ledger entries, oldest first (read from the history: entry lookups are rare writes' work).</summary>
    public IEnumerable<LedgerEntry> Entries
    {
        get
        {
            var history = History;
            for (var i = 0; i < history.Count; i++)
            {
                if (history[i].Entry is { } entry)
                {
                    yield return entry;
                }
            }
        }
    }

    public AppendLog<HistoryItem> History { get; }

    /// <summary>Finds a ledger entry by identifier, searching from the newest (a replayed write looks up entries just written).</summary>
    public LedgerEntry? FindEntry(EntryId entryId)
    {
        var history = History;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Entry is { } entry && entry.Id == entryId)
            {
                return entry;
            }
        }

        return null;
    }

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
        // Indexed loops: a foreach over an interface allocates an enumerator, and this runs on every write.
        var balances = Balances;
        for (var i = 0; i < changes.Balances.Count; i++)
        {
            balances = WithBalance(balances, changes.Balances[i]);
        }

        var lots = ApplyLots(changes.Lots, changes.Entries);
        var holds = changes.ClosedHolds.Count == 0 ? OpenHolds : OpenHolds.RemoveRange(changes.ClosedHolds);
        for (var i = 0; i < changes.OpenedHolds.Count; i++)
        {
            holds = holds.SetItem(changes.OpenedHolds[i].Id, changes.OpenedHolds[i]);
        }

        return new MemberState(member, changes.LastSequence, balances, lots, holds, AppendHistory(changes));
    }

    /// <summary>
    /// Applies a change set's lots: lots opened by its own entries are appended when all of them are; otherwise the open
    /// lots are rebuilt with the changed versions in place and the closed ones left out.
    /// </summary>
    private AppendLog<Lot> ApplyLots(IReadOnlyList<Lot> changed, IReadOnlyList<LedgerEntry> entries)
    {
        var lots = OpenLots;
        if (changed.Count == 0)
        {
            return lots;
        }

        var onlyOpened = true;
        for (var i = 0; i < changed.Count && onlyOpened; i++)
        {
            onlyOpened = IsOpenedBy(changed[i], entries);
        }

        if (onlyOpened)
        {
            for (var i = 0; i < changed.Count; i++)
            {
                if (changed[i].Remaining > 0)
                {
                    lots = lots.Append(changed[i]);
                }
            }

            return lots;
        }

        var versions = new Dictionary<EntryId, Lot>(changed.Count);
        for (var i = 0; i < changed.Count; i++)
        {
            versions[changed[i].Id] = changed[i];
        }

        var rebuilt = new List<Lot>(lots.Count + changed.Count);
        for (var i = 0; i < lots.Count; i++)
        {
            var lot = versions.Remove(lots[i].Id, out var next) ? next : lots[i];
            if (lot.Remaining > 0)
            {
                rebuilt.Add(lot);
            }
        }

        for (var i = 0; i < changed.Count; i++)
        {
            if (versions.Remove(changed[i].Id) && changed[i].Remaining > 0)
            {
                rebuilt.Add(changed[i]);
            }
        }

        return AppendLog<Lot>.Empty.Append(rebuilt);
    }

    /// <summary>Tells whether a lot is opened by one of the change set's entries (a lot's identifier is its entry's).</summary>
    private static bool IsOpenedBy(Lot lot, IReadOnlyList<LedgerEntry> entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Id == lot.Id)
            {
                return true;
            }
        }

        return false;
    }

    private AppendLog<HistoryItem> AppendHistory(MemberChangeSet changes)
    {
        var activities = changes.Activities;
        var entries = changes.Entries;
        switch (activities.Count, entries.Count)
        {
            case (0, 0):
                return History;
            case (0, 1):
                return History.Append(new HistoryItem(entries[0]));
        }

        var items = new HistoryItem[activities.Count + entries.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            items[i] = new HistoryItem(activities[i]);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            items[activities.Count + i] = new HistoryItem(entries[i]);
        }

        if (activities.Count > 0 && entries.Count > 0)
        {
            Array.Sort(items, static (a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        return History.Append(items);
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
        var holds = OpenHolds.ToImmutableDictionary(p => p.Key, p => p.Value with { MemberId = newId });
        var history = new HistoryItem[History.Count];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = History[i].MoveTo(newId);
        }

        return new MemberState(Member with { Id = newId }, LastSequence, Balances, OpenLots, holds, AppendLog<HistoryItem>.Empty.Append(history));
    }
}

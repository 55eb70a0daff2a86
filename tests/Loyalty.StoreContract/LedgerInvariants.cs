using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;

namespace Loyalty.StoreContract;

/// <summary>
/// The ledger invariants, checked after every scenario: for each account, the stored balance equals the fold of the
/// member's entries; the open lots' remaining points equal spendable plus reserved; the lots' pinned points equal the
/// reserved points; open holds match pending and reserved.
/// </summary>
public static class LedgerInvariants
{
    public static PointsBalance Fold(IEnumerable<LedgerEntry> entries)
    {
        var b = default(PointsBalance);
        foreach (var e in entries)
        {
            b = e.Kind switch
            {
                LedgerEntryKind.Earn => b.Add(earned: e.Points),
                LedgerEntryKind.EarnPending => b.Add(pending: e.Points),
                LedgerEntryKind.Approve => b.Add(pending: -e.Points, earned: e.Points),
                LedgerEntryKind.Void => b.Add(pending: -e.Points),
                LedgerEntryKind.Reserve => b.Add(reserved: e.Points),
                LedgerEntryKind.Commit => b.Add(reserved: -e.Points, spent: e.Points),
                LedgerEntryKind.Release => b.Add(reserved: -e.Points),
                LedgerEntryKind.Spend => b.Add(spent: e.Points),
                LedgerEntryKind.Deduct => b.Add(deducted: e.Points),
                LedgerEntryKind.Expire => b.Add(expired: e.Points),
                LedgerEntryKind.Reverse => b.Add(earned: -e.Points),
                _ => throw new InvalidOperationException($"Unknown entry kind {e.Kind}"),
            };
        }

        return b;
    }

    public static async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(ILoyaltyEngine engine, MemberId memberId)
    {
        var entries = new List<LedgerEntry>();
        string? cursor = null;
        do
        {
            var page = await engine.GetHistoryAsync(memberId, new HistoryQuery { Limit = 500, Cursor = cursor, LedgerOnly = true });
            entries.AddRange(page.Entries.Select(e => e.LedgerEntry!));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return entries;
    }

    /// <summary>Checks every invariant of one member and returns the balances by account.</summary>
    public static async Task<IReadOnlyDictionary<AccountName, PointsBalance>> AssertAsync(ILoyaltyEngine engine, MemberId memberId)
    {
        var entries = await EntriesAsync(engine, memberId);
        var sequences = entries.Select(e => e.Sequence).ToArray();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Length, sequences.Distinct().Count());

        var lots = await engine.GetOpenLotsAsync(memberId);
        var holds = await engine.GetOpenHoldsAsync(memberId);
        var balances = await engine.GetBalancesAsync(memberId);
        var result = new Dictionary<AccountName, PointsBalance>();
        foreach (var (account, stored) in balances)
        {
            var folded = Fold(entries.Where(e => e.Account.Equals(account)));
            Assert.True(folded == stored, $"Member {memberId}, account {account}: stored {stored} but entries fold to {folded}.");
            Assert.Equal(stored, await engine.GetBalanceAsync(memberId, account));

            var accountLots = lots.Where(l => l.Account.Equals(account)).ToArray();
            Assert.All(accountLots, l => Assert.True(l.Remaining > 0 && l.Reserved >= 0 && l.Reserved <= l.Remaining && l.Remaining <= l.Points, $"bad lot {l}"));
            Assert.True(accountLots.Sum(l => l.Remaining) == stored.Spendable + stored.Reserved,
                $"Member {memberId}, account {account}: open lots hold {accountLots.Sum(l => l.Remaining)} but spendable + reserved = {stored.Spendable + stored.Reserved} ({stored}).");
            Assert.Equal(stored.Reserved, accountLots.Sum(l => l.Reserved));
            Assert.Equal(stored.Pending, holds.Where(h => h.Account.Equals(account) && h.Kind == LedgerEntryKind.EarnPending).Sum(h => h.Points));
            Assert.Equal(stored.Reserved, holds.Where(h => h.Account.Equals(account) && h.Kind == LedgerEntryKind.Reserve).Sum(h => h.Points));
            Assert.True(stored.Spendable >= 0 && stored.Pending >= 0 && stored.Reserved >= 0 && stored.Debt >= 0);
            if (stored.Debt > 0)
            {
                Assert.Equal(0, stored.Spendable);
            }

            result[account] = stored;
        }

        return result;
    }

    /// <summary>Checks every member of the program.</summary>
    public static async Task AssertProgramAsync(ILoyaltyEngine engine)
    {
        string? cursor = null;
        do
        {
            var page = await engine.ListMembersAsync(new MemberQuery { Limit = 500, Cursor = cursor });
            foreach (var member in page.Members)
            {
                await AssertAsync(engine, member.Id);
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }
}

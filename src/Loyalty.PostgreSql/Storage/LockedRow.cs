using Loyalty.Ledger;
using Loyalty.Members;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>
/// What a transaction knows of a member it locked: the member row, its last sequence and its balances, read with the
/// lock and kept up to date by the transaction's own writes (no one else writes the member while it holds the lock), so
/// that balance reads and repeated locks inside the transaction need no round trip for them.
/// </summary>
internal sealed class LockedRow(Member? member, long lastSequence, List<AccountBalance> balances)
{
    public Member? Member { get; private set; } = member;

    public bool Exists => Member is not null;

    public long LastSequence { get; private set; } = lastSequence;

    public PointsBalance BalanceOf(AccountName account)
    {
        foreach (var balance in balances)
        {
            if (balance.Account.Equals(account))
            {
                return balance.Balance;
            }
        }

        return default;
    }

    /// <summary>Records an applied change set.</summary>
    public void Apply(MemberChangeSet changes)
    {
        Member = changes.Member ?? Member;
        LastSequence = changes.LastSequence;
        foreach (var changed in changes.Balances)
        {
            var index = balances.Count - 1;
            while (index >= 0 && !balances[index].Account.Equals(changed.Account))
            {
                index--;
            }

            if (index >= 0)
            {
                balances[index] = changed;
            }
            else
            {
                balances.Add(changed);
            }
        }
    }

    /// <summary>Returns the state of a member whose rows moved to another identifier: this one no longer exists.</summary>
    public static LockedRow Moved() => new(null, 0, []);
}

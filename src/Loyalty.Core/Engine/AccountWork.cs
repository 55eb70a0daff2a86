using Loyalty.Ledger;
using Loyalty.Storage;

namespace Loyalty.Engine;

/// <summary>
/// One account of one member during a write: the balance and working copies of the open lots. The operations keep the
/// invariants <c>sum(lot.Remaining − lot.Reserved) == Spendable</c> and <c>sum(lot.Reserved) == Reserved</c>.
/// </summary>
internal sealed class AccountWork
{
    private readonly Dictionary<EntryId, Lot> _lots;
    private readonly HashSet<EntryId> _changed = [];
    private PointsBalance _flushedBalance;

    public AccountWork(AccountName account, AccountState state)
    {
        Account = account;
        Balance = state.Balance;
        _flushedBalance = state.Balance;
        _lots = state.OpenLots.ToDictionary(l => l.Id);
    }

    public AccountName Account { get; }

    public PointsBalance Balance { get; set; }

    public IEnumerable<Lot> OpenLots => _lots.Values;

    /// <summary>Lots in consumption order: soonest expiry first (never-expiring last), then oldest, then by id.</summary>
    public IEnumerable<Lot> ConsumptionOrder => _lots.Values
        .OrderBy(l => l.ExpiresAt is null ? 1 : 0)
        .ThenBy(l => l.ExpiresAt ?? default)
        .ThenBy(l => l.EarnedAt)
        .ThenBy(l => l.Id.Value);

    public Lot? Find(EntryId lotId) => _lots.GetValueOrDefault(lotId);

    /// <summary>Opens a lot for approved points; any debt is paid from it first.</summary>
    public void OpenLot(Lot lot)
    {
        var debt = Balance.Debt;
        Balance = Balance.Add(earned: lot.Points);
        var remaining = lot.Points - Math.Min(debt, lot.Points);
        Set(lot with { Remaining = remaining, Reserved = 0 });
    }

    /// <summary>Takes available points from lots soonest-expiry first, starting with <paramref name="first"/> if given.</summary>
    public List<LotAllocation> Take(long points, EntryId? first = null)
    {
        var allocations = new List<LotAllocation>();
        var left = points;
        var order = ConsumptionOrder.ToList();
        if (first is { } firstId && _lots.TryGetValue(firstId, out var preferred))
        {
            order.Remove(preferred);
            order.Insert(0, preferred);
        }

        foreach (var lot in order)
        {
            if (left == 0)
            {
                break;
            }

            var take = Math.Min(left, lot.Available);
            if (take > 0)
            {
                Set(lot with { Remaining = lot.Remaining - take });
                allocations.Add(new LotAllocation(lot.Id, take));
                left -= take;
            }
        }

        return allocations;
    }

    /// <summary>Pins available points for a reservation, soonest-expiry first.</summary>
    public List<LotAllocation> Pin(long points)
    {
        var allocations = new List<LotAllocation>();
        var left = points;
        foreach (var lot in ConsumptionOrder.ToList())
        {
            if (left == 0)
            {
                break;
            }

            var pin = Math.Min(left, lot.Available);
            if (pin > 0)
            {
                Set(lot with { Reserved = lot.Reserved + pin });
                allocations.Add(new LotAllocation(lot.Id, pin));
                left -= pin;
            }
        }

        return allocations;
    }

    /// <summary>Unpins a reservation's points (release).</summary>
    public void Unpin(IEnumerable<LotAllocation> allocations)
    {
        foreach (var allocation in allocations)
        {
            var lot = RequireLot(allocation.LotId);
            Set(lot with { Reserved = lot.Reserved - allocation.Points });
        }
    }

    /// <summary>Consumes a reservation's pinned points (commit).</summary>
    public void ConsumePinned(IEnumerable<LotAllocation> allocations)
    {
        foreach (var allocation in allocations)
        {
            var lot = RequireLot(allocation.LotId);
            Set(lot with { Remaining = lot.Remaining - allocation.Points, Reserved = lot.Reserved - allocation.Points });
        }
    }

    /// <summary>
    /// After a change that lowers spendable below the lots' available points (a release while in debt), consumes the
    /// excess so that lots and balance agree again.
    /// </summary>
    public void PayDebtFromAvailable()
    {
        var excess = OpenLots.Sum(l => l.Available) - Balance.Spendable;
        if (excess > 0)
        {
            Take(excess);
        }
    }

    public void Set(Lot lot)
    {
        _lots[lot.Id] = lot;
        _changed.Add(lot.Id);
    }

    /// <summary>Writes the balance and every changed lot into the member's change set.</summary>
    public void Flush(MemberWrite write)
    {
        if (Balance != _flushedBalance)
        {
            write.SetBalance(Account, Balance);
            _flushedBalance = Balance;
        }

        foreach (var id in _changed)
        {
            write.SetLot(_lots[id]);
        }

        foreach (var id in _changed.Where(id => _lots[id].Remaining == 0).ToList())
        {
            _lots.Remove(id);
        }

        _changed.Clear();
    }

    private Lot RequireLot(EntryId lotId) =>
        _lots.TryGetValue(lotId, out var lot)
            ? lot
            : throw new InvalidOperationException($"Lot {lotId} pinned by a reservation is not open; the ledger is inconsistent.");
}

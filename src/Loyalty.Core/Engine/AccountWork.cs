using Loyalty.Ledger;
using NodaTime;

namespace Loyalty.Engine;

/// <summary>
/// One account of one member during a write: the balance and working copies of the open lots. The operations keep the
/// invariants <c>sum(lot.Remaining − lot.Reserved) == Spendable</c> and <c>sum(lot.Reserved) == Reserved</c>.
/// </summary>
internal sealed class AccountWork
{
    private readonly PointsBalance _loadedBalance;
    private Dictionary<EntryId, Lot>? _lots;
    private LotChanges _changes;

    public AccountWork(AccountName account, PointsBalance balance)
    {
        Account = account;
        Balance = balance;
        _loadedBalance = balance;
    }

    /// <summary>Gets a value indicating whether the open lots were read (lots opened by this write are always known).</summary>
    public bool LotsLoaded => _lots is not null;

    /// <summary>Adds the stored open lots; lots this write already opened or changed win.</summary>
    public void LoadLots(IEnumerable<Lot> stored)
    {
        var lots = new Dictionary<EntryId, Lot>();
        foreach (var lot in stored)
        {
            lots[lot.Id] = lot;
        }

        for (var i = 0; i < _changes.Count; i++)
        {
            Track(lots, _changes[i]);
        }

        _lots = lots;
    }

    public AccountName Account { get; }

    public PointsBalance Balance { get; set; }

    /// <summary>Gets a value indicating whether the write changed the balance or any lot of this account.</summary>
    public bool HasChanges => BalanceChanged || _changes.Count > 0;

    /// <summary>Gets a value indicating whether the balance differs from the one loaded.</summary>
    public bool BalanceChanged => Balance != _loadedBalance;

    /// <summary>Gets the number of lots the write opened or changed.</summary>
    public int ChangedLotCount => _changes.Count;

    public IEnumerable<Lot> OpenLots => RequireLots().Values;

    /// <summary>Lots in consumption order: soonest expiry first (never-expiring last), then oldest, then by id.</summary>
    public IEnumerable<Lot> ConsumptionOrder => RequireLots().Values
        .OrderBy(l => l.ExpiresAt is null ? 1 : 0)
        .ThenBy(l => l.ExpiresAt ?? default)
        .ThenBy(l => l.EarnedAt)
        .ThenBy(l => l.Id.Value);

    /// <summary>Opens a lot for approved points; any debt is paid from it first.</summary>
    public void OpenLot(EntryId id, long points, Instant earnedAt, LocalDate? expiresOn, Instant? expiresAt)
    {
        var debt = Balance.Debt;
        Balance = Balance.Add(earned: points);
        Set(new Lot
        {
            Id = id,
            Account = Account,
            Points = points,
            Remaining = points - Math.Min(debt, points),
            EarnedAt = earnedAt,
            ExpiresOn = expiresOn,
            ExpiresAt = expiresAt,
        });
    }

    /// <summary>Takes available points from lots soonest-expiry first, starting with <paramref name="first"/> if given.</summary>
    public List<LotAllocation> Take(long points, EntryId? first = null)
    {
        var allocations = new List<LotAllocation>();
        var left = points;
        var order = ConsumptionOrder.ToList();
        if (first is { } firstId && RequireLots().TryGetValue(firstId, out var preferred))
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

    /// <summary>Records a new version of a lot; a lot with nothing remaining leaves the working set (it is closed).</summary>
    public void Set(Lot lot)
    {
        _changes.Set(lot);
        if (_lots is not null)
        {
            Track(_lots, lot);
        }
    }

    /// <summary>Copies the lots the write opened or changed into the change set's array, starting at <paramref name="at"/>.</summary>
    public void CopyChangedLots(Lot[] target, int at) => _changes.CopyTo(target, at);

    private static void Track(Dictionary<EntryId, Lot> lots, Lot lot)
    {
        if (lot.Remaining == 0)
        {
            lots.Remove(lot.Id);
        }
        else
        {
            lots[lot.Id] = lot;
        }
    }

    private Dictionary<EntryId, Lot> RequireLots() =>
        _lots ?? throw new InvalidOperationException($"The open lots of account '{Account}' were not loaded for this write.");

    private Lot RequireLot(EntryId lotId) =>
        RequireLots().TryGetValue(lotId, out var lot)
            ? lot
            : throw new InvalidOperationException($"Lot {lotId} pinned by a reservation is not open; the ledger is inconsistent.");
}

using Loyalty.Collections;
using Loyalty.Ledger;

namespace Loyalty.Engine;

/// <summary>
/// The lots one account's write changed: the latest version of each, in the order first changed. Most writes change one
/// lot, so the first is held inline; a write that changes many (a spend over many lots, an expiry) gets an index by
/// identifier. A mutable struct: keep it in a field and never copy it.
/// </summary>
internal struct LotChanges
{
    private const int IndexFrom = 8;

    private SmallList<Lot> _lots;
    private Dictionary<EntryId, int>? _index;

    public readonly int Count => _lots.Count;

    public readonly Lot this[int index] => _lots[index];

    public void Set(Lot lot)
    {
        var at = Find(lot.Id);
        if (at >= 0)
        {
            _lots[at] = lot;
            return;
        }

        _lots.Add(lot);
        if (_index is not null)
        {
            _index.Add(lot.Id, _lots.Count - 1);
        }
        else if (_lots.Count >= IndexFrom)
        {
            _index = new Dictionary<EntryId, int>(2 * IndexFrom);
            for (var i = 0; i < _lots.Count; i++)
            {
                _index.Add(_lots[i].Id, i);
            }
        }
    }

    public readonly void CopyTo(Lot[] target, int at) => _lots.CopyTo(target, at);

    private readonly int Find(EntryId id)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(id, out var at) ? at : -1;
        }

        for (var i = _lots.Count - 1; i >= 0; i--)
        {
            if (_lots[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}

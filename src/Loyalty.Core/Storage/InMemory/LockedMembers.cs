namespace Loyalty.Storage.InMemory;

/// <summary>
/// The members a transaction has locked, in the order locked, each with their slot and the state staged for them. Most
/// transactions lock one member; a batch or a maintenance page locks hundreds, so an index by identifier is built once
/// there are more than a few. A mutable struct: keep it in a field and never copy it.
/// </summary>
internal struct LockedMembers
{
    private const int IndexFrom = 8;

    private Locked[]? _members;
    private Dictionary<MemberId, int>? _index;

    public int Count { readonly get; private set; }

    /// <summary>Returns the place of a locked member, or -1.</summary>
    public readonly int IndexOf(MemberId memberId)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(memberId, out var at) ? at : -1;
        }

        for (var i = 0; i < Count; i++)
        {
            if (_members![i].Id == memberId)
            {
                return i;
            }
        }

        return -1;
    }

    public int Add(MemberId memberId, MemberSlot slot)
    {
        if (_members is null || Count == _members.Length)
        {
            Array.Resize(ref _members, Math.Max(1, 2 * Count));
        }

        var at = Count++;
        _members[at] = new Locked { Id = memberId, Slot = slot };
        if (_index is not null)
        {
            _index.Add(memberId, at);
        }
        else if (Count > IndexFrom)
        {
            _index = new Dictionary<MemberId, int>(2 * Count);
            for (var i = 0; i < Count; i++)
            {
                _index.Add(_members[i].Id, i);
            }
        }

        return at;
    }

    public readonly MemberId Id(int at) => _members![at].Id;

    public readonly MemberSlot Slot(int at) => _members![at].Slot;

    public readonly bool IsStaged(int at) => _members![at].IsStaged;

    public readonly MemberState? Staged(int at) => _members![at].Staged;

    /// <summary>Gets the state the transaction sees: what it staged, else what is committed.</summary>
    public readonly MemberState? Current(int at)
    {
        ref var locked = ref _members![at];
        return locked.IsStaged ? locked.Staged : locked.Slot.State;
    }

    /// <summary>Stages a member's next state (<see langword="null"/>: the member is gone, renamed away), published at commit.</summary>
    public readonly void Stage(int at, MemberState? state)
    {
        _members![at].Staged = state;
        _members[at].IsStaged = true;
    }

    private struct Locked
    {
        public MemberId Id;
        public MemberSlot Slot;
        public MemberState? Staged;
        public bool IsStaged;
    }
}

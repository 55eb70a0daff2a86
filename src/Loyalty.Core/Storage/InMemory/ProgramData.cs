using System.Collections.Concurrent;
using System.Collections.Immutable;
using Loyalty.Events;

namespace Loyalty.Storage.InMemory;

/// <summary>Everything the in-memory store holds for one program.</summary>
internal sealed class ProgramData(ProgramId programId)
{
    private readonly object _orderLock = new();
    private readonly List<OutboxMessage> _outbox = [];

    public ProgramId ProgramId { get; } = programId;

    public ConcurrentDictionary<MemberId, MemberSlot> Slots { get; } = new();

    /// <summary>Gets the lookup values; a value is visible to readers only once its owner committed.</summary>
    public ConcurrentDictionary<LookupKey, Claim<MemberId>> Lookups { get; } = new();

    /// <summary>Gets the idempotency records; a record counts for readers only once committed.</summary>
    public ConcurrentDictionary<IdempotencyKey, Claim<IdempotencyRecord>> Idempotency { get; } = new();

    /// <summary>Gets the identifiers of existing members, in ordinal order.</summary>
    public ImmutableSortedSet<MemberId> Order { get; private set; } = ImmutableSortedSet<MemberId>.Empty;

    /// <summary>Gets a member's committed state, or <see langword="null"/> when no member has this identifier.</summary>
    public MemberState? Find(MemberId memberId) => Slots.TryGetValue(memberId, out var slot) ? slot.State : null;

    public MemberSlot Slot(MemberId memberId) => Slots.GetOrAdd(memberId, static _ => new MemberSlot());

    public void UpdateOrder(IEnumerable<MemberId> added, IEnumerable<MemberId> removed)
    {
        lock (_orderLock)
        {
            Order = Order.Except(removed).Union(added);
        }
    }

    /// <summary>Appends committed events; each one's position is its place in the outbox, given to it when it is read.</summary>
    public void AppendOutbox(IReadOnlyList<OutboxMessage> messages)
    {
        lock (_outbox)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                _outbox.Add(messages[i]);
            }
        }
    }

    public IReadOnlyList<OutboxMessage> ReadOutbox(long afterPosition, int limit)
    {
        lock (_outbox)
        {
            var start = (int)Math.Clamp(afterPosition, 0, _outbox.Count);
            var page = new OutboxMessage[Math.Clamp(limit, 0, _outbox.Count - start)];
            for (var i = 0; i < page.Length; i++)
            {
                page[i] = _outbox[start + i] with { Position = start + i + 1 };
            }

            return page;
        }
    }

    public void RenameOutbox(MemberId from, MemberId to)
    {
        lock (_outbox)
        {
            for (var i = 0; i < _outbox.Count; i++)
            {
                if (_outbox[i].MemberId == from)
                {
                    _outbox[i] = _outbox[i] with { MemberId = to };
                }
            }
        }
    }
}

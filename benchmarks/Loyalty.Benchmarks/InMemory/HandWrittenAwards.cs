using System.Collections.Concurrent;
using System.Globalization;
using Loyalty.Events;
using Loyalty.Ledger;
using NodaTime;

namespace Loyalty.Benchmarks;

/// <summary>
/// The hand-written equivalent of one award held in managed memory, the floor of the in-memory earn suite: per member a
/// mutable record under a <see langword="lock"/>, the idempotency key checked and recorded in a concurrent dictionary,
/// and the same objects the in-memory store keeps (a <see cref="LedgerEntry"/> in the member's history, a
/// <see cref="Lot"/>, an <see cref="OutboxMessage"/> with its JSON body, the request's fingerprint and the result under
/// the key). No validation, no rules, no snapshots for lock-free readers, no retries.
/// </summary>
internal sealed class HandWrittenAwards
{
    private readonly ConcurrentDictionary<MemberId, MemberRecord> _members = new();
    private readonly ConcurrentDictionary<IdempotencyKey, (string Fingerprint, LedgerResult Result)> _keys = new();
    private readonly List<OutboxMessage> _outbox = [];

    public HandWrittenAwards(IEnumerable<MemberId> members)
    {
        foreach (var member in members)
        {
            _members[member] = new MemberRecord();
        }
    }

    /// <summary>Awards points once per key; a replayed key returns the first result and writes nothing.</summary>
    public LedgerResult Award(MemberId memberId, long points, IdempotencyKey key)
    {
        var fingerprint = string.Create(CultureInfo.InvariantCulture, $"award|{memberId.Value}|points|{points}");
        var member = _members[memberId];
        lock (member)
        {
            if (_keys.TryGetValue(key, out var previous))
            {
                return previous.Fingerprint == fingerprint ? previous.Result : throw new InvalidOperationException($"Key {key} was used for another request.");
            }

            var now = SystemClock.Instance.GetCurrentInstant();
            var entry = new LedgerEntry
            {
                Id = EntryId.New(),
                MemberId = memberId,
                Sequence = ++member.Sequence,
                Account = AccountName.Default,
                Kind = LedgerEntryKind.Earn,
                Points = points,
                Actor = "api",
                OccurredAt = now,
                IdempotencyKey = key,
            };
            member.History.Add(entry);
            member.Lots.Add(new Lot { Id = entry.Id, Account = entry.Account, Points = points, Remaining = points, EarnedAt = now });
            member.Balance = member.Balance.Add(earned: points);
            var result = new LedgerResult([entry], member.Balance, Replayed: false);
            _keys[key] = (fingerprint, result);
            var payload = string.Create(CultureInfo.InvariantCulture, $"{{\"entry_id\":\"{entry.Id.Value}\",\"account\":\"points\",\"kind\":\"Earn\",\"points\":{points}}}");
            lock (_outbox)
            {
                _outbox.Add(new OutboxMessage { EventId = EntryId.New().Value, Type = "PointsEarned", MemberId = memberId, OccurredAt = now, Payload = payload });
            }

            return result;
        }
    }

    private sealed class MemberRecord
    {
        public long Sequence;
        public PointsBalance Balance;
        public readonly List<LedgerEntry> History = [];
        public readonly List<Lot> Lots = [];
    }
}

using Loyalty.Events;
using Loyalty.Ledger;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Storage.InMemory;

/// <summary>
/// A unit of work on the in-memory store: per-member locks held until commit or dispose; changes staged and published
/// at commit; unique values (lookups, idempotency keys) claimed at apply and released on rollback.
/// </summary>
internal sealed class InMemoryTransaction(ProgramData program) : IStoreTransaction
{
    private readonly Dictionary<MemberId, MemberSlot> _locked = [];
    private readonly Dictionary<MemberId, MemberState?> _staged = [];
    private readonly List<(LookupKey Key, Claim<MemberId> Claim)> _claimedLookups = [];
    private readonly List<(LookupKey Key, MemberId Owner)> _releasedLookups = [];
    private readonly List<(IdempotencyKey Key, Claim<IdempotencyRecord> Claim)> _claimedKeys = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<(MemberId From, MemberId To)> _renames = [];
    private bool _completed;

    public async ValueTask<LockedMember> LockMemberAsync(MemberId memberId, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        await LockAsync(memberId, cancellationToken).ConfigureAwait(false);
        var state = Current(memberId);
        IdempotencyRecord? record = null;
        if (key is { } k && program.Idempotency.TryGetValue(k, out var claim) && (claim.IsCommitted || claim.Owner == this))
        {
            record = claim.Value;
        }

        return new LockedMember(state?.Member, state?.LastSequence ?? 0, record);
    }

    public ValueTask<PointsBalance> LoadBalanceAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken) =>
        new(LockedState(memberId)?.BalanceOf(account) ?? default);

    public ValueTask<AccountState> LoadAccountAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        var state = LockedState(memberId);
        if (state is null)
        {
            return new ValueTask<AccountState>(new AccountState(default, []));
        }

        var lots = state.OpenLots.Values.Where(l => l.Account.Equals(account)).ToArray();
        return new ValueTask<AccountState>(new AccountState(state.BalanceOf(account), lots));
    }

    public ValueTask<IReadOnlyList<LedgerEntry>> LoadOpenHoldsAsync(MemberId memberId, CancellationToken cancellationToken) =>
        new(LockedState(memberId)?.OpenHolds.Values.OrderBy(e => e.Sequence).ToArray() ?? []);

    public ValueTask<LedgerEntry?> LoadEntryAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken) =>
        new(LockedState(memberId)?.Entries.LastOrDefault(e => e.Id == entryId));

    public ValueTask<IReadOnlyList<LedgerEntry>> LoadSettlementsAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken) =>
        new(LockedState(memberId)?.Entries.Where(e => e.Settles == entryId).ToArray() ?? []);

    public ValueTask<long> SumEarnedSinceAsync(MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken) =>
        new(LockedState(memberId) is { } state ? InMemoryLoyaltyStore.SumEarnedSince(state, account, since) : 0);

    public async ValueTask ApplyAsync(MemberChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThrowIfCompleted();
        var current = LockedState(changes.MemberId);
        if (changes.IsNewMember && current is not null)
        {
            throw new LoyaltyException(ErrorCode.MemberAlreadyExists, $"Member '{changes.MemberId}' already exists.", "memberId");
        }

        var baseState = current ?? (changes.Member is { } created && changes.IsNewMember
            ? MemberState.Empty(created)
            : throw new InvalidOperationException($"Member '{changes.MemberId}' does not exist; only a new member can be created by a change set."));

        var lookupMark = _claimedLookups.Count;
        var keyMark = _claimedKeys.Count;
        try
        {
            ClaimLookups(changes);
            ClaimIdempotency(changes);
        }
        catch
        {
            ReleaseClaims(lookupMark, keyMark);
            throw;
        }

        foreach (var removed in changes.RemovedLookups)
        {
            _releasedLookups.Add((removed, changes.MemberId));
        }

        var next = baseState.Apply(changes);
        _outbox.AddRange(changes.Events);
        if (changes.RenameTo is { } newId)
        {
            await LockAsync(newId, cancellationToken).ConfigureAwait(false);
            _staged[changes.MemberId] = null;
            _staged[newId] = next.RenameTo(newId);
            _renames.Add((changes.MemberId, newId));
        }
        else
        {
            _staged[changes.MemberId] = next;
        }
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        var added = new List<MemberId>();
        var removed = new List<MemberId>();
        foreach (var (memberId, state) in _staged)
        {
            var slot = _locked[memberId];
            if (slot.State is null && state is not null)
            {
                added.Add(memberId);
            }
            else if (slot.State is not null && state is null)
            {
                removed.Add(memberId);
            }

            slot.State = state;
        }

        foreach (var (_, claim) in _claimedLookups)
        {
            claim.Commit();
        }

        foreach (var (key, owner) in _releasedLookups)
        {
            if (program.Lookups.TryGetValue(key, out var claim) && claim.Value == owner)
            {
                program.Lookups.TryRemove(new KeyValuePair<LookupKey, Claim<MemberId>>(key, claim));
            }
        }

        foreach (var (_, claim) in _claimedKeys)
        {
            claim.Commit();
        }

        if (_outbox.Count > 0)
        {
            program.AppendOutbox(_outbox);
        }
        foreach (var (from, to) in _renames)
        {
            foreach (var pair in program.Idempotency)
            {
                if (pair.Value.Value.MemberId == from)
                {
                    var moved = new Claim<IdempotencyRecord>(pair.Value.Value with { MemberId = to }, this);
                    moved.Commit();
                    program.Idempotency[pair.Key] = moved;
                }
            }

            program.RenameOutbox(from, to);
        }

        if (added.Count > 0 || removed.Count > 0)
        {
            program.UpdateOrder(added, removed);
        }
        _completed = true;
        ReleaseLocks();
        return default;
    }

    public ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            ReleaseClaims(0, 0);
            ReleaseLocks();
        }

        return default;
    }

    private async ValueTask LockAsync(MemberId memberId, CancellationToken cancellationToken)
    {
        if (_locked.ContainsKey(memberId))
        {
            return;
        }

        var slot = program.Slot(memberId);
        await slot.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        _locked.Add(memberId, slot);
    }

    private MemberState? Current(MemberId memberId) =>
        _staged.TryGetValue(memberId, out var staged) ? staged : _locked[memberId].State;

    private MemberState? LockedState(MemberId memberId)
    {
        ThrowIfCompleted();
        return _locked.ContainsKey(memberId)
            ? Current(memberId)
            : throw new InvalidOperationException($"Member '{memberId}' is not locked by this transaction.");
    }

    private void ClaimLookups(MemberChangeSet changes)
    {
        foreach (var key in changes.AddedLookups)
        {
            var claim = new Claim<MemberId>(changes.MemberId, this);
            if (program.Lookups.TryAdd(key, claim))
            {
                _claimedLookups.Add((key, claim));
            }
            else if (program.Lookups.TryGetValue(key, out var existing) && existing.Value != changes.MemberId)
            {
                throw key.DuplicateError();
            }
        }
    }

    private void ClaimIdempotency(MemberChangeSet changes)
    {
        if (changes.Idempotency is not { } record)
        {
            return;
        }

        var claim = new Claim<IdempotencyRecord>(record, this);
        if (!program.Idempotency.TryAdd(record.Key, claim))
        {
            throw new LoyaltyException(ErrorCode.IdempotencyConflict, $"Idempotency key '{record.Key}' was already used for a different request.", "idempotencyKey");
        }

        _claimedKeys.Add((record.Key, claim));
    }

    private void ReleaseClaims(int lookupMark, int keyMark)
    {
        for (var i = _claimedLookups.Count - 1; i >= lookupMark; i--)
        {
            var (key, claim) = _claimedLookups[i];
            program.Lookups.TryRemove(new KeyValuePair<LookupKey, Claim<MemberId>>(key, claim));
            _claimedLookups.RemoveAt(i);
        }

        for (var i = _claimedKeys.Count - 1; i >= keyMark; i--)
        {
            var (key, claim) = _claimedKeys[i];
            program.Idempotency.TryRemove(new KeyValuePair<IdempotencyKey, Claim<IdempotencyRecord>>(key, claim));
            _claimedKeys.RemoveAt(i);
        }
    }

    private void ReleaseLocks()
    {
        foreach (var slot in _locked.Values)
        {
            slot.Lock.Release();
        }

        _locked.Clear();
    }

    private void ThrowIfCompleted() => ObjectDisposedException.ThrowIf(_completed, this);
}

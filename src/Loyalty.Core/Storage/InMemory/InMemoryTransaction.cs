using Loyalty.Collections;
using Loyalty.Events;
using Loyalty.Ledger;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Storage.InMemory;

/// <summary>
/// A unit of work on the in-memory store: per-member locks held until commit or dispose; changes staged and published
/// at commit; unique values (lookups, idempotency keys) claimed at apply and released on rollback. Most transactions lock
/// one member and apply one change set, so its collections are created only when a second item needs them. A change
/// set is staged only once it has passed every check, so a failed one leaves nothing behind; with
/// <see cref="StoreTransactionMode.AllOrNothing"/> it aborts the transaction all the same, as in every store.
/// </summary>
internal sealed class InMemoryTransaction(ProgramData program, StoreTransactionMode mode) : IStoreTransaction
{
    private LockedMembers _locked;
    private SmallList<Claim<IdempotencyRecord>> _claimedKeys;
    private SmallList<IReadOnlyList<OutboxMessage>> _outbox;
    private List<(LookupKey Key, Claim<MemberId> Claim)>? _claimedLookups;
    private List<(LookupKey Key, MemberId Owner)>? _releasedLookups;
    private List<(MemberId From, MemberId To)>? _renames;
    private Exception? _abortedBy;
    private bool _completed;

    public ValueTask<LockedMember> LockMemberAsync(MemberId memberId, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<LockedMember>(cancellationToken);
        }

        // Synchronous unless another transaction holds the member: an uncontended lock is taken without an await.
        var at = _locked.IndexOf(memberId);
        if (at < 0)
        {
            var slot = program.Slot(memberId);
            if (!slot.Lock.Wait(0, CancellationToken.None))
            {
                return LockContendedAsync(memberId, slot, key, cancellationToken);
            }

            at = _locked.Add(memberId, slot);
        }

        return new ValueTask<LockedMember>(Read(at, key));
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

        var open = state.OpenLots;
        var lots = new List<Lot>(open.Count);
        for (var i = 0; i < open.Count; i++)
        {
            if (open[i].Account.Equals(account))
            {
                lots.Add(open[i]);
            }
        }

        return new ValueTask<AccountState>(new AccountState(state.BalanceOf(account), lots));
    }

    public ValueTask<IReadOnlyList<LedgerEntry>> LoadOpenHoldsAsync(MemberId memberId, CancellationToken cancellationToken) =>
        new(LockedState(memberId)?.OpenHolds.Values.OrderBy(e => e.Sequence).ToArray() ?? []);

    public ValueTask<LedgerEntry?> LoadEntryAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken) =>
        new(LockedState(memberId)?.FindEntry(entryId));

    public ValueTask<IReadOnlyList<LedgerEntry>> LoadSettlementsAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken) =>
        new(LockedState(memberId)?.Entries.Where(e => e.Settles == entryId).ToArray() ?? []);

    public ValueTask<long> SumEarnedSinceAsync(MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken) =>
        new(LockedState(memberId) is { } state ? InMemoryLoyaltyStore.SumEarnedSince(state, account, since) : 0);

    public ValueTask ApplyAsync(MemberChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThrowIfUnusable();
        try
        {
            var staged = Stage(changes, cancellationToken);
            return staged.IsCompletedSuccessfully ? default : AbortOnFailureAsync(staged);
        }
        catch (Exception ex)
        {
            Abort(ex);
            throw;
        }
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        List<MemberId>? added = null;
        List<MemberId>? removed = null;
        for (var i = 0; i < _locked.Count; i++)
        {
            if (!_locked.IsStaged(i))
            {
                continue;
            }

            var slot = _locked.Slot(i);
            var state = _locked.Staged(i);
            if (slot.State is null && state is not null)
            {
                (added ??= []).Add(_locked.Id(i));
            }
            else if (slot.State is not null && state is null)
            {
                (removed ??= []).Add(_locked.Id(i));
            }

            slot.State = state;
        }

        // Null checks rather than `?? []`, which would allocate an empty list on every commit.
        if (_claimedLookups is not null)
        {
            foreach (var (_, claim) in _claimedLookups)
            {
                claim.Commit();
            }
        }

        if (_releasedLookups is not null)
        {
            foreach (var (key, owner) in _releasedLookups)
            {
                if (program.Lookups.TryGetValue(key, out var claim) && claim.Value == owner)
                {
                    program.Lookups.TryRemove(new KeyValuePair<LookupKey, Claim<MemberId>>(key, claim));
                }
            }
        }

        for (var i = 0; i < _claimedKeys.Count; i++)
        {
            _claimedKeys[i].Commit();
        }

        for (var i = 0; i < _outbox.Count; i++)
        {
            program.AppendOutbox(_outbox[i]);
        }

        if (_renames is not null)
        {
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
        }

        if (added is not null || removed is not null)
        {
            program.UpdateOrder(added ?? [], removed ?? []);
        }

        _completed = true;
        ReleaseLocks();
        return default;
    }

    public ValueTask DisposeAsync()
    {
        RollBack();
        return default;
    }

    private ValueTask Stage(MemberChangeSet changes, CancellationToken cancellationToken)
    {
        var at = LockedIndex(changes.MemberId);
        var current = _locked.Current(at);
        if (changes.IsNewMember && current is not null)
        {
            throw new LoyaltyException(ErrorCode.MemberAlreadyExists, $"Member '{changes.MemberId}' already exists.", "memberId");
        }

        var baseState = current ?? (changes.Member is { } created && changes.IsNewMember
            ? MemberState.Empty(created)
            : throw new InvalidOperationException($"Member '{changes.MemberId}' does not exist; only a new member can be created by a change set."));

        var lookupMark = _claimedLookups?.Count ?? 0;
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
            (_releasedLookups ??= []).Add((removed, changes.MemberId));
        }

        var next = baseState.Apply(changes);
        if (changes.Events.Count > 0)
        {
            _outbox.Add(changes.Events);
        }

        if (changes.RenameTo is { } newId)
        {
            return RenameAsync(at, next, changes.MemberId, newId, cancellationToken);
        }

        _locked.Stage(at, next);
        return default;
    }

    private void RollBack()
    {
        if (!_completed)
        {
            _completed = true;
            ReleaseClaims(0, 0);
            ReleaseLocks();
        }
    }

    /// <summary>Waits for a member another transaction holds, then reads them as <see cref="LockMemberAsync"/> does.</summary>
    private async ValueTask<LockedMember> LockContendedAsync(MemberId memberId, MemberSlot slot, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        await slot.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Read(_locked.Add(memberId, slot), key);
    }

    /// <summary>The locked member's state and the idempotency record of their write's key (committed, or claimed by this transaction).</summary>
    private LockedMember Read(int at, IdempotencyKey? key)
    {
        var state = _locked.Current(at);
        IdempotencyRecord? record = null;
        if (key is { } k && program.Idempotency.TryGetValue(k, out var claim) && (claim.IsCommitted || claim.IsHeldBy(this)))
        {
            record = claim.Value;
        }

        return new LockedMember(state?.Member, state?.LastSequence ?? 0, record);
    }

    /// <summary>Stages an anonymizing opt-out: every record of the member moves to the new identifier, which is locked first.</summary>
    private async ValueTask RenameAsync(int at, MemberState next, MemberId from, MemberId to, CancellationToken cancellationToken)
    {
        await LockMemberAsync(to, null, cancellationToken).ConfigureAwait(false);
        _locked.Stage(at, null);
        _locked.Stage(LockedIndex(to), next.RenameTo(to));
        (_renames ??= []).Add((from, to));
    }

    private int LockedIndex(MemberId memberId)
    {
        var at = _locked.IndexOf(memberId);
        return at >= 0 ? at : throw new InvalidOperationException($"Member '{memberId}' is not locked by this transaction.");
    }

    private MemberState? LockedState(MemberId memberId)
    {
        ThrowIfUnusable();
        return _locked.Current(LockedIndex(memberId));
    }

    private void ClaimLookups(MemberChangeSet changes)
    {
        foreach (var key in changes.AddedLookups)
        {
            var claim = new Claim<MemberId>(changes.MemberId, this);
            if (program.Lookups.TryAdd(key, claim))
            {
                (_claimedLookups ??= []).Add((key, claim));
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

        _claimedKeys.Add(claim);
    }

    private void ReleaseClaims(int lookupMark, int keyMark)
    {
        for (var i = (_claimedLookups?.Count ?? 0) - 1; i >= lookupMark; i--)
        {
            var (key, claim) = _claimedLookups![i];
            program.Lookups.TryRemove(new KeyValuePair<LookupKey, Claim<MemberId>>(key, claim));
            _claimedLookups.RemoveAt(i);
        }

        for (var i = _claimedKeys.Count - 1; i >= keyMark; i--)
        {
            var claim = _claimedKeys[i];
            program.Idempotency.TryRemove(new KeyValuePair<IdempotencyKey, Claim<IdempotencyRecord>>(claim.Value.Key, claim));
            _claimedKeys.RemoveLast();
        }
    }

    private void ReleaseLocks()
    {
        for (var i = 0; i < _locked.Count; i++)
        {
            _locked.Slot(i).Lock.Release();
        }

        _locked = default;
    }

    /// <summary>Throws when the transaction is completed, or aborted by a failed change set (which then rolls it back).</summary>
    private void ThrowIfUnusable()
    {
        if (_abortedBy is { } cause)
        {
            RollBack();
            throw AbortedTransactionError.For(cause);
        }

        ObjectDisposedException.ThrowIf(_completed, this);
    }

    private void Abort(Exception cause)
    {
        if (mode == StoreTransactionMode.AllOrNothing)
        {
            _abortedBy ??= cause;
        }
    }

    private async ValueTask AbortOnFailureAsync(ValueTask staged)
    {
        try
        {
            await staged.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Abort(ex);
            throw;
        }
    }
}

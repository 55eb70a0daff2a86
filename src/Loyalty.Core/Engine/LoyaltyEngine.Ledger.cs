using System.Globalization;
using Loyalty.Diagnostics;
using Loyalty.Events;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Storage;
using NodaTime;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    private const long MaxDeduction = 1_000_000_000_000;

    public Task<LedgerResult> AwardAsync(AwardPoints request, CancellationToken cancellationToken = default)
    {
        var award = PrepareAward(request);
        return LedgerWriteAsync(request, award.Fingerprint, "award", award, static (write, award) => award.Engine.DecideAwardAsync(write, award), cancellationToken);
    }

    public Task<LedgerResult> SpendAsync(SpendPoints request, CancellationToken cancellationToken = default)
    {
        var (account, reason, actor) = ValidateRequest(request);
        ValidatePositive(request.Points, MaxDeduction);
        var fingerprint = RequestFingerprint.Of("spend", request.MemberId, account, request.Points, reason, actor);
        return LedgerWriteAsync(request, fingerprint, "spend", async write =>
        {
            RequireStatus(write, LedgerAction.Spend);
            var work = await LoadConsumableAccountAsync(write, account).ConfigureAwait(false);
            RequireSpendable(work, request.Points);
            var allocations = work.Take(request.Points);
            work.Balance = work.Balance.Add(spent: request.Points);
            var entry = NewEntry(write, work, LedgerEntryKind.Spend, request.Points, reason, actor, request.IdempotencyKey, allocations: allocations);
            write.AddEntry(entry);
            Touch(write);
            write.AddEvent(LoyaltyEventTypes.PointsSpent, PointsPayload(entry));
            LoyaltyDiagnostics.Spent(request.Points);
            return Result(write, work);
        }, cancellationToken);
    }

    public Task<LedgerResult> ReserveAsync(ReservePoints request, CancellationToken cancellationToken = default)
    {
        var (account, reason, actor) = ValidateRequest(request);
        ValidatePositive(request.Points, MaxDeduction);
        var fingerprint = RequestFingerprint.Of("reserve", request.MemberId, account, request.Points, reason, actor);
        return LedgerWriteAsync(request, fingerprint, "reserve", async write =>
        {
            RequireStatus(write, LedgerAction.Spend);
            var work = await LoadConsumableAccountAsync(write, account).ConfigureAwait(false);
            RequireSpendable(work, request.Points);
            var allocations = work.Pin(request.Points);
            work.Balance = work.Balance.Add(reserved: request.Points);
            var entry = NewEntry(write, work, LedgerEntryKind.Reserve, request.Points, reason, actor, request.IdempotencyKey, dueAt: write.Now + _settings.ReservationTimeout, allocations: allocations);
            write.AddEntry(entry);
            write.OpenHold(entry);
            Touch(write);
            return Result(write, work);
        }, cancellationToken);
    }

    public Task<LedgerResult> DeductAsync(DeductPoints request, CancellationToken cancellationToken = default)
    {
        var (account, reason, actor) = ValidateRequest(request);
        ValidatePositive(request.Points, MaxDeduction);
        var fingerprint = RequestFingerprint.Of("deduct", request.MemberId, account, request.Points, reason, actor);
        return LedgerWriteAsync(request, fingerprint, "deduct", async write =>
        {
            RequireStatus(write, LedgerAction.Correct);
            var work = await LoadConsumableAccountAsync(write, account).ConfigureAwait(false);
            if (!_settings.AllowDebt)
            {
                RequireSpendable(work, request.Points);
            }

            var allocations = work.Take(Math.Min(request.Points, work.Balance.Spendable));
            work.Balance = work.Balance.Add(deducted: request.Points);
            var entry = NewEntry(write, work, LedgerEntryKind.Deduct, request.Points, reason, actor, request.IdempotencyKey, allocations: allocations);
            write.AddEntry(entry);
            LoyaltyDiagnostics.Spent(request.Points);
            return Result(write, work);
        }, cancellationToken);
    }

    public Task<LedgerResult> ReverseAsync(ReversePoints request, CancellationToken cancellationToken = default)
    {
        var (account, reason, actor) = ValidateRequest(request);
        ValidatePositive(request.Points, _settings.MaxAward);
        var fingerprint = RequestFingerprint.Of("reverse", request.MemberId, account, request.Points, reason, actor, request.EarnEntryId.ToString());
        return LedgerWriteAsync(request, fingerprint, "reverse", async write =>
        {
            RequireStatus(write, LedgerAction.Correct);
            var earn = await write.Transaction.LoadEntryAsync(write.MemberId, request.EarnEntryId, default).ConfigureAwait(false)
                ?? throw EntryNotFound(request.EarnEntryId);
            if (earn.Kind is not (LedgerEntryKind.Earn or LedgerEntryKind.Approve))
            {
                throw Errors.Validation("earnEntryId", $"must be an Earn or Approve entry (entry {earn.Id} is {earn.Kind})");
            }

            if (!earn.Account.Equals(account))
            {
                throw Errors.Validation("account", $"must be the account of the reversed earn ('{earn.Account}')");
            }

            var settlements = await write.Transaction.LoadSettlementsAsync(write.MemberId, earn.Id, default).ConfigureAwait(false);
            var left = earn.Points - settlements.Where(e => e.Kind == LedgerEntryKind.Reverse).Sum(e => e.Points);
            if (request.Points > left)
            {
                throw Errors.InvalidAmount("points", $"must be at most {left}, the points of entry {earn.Id} not yet reversed (was {request.Points})");
            }

            var work = await LoadConsumableAccountAsync(write, account).ConfigureAwait(false);
            var allocations = work.Take(request.Points, earn.Id);
            var taken = allocations.Sum(a => a.Points);
            if (taken < request.Points && !_settings.AllowDebt)
            {
                throw Errors.InsufficientPoints(account, request.Points, taken);
            }

            work.Balance = work.Balance.Add(earned: -request.Points);
            var entry = NewEntry(write, work, LedgerEntryKind.Reverse, request.Points, reason, actor, request.IdempotencyKey, settles: earn.Id, allocations: allocations);
            write.AddEntry(entry);
            return Result(write, work);
        }, cancellationToken);
    }

    public Task<LedgerResult> ApprovePendingAsync(SettleHold request, CancellationToken cancellationToken = default) =>
        SettleAsync(request, LedgerEntryKind.Approve, cancellationToken);

    public Task<LedgerResult> VoidPendingAsync(SettleHold request, CancellationToken cancellationToken = default) =>
        SettleAsync(request, LedgerEntryKind.Void, cancellationToken);

    public Task<LedgerResult> CommitReservationAsync(SettleHold request, CancellationToken cancellationToken = default) =>
        SettleAsync(request, LedgerEntryKind.Commit, cancellationToken);

    public Task<LedgerResult> ReleaseReservationAsync(SettleHold request, CancellationToken cancellationToken = default) =>
        SettleAsync(request, LedgerEntryKind.Release, cancellationToken);

    private Task<LedgerResult> SettleAsync(SettleHold request, LedgerEntryKind settlement, CancellationToken cancellationToken)
    {
        var (account, reason, actor) = ValidateRequest(request);
        var operation = settlement.ToString().ToLowerInvariant();
        var fingerprint = RequestFingerprint.Of(operation, request.MemberId, account, 0, reason, actor, request.EntryId.ToString());
        return LedgerWriteAsync(request, fingerprint, operation, async write =>
        {
            write.RequireMember();
            var holds = await write.Transaction.LoadOpenHoldsAsync(write.MemberId, default).ConfigureAwait(false);
            var hold = holds.FirstOrDefault(h => h.Id == request.EntryId)
                ?? throw await SettledOrMissingAsync(write, request.EntryId, settlement).ConfigureAwait(false);
            RequireHoldKind(hold, settlement);
            if (!request.Account.Equals(default(AccountName)) && !request.Account.Equals(hold.Account))
            {
                throw Errors.Validation("account", $"must be the account of the held entry ('{hold.Account}')");
            }

            var work = await LoadAccountAsync(write, hold.Account).ConfigureAwait(false);
            _ = settlement switch
            {
                LedgerEntryKind.Approve => Approve(write, work, hold, reason, actor, request.IdempotencyKey),
                LedgerEntryKind.Void => Void(write, work, hold, reason, actor, request.IdempotencyKey),
                LedgerEntryKind.Commit => Commit(write, work, hold, reason, actor, request.IdempotencyKey),
                _ => Release(write, work, hold, reason, actor, request.IdempotencyKey),
            };
            return Result(write, work);
        }, cancellationToken);
    }

    /// <summary>Runs a ledger write with idempotency: a retry with the same key and payload replays the stored result.</summary>
    private Task<LedgerResult> LedgerWriteAsync(LedgerRequest request, string fingerprint, string operation, Func<MemberWrite, ValueTask<LedgerResult>> decide, CancellationToken cancellationToken) =>
        LedgerWriteAsync(request, fingerprint, operation, decide, static (write, decide) => decide(write), cancellationToken);

    private Task<LedgerResult> LedgerWriteAsync<TState>(LedgerRequest request, string fingerprint, string operation, TState state, Func<MemberWrite, TState, ValueTask<LedgerResult>> decide, CancellationToken cancellationToken) =>
        WriteAsync(
            request.MemberId,
            request.IdempotencyKey,
            new IdempotentDecision<TState>(request.IdempotencyKey, fingerprint, state, decide),
            static (write, decision) => DecideIdempotentAsync(write, decision),
            operation,
            cancellationToken).AsTask();

    private static ValueTask<LedgerResult> DecideIdempotentAsync<TState>(MemberWrite write, IdempotentDecision<TState> decision)
    {
        if (write.Idempotency is { } previous)
        {
            return ReplayAsync(write, previous, decision.Key, decision.Fingerprint);
        }

        // Awaited only when the decision is: on the in-memory store it completes synchronously.
        var deciding = decision.Decide(write, decision.State);
        return deciding.IsCompletedSuccessfully
            ? new ValueTask<LedgerResult>(Remember(write, decision.Key, decision.Fingerprint, deciding.Result))
            : RememberAsync(write, decision.Key, decision.Fingerprint, deciding);
    }

    private static async ValueTask<LedgerResult> RememberAsync(MemberWrite write, IdempotencyKey key, string fingerprint, ValueTask<LedgerResult> deciding) =>
        Remember(write, key, fingerprint, await deciding.ConfigureAwait(false));

    /// <summary>Records a decided write's result under its idempotency key (stored with the write's changes).</summary>
    private static LedgerResult Remember(MemberWrite write, IdempotencyKey key, string fingerprint, LedgerResult result)
    {
        write.NewIdempotency = new IdempotencyRecord
        {
            Key = key,
            MemberId = write.MemberId,
            Fingerprint = fingerprint,
            Result = LedgerResultText.Serialize(result),
            CreatedAt = write.Now,
        };
        return result;
    }

    /// <summary>Returns the stored result of a write already made with this key, or refuses a different request under it.</summary>
    private static async ValueTask<LedgerResult> ReplayAsync(MemberWrite write, IdempotencyRecord previous, IdempotencyKey key, string fingerprint)
    {
        if (!string.Equals(previous.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw Errors.IdempotencyConflict(key);
        }

        var (ids, balance) = LedgerResultText.Deserialize(previous.Result);
        var entries = new LedgerEntry[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            entries[i] = await write.Transaction.LoadEntryAsync(previous.MemberId, new EntryId(ids[i]), default).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Entry {ids[i]} of a stored idempotent result is missing.");
        }

        return new LedgerResult(entries, balance, Replayed: true);
    }

    /// <summary>Validates an award and computes its fingerprint: everything its decision needs, before anything is opened.</summary>
    private PreparedAward PrepareAward(AwardPoints request)
    {
        var (account, reason, actor) = ValidateRequest(request);
        ValidateAward(request.Points);
        var fingerprint = RequestFingerprint.Of("award", request.MemberId, account, request.Points, reason, actor, request.Pending ? "pending" : null);
        return new PreparedAward(this, request, account, reason, actor, fingerprint);
    }

    private ValueTask<LedgerResult> DecideAwardAsync(MemberWrite write, PreparedAward award)
    {
        RequireStatus(write, LedgerAction.Earn);
        var loading = LoadAccountAsync(write, award.Account, withLots: _settings.Expiry.Kind == ExpiryPolicyKind.RollingInactivity);
        return loading.IsCompletedSuccessfully
            ? new ValueTask<LedgerResult>(DecideAward(write, award, loading.Result))
            : DecideAwardAsync(write, award, loading);
    }

    private async ValueTask<LedgerResult> DecideAwardAsync(MemberWrite write, PreparedAward award, ValueTask<AccountWork> loading) =>
        DecideAward(write, award, await loading.ConfigureAwait(false));

    private LedgerResult DecideAward(MemberWrite write, PreparedAward award, AccountWork work)
    {
        var (_, request, account, reason, actor, _) = award;
        var member = write.RequireMember();
        var points = MultiplyAward(member, account, request.Points);
        var heldForEnrollment = member.Status is MemberStatus.Inactive or MemberStatus.Pending;
        if (heldForEnrollment || request.Pending)
        {
            work.Balance = work.Balance.Add(pending: points);
            var dueAt = heldForEnrollment ? null : write.Now + _settings.PendingPeriod;
            var pending = NewEntry(write, work, LedgerEntryKind.EarnPending, points, reason, actor, request.IdempotencyKey, dueAt: dueAt);
            write.AddEntry(pending);
            write.OpenHold(pending);
        }
        else
        {
            OpenLot(write, work, LedgerEntryKind.Earn, points, reason, actor, request.IdempotencyKey, settles: null);
        }

        Touch(write);
        return Result(write, work);
    }

    /// <summary>Appends an Earn or Approve entry and opens its lot, extending every lot under a rolling-inactivity policy.</summary>
    private LedgerEntry OpenLot(MemberWrite write, AccountWork work, LedgerEntryKind kind, long points, string? reason, string actor, IdempotencyKey? key, EntryId? settles)
    {
        if (_settings.Expiry.Kind == ExpiryPolicyKind.RollingInactivity)
        {
            // Lots already past their expiry are gone even if the job has not run: activity must not revive them.
            ExpireDue(write, work, write.Now);
        }

        var today = _settings.LocalDate(write.Now);
        var expiresOn = _settings.Expiry.ExpiresOn(today);
        var expiresAt = expiresOn is { } on ? _settings.ExpiryInstant(on) : (Instant?)null;
        var entry = NewEntry(write, work, kind, points, reason, actor, key, settles, expiresOn);
        write.AddEntry(entry);
        if (_settings.Expiry.Kind == ExpiryPolicyKind.RollingInactivity)
        {
            foreach (var lot in work.OpenLots.ToList())
            {
                work.Set(lot with { ExpiresOn = expiresOn, ExpiresAt = expiresAt });
            }
        }

        work.OpenLot(entry.Id, points, write.Now, expiresOn, expiresAt);
        write.AddEvent(LoyaltyEventTypes.PointsEarned, PointsPayload(entry));
        LoyaltyDiagnostics.Earned(points);
        return entry;
    }

    private LedgerEntry Approve(MemberWrite write, AccountWork work, LedgerEntry hold, string? reason, string actor, IdempotencyKey? key)
    {
        RequireStatus(write, LedgerAction.Approve);
        work.Balance = work.Balance.Add(pending: -hold.Points);
        write.CloseHold(hold.Id);
        return OpenLot(write, work, LedgerEntryKind.Approve, hold.Points, reason ?? hold.Reason, actor, key, hold.Id);
    }

    private static LedgerEntry Void(MemberWrite write, AccountWork work, LedgerEntry hold, string? reason, string actor, IdempotencyKey? key)
    {
        work.Balance = work.Balance.Add(pending: -hold.Points);
        write.CloseHold(hold.Id);
        var entry = NewEntry(write, work, LedgerEntryKind.Void, hold.Points, reason, actor, key, hold.Id);
        write.AddEntry(entry);
        return entry;
    }

    private static LedgerEntry Commit(MemberWrite write, AccountWork work, LedgerEntry hold, string? reason, string actor, IdempotencyKey? key)
    {
        RequireStatus(write, LedgerAction.Spend);
        work.ConsumePinned(hold.Allocations);
        work.Balance = work.Balance.Add(reserved: -hold.Points, spent: hold.Points);
        write.CloseHold(hold.Id);
        var entry = NewEntry(write, work, LedgerEntryKind.Commit, hold.Points, reason ?? hold.Reason, actor, key, hold.Id, allocations: hold.Allocations);
        write.AddEntry(entry);
        Touch(write);
        write.AddEvent(LoyaltyEventTypes.PointsSpent, PointsPayload(entry));
        LoyaltyDiagnostics.Spent(hold.Points);
        return entry;
    }

    private static LedgerEntry Release(MemberWrite write, AccountWork work, LedgerEntry hold, string? reason, string actor, IdempotencyKey? key)
    {
        work.Unpin(hold.Allocations);
        work.Balance = work.Balance.Add(reserved: -hold.Points);
        work.PayDebtFromAvailable();
        write.CloseHold(hold.Id);
        var entry = NewEntry(write, work, LedgerEntryKind.Release, hold.Points, reason, actor, key, hold.Id);
        write.AddEntry(entry);
        return entry;
    }

    /// <summary>Creates the next entry of the member (not yet added to the write).</summary>
    private static LedgerEntry NewEntry(
        MemberWrite write,
        AccountWork work,
        LedgerEntryKind kind,
        long points,
        string? reason,
        string actor,
        IdempotencyKey? key,
        EntryId? settles = null,
        LocalDate? expiresOn = null,
        Instant? dueAt = null,
        IReadOnlyList<LotAllocation>? allocations = null) => new()
        {
            Id = new EntryId(RandomGuid.NewTimeOrdered(write.Now)),
            MemberId = write.MemberId,
            Sequence = write.NextSequence(),
            Account = work.Account,
            Kind = kind,
            Points = points,
            Reason = reason,
            Actor = actor,
            OccurredAt = write.Now,
            IdempotencyKey = key,
            Settles = settles,
            ExpiresOn = expiresOn,
            DueAt = dueAt,
            Allocations = allocations ?? [],
        };

    /// <summary>Loads an account into the write: its balance, and its open lots when <paramref name="withLots"/> (only operations that consume or extend lots need them).</summary>
    private static ValueTask<AccountWork> LoadAccountAsync(MemberWrite write, AccountName account, bool withLots = true)
    {
        var known = write.TryGetAccount(account, out var work);
        if (known && (!withLots || work!.LotsLoaded))
        {
            return new ValueTask<AccountWork>(work!);
        }

        if (!known && !withLots)
        {
            // An earn's common case, without async state when the store answers synchronously.
            var reading = write.Transaction.LoadBalanceAsync(write.MemberId, account, default);
            if (reading.IsCompletedSuccessfully)
            {
                work = new AccountWork(account, reading.Result);
                write.AddAccount(work);
                return new ValueTask<AccountWork>(work);
            }
        }

        return LoadAccountSlowAsync(write, account, withLots);
    }

    private static async ValueTask<AccountWork> LoadAccountSlowAsync(MemberWrite write, AccountName account, bool withLots)
    {
        if (!write.TryGetAccount(account, out var work))
        {
            if (withLots)
            {
                var state = await write.Transaction.LoadAccountAsync(write.MemberId, account, default).ConfigureAwait(false);
                work = new AccountWork(account, state.Balance);
                work.LoadLots(state.OpenLots);
            }
            else
            {
                work = new AccountWork(account, await write.Transaction.LoadBalanceAsync(write.MemberId, account, default).ConfigureAwait(false));
            }

            write.AddAccount(work);
        }
        else if (withLots && !work.LotsLoaded)
        {
            work.LoadLots((await write.Transaction.LoadAccountAsync(write.MemberId, account, default).ConfigureAwait(false)).OpenLots);
        }

        return work;
    }

    /// <summary>
    /// Loads an account with its lots for a write that consumes points, first expiring lots already past their expiry,
    /// so that points are never spent after they expired just because the maintenance job has not run yet.
    /// </summary>
    private static async ValueTask<AccountWork> LoadConsumableAccountAsync(MemberWrite write, AccountName account)
    {
        var work = await LoadAccountAsync(write, account).ConfigureAwait(false);
        ExpireDue(write, work, write.Now);
        return work;
    }

    /// <summary>The write's result: its main entry first, then the expirations that fell due before it (see <see cref="ExpireDue"/>).</summary>
    private static LedgerResult Result(MemberWrite write, AccountWork work)
    {
        var written = write.Entries;
        var expirations = 0;
        for (var i = 0; i < written.Count; i++)
        {
            expirations += written[i].Kind == LedgerEntryKind.Expire ? 1 : 0;
        }

        if (expirations == 0 || expirations == written.Count)
        {
            return new LedgerResult(written, work.Balance, Replayed: false);
        }

        var entries = new LedgerEntry[written.Count];
        var first = 0;
        var expiration = written.Count - expirations;
        for (var i = 0; i < written.Count; i++)
        {
            entries[written[i].Kind == LedgerEntryKind.Expire ? expiration++ : first++] = written[i];
        }

        return new LedgerResult(entries, work.Balance, Replayed: false);
    }

    /// <summary>
    /// Records the member's activity for engagement stages. Stages count in days, so the member row is rewritten at most
    /// once an hour by ledger activity rather than on every write.
    /// </summary>
    private static void Touch(MemberWrite write)
    {
        var member = write.RequireMember();
        if (member.LastActivityAt is not { } last || write.Now - last >= Duration.FromHours(1))
        {
            write.SetMember(member with { LastActivityAt = write.Now });
        }
    }

    private static void RequireSpendable(AccountWork work, long points)
    {
        if (points > work.Balance.Spendable)
        {
            throw Errors.InsufficientPoints(work.Account, points, work.Balance.Spendable);
        }
    }

    private static void RequireStatus(MemberWrite write, LedgerAction action)
    {
        var member = write.RequireMember();
        if (!LedgerPermissions.Allows(member.Status, action))
        {
            throw new LoyaltyException(
                ErrorCode.StatusNotAllowed,
                $"Member '{member.Id}' is {member.Status}; a {member.Status} member cannot {LedgerPermissions.Describe(action)}.",
                "status");
        }
    }

    private static void RequireHoldKind(LedgerEntry hold, LedgerEntryKind settlement)
    {
        var expected = settlement is LedgerEntryKind.Approve or LedgerEntryKind.Void ? LedgerEntryKind.EarnPending : LedgerEntryKind.Reserve;
        if (hold.Kind != expected)
        {
            throw Errors.Validation("entryId", $"must be a {expected} entry to {settlement.ToString().ToLowerInvariant()} (entry {hold.Id} is {hold.Kind})");
        }
    }

    private static async ValueTask<LoyaltyException> SettledOrMissingAsync(MemberWrite write, EntryId entryId, LedgerEntryKind settlement)
    {
        var entry = await write.Transaction.LoadEntryAsync(write.MemberId, entryId, default).ConfigureAwait(false);
        if (entry is null)
        {
            return EntryNotFound(entryId);
        }

        RequireHoldKind(entry, settlement);
        var settlements = await write.Transaction.LoadSettlementsAsync(write.MemberId, entryId, default).ConfigureAwait(false);
        var how = settlements.Count > 0 ? settlements[0].Kind.ToString() : "settled";
        return new LoyaltyException(ErrorCode.EntryAlreadySettled, $"Entry {entryId} was already settled ({how}); it cannot be settled again ({settlement}).", "entryId");
    }

    private static LoyaltyException EntryNotFound(EntryId entryId) =>
        new(ErrorCode.EntryNotFound, $"Ledger entry {entryId} was not found for this member.", "entryId");

    private (AccountName Account, string? Reason, string Actor) ValidateRequest(LedgerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireId(request.MemberId);
        if (request.IdempotencyKey.IsEmpty)
        {
            throw Errors.Validation("idempotencyKey", "is required: every ledger write carries the caller's key");
        }

        var account = _settings.ResolveAccount(request.Account);
        return (account, MemberValidator.Reason(request.Reason), MemberValidator.Actor(request.Actor));
    }

    private void ValidateAward(long points) => ValidatePositive(points, _settings.MaxAward);

    private static void ValidatePositive(long points, long max)
    {
        if (points < 1 || points > max)
        {
            throw Errors.InvalidAmount("points", string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {max:N0} (was {points})"));
        }
    }

    /// <summary>
    /// The body of a points event. Account names, kinds and ids need no JSON escaping, so it is formatted directly, on the
    /// stack (a pooled buffer only for a long account name).
    /// </summary>
    private static string PointsPayload(LedgerEntry entry) => string.Create(
        CultureInfo.InvariantCulture,
        stackalloc char[128],
        $"{{\"entry_id\":\"{entry.Id.Value}\",\"account\":\"{entry.Account.Value}\",\"kind\":\"{entry.Kind}\",\"points\":{entry.Points}}}");

    /// <summary>A validated award: the request with its resolved account, reason, actor and fingerprint.</summary>
    private readonly record struct PreparedAward(LoyaltyEngine Engine, AwardPoints Request, AccountName Account, string? Reason, string Actor, string Fingerprint);

    /// <summary>A ledger write's decision wrapped with its idempotency key and fingerprint.</summary>
    private readonly record struct IdempotentDecision<TState>(IdempotencyKey Key, string Fingerprint, TState State, Func<MemberWrite, TState, ValueTask<LedgerResult>> Decide);
}

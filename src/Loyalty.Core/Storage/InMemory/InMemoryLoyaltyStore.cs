using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using NodaTime;

namespace Loyalty.Storage.InMemory;

/// <summary>
/// A thread-safe store in process memory, for tests and demos, with the same semantics as the database stores: per-member
/// locks for writes, lock-free reads of immutable snapshots, unique lookups and idempotency keys per program.
/// </summary>
public sealed class InMemoryLoyaltyStore : ILoyaltyStore, ISynchronousBalanceReader
{
    private readonly ConcurrentDictionary<ProgramId, ProgramData> _programs = new();
    private ProgramData? _lastProgram;

    /// <inheritdoc />
    public ValueTask InitializeAsync(CancellationToken cancellationToken) => default;

    /// <inheritdoc />
    public ValueTask<IStoreTransaction> BeginTransactionAsync(ProgramId programId, StoreTransactionMode mode, CancellationToken cancellationToken) =>
        new(new InMemoryTransaction(Program(programId), mode));

    /// <inheritdoc />
    public ValueTask<Member?> GetMemberAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        new(State(programId, memberId)?.Member);

    /// <inheritdoc />
    public ValueTask<MemberId?> FindMemberIdAsync(ProgramId programId, LookupKey key, CancellationToken cancellationToken) =>
        new(Program(programId).Lookups.TryGetValue(key, out var claim) && claim.IsCommitted ? claim.Value : (MemberId?)null);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Member>> ListMembersAsync(ProgramId programId, MemberFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var program = Program(programId);
        var result = new List<Member>();
        foreach (var id in MembersAfter(program, filter.After))
        {
            if (program.Slots.TryGetValue(id, out var slot) && slot.State is { } state && filter.Matches(state.Member))
            {
                result.Add(state.Member);
                if (result.Count == filter.Limit)
                {
                    break;
                }
            }
        }

        return new ValueTask<IReadOnlyList<Member>>(result);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ActivityEntry>> ListHistoryAsync(ProgramId programId, MemberId memberId, long afterSequence, int limit, bool ledgerOnly, CancellationToken cancellationToken)
    {
        var result = new List<ActivityEntry>();
        if (State(programId, memberId) is { } state)
        {
            var history = state.History;
            for (var i = history.FirstIndexAfter(afterSequence, static a => a.Sequence); i < history.Count && result.Count < limit; i++)
            {
                if (!ledgerOnly || history[i].Entry is not null)
                {
                    result.Add(history[i].ToActivity());
                }
            }
        }

        return new ValueTask<IReadOnlyList<ActivityEntry>>(result);
    }

    /// <inheritdoc />
    public ValueTask<PointsBalance?> GetBalanceAsync(ProgramId programId, MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        var state = State(programId, memberId);
        return state is null ? default : new ValueTask<PointsBalance?>(state.BalanceOf(account));
    }

    /// <inheritdoc />
    public bool TryGetBalance(ProgramId programId, MemberId memberId, AccountName account, out PointsBalance balance)
    {
        if (Program(programId).Slots.TryGetValue(memberId, out var slot) && slot.State is { } state)
        {
            balance = state.BalanceOf(account);
            return true;
        }

        balance = default;
        return false;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AccountBalance>> GetBalancesAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        new(State(programId, memberId)?.Balances ?? []);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Lot>> ListOpenLotsAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        new(State(programId, memberId)?.OpenLots.ToArray() ?? []);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerEntry>> ListOpenHoldsAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        new(State(programId, memberId)?.OpenHolds.Values.OrderBy(e => e.Sequence).ToArray() ?? []);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<MemberId>> ListMembersWithDueWorkAsync(ProgramId programId, DueWorkKind kind, Instant asOf, MemberId? afterMemberId, int limit, CancellationToken cancellationToken)
    {
        var program = Program(programId);
        var result = new List<MemberId>();
        foreach (var id in MembersAfter(program, afterMemberId))
        {
            if (program.Slots.TryGetValue(id, out var slot) && slot.State is { } state && HasDueWork(state, kind, asOf))
            {
                result.Add(id);
                if (result.Count == limit)
                {
                    break;
                }
            }
        }

        return new ValueTask<IReadOnlyList<MemberId>>(result);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SnapshotRow> StreamSnapshotRowsAsync(ProgramId programId, AccountName account, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var program = Program(programId);
        foreach (var id in program.Order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (program.Slots.TryGetValue(id, out var slot) && slot.State is { } state)
            {
                LocalDate? next = null;
                long points = 0;
                var lots = state.OpenLots;
                for (var i = 0; i < lots.Count; i++)
                {
                    var lot = lots[i];
                    if (!lot.Account.Equals(account) || lot.Available <= 0 || lot.ExpiresOn is not { } on)
                    {
                        continue;
                    }

                    if (next is null || on < next)
                    {
                        next = on;
                        points = lot.Available;
                    }
                    else if (on == next)
                    {
                        points += lot.Available;
                    }
                }

                yield return new SnapshotRow(state.Member, state.BalanceOf(account), next, points);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(ProgramId programId, long afterPosition, int limit, CancellationToken cancellationToken) =>
        new(Program(programId).ReadOutbox(afterPosition, limit));

    /// <inheritdoc />
    public ValueTask<long> SumEarnedSinceAsync(ProgramId programId, MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken) =>
        new(State(programId, memberId) is { } state ? SumEarnedSince(state, account, since) : 0);

    internal static long SumEarnedSince(MemberState state, AccountName account, Instant since)
    {
        long sum = 0;
        foreach (var entry in state.Entries)
        {
            if (entry.OccurredAt >= since && entry.Account.Equals(account))
            {
                sum += entry.Kind switch
                {
                    LedgerEntryKind.Earn or LedgerEntryKind.Approve => entry.Points,
                    LedgerEntryKind.Reverse => -entry.Points,
                    _ => 0,
                };
            }
        }

        return sum;
    }

    private static bool HasDueWork(MemberState state, DueWorkKind kind, Instant asOf)
    {
        switch (kind)
        {
            case DueWorkKind.TierReviews:
                return state.Member.TierReviewAt <= asOf;
            case DueWorkKind.ExpiringLots:
                var lots = state.OpenLots;
                for (var i = 0; i < lots.Count; i++)
                {
                    var lot = lots[i];
                    if (lot.ExpiresAt <= asOf && lot.Available > 0)
                    {
                        return true;
                    }
                }

                return false;
            case DueWorkKind.Holds:
                foreach (var hold in state.OpenHolds.Values)
                {
                    if (hold.DueAt <= asOf)
                    {
                        return true;
                    }
                }

                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of due work.");
        }
    }

    private static IEnumerable<MemberId> MembersAfter(ProgramData program, MemberId? after)
    {
        var order = program.Order;
        var start = 0;
        if (after is { } a)
        {
            var index = order.IndexOf(a);
            start = index >= 0 ? index + 1 : ~index;
        }

        for (var i = start; i < order.Count; i++)
        {
            yield return order[i];
        }
    }

    /// <summary>Gets everything held for a program (created on first use; never removed), for the engine's hot read.</summary>
    internal ProgramData Data(ProgramId programId) => Program(programId);

    private MemberState? State(ProgramId programId, MemberId memberId) =>
        Program(programId).Slots.TryGetValue(memberId, out var slot) ? slot.State : null;

    private ProgramData Program(ProgramId programId)
    {
        var last = _lastProgram;
        if (last is not null && ReferenceEquals(last.ProgramId.Value, programId.Value))
        {
            return last;
        }

        var program = _programs.GetOrAdd(programId, static id => new ProgramData(id));
        _lastProgram = program;
        return program;
    }
}

using System.Runtime.CompilerServices;
using Loyalty.Ledger;
using Loyalty.Storage;
using NodaTime;

namespace Loyalty.Engine;

internal sealed partial class LoyaltyEngine
{
    public ValueTask<PointsBalance> GetBalanceAsync(MemberId memberId, AccountName account = default, CancellationToken cancellationToken = default)
    {
        // The hot read on the in-memory store (which needs no initialization): one dictionary probe and the default
        // account's balance held inline in the member's state; no allocation, no lock, no options lookup, a small frame.
        // Everything else (another account, another store, a missing member) is in a separate method.
        if (_inMemory is { } memory && account.IsDefault && memory.Find(memberId) is { } state)
        {
            return state.DefaultBalanceRead;
        }

        return ReadBalanceFromStore(memberId, account, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<AccountBalance>> GetBalancesAsync(MemberId memberId, CancellationToken cancellationToken = default)
    {
        _ = await GetMemberAsync(memberId, cancellationToken).ConfigureAwait(false);
        var stored = await _store.GetBalancesAsync(_settings.ProgramId, memberId, cancellationToken).ConfigureAwait(false);
        return _settings.Accounts
            .Select(account => new AccountBalance(account, stored.FirstOrDefault(b => b.Account.Equals(account)).Balance))
            .ToArray();
    }

    public async ValueTask<IReadOnlyList<Lot>> GetOpenLotsAsync(MemberId memberId, CancellationToken cancellationToken = default)
    {
        _ = await GetMemberAsync(memberId, cancellationToken).ConfigureAwait(false);
        var lots = await _store.ListOpenLotsAsync(_settings.ProgramId, memberId, cancellationToken).ConfigureAwait(false);
        return lots
            .OrderBy(l => l.Account.Value, StringComparer.Ordinal)
            .ThenBy(l => l.ExpiresAt is null ? 1 : 0)
            .ThenBy(l => l.ExpiresAt ?? default)
            .ThenBy(l => l.EarnedAt)
            .ToArray();
    }

    public async ValueTask<IReadOnlyList<LedgerEntry>> GetOpenHoldsAsync(MemberId memberId, CancellationToken cancellationToken = default)
    {
        _ = await GetMemberAsync(memberId, cancellationToken).ConfigureAwait(false);
        return await _store.ListOpenHoldsAsync(_settings.ProgramId, memberId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ExpiringPoints> GetExpiringPointsAsync(MemberId memberId, AccountName account = default, CancellationToken cancellationToken = default)
    {
        var resolved = _settings.ResolveAccount(account);
        var lots = (await GetOpenLotsAsync(memberId, cancellationToken).ConfigureAwait(false))
            .Where(l => l.Account.Equals(resolved) && l.ExpiresOn is not null && l.Available > 0)
            .ToArray();
        var today = _settings.LocalDate(_clock.GetCurrentInstant());
        var monthStart = new LocalDate(today.Year, today.Month, 1);
        var nextMonth = monthStart.PlusMonths(1);

        long Between(LocalDate from, LocalDate toExclusive) =>
            lots.Where(l => l.ExpiresOn >= from && l.ExpiresOn < toExclusive).Sum(l => l.Available);

        var next = lots.Where(l => l.ExpiresOn >= today).MinBy(l => l.ExpiresOn)?.ExpiresOn;
        return new ExpiringPoints
        {
            Today = today,
            ExpiringToday = Between(today, today.PlusDays(1)),
            ExpiringThisMonth = Between(today, nextMonth),
            ExpiringNextMonth = Between(nextMonth, nextMonth.PlusMonths(1)),
            ExpiringThisYear = Between(today, new LocalDate(today.Year + 1, 1, 1)),
            ExpiringNextYear = Between(new LocalDate(today.Year + 1, 1, 1), new LocalDate(today.Year + 2, 1, 1)),
            NextExpiryDate = next,
            NextExpiryPoints = next is { } date ? lots.Where(l => l.ExpiresOn == date).Sum(l => l.Available) : 0,
            NextResetDate = _settings.Expiry.NextReset(today),
            History = await ExpiryHistoryAsync(memberId, resolved, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<IReadOnlyList<ExpiredPoints>> ExpiryHistoryAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        var byDate = new SortedDictionary<LocalDate, long>();
        await foreach (var activity in AllActivitiesAsync(memberId, true, cancellationToken).ConfigureAwait(false))
        {
            if (activity.LedgerEntry is { Kind: LedgerEntryKind.Expire } entry && entry.Account.Equals(account))
            {
                var date = entry.ExpiresOn?.PlusDays(1) ?? _settings.LocalDate(entry.OccurredAt);
                byDate[date] = byDate.GetValueOrDefault(date) + entry.Points;
            }
        }

        return byDate.Select(pair => new ExpiredPoints(pair.Key, pair.Value)).ToArray();
    }

    /// <summary>
    /// The balance read through a store's synchronous capability when it has one, else through its asynchronous API;
    /// synchronous (no allocation) when the store's read is.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<PointsBalance> ReadBalanceFromStore(MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        if (memberId.IsEmpty || !_initializer.IsReady)
        {
            return ReadBalanceSlowAsync(memberId, account, cancellationToken);
        }

        var resolved = _settings.ResolveAccount(account);
        if (_balanceReader is { } reader && reader.TryGetBalance(_programId, memberId, resolved, out var held))
        {
            return new ValueTask<PointsBalance>(held);
        }

        var read = _store.GetBalanceAsync(_programId, memberId, resolved, cancellationToken);
        if (!read.IsCompletedSuccessfully)
        {
            return AwaitBalanceAsync(read, memberId);
        }

        var balance = read.Result;
        return balance.HasValue ? new ValueTask<PointsBalance>(balance.GetValueOrDefault()) : throw Errors.MemberNotFound(memberId);
    }

    private async ValueTask<PointsBalance> ReadBalanceSlowAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        RequireId(memberId);
        var resolved = _settings.ResolveAccount(account);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await AwaitBalanceAsync(_store.GetBalanceAsync(_programId, memberId, resolved, cancellationToken), memberId).ConfigureAwait(false);
    }

    private static async ValueTask<PointsBalance> AwaitBalanceAsync(ValueTask<PointsBalance?> read, MemberId memberId) =>
        await read.ConfigureAwait(false) ?? throw Errors.MemberNotFound(memberId);
}

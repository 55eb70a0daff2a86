using Loyalty.Configuration;
using Loyalty.Diagnostics;
using Log = Loyalty.Diagnostics.Log;
using Loyalty.Storage;
using Loyalty.Storage.InMemory;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Loyalty.Engine;

/// <summary>The engine of one program over a store. All rules live here; the store persists and locks.</summary>
internal sealed partial class LoyaltyEngine : ILoyaltyEngine
{
    private const int MaxWriteAttempts = 8;

    private readonly ILoyaltyStore _store;
    private readonly IClock _clock;
    private readonly StoreInitializer _initializer;
    private readonly ILogger _logger;
    private readonly ProgramSettings _settings;
    private readonly MemberValidator _validator;
    private readonly ProgramId _programId;
    private readonly ISynchronousBalanceReader? _balanceReader;
    private readonly ProgramData? _inMemory;

    public LoyaltyEngine(LoyaltyOptions options, ILoyaltyStore store, IClock clock, StoreInitializer initializer, ILogger logger)
    {
        _settings = new ProgramSettings(options);
        _store = store;
        _clock = clock;
        _initializer = initializer;
        _logger = logger;
        _validator = new MemberValidator(_settings);
        _programId = _settings.ProgramId;
        _balanceReader = store as ISynchronousBalanceReader;
        _inMemory = (store as InMemoryLoyaltyStore)?.Data(_programId);
    }

    public ProgramId ProgramId => _settings.ProgramId;

    internal ProgramSettings Settings => _settings;

    /// <summary>
    /// Runs a one-member write: lock, decide, apply, commit. Transient store failures (lock timeouts, serialization
    /// failures, deadlocks) retry the whole unit, deciding again on fresh state, up to a bound.
    /// </summary>
    private Task<T> WriteAsync<T>(MemberId memberId, IdempotencyKey? key, Func<MemberWrite, ValueTask<T>> decide, string operation, CancellationToken cancellationToken) =>
        RetryAsync(operation, memberId, async () =>
        {
            var transaction = await _store.BeginTransactionAsync(_settings.ProgramId, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await DecideAndApplyAsync(transaction, memberId, key, decide, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }, cancellationToken);

    /// <summary>Locks one member inside a transaction, runs the decision and applies its change set (not yet committed).</summary>
    private async Task<T> DecideAndApplyAsync<T>(IStoreTransaction transaction, MemberId memberId, IdempotencyKey? key, Func<MemberWrite, ValueTask<T>> decide, CancellationToken cancellationToken)
    {
        var locked = await transaction.LockMemberAsync(memberId, key, cancellationToken).ConfigureAwait(false);
        var write = new MemberWrite(transaction, memberId, locked, _clock.GetCurrentInstant());
        var result = await decide(write).ConfigureAwait(false);
        if (write.HasChanges)
        {
            await ApplyTierUpgradeAsync(write).ConfigureAwait(false);
        }

        if (write.HasChanges || write.NewIdempotency is not null)
        {
            await transaction.ApplyAsync(write.Build(), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<T> RetryAsync<T>(string operation, MemberId memberId, Func<Task<T>> unit, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var activity = LoyaltyDiagnostics.StartOperation(operation, _settings.ProgramId, memberId);
        var started = _clock.GetCurrentInstant();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await unit().ConfigureAwait(false);
                LoyaltyDiagnostics.RecordDuration(operation, _clock.GetCurrentInstant() - started);
                return result;
            }
            catch (LoyaltyException ex) when (ex.IsTransient && attempt < MaxWriteAttempts)
            {
                Log.RetryingWrite(_logger, operation, memberId.Value, attempt, ex.Message);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (LoyaltyException ex) when (ex.IsTransient)
            {
                throw new LoyaltyException(
                    ErrorCode.ConcurrencyConflict,
                    $"The {operation} of member '{memberId}' kept conflicting with concurrent writers and was abandoned after {MaxWriteAttempts} attempts.",
                    null,
                    ex);
            }
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 << Math.Min(attempt, 6)));

    private ValueTask EnsureReadyAsync(CancellationToken cancellationToken) =>
        _initializer.IsReady ? default : _initializer.EnsureInitializedAsync(cancellationToken);
}

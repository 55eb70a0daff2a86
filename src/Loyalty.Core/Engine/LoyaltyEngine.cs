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
        WriteAsync(memberId, key, decide, static (write, decide) => decide(write), operation, cancellationToken).AsTask();

    /// <summary>
    /// <see cref="WriteAsync{T}(MemberId, IdempotencyKey?, Func{MemberWrite, ValueTask{T}}, string, CancellationToken)"/>
    /// with the decision's inputs passed as a value rather than captured: no closure, and no allocation of the pipeline
    /// itself when the store completes synchronously (the in-memory store always does).
    /// </summary>
    private ValueTask<T> WriteAsync<TState, T>(MemberId memberId, IdempotencyKey? key, TState state, Func<MemberWrite, TState, ValueTask<T>> decide, string operation, CancellationToken cancellationToken) =>
        RetryAsync(
            operation,
            memberId,
            new SingleWrite<TState, T>(this, memberId, key, state, decide, cancellationToken),
            static write => write.Engine.WriteOnceAsync(write),
            cancellationToken);

    private async ValueTask<T> WriteOnceAsync<TState, T>(SingleWrite<TState, T> write)
    {
        var transaction = await _store.BeginTransactionAsync(_programId, StoreTransactionMode.AllOrNothing, write.CancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await DecideAndApplyAsync(transaction, write.MemberId, write.Key, write.State, write.Decide, write.CancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(write.CancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    /// <summary>Locks one member inside a transaction, runs the decision and applies its change set (not yet committed).</summary>
    private ValueTask<T> DecideAndApplyAsync<T>(IStoreTransaction transaction, MemberId memberId, IdempotencyKey? key, Func<MemberWrite, ValueTask<T>> decide, CancellationToken cancellationToken) =>
        DecideAndApplyAsync(transaction, memberId, key, decide, static (write, decide) => decide(write), cancellationToken);

    private async ValueTask<T> DecideAndApplyAsync<TState, T>(IStoreTransaction transaction, MemberId memberId, IdempotencyKey? key, TState state, Func<MemberWrite, TState, ValueTask<T>> decide, CancellationToken cancellationToken)
    {
        var locked = await transaction.LockMemberAsync(memberId, key, cancellationToken).ConfigureAwait(false);
        var write = new MemberWrite(transaction, memberId, locked, _clock.GetCurrentInstant());
        var result = await decide(write, state).ConfigureAwait(false);
        if (write.HasChanges && !_settings.Tiers.IsEmpty)
        {
            await ApplyTierUpgradeAsync(write).ConfigureAwait(false);
        }

        if (write.HasChanges || write.NewIdempotency is not null)
        {
            await transaction.ApplyAsync(write.Build(), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private ValueTask<T> RetryAsync<T>(string operation, MemberId memberId, Func<Task<T>> unit, CancellationToken cancellationToken) =>
        RetryAsync(operation, memberId, unit, static unit => new ValueTask<T>(unit()), cancellationToken);

    /// <summary>Runs a unit of work, retrying it on transient store failures, inside the operation's activity and duration.</summary>
    private async ValueTask<T> RetryAsync<TUnit, T>(string operation, MemberId memberId, TUnit unit, Func<TUnit, ValueTask<T>> run, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        using var activity = LoyaltyDiagnostics.StartOperation(operation, _settings.ProgramId, memberId);
        var started = LoyaltyDiagnostics.IsDurationRecorded ? _clock.GetCurrentInstant() : (Instant?)null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await run(unit).ConfigureAwait(false);
                if (started is { } from)
                {
                    LoyaltyDiagnostics.RecordDuration(operation, _clock.GetCurrentInstant() - from);
                }

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

    /// <summary>The inputs of one attempt of a one-member write, passed by value to the retry loop.</summary>
    private readonly record struct SingleWrite<TState, T>(
        LoyaltyEngine Engine,
        MemberId MemberId,
        IdempotencyKey? Key,
        TState State,
        Func<MemberWrite, TState, ValueTask<T>> Decide,
        CancellationToken CancellationToken);
}

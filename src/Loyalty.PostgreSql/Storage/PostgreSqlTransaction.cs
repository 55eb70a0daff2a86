using System.Data;
using Loyalty.Ledger;
using Loyalty.Storage.PostgreSql.Errors;
using Loyalty.Storage.PostgreSql.Tables;
using NodaTime;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>
/// A unit of work on PostgreSQL: one pooled connection in a READ COMMITTED transaction. Members are locked with
/// transaction-scoped advisory locks (held until commit or rollback, whether or not the member row exists), so every
/// read after the lock sees the member's latest committed state and no other writer can change it; each change set is
/// written in one round trip, and its member row update is conditional on the last sequence read under the lock, so even
/// a writer that bypassed the lock could not make an update get lost. With <see cref="StoreTransactionMode.IsolatedChangeSets"/>
/// each change set is written inside a savepoint, rolled back to when it is refused. With
/// <see cref="StoreTransactionMode.AllOrNothing"/> there is none: a change set is guarded (a refusal fails on the server
/// and aborts the transaction) and held until the transaction's next round trip, so that the last one goes with the
/// <c>COMMIT</c>: a one-member write is two round trips, the lock and the write with its commit.
/// </summary>
internal sealed class PostgreSqlTransaction : IStoreTransaction
{
    private readonly StoreDatabase _database;
    private readonly ProgramId _programId;
    private readonly StoreTransactionMode _mode;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly Dictionary<MemberId, LockedRow> _locked = [];
    private Exception? _abortedBy;
    private ChangeSetBatch? _held;
    private bool _savepointHeld;
    private bool _lockTimeoutSet;
    private bool _completed;

    private PostgreSqlTransaction(StoreDatabase database, ProgramId programId, StoreTransactionMode mode, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _database = database;
        _programId = programId;
        _mode = mode;
        _connection = connection;
        _transaction = transaction;
    }

    private Session Session => new(_database, _connection, _transaction);

    public static async ValueTask<IStoreTransaction> BeginAsync(StoreDatabase database, ProgramId programId, StoreTransactionMode mode, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync("starting a transaction", cancellationToken).ConfigureAwait(false);
        try
        {
            // Npgsql sends BEGIN with the first command: no round trip of its own.
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            return new PostgreSqlTransaction(database, programId, mode, connection, transaction);
        }
        catch (Exception ex) when (StoreErrors.IsProviderFailure(ex))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw database.Fail(ex, "starting a transaction");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<LockedMember> LockMemberAsync(MemberId memberId, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        if (_locked.TryGetValue(memberId, out var locked) && key is null)
        {
            return new LockedMember(locked.Member, locked.LastSequence, null);
        }

        await WriteHeldAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = LockBatch(memberId, key, firstLock: locked is null);
            await using (batch.ConfigureAwait(false))
            {
                await _database.PrepareAsync(batch, cancellationToken).ConfigureAwait(false);
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (locked is null)
                    {
                        // Past the lock's own result to the member row.
                        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                        locked = await ReadLockedAsync(reader, memberId, cancellationToken).ConfigureAwait(false);
                        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    }

                    var record = key is not null && await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? IdempotencyTable.Read(reader) : null;
                    return new LockedMember(locked.Member, locked.LastSequence, record);
                }
            }
        }
        catch (Exception ex) when (Aborts(ex))
        {
            throw Abort(ex, $"locking member '{memberId}'");
        }
    }

    public ValueTask<PointsBalance> LoadBalanceAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        return new ValueTask<PointsBalance>(RequireLocked(memberId).BalanceOf(account));
    }

    public async ValueTask<AccountState> LoadAccountAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        var lots = await LoadAsync(memberId, account, "reading open lots", static (session, program, member, account, token) => MemberQueries.ListLotsAsync(session, program, member, account, token), cancellationToken).ConfigureAwait(false);
        return new AccountState(RequireLocked(memberId).BalanceOf(account), lots);
    }

    public ValueTask<IReadOnlyList<LedgerEntry>> LoadOpenHoldsAsync(MemberId memberId, CancellationToken cancellationToken) =>
        LoadAsync(memberId, 0, "reading open holds", static (session, program, member, _, token) => MemberQueries.ListHoldsAsync(session, program, member, token), cancellationToken);

    public ValueTask<LedgerEntry?> LoadEntryAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken) =>
        LoadAsync(memberId, entryId, "reading a ledger entry", static (session, program, member, entry, token) => MemberQueries.GetEntryAsync(session, program, member, entry, token), cancellationToken);

    public ValueTask<IReadOnlyList<LedgerEntry>> LoadSettlementsAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken) =>
        LoadAsync(memberId, entryId, "reading settlements", static (session, program, member, entry, token) => MemberQueries.ListSettlementsAsync(session, program, member, entry, token), cancellationToken);

    public ValueTask<long> SumEarnedSinceAsync(MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken) =>
        LoadAsync(memberId, (account, since), "summing earned points", static (session, program, member, args, token) => MemberQueries.SumEarnedSinceAsync(session, program, member, args.account, args.since, token), cancellationToken);

    public async ValueTask ApplyAsync(MemberChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThrowIfUnusable();
        var row = RequireLocked(changes.MemberId);
        if (changes.IsNewMember && row.Exists)
        {
            throw Refuse(new LoyaltyException(ErrorCode.MemberAlreadyExists, $"Member '{changes.MemberId}' already exists.", "memberId"));
        }

        if (!row.Exists && !(changes.IsNewMember && changes.Member is not null))
        {
            throw Refuse(new InvalidOperationException($"Member '{changes.MemberId}' does not exist; only a new member can be created by a change set."));
        }

        RequireHoldsAmongEntries(changes);
        if (_mode == StoreTransactionMode.IsolatedChangeSets)
        {
            await WriteIsolatedAsync(changes, row, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteHeldAsync(cancellationToken).ConfigureAwait(false);
            _held = ChangeSetBatch.Create(Session.Batch(), _database.Statements, _programId, changes, row.LastSequence, isolated: false, releasePrevious: false);
        }

        row.Apply(changes);
        if (changes.RenameTo is { } newId)
        {
            _locked[changes.MemberId] = LockedRow.Moved();
            _locked[newId] = row;
        }
    }

    /// <summary>Writes a change set inside a savepoint; a refusal rolls back to it and is thrown.</summary>
    private async ValueTask WriteIsolatedAsync(MemberChangeSet changes, LockedRow row, CancellationToken cancellationToken)
    {
        var batch = ChangeSetBatch.Create(Session.Batch(), _database.Statements, _programId, changes, row.LastSequence, isolated: true, _savepointHeld);
        await using (batch.Batch.ConfigureAwait(false))
        {
            var failure = await SendAsync(batch, cancellationToken).ConfigureAwait(false);
            _savepointHeld = true;
            if ((failure ?? batch.Verify()) is { } refusal)
            {
                await RollbackChangeSetAsync(refusal, cancellationToken).ConfigureAwait(false);
                throw refusal;
            }
        }
    }

    /// <summary>Sends the change set held back by an all-or-nothing apply, if any, before the transaction's next command.</summary>
    private ValueTask WriteHeldAsync(CancellationToken cancellationToken)
    {
        if (_held is not { } held)
        {
            return default;
        }

        _held = null;
        return WriteGuardedAsync(held, cancellationToken);
    }

    /// <summary>Sends a guarded change set (with the commit, when <see cref="ChangeSetBatch.AddCommit"/> ended it); any failure aborts the transaction.</summary>
    private async ValueTask WriteGuardedAsync(ChangeSetBatch batch, CancellationToken cancellationToken)
    {
        await using (batch.Batch.ConfigureAwait(false))
        {
            if (await SendAsync(batch, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                _abortedBy ??= failure;
                throw failure;
            }
        }
    }

    /// <summary>
    /// Sends a change set's batch. A server error is returned as the change set's failure (for the caller to roll back
    /// or abort); any other provider failure aborts the transaction and is thrown.
    /// </summary>
    private async ValueTask<LoyaltyException?> SendAsync(ChangeSetBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await _database.PrepareAsync(batch.Batch, cancellationToken).ConfigureAwait(false);
            await batch.Batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (PostgresException ex)
        {
            return WriteError(batch, ex);
        }
        catch (Exception ex) when (Aborts(ex))
        {
            throw Abort(ex, $"writing member '{batch.MemberId}'");
        }
    }

    /// <summary>The error for a change set's failed batch: its refusal, a transient unique violation, or the translated failure.</summary>
    private LoyaltyException WriteError(ChangeSetBatch batch, PostgresException exception) =>
        batch.RefusalOf(exception)
        ?? (exception.SqlState == SqlStates.UniqueViolation
            ? StoreErrors.Transient($"A row of member '{batch.MemberId}' was written concurrently by a writer that did not hold its lock; the write is retried.", exception)
            : _database.Fail(exception, $"writing member '{batch.MemberId}'"));

    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_abortedBy is { } cause)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw AbortedTransactionError.For(cause);
        }

        try
        {
            if (_held is { } held)
            {
                _held = null;
                held.AddCommit();
                await WriteGuardedAsync(held, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (StoreErrors.IsProviderFailure(ex))
        {
            throw _database.Fail(ex, "committing");
        }
        catch (LoyaltyException)
        {
            // The held change set was refused or failed: the server aborted the transaction; roll it back.
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _completed = true;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_held is { } held)
        {
            _held = null;
            await held.Batch.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreErrors.IsProviderFailure(ex) || ex is InvalidOperationException)
        {
            // The connection broke: the server rolls the transaction back when it sees the connection close.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The lock's one round trip. The first lock of a member sends the advisory lock (the first lock of the transaction
    /// sets the transaction's lock timeout in the same statement), then, read after the lock is granted, the member row
    /// and its balances; every lock with a key reads the idempotency record (a key may have been used by any member since).
    /// </summary>
    private NpgsqlBatch LockBatch(MemberId memberId, IdempotencyKey? key, bool firstLock)
    {
        var statements = _database.Statements;
        var batch = Session.Batch();
        if (firstLock)
        {
            var lockCommand = MemberCommand(_lockTimeoutSet ? statements.MemberLock.Lock : statements.MemberLock.LockWithTimeout, memberId);
            if (!_lockTimeoutSet)
            {
                lockCommand.Parameters.Add(Param.Text(_database.LockTimeoutText));
            }

            batch.BatchCommands.Add(lockCommand);
            batch.BatchCommands.Add(MemberCommand(statements.Members.Get, memberId));
            batch.BatchCommands.Add(MemberCommand(statements.Balances.ListOfMember, memberId));
        }

        if (key is { } k)
        {
            batch.BatchCommands.Add(Command(statements.Idempotency.Get, Param.Text(_programId.Value), Param.Text(k.Value)));
        }

        return batch;
    }

    /// <summary>Reads the member row and balances of a first lock and remembers them; leaves the reader on the balances.</summary>
    private async Task<LockedRow> ReadLockedAsync(NpgsqlDataReader reader, MemberId memberId, CancellationToken cancellationToken)
    {
        Loyalty.Members.Member? member = null;
        long lastSequence = 0;
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            member = MembersTable.Read(reader, 0);
            lastSequence = reader.GetInt64(MembersTable.LastSequenceOrdinal);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var balances = new List<AccountBalance>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            balances.Add(MemberQueries.ReadAccountBalance(reader));
        }

        var row = new LockedRow(member, lastSequence, balances);
        _locked[memberId] = row;
        _lockTimeoutSet = true;
        return row;
    }

    /// <summary>Runs one read of a locked member in the transaction, with the state as a value (no closure).</summary>
    private async ValueTask<T> LoadAsync<TArgs, T>(MemberId memberId, TArgs args, string operation, Func<Session, ProgramId, MemberId, TArgs, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        RequireLocked(memberId);
        await WriteHeldAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await read(Session, _programId, memberId, args, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Aborts(ex))
        {
            throw Abort(ex, $"{operation} of member '{memberId}'");
        }
    }

    /// <summary>Rolls back to the change set's savepoint so that the transaction stays usable; a failure there aborts it.</summary>
    private async ValueTask RollbackChangeSetAsync(LoyaltyException cause, CancellationToken cancellationToken)
    {
        try
        {
            var command = Session.Command($"ROLLBACK TO SAVEPOINT {ChangeSetBatch.Savepoint}; RELEASE SAVEPOINT {ChangeSetBatch.Savepoint}");
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _savepointHeld = false;
        }
        catch (Exception ex) when (Aborts(ex))
        {
            _abortedBy ??= cause;
        }
    }

    /// <summary>A change set refused before anything was sent: it aborts an all-or-nothing transaction all the same.</summary>
    private Exception Refuse(Exception refusal)
    {
        if (_mode == StoreTransactionMode.AllOrNothing)
        {
            _abortedBy ??= refusal;
        }

        return refusal;
    }

    /// <summary>
    /// An exception filter: a provider failure or a cancellation leaves the transaction aborted on the server (every later
    /// command would fail), so it is remembered; only provider failures are caught (and translated).
    /// </summary>
    private bool Aborts(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            _abortedBy ??= exception;
            return false;
        }

        return StoreErrors.IsProviderFailure(exception);
    }

    private LoyaltyException Abort(Exception exception, string operation)
    {
        var translated = _database.Fail(exception, operation);
        _abortedBy ??= translated;
        return translated;
    }

    private LockedRow RequireLocked(MemberId memberId) =>
        _locked.TryGetValue(memberId, out var row)
            ? row
            : throw new InvalidOperationException($"Member '{memberId}' is not locked by this transaction.");

    private void RequireHoldsAmongEntries(MemberChangeSet changes)
    {
        foreach (var hold in changes.OpenedHolds)
        {
            var found = false;
            foreach (var entry in changes.Entries)
            {
                found |= entry.Id == hold.Id;
            }

            if (!found)
            {
                throw Refuse(new InvalidOperationException($"Open hold {hold.Id} must be one of the change set's new entries: the store keeps holds as references to their history rows."));
            }
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_abortedBy is { } cause)
        {
            throw AbortedTransactionError.For(cause);
        }
    }

    private NpgsqlBatchCommand MemberCommand(string sql, MemberId memberId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddMemberKey(_programId, memberId);
        return command;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}

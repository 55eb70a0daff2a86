using Loyalty.Ledger;
using Loyalty.Storage;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>
/// A unit of work in one <c>BEGIN IMMEDIATE</c> transaction: the database's write lock is held from the start, so every
/// member it touches is locked and nothing read inside can change before commit (no read-then-write race). With
/// <see cref="StoreTransactionMode.IsolatedChangeSets"/> each change set is applied inside a savepoint, so a refused one
/// leaves the transaction usable; with <see cref="StoreTransactionMode.AllOrNothing"/> there is no savepoint (two
/// statements and a statement journal less per change set) and a refused one aborts the transaction.
/// </summary>
internal sealed class SqliteStoreTransaction(SqliteLoyaltyStore store, SqliteSession session, ProgramId programId, StoreTransactionMode mode) : IStoreTransaction
{
    private Exception? _abortedBy;
    private bool _completed;

    public ValueTask<LockedMember> LockMemberAsync(MemberId memberId, IdempotencyKey? key, CancellationToken cancellationToken) => Run(() =>
    {
        var member = SqliteLoyaltyStore.ReadMember(session, programId, memberId, out var lastSequence);
        return new LockedMember(member, lastSequence, key is { } k ? ReadIdempotency(k) : null);
    });

    public ValueTask<PointsBalance> LoadBalanceAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken) => Run(() =>
    {
        var command = session.Command(SqliteStatements.SelectBalance)
            .Set("$program", programId.Value)
            .Set("$member", memberId.Value)
            .Set("$account", account.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? LedgerRows.ReadBalance(reader, 0) : default;
    });

    public async ValueTask<AccountState> LoadAccountAsync(MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        var balance = await LoadBalanceAsync(memberId, account, cancellationToken).ConfigureAwait(false);
        return await Run(() => new AccountState(balance, SqliteLoyaltyStore.ReadLots(session, programId, memberId, account))).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<LedgerEntry>> LoadOpenHoldsAsync(MemberId memberId, CancellationToken cancellationToken) =>
        Run(() => SqliteLoyaltyStore.ReadHolds(session, programId, memberId));

    public ValueTask<LedgerEntry?> LoadEntryAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken) => Run(() =>
    {
        var entries = SqliteLoyaltyStore.ReadEntries(
            session.Command(SqliteStatements.SelectEntry).Set("$program", programId.Value).Set("$member", memberId.Value).Set("$entry", StoreValues.Id(entryId)),
            memberId);
        return entries.Count > 0 ? entries[0] : null;
    });

    public ValueTask<IReadOnlyList<LedgerEntry>> LoadSettlementsAsync(MemberId memberId, EntryId entryId, CancellationToken cancellationToken) => Run(() =>
        SqliteLoyaltyStore.ReadEntries(
            session.Command(SqliteStatements.SelectSettlements).Set("$program", programId.Value).Set("$member", memberId.Value).Set("$entry", StoreValues.Id(entryId)),
            memberId));

    public ValueTask<long> SumEarnedSinceAsync(MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken) =>
        Run(() => SqliteLoyaltyStore.SumEarnedSince(session, programId, memberId, account, since));

    public ValueTask ApplyAsync(MemberChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThrowIfUnusable();
        if (mode == StoreTransactionMode.AllOrNothing)
        {
            try
            {
                new SqliteChangeWriter(session, programId, changes).Write();
            }
            catch (SqliteException ex)
            {
                var error = Fail(ex);
                _abortedBy = error;
                throw error;
            }
            catch (Exception ex)
            {
                _abortedBy = ex;
                throw;
            }

            return default;
        }

        try
        {
            session.Execute(SqliteStatements.Savepoint);
            try
            {
                new SqliteChangeWriter(session, programId, changes).Write();
                session.Execute(SqliteStatements.ReleaseSavepoint);
            }
            catch
            {
                session.Execute(SqliteStatements.RollbackToSavepoint);
                session.Execute(SqliteStatements.ReleaseSavepoint);
                throw;
            }
        }
        catch (SqliteException ex)
        {
            throw Fail(ex);
        }

        return default;
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        try
        {
            session.Execute(SqliteStatements.Commit);
        }
        catch (SqliteException ex)
        {
            throw Fail(ex);
        }

        _completed = true;
        store.EndTransaction(session);
        return default;
    }

    public ValueTask DisposeAsync()
    {
        RollBack();
        return default;
    }

    private void RollBack()
    {
        if (!_completed)
        {
            _completed = true;
            try
            {
                // SQLite may have rolled back already (after some failures); a second ROLLBACK would fail.
                if (SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) == 0)
                {
                    session.Execute(SqliteStatements.Rollback);
                }
            }
            catch (SqliteException)
            {
                session.IsBroken = true;
            }

            store.EndTransaction(session);
        }
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

    private IdempotencyRecord? ReadIdempotency(IdempotencyKey key)
    {
        var command = session.Command(SqliteStatements.SelectIdempotency).Set("$program", programId.Value).Set("$key", key.Value);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new IdempotencyRecord
            {
                Key = key,
                MemberId = MemberId.Parse(reader.GetString(0)),
                Fingerprint = reader.GetString(1),
                Result = reader.GetString(2),
                CreatedAt = StoreValues.Instant(reader.GetInt64(3)),
            }
            : null;
    }

    private ValueTask<T> Run<T>(Func<T> read)
    {
        ThrowIfUnusable();
        try
        {
            return new ValueTask<T>(read());
        }
        catch (SqliteException ex)
        {
            throw Fail(ex);
        }
    }

    private LoyaltyException Fail(SqliteException exception)
    {
        if (!SqliteErrors.IsConstraint(exception))
        {
            session.IsBroken = true;
        }

        return store.Translate(exception);
    }
}

using Loyalty.Storage.PostgreSql.Errors;
using Loyalty.Storage.PostgreSql.Tables;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>
/// One change set as one batch of statements, sent in one round trip (inside a savepoint when the transaction isolates
/// its change sets). Unique values are taken with statements that affect no row instead of failing when the value is
/// taken, so <see cref="Verify"/> finds every refusal without aborting the transaction; the caller then rolls back to the
/// savepoint (or aborts the transaction).
/// </summary>
internal sealed class ChangeSetBatch
{
    /// <summary>The savepoint around each change set.</summary>
    public const string Savepoint = "loyalty_apply";

    private readonly MemberChangeSet _changes;
    private int _memberCommand = -1;
    private bool _memberInserted;
    private int _firstLookup = -1;
    private int _idempotencyCommand = -1;

    private ChangeSetBatch(NpgsqlBatch batch, MemberChangeSet changes)
    {
        Batch = batch;
        _changes = changes;
    }

    public NpgsqlBatch Batch { get; }

    /// <summary>Writes the statements of a change set into <paramref name="batch"/>.</summary>
    /// <param name="batch">An empty batch of the transaction.</param>
    /// <param name="statements">The store's statements.</param>
    /// <param name="programId">The program.</param>
    /// <param name="changes">The change set.</param>
    /// <param name="expectedSequence">The member's last sequence when it was locked (or after the previous change set).</param>
    /// <param name="savepoint">Whether to write the change set inside a savepoint.</param>
    /// <param name="releasePrevious">Whether the previous change set's savepoint is still held.</param>
    public static ChangeSetBatch Create(NpgsqlBatch batch, StoreStatements statements, ProgramId programId, MemberChangeSet changes, long expectedSequence, bool savepoint, bool releasePrevious)
    {
        var result = new ChangeSetBatch(batch, changes);
        if (releasePrevious)
        {
            result.Add("RELEASE SAVEPOINT " + Savepoint);
        }

        if (savepoint)
        {
            result.Add("SAVEPOINT " + Savepoint);
        }

        result.AddMember(statements.Members, programId, expectedSequence);
        result.AddLookupsAndKey(statements, programId);
        result.AddHistory(statements.History, programId);
        result.AddLedgerState(statements, programId);
        foreach (var message in changes.Events)
        {
            OutboxTable.Bind(result.Add(statements.Outbox.Insert).Parameters, programId, message);
        }

        if (changes.RenameTo is { } newId)
        {
            result.AddRename(statements, programId, newId);
        }

        return result;
    }

    /// <summary>Checks the rows each conditional statement affected; returns the refusal to report, if any.</summary>
    public LoyaltyException? Verify()
    {
        var commands = Batch.BatchCommands;
        if (_memberCommand >= 0 && commands[_memberCommand].RecordsAffected != 1)
        {
            return _memberInserted
                ? new LoyaltyException(ErrorCode.MemberAlreadyExists, $"Member '{_changes.MemberId}' already exists.", "memberId")
                : StoreErrors.Transient($"Member '{_changes.MemberId}' was changed by a writer that did not hold its lock; the write is retried.");
        }

        for (var i = 0; i < _changes.AddedLookups.Count; i++)
        {
            if (commands[_firstLookup + i].RecordsAffected != 1)
            {
                return _changes.AddedLookups[i].DuplicateError();
            }
        }

        if (_idempotencyCommand >= 0 && commands[_idempotencyCommand].RecordsAffected != 1)
        {
            return new LoyaltyException(ErrorCode.IdempotencyConflict, $"Idempotency key '{_changes.Idempotency!.Key}' was already used for a different request.", "idempotencyKey");
        }

        return null;
    }

    private void AddMember(MembersTable members, ProgramId programId, long expectedSequence)
    {
        var changes = _changes;
        if (changes.Member is { } member)
        {
            _memberInserted = changes.IsNewMember;
            _memberCommand = Batch.BatchCommands.Count;
            var command = Add(changes.IsNewMember ? members.Insert : members.Update);

            // The row's identifier is the change set's: an opt-out's member already carries the new id, applied by the rename.
            MembersTable.BindRow(command.Parameters, programId, changes.MemberId, member, changes.LastSequence);
            if (!changes.IsNewMember)
            {
                command.Parameters.Add(Param.Int64(expectedSequence));
            }
        }
        else if (changes.LastSequence != expectedSequence)
        {
            _memberCommand = Batch.BatchCommands.Count;
            var command = Add(members.UpdateSequence);
            command.Parameters.AddMemberKey(programId, changes.MemberId);
            command.Parameters.Add(Param.Int64(changes.LastSequence));
            command.Parameters.Add(Param.Int64(expectedSequence));
        }
    }

    private void AddLookupsAndKey(StoreStatements statements, ProgramId programId)
    {
        var changes = _changes;
        foreach (var key in changes.RemovedLookups)
        {
            LookupsTable.Bind(Add(statements.Lookups.Release).Parameters, programId, key, changes.MemberId);
        }

        _firstLookup = Batch.BatchCommands.Count;
        foreach (var key in changes.AddedLookups)
        {
            LookupsTable.Bind(Add(statements.Lookups.Take).Parameters, programId, key, changes.MemberId);
        }

        if (changes.Idempotency is { } record)
        {
            _idempotencyCommand = Batch.BatchCommands.Count;
            IdempotencyTable.Bind(Add(statements.Idempotency.Insert).Parameters, programId, record);
        }
    }

    private void AddHistory(HistoryTable history, ProgramId programId)
    {
        var changes = _changes;
        foreach (var activity in changes.Activities)
        {
            HistoryTable.BindActivity(Add(history.Insert).Parameters, programId, changes.MemberId, activity);
        }

        foreach (var entry in changes.Entries)
        {
            HistoryTable.BindEntry(Add(history.Insert).Parameters, programId, changes.MemberId, entry);
        }
    }

    private void AddLedgerState(StoreStatements statements, ProgramId programId)
    {
        var changes = _changes;
        var memberId = changes.MemberId;
        foreach (var balance in changes.Balances)
        {
            BalancesTable.Bind(Add(statements.Balances.Upsert).Parameters, programId, memberId, balance);
        }

        foreach (var lot in changes.Lots)
        {
            if (lot.Remaining > 0)
            {
                LotsTable.Bind(Add(statements.Lots.Upsert).Parameters, programId, memberId, lot);
            }
            else
            {
                AddMemberRowCommand(statements.Lots.Delete, programId, memberId).Parameters.Add(Param.Uuid(lot.Id.Value));
            }
        }

        foreach (var closed in changes.ClosedHolds)
        {
            AddMemberRowCommand(statements.OpenHolds.Delete, programId, memberId).Parameters.Add(Param.Uuid(closed.Value));
        }

        foreach (var hold in changes.OpenedHolds)
        {
            OpenHoldsTable.Bind(Add(statements.OpenHolds.Insert).Parameters, programId, memberId, hold);
        }
    }

    private void AddRename(StoreStatements statements, ProgramId programId, MemberId newId)
    {
        var oldId = _changes.MemberId;
        AddMemberRowCommand(statements.MemberLock.Lock, programId, newId);
        foreach (var move in statements.Rename.Moves)
        {
            AddMemberRowCommand(move, programId, oldId).Parameters.Add(Param.Text(newId.Value));
        }

        AddMemberRowCommand(statements.Lookups.ReleaseAll, programId, oldId);
    }

    /// <summary>Adds a command whose first parameters are the program ($1) and a member ($2).</summary>
    private NpgsqlBatchCommand AddMemberRowCommand(string sql, ProgramId programId, MemberId memberId)
    {
        var command = Add(sql);
        command.Parameters.AddMemberKey(programId, memberId);
        return command;
    }

    private NpgsqlBatchCommand Add(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        Batch.BatchCommands.Add(command);
        return command;
    }
}

using Loyalty.Storage.PostgreSql.Errors;
using Loyalty.Storage.PostgreSql.Tables;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>
/// One change set as one batch of statements, sent in one round trip. Isolated (inside a savepoint): unique values are
/// taken with statements that affect no row instead of failing when the value is taken, so <see cref="Verify"/> finds
/// every refusal without aborting the transaction, and the caller rolls back to the savepoint. Guarded (no savepoint):
/// those statements fail instead (<see cref="GuardedStatements"/>), so that a <c>COMMIT</c> added to the batch
/// (<see cref="AddCommit"/>) never runs after a refusal, and <see cref="RefusalOf"/> tells which refusal it was.
/// </summary>
internal sealed class ChangeSetBatch
{
    /// <summary>The savepoint around each change set.</summary>
    public const string Savepoint = "loyalty_apply";

    private readonly MemberChangeSet _changes;
    private readonly GuardedStatements? _guarded;
    private int _memberCommand = -1;
    private bool _memberInserted;
    private int _firstLookup = -1;
    private int _idempotencyCommand = -1;

    private ChangeSetBatch(NpgsqlBatch batch, MemberChangeSet changes, GuardedStatements? guarded)
    {
        Batch = batch;
        _changes = changes;
        _guarded = guarded;
    }

    public NpgsqlBatch Batch { get; }

    /// <summary>Gets the member whose change set this is.</summary>
    public MemberId MemberId => _changes.MemberId;

    /// <summary>Writes the statements of a change set into <paramref name="batch"/>.</summary>
    /// <param name="batch">An empty batch of the transaction.</param>
    /// <param name="statements">The store's statements.</param>
    /// <param name="programId">The program.</param>
    /// <param name="changes">The change set.</param>
    /// <param name="expectedSequence">The member's last sequence when it was locked (or after the previous change set).</param>
    /// <param name="isolated">Whether to write the change set inside a savepoint (else guarded).</param>
    /// <param name="releasePrevious">Whether the previous change set's savepoint is still held.</param>
    public static ChangeSetBatch Create(NpgsqlBatch batch, StoreStatements statements, ProgramId programId, MemberChangeSet changes, long expectedSequence, bool isolated, bool releasePrevious)
    {
        var result = new ChangeSetBatch(batch, changes, isolated ? null : statements.Guarded);
        if (releasePrevious)
        {
            result.Add("RELEASE SAVEPOINT " + Savepoint);
        }

        if (isolated)
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

    /// <summary>Checks the rows each conditional statement of an isolated batch affected; returns the refusal to report, if any.</summary>
    public LoyaltyException? Verify()
    {
        var commands = Batch.BatchCommands;
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i].RecordsAffected != 1 && RefusalAt(i) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>
    /// The refusal a guarded batch's failure stands for, if a guarded statement raised it: the first statement that did
    /// not complete (Npgsql leaves its statement type unknown), unless the exception names it.
    /// </summary>
    public LoyaltyException? RefusalOf(PostgresException exception)
    {
        if (_guarded is null || exception.SqlState != SqlStates.DivisionByZero)
        {
            return null;
        }

        var commands = Batch.BatchCommands;
        var failed = exception.BatchCommand is { } command ? commands.IndexOf(command) : -1;
        for (var i = 0; failed < 0 && i < commands.Count; i++)
        {
            failed = commands[i].StatementType == StatementType.Unknown ? i : -1;
        }

        return RefusalAt(failed);
    }

    /// <summary>Ends a guarded batch with the transaction's commit.</summary>
    public void AddCommit() => Add("COMMIT");

    /// <summary>The refusal of the conditional statement at <paramref name="index"/>; null for other statements.</summary>
    private LoyaltyException? RefusalAt(int index)
    {
        if (index < 0)
        {
            return null;
        }

        if (index == _memberCommand)
        {
            return _memberInserted
                ? new LoyaltyException(ErrorCode.MemberAlreadyExists, $"Member '{_changes.MemberId}' already exists.", "memberId")
                : StoreErrors.Transient($"Member '{_changes.MemberId}' was changed by a writer that did not hold its lock; the write is retried.");
        }

        var lookup = index - _firstLookup;
        if (lookup >= 0 && lookup < _changes.AddedLookups.Count)
        {
            return _changes.AddedLookups[lookup].DuplicateError();
        }

        return index == _idempotencyCommand
            ? new LoyaltyException(ErrorCode.IdempotencyConflict, $"Idempotency key '{_changes.Idempotency!.Key}' was already used for a different request.", "idempotencyKey")
            : null;
    }

    private void AddMember(MembersTable members, ProgramId programId, long expectedSequence)
    {
        var changes = _changes;
        if (changes.Member is { } member)
        {
            _memberInserted = changes.IsNewMember;
            _memberCommand = Batch.BatchCommands.Count;
            var command = Add(changes.IsNewMember ? Pick(members.Insert, _guarded?.MemberInsert) : Pick(members.Update, _guarded?.MemberUpdate));

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
            var command = Add(Pick(members.UpdateSequence, _guarded?.MemberUpdateSequence));
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
            LookupsTable.Bind(Add(Pick(statements.Lookups.Take, _guarded?.LookupTake)).Parameters, programId, key, changes.MemberId);
        }

        if (changes.Idempotency is { } record)
        {
            _idempotencyCommand = Batch.BatchCommands.Count;
            IdempotencyTable.Bind(Add(Pick(statements.Idempotency.Insert, _guarded?.IdempotencyInsert)).Parameters, programId, record);
        }
    }

    private void AddHistory(HistoryTable history, ProgramId programId)
    {
        var changes = _changes;
        foreach (var activity in changes.Activities)
        {
            HistoryTable.BindActivity(Add(history.InsertActivity).Parameters, programId, changes.MemberId, activity);
        }

        foreach (var entry in changes.Entries)
        {
            HistoryTable.BindEntry(Add(history.InsertEntry).Parameters, programId, changes.MemberId, entry);
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

    /// <summary>A conditional statement: its guarded form in a guarded batch.</summary>
    private static string Pick(string isolated, string? guarded) => guarded ?? isolated;

    private NpgsqlBatchCommand Add(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        Batch.BatchCommands.Add(command);
        return command;
    }
}

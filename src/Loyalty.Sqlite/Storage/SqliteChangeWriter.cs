using Loyalty.Storage;
using Microsoft.Data.Sqlite;

namespace Loyalty.Storage.Sqlite.Storage;

/// <summary>Writes one member's change set with the session's cached statements (inside the caller's savepoint, when it keeps one).</summary>
internal readonly struct SqliteChangeWriter(SqliteSession session, ProgramId programId, MemberChangeSet changes)
{
    private string Program => programId.Value;

    private string Member => changes.MemberId.Value;

    public void Write()
    {
        WriteMember();
        WriteLookups();
        WriteHistory();
        WriteBalancesAndLots();
        WriteHolds();
        WriteIdempotency();
        WriteOutbox();
        if (changes.RenameTo is { } newId)
        {
            foreach (var sql in SqliteStatements.RenameMember)
            {
                session.Statement(sql).Set("$program", Program).Set("$member", Member).Set("$to", newId.Value).Execute();
            }
        }
    }

    private void WriteMember()
    {
        if (changes.Member is { } member)
        {
            if (member.Id != changes.MemberId && member.Id != changes.RenameTo)
            {
                throw new InvalidOperationException($"The change set of member '{changes.MemberId}' carries the row of member '{member.Id}'.");
            }

            // An anonymizing change set carries the row under its new identifier: it is written in place, then renamed.
            var command = session.Command(changes.IsNewMember ? SqliteStatements.InsertMember : SqliteStatements.UpdateMember);
            MemberRows.Bind(command, programId, member, changes.LastSequence);
            command.Set("$member", Member);
            try
            {
                if (command.ExecuteNonQuery() == 0)
                {
                    throw new InvalidOperationException($"Member '{changes.MemberId}' does not exist; only a new member can be created by a change set.");
                }
            }
            catch (SqliteException ex) when (changes.IsNewMember && SqliteErrors.IsConstraint(ex))
            {
                throw new LoyaltyException(ErrorCode.MemberAlreadyExists, $"Member '{changes.MemberId}' already exists.", "memberId", ex);
            }
        }
        else if (session.Statement(SqliteStatements.UpdateLastSequence).Set("$program", Program).Set("$member", Member).Set("$last_sequence", changes.LastSequence).Execute() == 0)
        {
            throw new InvalidOperationException($"Member '{changes.MemberId}' does not exist; only a new member can be created by a change set.");
        }
    }

    private void WriteLookups()
    {
        foreach (var key in changes.AddedLookups)
        {
            var inserted = session.Statement(SqliteStatements.InsertLookup)
                .Set("$program", Program)
                .Set("$kind", (int)key.Kind)
                .Set("$value", key.Value)
                .Set("$member", Member)
                .Execute();
            if (inserted == 0 && SqliteLoyaltyStore.FindLookupOwner(session, programId, key) != changes.MemberId)
            {
                throw key.DuplicateError();
            }
        }

        foreach (var key in changes.RemovedLookups)
        {
            session.Statement(SqliteStatements.DeleteLookup)
                .Set("$program", Program)
                .Set("$kind", (int)key.Kind)
                .Set("$value", key.Value)
                .Set("$member", Member)
                .Execute();
        }
    }

    private void WriteHistory()
    {
        if (changes.Activities.Count == 0 && changes.Entries.Count == 0)
        {
            return;
        }

        var command = session.Statement(SqliteStatements.InsertHistory).Set("$program", Program).Set("$member", Member);
        foreach (var activity in changes.Activities)
        {
            LedgerRows.BindActivity(command, activity);
            command.Execute();
        }

        foreach (var entry in changes.Entries)
        {
            LedgerRows.BindEntry(command, entry);
            command.Execute();
        }
    }

    private void WriteBalancesAndLots()
    {
        foreach (var balance in changes.Balances)
        {
            var command = session.Statement(SqliteStatements.UpsertBalance).Set("$program", Program).Set("$member", Member).Set("$account", balance.Account.Value);
            LedgerRows.BindBalance(command, balance.Balance);
            command.Execute();
        }

        // Lots used up are deleted several per statement: an expiry or a large spend empties many of a member's lots.
        SqliteWriteStatement? delete = null;
        var pending = 0;
        foreach (var lot in changes.Lots)
        {
            if (lot.Remaining > 0)
            {
                var command = session.Statement(SqliteStatements.UpsertLot).Set("$program", Program).Set("$member", Member);
                LedgerRows.BindLot(command, lot);
                command.Execute();
                continue;
            }

            delete ??= session.Statement(SqliteStatements.DeleteLots).Set("$program", Program).Set("$member", Member);
            delete.Set(SqliteStatements.DeleteLotsParameters[pending++], StoreValues.Id(lot.Id));
            if (pending == SqliteStatements.LotsPerDelete)
            {
                delete.Execute();
                pending = 0;
            }
        }

        if (delete is not null && pending > 0)
        {
            for (var i = pending; i < SqliteStatements.LotsPerDelete; i++)
            {
                delete.Set(SqliteStatements.DeleteLotsParameters[i], (string?)null);
            }

            delete.Execute();
        }
    }

    private void WriteHolds()
    {
        foreach (var closed in changes.ClosedHolds)
        {
            session.Statement(SqliteStatements.DeleteHold).Set("$program", Program).Set("$member", Member).Set("$entry", StoreValues.Id(closed)).Execute();
        }

        foreach (var hold in changes.OpenedHolds)
        {
            session.Statement(SqliteStatements.InsertHold)
                .Set("$program", Program)
                .Set("$member", Member)
                .Set("$entry", StoreValues.Id(hold.Id))
                .Set("$sequence", hold.Sequence)
                .Set("$due_at", StoreValues.Ticks(hold.DueAt))
                .Execute();
        }
    }

    private void WriteIdempotency()
    {
        if (changes.Idempotency is not { } record)
        {
            return;
        }

        var inserted = session.Statement(SqliteStatements.InsertIdempotency)
            .Set("$program", Program)
            .Set("$key", record.Key.Value)
            .Set("$member", record.MemberId.Value)
            .Set("$fingerprint", record.Fingerprint)
            .Set("$result", record.Result)
            .Set("$created_at", StoreValues.Ticks(record.CreatedAt))
            .Execute();
        if (inserted == 0)
        {
            throw new LoyaltyException(ErrorCode.IdempotencyConflict, $"Idempotency key '{record.Key}' was already used for a different request.", "idempotencyKey");
        }
    }

    private void WriteOutbox()
    {
        foreach (var message in changes.Events)
        {
            session.Statement(SqliteStatements.InsertOutbox)
                .Set("$program", Program)
                .Set("$event", message.EventId.ToString("D"))
                .Set("$type", message.Type)
                .Set("$member", message.MemberId.Value)
                .Set("$occurred_at", StoreValues.Ticks(message.OccurredAt))
                .Set("$payload", message.Payload)
                .Execute();
        }
    }
}

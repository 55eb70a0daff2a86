using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Storage.PostgreSql.Tables;
using NodaTime;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>The reads of one member's rows, shared by plain reads and by transactions (which run them after the member lock).</summary>
internal static class MemberQueries
{
    public static Task<Member?> GetMemberAsync(Session session, ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        var command = session.MemberCommand(session.Database.Statements.Members.Get, programId, memberId);
        return FirstAsync<Member?>(session, command, static reader => MembersTable.Read(reader, 0), null, cancellationToken);
    }

    public static Task<IReadOnlyList<AccountBalance>> ListBalancesAsync(Session session, ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        var command = session.MemberCommand(session.Database.Statements.Balances.ListOfMember, programId, memberId);
        return ListAsync(session, command, ReadAccountBalance, cancellationToken);
    }

    /// <summary>Reads a row of <see cref="BalancesTable.ListOfMember"/>.</summary>
    public static AccountBalance ReadAccountBalance(NpgsqlDataReader reader) => new(reader.Account(0), BalancesTable.Read(reader, 1));

    public static Task<IReadOnlyList<Lot>> ListLotsAsync(Session session, ProgramId programId, MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        var command = session.MemberCommand(session.Database.Statements.Lots.ListOfAccount, programId, memberId);
        command.Parameters.Add(Param.Text(account.Value));
        return ListAsync(session, command, LotsTable.Read, cancellationToken);
    }

    public static Task<IReadOnlyList<Lot>> ListLotsAsync(Session session, ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        var command = session.MemberCommand(session.Database.Statements.Lots.ListOfMember, programId, memberId);
        return ListAsync(session, command, LotsTable.Read, cancellationToken);
    }

    public static Task<IReadOnlyList<LedgerEntry>> ListHoldsAsync(Session session, ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        var command = session.MemberCommand(session.Database.Statements.OpenHolds.ListOfMember, programId, memberId);
        return ListAsync(session, command, HistoryTable.ReadEntry, cancellationToken);
    }

    public static Task<IReadOnlyList<ActivityEntry>> ListHistoryAsync(Session session, ProgramId programId, MemberId memberId, long afterSequence, int limit, bool ledgerOnly, CancellationToken cancellationToken)
    {
        var history = session.Database.Statements.History;
        var command = session.MemberCommand(ledgerOnly ? history.ListLedgerPage : history.ListPage, programId, memberId);
        command.Parameters.Add(Param.Int64(afterSequence));
        command.Parameters.Add(Param.Int32(limit));
        return ListAsync(session, command, HistoryTable.ReadActivity, cancellationToken);
    }

    public static Task<LedgerEntry?> GetEntryAsync(Session session, ProgramId programId, MemberId memberId, EntryId entryId, CancellationToken cancellationToken)
    {
        var command = session.MemberCommand(session.Database.Statements.History.GetEntry, programId, memberId);
        command.Parameters.Add(Param.Uuid(entryId.Value));
        return FirstAsync<LedgerEntry?>(session, command, HistoryTable.ReadEntry, null, cancellationToken);
    }

    public static Task<IReadOnlyList<LedgerEntry>> ListSettlementsAsync(Session session, ProgramId programId, MemberId memberId, EntryId entryId, CancellationToken cancellationToken)
    {
        var command = session.MemberCommand(session.Database.Statements.History.ListSettlements, programId, memberId);
        command.Parameters.Add(Param.Uuid(entryId.Value));
        return ListAsync(session, command, HistoryTable.ReadEntry, cancellationToken);
    }

    public static Task<long> SumEarnedSinceAsync(Session session, ProgramId programId, MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken)
    {
        var command = session.MemberCommand(session.Database.Statements.History.SumEarnedSince, programId, memberId);
        command.Parameters.Add(Param.Text(account.Value));
        command.Parameters.Add(Param.Timestamp(since));
        return FirstAsync(session, command, static reader => reader.GetInt64(0), 0L, cancellationToken);
    }

    /// <summary>Runs a (prepared) query, maps every row, and disposes the command.</summary>
    public static async Task<IReadOnlyList<T>> ListAsync<T>(Session session, NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            await session.Database.PrepareAsync(command, cancellationToken).ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var result = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result.Add(map(reader));
                }

                return result;
            }
        }
    }

    /// <summary>Runs a (prepared) query and maps its first row, or returns <paramref name="none"/>.</summary>
    private static async Task<T> FirstAsync<T>(Session session, NpgsqlCommand command, Func<NpgsqlDataReader, T> map, T none, CancellationToken cancellationToken)
    {
        await session.Database.PrepareAsync(command, cancellationToken).ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(reader) : none;
        }
    }
}

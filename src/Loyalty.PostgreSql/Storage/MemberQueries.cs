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
    public static async Task<Member?> GetMemberAsync(Session session, ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.Members.Get, programId, memberId);
        return await FirstAsync<Member?>(session, command, static reader => MembersTable.Read(reader, 0), null, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<PointsBalance?> GetBalanceOfMemberAsync(Session session, ProgramId programId, MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.Balances.GetOfMember, programId, memberId);
        command.Parameters.Add(Param.Text(account.Value));
        return await FirstAsync<PointsBalance?>(session, command, static reader => BalancesTable.Read(reader, 0), null, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<AccountBalance>> ListBalancesAsync(Session session, ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.Balances.ListOfMember, programId, memberId);
        return await ListAsync(session, command, ReadAccountBalance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a row of <see cref="BalancesTable.ListOfMember"/>.</summary>
    public static AccountBalance ReadAccountBalance(NpgsqlDataReader reader) => new(reader.Account(0), BalancesTable.Read(reader, 1));

    public static async Task<IReadOnlyList<Lot>> ListLotsAsync(Session session, ProgramId programId, MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.Lots.ListOfAccount, programId, memberId);
        command.Parameters.Add(Param.Text(account.Value));
        return await ListAsync(session, command, LotsTable.Read, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<Lot>> ListLotsAsync(Session session, ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.Lots.ListOfMember, programId, memberId);
        return await ListAsync(session, command, LotsTable.Read, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<LedgerEntry>> ListHoldsAsync(Session session, ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.OpenHolds.ListOfMember, programId, memberId);
        return await ListAsync(session, command, HistoryTable.ReadEntry, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<ActivityEntry>> ListHistoryAsync(Session session, ProgramId programId, MemberId memberId, long afterSequence, int limit, bool ledgerOnly, CancellationToken cancellationToken)
    {
        var history = session.Database.Statements.History;
        await using var command = session.MemberCommand(ledgerOnly ? history.ListLedgerPage : history.ListPage, programId, memberId);
        command.Parameters.Add(Param.Int64(afterSequence));
        command.Parameters.Add(Param.Int32(limit));
        return await ListAsync(session, command, HistoryTable.ReadActivity, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<LedgerEntry?> GetEntryAsync(Session session, ProgramId programId, MemberId memberId, EntryId entryId, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.History.GetEntry, programId, memberId);
        command.Parameters.Add(Param.Uuid(entryId.Value));
        return await FirstAsync<LedgerEntry?>(session, command, HistoryTable.ReadEntry, null, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<LedgerEntry>> ListSettlementsAsync(Session session, ProgramId programId, MemberId memberId, EntryId entryId, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.History.ListSettlements, programId, memberId);
        command.Parameters.Add(Param.Uuid(entryId.Value));
        return await ListAsync(session, command, HistoryTable.ReadEntry, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<long> SumEarnedSinceAsync(Session session, ProgramId programId, MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken)
    {
        await using var command = session.MemberCommand(session.Database.Statements.History.SumEarnedSince, programId, memberId);
        command.Parameters.Add(Param.Text(account.Value));
        command.Parameters.Add(Param.Timestamp(since));
        await session.Database.PrepareAsync(command, cancellationToken).ConfigureAwait(false);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Runs a (prepared) query and maps every row.</summary>
    public static async Task<List<T>> ListAsync<T>(Session session, NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
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

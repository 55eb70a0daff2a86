using System.Runtime.CompilerServices;
using System.Text;
using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Storage.Sqlite.Schema;
using Loyalty.Storage.Sqlite.Storage;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Loyalty.Storage.Sqlite;

/// <summary>
/// The SQLite store: one database file in WAL mode, shared safely by threads and processes. Writes run in
/// <c>BEGIN IMMEDIATE</c> transactions, one at a time per process (an in-process gate keeps them fair; the busy timeout
/// orders them across processes); reads use their own pooled connections and are never blocked by writes.
/// </summary>
public sealed class SqliteLoyaltyStore : ILoyaltyStore, IDisposable
{
    private readonly SqliteSessionPool _pool;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteWriteLock _writeLock;

    /// <summary>Creates a store over the database file the options name. Nothing is opened until first use.</summary>
    /// <param name="options">The store settings.</param>
    /// <exception cref="LoyaltyException"><see cref="ErrorCode.ValidationFailed"/> when the options are unusable.</exception>
    public SqliteLoyaltyStore(SqliteStoreOptions options)
    {
        _pool = new SqliteSessionPool(options);
        _writeLock = new SqliteWriteLock(options.BusyTimeout, _pool.Path);
    }

    /// <summary>Gets the database file as the connection string names it.</summary>
    public string DatabasePath => _pool.Path;

    /// <inheritdoc />
    public ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        Read(0, static (session, _) =>
        {
            SqliteMigrator.Migrate(session.Connection, session.Connection.DataSource);
            return 0;
        });
        return default;
    }

    /// <inheritdoc />
    public async ValueTask<IStoreTransaction> BeginTransactionAsync(ProgramId programId, StoreTransactionMode mode, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteSession? session = null;
        try
        {
            session = _pool.Rent();
            await _writeLock.AcquireAsync(session, cancellationToken).ConfigureAwait(false);
            return new SqliteStoreTransaction(this, session, programId, mode);
        }
        catch
        {
            if (session is not null)
            {
                _pool.Return(session);
            }

            _writeGate.Release();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<Member?> GetMemberAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        new(Read((programId, memberId), static (session, state) => ReadMember(session, state.programId, state.memberId, out _)));

    /// <inheritdoc />
    public ValueTask<MemberId?> FindMemberIdAsync(ProgramId programId, LookupKey key, CancellationToken cancellationToken) =>
        new(Read((programId, key), static (session, state) => FindLookupOwner(session, state.programId, state.key)));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Member>> ListMembersAsync(ProgramId programId, MemberFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new(Read((programId, filter), static (session, state) =>
        {
            var (programId, filter) = state;
            var sql = new StringBuilder("SELECT ").Append(MemberRows.Columns).Append(" FROM members WHERE program_id = $program");
            var command = session.Connection.CreateCommand();
            using (command)
            {
                command.Set("$program", programId.Value).Set("$limit", filter.Limit);
                Filter(sql, command, "member_id > $after", "$after", filter.After?.Value);
                Filter(sql, command, "instr(email_normalized, $email) > 0", "$email", filter.EmailContains);
                Filter(sql, command, "status = $status", "$status", filter.Status is { } status ? (int)status : null);
                Filter(sql, command, "tier = $tier", "$tier", filter.Tier);
                Filter(sql, command, "created_at >= $created_from", "$created_from", filter.CreatedFrom?.ToUnixTimeTicks());
                Filter(sql, command, "created_at < $created_to", "$created_to", filter.CreatedTo?.ToUnixTimeTicks());
                Filter(sql, command, "updated_at >= $updated_from", "$updated_from", filter.UpdatedFrom?.ToUnixTimeTicks());
                Filter(sql, command, "updated_at < $updated_to", "$updated_to", filter.UpdatedTo?.ToUnixTimeTicks());
                command.CommandText = sql.Append(" ORDER BY member_id LIMIT $limit").ToString();
                var members = new List<Member>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    members.Add(MemberRows.Read(reader, 0, out _));
                }

                return (IReadOnlyList<Member>)members;
            }
        }));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ActivityEntry>> ListHistoryAsync(ProgramId programId, MemberId memberId, long afterSequence, int limit, bool ledgerOnly, CancellationToken cancellationToken) =>
        new(Read((programId, memberId, afterSequence, limit, ledgerOnly), static (session, state) =>
        {
            var command = session.Command(state.ledgerOnly ? SqliteStatements.SelectLedgerHistory : SqliteStatements.SelectHistory)
                .Set("$program", state.programId.Value)
                .Set("$member", state.memberId.Value)
                .Set("$after", state.afterSequence)
                .Set("$limit", state.limit);
            var result = new List<ActivityEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(LedgerRows.ReadActivity(reader, state.memberId));
            }

            return (IReadOnlyList<ActivityEntry>)result;
        }));

    /// <inheritdoc />
    public ValueTask<PointsBalance?> GetBalanceAsync(ProgramId programId, MemberId memberId, AccountName account, CancellationToken cancellationToken)
    {
        var session = _pool.Rent();
        try
        {
            if (session.Balance.TryRead(programId.Value, memberId.Value, account.Value, out var held))
            {
                return new ValueTask<PointsBalance?>(held);
            }

            // No balance row: an unused account of an existing member (zero), or no such member (null).
            var command = session.Command(SqliteStatements.SelectMemberBalance)
                .Set("$program", programId.Value)
                .Set("$member", memberId.Value)
                .Set("$account", account.Value);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new ValueTask<PointsBalance?>(LedgerRows.ReadBalance(reader, 0)) : default;
        }
        catch (SqliteException ex)
        {
            session.IsBroken = true;
            throw SqliteErrors.Translate(ex, _pool.Path);
        }
        finally
        {
            _pool.Return(session);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AccountBalance>> GetBalancesAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        new(Read((programId, memberId), static (session, state) =>
        {
            var command = session.Command(SqliteStatements.SelectBalances).Set("$program", state.programId.Value).Set("$member", state.memberId.Value);
            var result = new List<AccountBalance>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new AccountBalance(AccountName.Parse(reader.GetString(0)), LedgerRows.ReadBalance(reader, 1)));
            }

            return (IReadOnlyList<AccountBalance>)result;
        }));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Lot>> ListOpenLotsAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        new(Read((programId, memberId), static (session, state) => ReadLots(session, state.programId, state.memberId, null)));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerEntry>> ListOpenHoldsAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        new(Read((programId, memberId), static (session, state) => ReadHolds(session, state.programId, state.memberId)));

    /// <inheritdoc />
    public ValueTask<long> SumEarnedSinceAsync(ProgramId programId, MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken) =>
        new(Read((programId, memberId, account, since), static (session, state) => SumEarnedSince(session, state.programId, state.memberId, state.account, state.since)));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<MemberId>> ListMembersWithDueWorkAsync(ProgramId programId, DueWorkKind kind, Instant asOf, MemberId? afterMemberId, int limit, CancellationToken cancellationToken) =>
        new(Read((programId, kind, asOf, afterMemberId, limit), static (session, state) =>
        {
            var sql = state.kind switch
            {
                DueWorkKind.Holds => SqliteStatements.SelectMembersWithDueHolds,
                DueWorkKind.ExpiringLots => SqliteStatements.SelectMembersWithExpiringLots,
                DueWorkKind.TierReviews => SqliteStatements.SelectMembersWithTierReviews,
                _ => throw new ArgumentOutOfRangeException(nameof(kind), state.kind, "Not a kind of due work."),
            };
            var command = session.Command(sql)
                .Set("$program", state.programId.Value)
                .Set("$after", state.afterMemberId?.Value ?? string.Empty)
                .Set("$as_of", StoreValues.Ticks(state.asOf))
                .Set("$limit", state.limit);
            var result = new List<MemberId>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(MemberId.Parse(reader.GetString(0)));
            }

            return (IReadOnlyList<MemberId>)result;
        }));

    /// <inheritdoc />
    public async IAsyncEnumerable<SnapshotRow> StreamSnapshotRowsAsync(ProgramId programId, AccountName account, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = _pool.Rent();
        try
        {
            SqliteDataReader reader;
            try
            {
                reader = session.Command(SqliteStatements.SelectSnapshotRows).Set("$program", programId.Value).Set("$account", account.Value).ExecuteReader();
            }
            catch (SqliteException ex)
            {
                session.IsBroken = true;
                throw SqliteErrors.Translate(ex, _pool.Path);
            }

            using (reader)
            {
                while (Next(reader, session))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var member = MemberRows.Read(reader, 0, out _);
                    var balance = LedgerRows.ReadBalance(reader, MemberRows.Count);
                    var (nextOn, nextPoints) = StoreValues.NextExpiry(reader.GetNullableString(MemberRows.Count + 6));
                    yield return new SnapshotRow(member, balance, nextOn, nextPoints);
                }
            }
        }
        finally
        {
            _pool.Return(session);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(ProgramId programId, long afterPosition, int limit, CancellationToken cancellationToken) =>
        new(Read((programId, afterPosition, limit), static (session, state) =>
        {
            var command = session.Command(SqliteStatements.SelectOutbox)
                .Set("$program", state.programId.Value)
                .Set("$after", state.afterPosition)
                .Set("$limit", state.limit);
            var result = new List<OutboxMessage>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new OutboxMessage
                {
                    Position = reader.GetInt64(0),
                    EventId = Guid.Parse(reader.GetString(1)),
                    Type = reader.GetString(2),
                    MemberId = MemberId.Parse(reader.GetString(3)),
                    OccurredAt = StoreValues.Instant(reader.GetInt64(4)),
                    Payload = reader.GetString(5),
                });
            }

            return (IReadOnlyList<OutboxMessage>)result;
        }));

    /// <summary>Closes every pooled connection.</summary>
    public void Dispose()
    {
        _pool.Dispose();
        _writeGate.Dispose();
    }

    internal static Member? ReadMember(SqliteSession session, ProgramId programId, MemberId memberId, out long lastSequence)
    {
        var command = session.Command(SqliteStatements.SelectMember).Set("$program", programId.Value).Set("$member", memberId.Value);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            lastSequence = 0;
            return null;
        }

        return MemberRows.Read(reader, 0, out lastSequence);
    }

    internal static MemberId? FindLookupOwner(SqliteSession session, ProgramId programId, LookupKey key)
    {
        var owner = session.Command(SqliteStatements.SelectLookup)
            .Set("$program", programId.Value)
            .Set("$kind", (int)key.Kind)
            .Set("$value", key.Value)
            .ExecuteScalar();
        return owner is string id ? MemberId.Parse(id) : (MemberId?)null;
    }

    internal static IReadOnlyList<Lot> ReadLots(SqliteSession session, ProgramId programId, MemberId memberId, AccountName? account)
    {
        var command = session.Command(account is null ? SqliteStatements.SelectLots : SqliteStatements.SelectAccountLots)
            .Set("$program", programId.Value)
            .Set("$member", memberId.Value);
        if (account is { } name)
        {
            command.Set("$account", name.Value);
        }

        var result = new List<Lot>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(LedgerRows.ReadLot(reader));
        }

        return result;
    }

    internal static IReadOnlyList<LedgerEntry> ReadHolds(SqliteSession session, ProgramId programId, MemberId memberId) =>
        ReadEntries(session.Command(SqliteStatements.SelectHolds).Set("$program", programId.Value).Set("$member", memberId.Value), memberId);

    internal static IReadOnlyList<LedgerEntry> ReadEntries(SqliteCommand command, MemberId memberId)
    {
        var result = new List<LedgerEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(LedgerRows.ReadEntry(reader, memberId));
        }

        return result;
    }

    internal static long SumEarnedSince(SqliteSession session, ProgramId programId, MemberId memberId, AccountName account, Instant since) =>
        (long)session.Command(SqliteStatements.SumEarnedSince)
            .Set("$program", programId.Value)
            .Set("$member", memberId.Value)
            .Set("$account", account.Value)
            .Set("$since", StoreValues.Ticks(since))
            .ExecuteScalar()!;

    internal void EndTransaction(SqliteSession session)
    {
        _pool.Return(session);
        _writeGate.Release();
    }

    internal LoyaltyException Translate(SqliteException exception) => SqliteErrors.Translate(exception, _pool.Path);

    private static void Filter(StringBuilder sql, SqliteCommand command, string condition, string parameter, object? value)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(condition);
            command.Set(parameter, value);
        }
    }

    private bool Next(SqliteDataReader reader, SqliteSession session)
    {
        try
        {
            return reader.Read();
        }
        catch (SqliteException ex)
        {
            session.IsBroken = true;
            throw SqliteErrors.Translate(ex, _pool.Path);
        }
    }

    private TResult Read<TState, TResult>(TState state, Func<SqliteSession, TState, TResult> read)
    {
        var session = _pool.Rent();
        try
        {
            return read(session, state);
        }
        catch (SqliteException ex)
        {
            session.IsBroken = true;
            throw SqliteErrors.Translate(ex, _pool.Path);
        }
        finally
        {
            _pool.Return(session);
        }
    }
}

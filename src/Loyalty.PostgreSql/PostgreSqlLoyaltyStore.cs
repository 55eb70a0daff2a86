using System.Runtime.CompilerServices;
using Dapper;
using Loyalty.Events;
using Loyalty.History;
using Loyalty.Ledger;
using Loyalty.Members;
using Loyalty.Storage.PostgreSql.Errors;
using Loyalty.Storage.PostgreSql.Schema;
using Loyalty.Storage.PostgreSql.Storage;
using Loyalty.Storage.PostgreSql.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace Loyalty.Storage.PostgreSql;

/// <summary>
/// A store on PostgreSQL for many app instances sharing one database. Writes lock the member with a transaction-scoped
/// advisory lock (also for members not created yet), read the member's state after the lock, and write each change set
/// in one round trip; the schema is created and migrated by <see cref="InitializeAsync"/> under an advisory lock.
/// Failures surface as <see cref="LoyaltyException"/>s with the Npgsql exception attached: lock conflicts, deadlocks and
/// serialization failures as transient <see cref="ErrorCode.ConcurrencyConflict"/>s (the engine retries them a bounded
/// number of times), connection, credential and permission problems as <see cref="ErrorCode.StoreUnavailable"/>, a
/// schema that is not a Loyalty schema or is newer than this package as <see cref="ErrorCode.StoreSchemaMismatch"/>.
/// </summary>
/// <remarks>Times are stored as <c>timestamptz</c>, whose precision is one microsecond.</remarks>
public sealed class PostgreSqlLoyaltyStore : ILoyaltyStore, IAsyncDisposable, IDisposable
{
    private readonly StoreDatabase _database;
    private readonly StoreStatements _statements;
    private readonly SchemaMigrator _migrator;
    private readonly BalanceReaders _balances;
    private readonly bool _ownsDataSource;

    /// <summary>Creates a store that connects with a connection string (it owns, and disposes, its connection pool).</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=shop;Username=app;Password=…</c>.</param>
    /// <param name="options">The store options, or <see langword="null"/> for the defaults.</param>
    /// <param name="loggerFactory">Creates the logger of schema migrations, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The connection string or an option is invalid.</exception>
    public PostgreSqlLoyaltyStore(string connectionString, PostgreSqlStoreOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(CreateDataSource(connectionString), ownsDataSource: true, options, loggerFactory)
    {
    }

    /// <summary>Creates a store over a data source the caller owns (it is not disposed with the store).</summary>
    /// <param name="dataSource">The Npgsql data source (its connection pool and settings).</param>
    /// <param name="options">The store options, or <see langword="null"/> for the defaults.</param>
    /// <param name="loggerFactory">Creates the logger of schema migrations, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public PostgreSqlLoyaltyStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, options, loggerFactory)
    {
    }

    private PostgreSqlLoyaltyStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlStoreOptions? options, ILoggerFactory? loggerFactory)
    {
        var settings = options?.Clone() ?? new PostgreSqlStoreOptions();
        try
        {
            settings.Validate();
        }
        catch when (ownsDataSource)
        {
            dataSource.Dispose();
            throw;
        }

        _ownsDataSource = ownsDataSource;
        _database = new StoreDatabase(dataSource, settings);
        _statements = _database.Statements;
        _balances = new BalanceReaders(_database);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Loyalty.PostgreSql");
        _migrator = new SchemaMigrator(_database, logger);
    }

    /// <summary>Gets the schema that holds the store's tables.</summary>
    public string SchemaName => _database.Options.SchemaName;

    /// <summary>Gets the data source the store connects through.</summary>
    internal NpgsqlDataSource DataSource => _database.DataSource;

    /// <inheritdoc />
    /// <remarks>Creates the schema if needed and applies the embedded migrations not applied yet, once across every instance starting together.</remarks>
    public ValueTask InitializeAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<IStoreTransaction> BeginTransactionAsync(ProgramId programId, StoreTransactionMode mode, CancellationToken cancellationToken) =>
        PostgreSqlTransaction.BeginAsync(_database, programId, mode, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Member?> GetMemberAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        ReadAsync(programId, memberId, 0, "reading a member", static (session, program, member, _, token) => MemberQueries.GetMemberAsync(session, program, member, token), cancellationToken);

    /// <inheritdoc />
    public ValueTask<MemberId?> FindMemberIdAsync(ProgramId programId, LookupKey key, CancellationToken cancellationToken) =>
        ReadAsync(programId, default, key, "finding a member", static async (session, program, _, key, token) =>
        {
            var command = session.Command(session.Database.Statements.Lookups.Find);
            command.Parameters.Add(Param.Text(program.Value));
            command.Parameters.Add(Param.Int16((int)key.Kind));
            command.Parameters.Add(Param.Text(key.Value));
            var ids = await MemberQueries.ListAsync(session, command, static reader => reader.MemberId(0), token).ConfigureAwait(false);
            return ids.Count == 0 ? (MemberId?)null : ids[0];
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Member>> ListMembersAsync(ProgramId programId, MemberFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return ReadAsync(programId, default, filter, "listing members", static async (session, program, _, filter, token) =>
        {
            var command = MemberListing.Command(session, program, filter);
            return await MemberQueries.ListAsync(session, command, static reader => MembersTable.Read(reader, 0), token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ActivityEntry>> ListHistoryAsync(ProgramId programId, MemberId memberId, long afterSequence, int limit, bool ledgerOnly, CancellationToken cancellationToken) =>
        ReadAsync(programId, memberId, (afterSequence, limit, ledgerOnly), "reading history", static (session, program, member, page, token) =>
            MemberQueries.ListHistoryAsync(session, program, member, page.afterSequence, page.limit, page.ledgerOnly, token), cancellationToken);

    /// <inheritdoc />
    /// <remarks>The hot read: one prepared statement on a connection kept open for it, one index probe when the balance row exists.</remarks>
    public ValueTask<PointsBalance?> GetBalanceAsync(ProgramId programId, MemberId memberId, AccountName account, CancellationToken cancellationToken) =>
        _balances.ReadAsync(programId, memberId, account, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AccountBalance>> GetBalancesAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        ReadAsync(programId, memberId, 0, "reading balances", static (session, program, member, _, token) => MemberQueries.ListBalancesAsync(session, program, member, token), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Lot>> ListOpenLotsAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        ReadAsync(programId, memberId, 0, "reading open lots", static (session, program, member, _, token) => MemberQueries.ListLotsAsync(session, program, member, token), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerEntry>> ListOpenHoldsAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken) =>
        ReadAsync(programId, memberId, 0, "reading open holds", static (session, program, member, _, token) => MemberQueries.ListHoldsAsync(session, program, member, token), cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> SumEarnedSinceAsync(ProgramId programId, MemberId memberId, AccountName account, Instant since, CancellationToken cancellationToken) =>
        ReadAsync(programId, memberId, (account, since), "summing earned points", static (session, program, member, args, token) =>
            MemberQueries.SumEarnedSinceAsync(session, program, member, args.account, args.since, token), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<MemberId>> ListMembersWithDueWorkAsync(ProgramId programId, DueWorkKind kind, Instant asOf, MemberId? afterMemberId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(programId, default, (kind, asOf, afterMemberId, limit), "listing members with due work", static async (session, program, _, args, token) =>
        {
            var ids = await session.Connection.QueryAsync<string>(new CommandDefinition(
                session.Database.Statements.Maintenance.For(args.kind),
                new { Program = program.Value, AsOf = args.asOf.ToDateTimeUtc(), After = args.afterMemberId?.Value ?? string.Empty, Limit = args.limit },
                commandTimeout: session.Database.CommandTimeoutSeconds,
                cancellationToken: token)).ConfigureAwait(false);
            var result = new List<MemberId>();
            foreach (var id in ids)
            {
                result.Add(MemberId.Parse(id));
            }

            return (IReadOnlyList<MemberId>)result;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Rows are streamed from the server page by page (keyset pages of members in identifier order), so neither the store
    /// nor the server holds the whole feed, and no transaction stays open while the caller consumes it.
    /// </remarks>
    public async IAsyncEnumerable<SnapshotRow> StreamSnapshotRowsAsync(ProgramId programId, AccountName account, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = string.Empty;
        var count = SnapshotStatements.PageSize;
        while (count == SnapshotStatements.PageSize)
        {
            count = 0;
            var connection = await _database.OpenAsync("streaming snapshots", cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = new Session(_database, connection, null).Command(_statements.Snapshots.Page);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.Add(Param.Text(programId.Value));
                    command.Parameters.Add(Param.Text(account.Value));
                    command.Parameters.Add(Param.Text(after));
                    var reader = await SnapshotReaderAsync(command, cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await NextSnapshotAsync(reader, cancellationToken).ConfigureAwait(false) is { } row)
                        {
                            count++;
                            after = row.Member.Id.Value;
                            yield return row;
                        }
                    }
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Events get their positions when the outbox is read: committed events without one are given the next positions of
    /// the program in commit order, so a reader that polls "after position N" never skips an event that committed late.
    /// </remarks>
    public ValueTask<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(ProgramId programId, long afterPosition, int limit, CancellationToken cancellationToken) =>
        ReadAsync(programId, default, (afterPosition, limit), "reading the outbox", static (session, program, _, page, token) =>
            OutboxReader.ReadAsync(session.Database, session.Connection, program, page.afterPosition, page.limit, token), cancellationToken);

    /// <summary>
    /// Closes the connections the store keeps open for balance reads, and the store's connection pool when the store
    /// created it from a connection string.
    /// </summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _balances.DisposeAsync().ConfigureAwait(false);
        if (_ownsDataSource)
        {
            await _database.DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The PostgreSQL connection string is invalid: {ex.Message}", nameof(connectionString), ex);
        }

        var settings = builder.ConnectionStringBuilder;
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "Loyalty.PostgreSql";
        }

        // The store manages its own transactions; enlisting in an ambient TransactionScope would break them. (Npgsql's
        // builder reports every keyword as present, so the caller's own keywords are read with the generic builder.)
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Enlist"))
        {
            settings.Enlist = false;
        }

        // Only the store uses this pool, and it leaves no session state on a connection (its locks and settings are
        // transaction-scoped; Npgsql still rolls back a transaction left open), so a connection returned to the pool
        // needs no reset: without this, every operation's first command carries Npgsql's seven reset statements.
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        builder.Name = "Loyalty.PostgreSql";
        return builder.Build();
    }

    private async ValueTask<NpgsqlDataReader> SnapshotReaderAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await _database.PrepareAsync(command, cancellationToken).ConfigureAwait(false);
            return await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreErrors.IsProviderFailure(ex))
        {
            throw _database.Fail(ex, "streaming snapshots");
        }
    }

    private async ValueTask<SnapshotRow?> NextSnapshotAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        try
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            const int balance = MembersTable.SelectCount;
            const int expiry = balance + 6;
            return new SnapshotRow(MembersTable.Read(reader, 0), BalancesTable.Read(reader, balance), reader.NullableDate(expiry), reader.NullableInt64OrZero(expiry + 1));
        }
        catch (Exception ex) when (StoreErrors.IsProviderFailure(ex))
        {
            throw _database.Fail(ex, "streaming snapshots");
        }
    }

    /// <summary>Runs one read on a pooled connection, outside any transaction, with the state as a value (no closure).</summary>
    private async ValueTask<T> ReadAsync<TArgs, T>(ProgramId programId, MemberId memberId, TArgs args, string operation, Func<Session, ProgramId, MemberId, TArgs, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(operation, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await read(new Session(_database, connection, null), programId, memberId, args, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreErrors.IsProviderFailure(ex))
            {
                throw _database.Fail(ex, operation);
            }
        }
    }
}

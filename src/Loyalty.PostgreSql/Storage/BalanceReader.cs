using Loyalty.Ledger;
using Loyalty.Storage.PostgreSql.Tables;
using Npgsql;

namespace Loyalty.Storage.PostgreSql.Storage;

/// <summary>
/// One open connection with the balance read prepared on it and its parameters bound by reference: a read sets the
/// values (<see cref="Bind"/>) and runs it, one round trip and nothing else (a second one, for whether the member exists,
/// only when the member has no balance row for the account). Used by one caller at a time (see <see cref="BalanceReaders"/>).
/// </summary>
internal sealed class BalanceReader : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlCommand _memberExists;
    private readonly NpgsqlParameter<string> _program;
    private readonly NpgsqlParameter<string> _member;
    private readonly NpgsqlParameter<string> _account;

    private BalanceReader(StoreDatabase database, NpgsqlConnection connection)
    {
        _connection = connection;
        _command = database.Command(connection, database.Statements.Balances.GetOfMember);
        _program = Param.Text(string.Empty);
        _member = Param.Text(string.Empty);
        _account = Param.Text(string.Empty);
        _command.Parameters.Add(_program);
        _command.Parameters.Add(_member);
        _command.Parameters.Add(_account);
        _memberExists = database.Command(connection, database.Statements.Balances.MemberExists);
        _memberExists.Parameters.Add(Param.Text(string.Empty));
        _memberExists.Parameters.Add(Param.Text(string.Empty));
    }

    /// <summary>Gets a value indicating whether the reader has run a read before (its connection may have gone stale since).</summary>
    public bool Used { get; private set; }

    public static async ValueTask<BalanceReader> OpenAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync("reading a balance", cancellationToken).ConfigureAwait(false);
        var reader = new BalanceReader(database, connection);
        try
        {
            await database.PrepareAsync(reader._command, cancellationToken).ConfigureAwait(false);
            await database.PrepareAsync(reader._memberExists, cancellationToken).ConfigureAwait(false);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sets the values of the balance read and returns its command, for the caller to run (in its own asynchronous
    /// method: one fewer to suspend, and to allocate, when the server's answer is not there yet).
    /// </summary>
    public NpgsqlCommand Bind(ProgramId programId, MemberId memberId, AccountName account)
    {
        Used = true;
        _program.TypedValue = programId.Value;
        _member.TypedValue = memberId.Value;
        _account.TypedValue = account.Value;
        return _command;
    }

    /// <summary>
    /// What the read answers when the member has no balance row for the account: zeros if the member exists,
    /// <see langword="null"/> when it does not.
    /// </summary>
    public async ValueTask<PointsBalance?> ReadWithoutRowAsync(ProgramId programId, MemberId memberId, CancellationToken cancellationToken)
    {
        // A parameter belongs to one command: the existence query has its own, set only on this rare path.
        _memberExists.Parameters[0].Value = programId.Value;
        _memberExists.Parameters[1].Value = memberId.Value;
        return await _memberExists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null ? null : default(PointsBalance);
    }

    /// <summary>Returns the connection to the data source's pool.</summary>
    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync().ConfigureAwait(false);
        await _memberExists.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
